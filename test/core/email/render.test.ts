import { beforeAll, describe, expect, it } from 'vitest';
import mjml2html from 'mjml';
import { loadEmailTemplates } from '../../../src/adapters/mail/templates.js';
import { emailEngines, MjmlTemplateError } from '../../../src/core/email/engine.js';
import { MissingTemplateError, renderEmail } from '../../../src/core/email/render.js';
import type { EmailData, EmailKind, EmailTemplates, MailContent } from '../../../src/core/email/types.js';
import { viewFor } from '../../../src/core/email/view.js';
import { TemplateValueError } from '../../../src/core/report/engine.js';
import { disabled, failed, invalid, ready } from './fixtures.js';

let templates: EmailTemplates;

beforeAll(async () => {
  templates = await loadEmailTemplates();
});

const SCRIPT_NAME = 'Bad <script>alert("x")</script> Düben';

/** Every rendering the notifier can produce, with its name. */
function cases(): [string, EmailKind, EmailData[EmailKind]][] {
  return [
    ['ready', 'report-ready', ready],
    ['ready without colour', 'report-ready', { ...ready, primaryColor: undefined }],
    ['invalid', 'report-failed', invalid],
    ['invalid without report', 'report-failed', { ...invalid, validation: undefined }],
    [
      'invalid without link or reason',
      'report-failed',
      { event: 'analysis.invalid', gemeinde: 'Riesa', at: invalid.at, portalUrl: invalid.portalUrl },
    ],
    [
      'invalid with one warning only',
      'report-failed',
      {
        ...invalid,
        validation: {
          valid: false,
          errorCount: 0,
          warningCount: 1,
          files: [],
          issues: [{ severity: 'warning', code: 'x', file: 'pmk.csv', message: 'pmk.csv: leer.' }],
        },
      },
    ],
    ['failed', 'report-failed', failed],
    ['failed without reason', 'report-failed', { ...failed, reason: undefined }],
    ['endpoint retries', 'endpoint-disabled', disabled],
    ['endpoint gone', 'endpoint-disabled', { ...disabled, cause: 'gone', reason: 'HTTP 410 (Gone)' }],
    [
      'endpoint other, no gemeinde',
      'endpoint-disabled',
      { ...disabled, cause: 'other', gemeinde: undefined, reason: undefined },
    ],
  ];
}

/** Whitespace (including the text part's line wrapping) collapsed to single spaces. */
const norm = (t: string) => t.replace(/\s+/g, ' ');

function allText(m: MailContent): string {
  return `${m.subject}\n${m.html}\n${m.text}`;
}

describe('renderEmail: every kind and variant', () => {
  it.each(cases())(
    '%s: German, complete, no undefined/NaN/[object Object], valid MJML',
    (_name, kind, data) => {
      const mail = renderEmail(kind, data, templates);
      expect(mail.subject.length).toBeGreaterThan(10);
      expect(mail.subject).not.toMatch(/[\r\n]/);
      for (const bad of ['undefined', 'NaN', '[object Object]', 'null'])
        expect(allText(mail)).not.toContain(bad);
      expect(mail.html).toContain('<html lang="de"');
      expect(mail.html).toContain(
        'Landespräventionsrat Sachsen · Allianz Sichere Sächsische Kommunen (ASSKomm)',
      );
      expect(mail.text).toContain(
        'Landespräventionsrat Sachsen · Allianz Sichere Sächsische Kommunen (ASSKomm)',
      );
      expect(mail.text).toMatch(/^Guten Tag,$/m);
      expect(mail.text).toContain('\n-- \n');
      // plain text: no HTML, no template syntax, wrapped
      expect(mail.text).not.toMatch(/<\/?(p|div|br|strong|a|mj-[a-z]+)\b/);
      expect(allText(mail)).not.toMatch(/<%|%>/);
      for (const line of mail.text.split('\n'))
        if (!/https?:\/\//.test(line)) expect(line.length).toBeLessThanOrEqual(76);
      // no web fonts or other remote resources (privacy, offline clients)
      expect(mail.html).not.toContain('fonts.googleapis');
      expect(mail.html).not.toMatch(/<(img|link|script)\b/i);

      // the intermediate MJML passes mjml's own validator without a single finding
      const view = viewFor(kind, data);
      const source = emailEngines(templates).html.render(`@${kind}.mjml`, view);
      expect(mjml2html(source, { validationLevel: 'soft', ignoreIncludes: true }).errors).toEqual([]);
    },
  );
});

describe('report-ready', () => {
  it('names the municipality, the version and the portal link in subject, HTML and text', () => {
    const mail = renderEmail('report-ready', ready, templates);
    expect(mail.subject).toBe('Sicherheitsanalyse Großenhain: Bericht (Version 3) ist fertig');
    expect(norm(mail.text)).toContain(
      'der Bericht zur Sicherheitsanalyse Großenhain ist fertig: Version 3, erstellt am 12.05.2026, 10:30 MESZ.',
    );
    expect(mail.text).toContain(
      'Bericht im Portal öffnen:\nhttps://portal.example/portal/#/analyse/14627060/sia-2026/version/3\n',
    );
    expect(mail.html).toContain('href="https://portal.example/portal/#/analyse/14627060/sia-2026/version/3"');
    expect(mail.html).toContain('<strong>Version 3</strong>, erstellt am 12.05.2026, 10:30 MESZ.');
    expect(mail.html).toContain(
      '<title>Sicherheitsanalyse Großenhain: Bericht (Version 3) ist fertig</title>',
    );
  });

  it('uses the brand colour for the header band and the button, with readable text on it', () => {
    const mail = renderEmail('report-ready', ready, templates);
    expect(mail.html.match(/#7A1E48/g)?.length).toBeGreaterThanOrEqual(3);
    expect(mail.html).toContain('color:#FFFFFF');

    const light = renderEmail('report-ready', { ...ready, primaryColor: '#ffe600' }, templates);
    expect(light.html).toContain('#FFE600');
    expect(light.html).toContain('color:#1A1A1A');
    // a light brand colour is not used for links on white (contrast); the LPR blue is
    expect(light.html).toMatch(/color: #005CA9; word-break/);
  });

  it('falls back to the LPR blue for a missing or malformed colour (no CSS injection)', () => {
    const mail = renderEmail(
      'report-ready',
      { ...ready, primaryColor: 'red;background:url(https://evil.example/x)' },
      templates,
    );
    expect(mail.html).toContain('#005CA9');
    expect(mail.html).not.toContain('evil.example');
    expect(renderEmail('report-ready', { ...ready, primaryColor: undefined }, templates).html).toContain(
      '#005CA9',
    );
    expect(renderEmail('report-ready', { ...ready, primaryColor: '#abc' }, templates).html).toContain(
      '#AABBCC',
    );
  });

  it('escapes <script> in the municipality name in the HTML and keeps it literal in the text', () => {
    const mail = renderEmail('report-ready', { ...ready, gemeinde: SCRIPT_NAME }, templates);
    expect(mail.html).not.toMatch(/<script/i);
    expect(mail.html).toContain('Bad &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Düben');
    expect(mail.subject).toBe(
      'Sicherheitsanalyse Bad <script>alert("x")</script> Düben: Bericht (Version 3) ist fertig',
    );
    expect(mail.text).toContain('Bad <script>alert("x")</script> Düben');
  });

  it('flattens line breaks and strips control and bidi characters from user values', () => {
    const mail = renderEmail(
      'report-ready',
      { ...ready, gemeinde: 'Groß\r\nBcc: x@evil.example\u202E\u0000enhain' },
      templates,
    );
    expect(mail.subject).toBe(
      'Sicherheitsanalyse Groß Bcc: x@evil.example enhain: Bericht (Version 3) ist fertig',
    );
    expect(allText(mail)).not.toMatch(/[\u0000\u202E]/);
  });

  it('rejects links that are not http(s) and versions that are not positive integers', () => {
    expect(() =>
      renderEmail('report-ready', { ...ready, reportUrl: 'javascript:alert(1)' }, templates),
    ).toThrow(/http\(s\)/);
    expect(() =>
      renderEmail('report-ready', { ...ready, reportUrl: 'https://user:pw@portal.example/' }, templates),
    ).toThrow(/credentials/);
    expect(() => renderEmail('report-ready', { ...ready, version: Number.NaN }, templates)).toThrow(
      /positive integer/,
    );
    expect(() => renderEmail('report-ready', { ...ready, version: 0 }, templates)).toThrow(
      /positive integer/,
    );
  });

  it('escapes quotes in link attributes', () => {
    const mail = renderEmail(
      'report-ready',
      { ...ready, reportUrl: 'https://portal.example/a?q="><script>x</script>' },
      templates,
    );
    expect(mail.html).not.toMatch(/<script/i);
    expect(mail.html).toContain('href="https://portal.example/a?q=%22%3E%3Cscript%3Ex%3C/script%3E"');
  });
});

describe('report-failed for analysis.invalid', () => {
  it('has a German subject with the counts', () => {
    expect(renderEmail('report-failed', invalid, templates).subject).toBe(
      'Sicherheitsanalyse Großenhain: Daten fehlerhaft, Bericht nicht erstellt (11 Fehler, 2 Warnungen)',
    );
  });

  it('lists the first 10 problems (errors first) with file, row, column, value and expected in the text', () => {
    const { text } = renderEmail('report-failed', invalid, templates);
    expect(text).toContain('Ergebnis der Prüfung: 11 Fehler, 2 Warnungen.\nDie ersten 10 Beanstandungen:');
    expect(text).toContain(
      ' 1. Fehler · Datei: befragung.csv · Zeile: 17 · Spalte:\n    „sg_wohngegend_nacht“\n    Wert: „<img src=x onerror=alert(1)>“ · Erwartet: 1–4, 8, 9 oder leer',
    );
    expect(text).toContain(
      ' 2. Fehler · Datei: befragung.csv · Zeile: 1.017 · Spalte:\n    „sg_wohngegend_nacht“\n    Wert: „6“ · Erwartet: 1–4, 8, 9 oder leer',
    );
    expect(text).toContain('10. Fehler · Datei: befragung.csv · Zeile: 9.017');
    expect(text).not.toContain('Zeile: 10.017'); // the 11th error is not listed
    expect(text).not.toContain('Datei: analyse.json'); // warnings come after the errors
    expect(text).toContain('Weitere 3 Beanstandungen stehen im vollständigen Prüfbericht.');
    expect(text).toContain(
      'Vollständigen Prüfbericht öffnen:\nhttps://portal.example/portal/#/analyse/14627060/sia-2026/pruefbericht/job-1?x=1&y=2\n',
    );
  });

  it('lists the same problems in the HTML as an ordered list, values escaped', () => {
    const { html } = renderEmail('report-failed', invalid, templates);
    expect(html).toContain(
      '<strong>Ergebnis der Prüfung:</strong> 11 Fehler, 2 Warnungen. Die ersten 10 Beanstandungen:',
    );
    expect(html).toMatch(/<ol[^>]*>/);
    expect(html.match(/<li\b/g)).toHaveLength(10);
    expect(html).toContain(
      '<strong>Fehler</strong> · Datei: befragung.csv · Zeile: 17 · Spalte: „sg_wohngegend_nacht“<br>Wert: „&lt;img src=x onerror=alert(1)&gt;“ · Erwartet: 1–4, 8, 9 oder leer',
    );
    expect(html).toContain('Zeile: 1.017');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain(
      'href="https://portal.example/portal/#/analyse/14627060/sia-2026/pruefbericht/job-1?x=1&amp;y=2"',
    );
  });

  it('shows the message for problems without value and expected, and says "Alle" when everything fits', () => {
    const report = {
      valid: false,
      errorCount: 1,
      warningCount: 1,
      files: [],
      issues: [invalid.validation!.issues[0]!, invalid.validation!.issues[1]!],
    };
    const { text, html } = renderEmail('report-failed', { ...invalid, validation: report }, templates);
    expect(text).toContain('Alle 2 Beanstandungen:');
    expect(text).toContain(
      ' 2. Warnung · Datei: analyse.json\n    Meldung: analyse.json: Unbekannter Schlüssel „farbe“ wird ignoriert.',
    );
    expect(html).toContain(
      '<strong>Warnung</strong> · Datei: analyse.json<br>Meldung: analyse.json: Unbekannter Schlüssel „farbe“ wird ignoriert.',
    );
    expect(text).not.toContain('Weitere');
  });

  it('without the validation report: the reason and a link to the analysis', () => {
    const { text } = renderEmail(
      'report-failed',
      { ...invalid, validation: undefined, pruefberichtUrl: undefined },
      templates,
    );
    expect(norm(text)).toContain('Grund: Die Daten enthalten 11 Fehler; siehe Prüfbericht.');
    expect(text).toContain(
      'Analyse im Portal öffnen:\nhttps://portal.example/portal/#/analyse/14627060/sia-2026\n',
    );
  });
});

describe('report-failed for report.failed', () => {
  it('gives the reason and says the uploads are kept', () => {
    const mail = renderEmail('report-failed', failed, templates);
    expect(mail.subject).toBe('Sicherheitsanalyse Großenhain: Bericht konnte nicht erstellt werden');
    expect(norm(mail.text)).toContain(
      'Grund: Der Bericht konnte wegen eines internen Fehlers nicht erstellt werden. Das LPR-Team wurde informiert.',
    );
    expect(norm(mail.text)).toContain('Ihre hochgeladenen Dateien bleiben unverändert erhalten');
    expect(mail.html).toContain(
      '<strong>Grund:</strong> Der Bericht konnte wegen eines internen Fehlers nicht erstellt werden. Das LPR-Team wurde informiert.',
    );
    expect(mail.text).not.toContain('Beanstandungen');
  });
});

describe('endpoint-disabled', () => {
  it('names the endpoint, the reason and how to re-enable it', () => {
    const mail = renderEmail('endpoint-disabled', disabled, templates);
    expect(mail.subject).toBe('Webhook-Endpunkt deaktiviert: hooks.grossenhain.example');
    expect(mail.text).toContain('    https://hooks.grossenhain.example/sia?token=abc\n');
    expect(norm(mail.text)).toContain(
      'für Großenhain (AGS 14627060) wurde am 12.05.2026, 10:30 MESZ deaktiviert.',
    );
    expect(norm(mail.text)).toContain('Alle Zustellversuche nach dem Wiederholungsplan sind fehlgeschlagen');
    expect(norm(mail.text)).toContain('Grund: zuletzt HTTP 503 (Service Unavailable) nach 8 Versuchen');
    expect(mail.text).toContain('So aktivieren Sie den Endpunkt wieder:');
    expect(norm(mail.text)).toContain(
      'oder über die API mit POST /webhooks/14627060 – und löschen Sie den deaktivierten Eintrag.',
    );
    expect(mail.html).toContain('<code>POST /webhooks/14627060</code>');
    expect(mail.text).toContain(
      'Webhook-Einstellungen öffnen:\nhttps://portal.example/portal/#/webhooks/14627060\n',
    );
    expect(mail.html).toContain('href="https://portal.example/portal/#/webhooks/14627060"');
    // the endpoint URL is shown, never made a link
    expect(mail.html).not.toContain('href="https://hooks.grossenhain.example');
  });

  it('explains HTTP 410', () => {
    const mail = renderEmail(
      'endpoint-disabled',
      { ...disabled, cause: 'gone', reason: 'HTTP 410 (Gone)' },
      templates,
    );
    expect(norm(mail.text)).toContain('Der Empfänger hat mit dem HTTP-Status 410 (Gone) geantwortet.');
    expect(mail.text).not.toContain('Wiederholungsplan');
  });

  it('escapes a hostile endpoint URL', () => {
    const mail = renderEmail(
      'endpoint-disabled',
      { ...disabled, url: 'https://x.example/"><script>alert(1)</script>' },
      templates,
    );
    expect(mail.html).not.toMatch(/<script/i);
    expect(mail.html).toContain('https://x.example/&quot;&gt;&lt;script&gt;');
  });
});

describe('template errors are bugs and throw', () => {
  it('a missing template', () => {
    const { ['report-ready.txt']: _drop, ...rest } = templates;
    expect(() => renderEmail('report-ready', ready, rest)).toThrow(MissingTemplateError);
  });

  it('invalid MJML (strict validation)', () => {
    const broken = {
      ...templates,
      'report-ready.mjml': `<% layout('@layout.mjml') %><mj-text colour="red">x</mj-text>`,
    };
    expect(() => renderEmail('report-ready', ready, broken)).toThrow(MjmlTemplateError);
  });

  it('a template printing a non-string value', () => {
    const broken = { ...templates, 'report-ready.txt': `<% layout('@layout.txt') %><%= it.nothing %>` };
    expect(() => renderEmail('report-ready', ready, broken)).toThrow(TemplateValueError);
  });

  it('mj-include is ignored, so a template (or a value) cannot pull in files', () => {
    const sneaky = {
      ...templates,
      'report-ready.mjml': `<% layout('@layout.mjml') %><mj-include path="/etc/passwd" />`,
    };
    expect(renderEmail('report-ready', ready, sneaky).html).not.toContain('root:');
  });
});
