import { beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../../src/core/analysis/schema.js';
import { assembleReport, type AssembledReport } from '../../../src/core/report/assemble.js';
import { diffAnalyses } from '../../../src/core/changes/diff.js';
import type { ChangeSummary } from '../../../src/core/changes/schema.js';
import { sampleAnalysis } from '../../fixtures/analysis/sample-analysis.js';
import { correctedSample, type Mutable } from '../../fixtures/changes/corrected-sample.js';
import { baseInput, NBSP, tableRows, textOf } from './helpers.js';

const TITLE = 'Änderungen gegenüber Version 1';

let next: Analysis;
let summary: ChangeSummary;
let report: AssembledReport;
let text: string;

/** The chapter's text: from its heading to the next chapter. */
function chapterText(t: string): string {
  const start = t.indexOf(`${TITLE} Dies ist`);
  return t.slice(start, t.indexOf('2 Auftrag, Methode', start));
}

beforeAll(async () => {
  next = correctedSample();
  summary = diffAnalyses(sampleAnalysis, next, {
    fromVersion: 1,
    toVersion: 2,
    inputHashes: {
      previous: { 'befragung.csv': 'a', 'kriminalitaet.csv': 'b' },
      next: { 'befragung.csv': 'A', 'kriminalitaet.csv': 'B' },
    },
  });
  report = assembleReport(await baseInput(next, { changes: summary }));
  text = textOf(report.html);
});

describe('chapter "Änderungen gegenüber Version N"', () => {
  it('stands right after the summary as an unnumbered chapter in the TOC, and leaves the other chapters’ numbers alone', () => {
    const h1 = report.headings.filter((h) => h.level === 1).map((h) => h.title);
    expect(h1).toEqual([
      'Inhalt',
      '1 Zusammenfassung',
      TITLE,
      '2 Auftrag, Methode, Datengrundlagen',
      '3 Gebietsprofil',
      '4 Objektive Sicherheitslage',
      '5 Subjektive Sicherheit',
      expect.stringMatching(/^6 Zusammenführung/),
      '7 Handlungsempfehlungen',
      '8 Anhang',
    ]);
    const toc = report.html.slice(
      report.html.indexOf('<ol class="toc">'),
      report.html.indexOf('</ol>', report.html.indexOf('<ol class="toc">')),
    );
    expect(toc).toContain(`>${TITLE}</a>`);
    const at = (title: string) =>
      report.html.indexOf(`<h1 id="${report.headings.find((h) => h.title === title)?.id ?? 'missing'}"`);
    expect(at('1 Zusammenfassung')).toBeGreaterThan(0);
    expect(at('1 Zusammenfassung')).toBeLessThan(at(TITLE));
    expect(at(TITLE)).toBeLessThan(at('2 Auftrag, Methode, Datengrundlagen'));
  });

  it('names the corrected files', () => {
    expect(chapterText(text)).toContain('Korrigiert wurden die Dateien befragung.csv und kriminalitaet.csv.');
  });

  it('prints the changed HZ and case count of the area in German number format', () => {
    const rows = tableRows(report.html, 'Größte Änderungen der polizeilich registrierten Kriminalität').map(
      (r) => textOf(r).trim(),
    );
    expect(rows[0]).toBe('Delikt Gebiet Jahr Kennzahl Version 1 Version 2 Änderung');
    expect(rows[1]).toBe('Straftaten insgesamt Altstadt 2024 Fälle 606 636 +30');
    expect(rows[2]).toBe(`Häufigkeitszahl 9.451,0 9.918,9 +5,0${NBSP}%`);
    expect(rows).toHaveLength(3);
  });

  it('prints the share that moved 2,3 percentage points', () => {
    const std = sampleAnalysis.survey.items['sg_wohngegend_nacht']!;
    const rows = tableRows(report.html, 'Größte Änderungen der Befragungsergebnisse').map((r) =>
      textOf(r).trim(),
    );
    const share = (t: typeof std.total) => ('suppressed' in t ? NaN : t.negativeShareWeighted);
    const before = (share(std.total) * 100).toFixed(1).replace('.', ',');
    const after = (share(next.survey.items['sg_wohngegend_nacht']!.total) * 100).toFixed(1).replace('.', ',');
    expect(rows[1]).toBe(
      `${std.label} (${std.negativeLabel}) alle Befragten ${before}${NBSP}% ${after}${NBSP}% +2,3${NBSP}Pp. 371`,
    );
  });

  it('prints the newly suppressed group without its case number', () => {
    const rows = tableRows(report.html, 'Geänderte Ausweisung von Gruppen').map((r) => textOf(r).trim());
    expect(rows[1]).toBe(
      `${sampleAnalysis.survey.items['sg_wohngegend_nacht']!.label} Am Mühlgraben ausgewiesen nicht ausgewiesen (zu geringe Fallzahl)`,
    );
    expect(rows[1]).not.toMatch(/\b9\b/);
  });

  it('lists the added and the dropped recommendation', () => {
    const rows = tableRows(report.html, 'Geänderte Handlungsempfehlungen').map((r) => textOf(r).trim());
    expect(rows.slice(1)).toEqual([
      'Beleuchtung der Wege verbessern Städtebau neu (Priorität hoch)',
      'Über die tatsächliche Kriminalitätsentwicklung informieren Kommunikation entfallen',
    ]);
  });

  it('shows the counts at a glance and points to changes.json', () => {
    const t = chapterText(text);
    expect(t).toContain('1 Kennzahlen der Kriminalstatistik verändert');
    expect(t).toContain('+1 / −1 Handlungsempfehlungen neu / entfallen');
    expect(t).toContain('changes.json');
  });

  it('prints changed headline figures with German thousands separators', async () => {
    const more = correctedSample() as Mutable<Analysis>;
    more.survey.respondents = 1_381;
    const s = diffAnalyses(sampleAnalysis, more as Analysis, { fromVersion: 1, toVersion: 2 });
    const t = textOf(assembleReport(await baseInput(more as Analysis, { changes: s })).html);
    expect(t).toContain('Befragte: 380 in Version 1, jetzt 1.381');
    expect(t).toContain('Welche Dateien gegenüber Version 1 geändert wurden, ist nicht bekannt.');
  });

  it('summarises added and resolved validation warnings', async () => {
    const w = correctedSample() as Mutable<Analysis>;
    w.warnings = [
      w.warnings[1]!,
      {
        code: 'fehlender-wert',
        file: 'pks.csv',
        row: 1_234,
        column: 'faelle',
        message: 'pks.csv, Zeile 1234, Spalte „faelle“: Wert fehlt.',
      },
    ];
    const s = diffAnalyses(sampleAnalysis, w as Analysis, { fromVersion: 1, toVersion: 2 });
    const html = assembleReport(await baseInput(w as Analysis, { changes: s })).html;
    expect(textOf(html)).toContain(
      'Die Datenprüfung ergab einen neuen Hinweis; ein Hinweis aus Version 1 ist entfallen.',
    );
    const rows = tableRows(html, 'Geänderte Hinweise aus der Datenprüfung').map((r) => textOf(r).trim());
    expect(rows.slice(1)).toEqual([
      'pks.csv 1234 Wert fehlt. neu',
      expect.stringMatching(/^befragung\.csv 117 Wert „112“ ist unplausibel.* entfallen$/),
    ]);
  });

  it('lists its tables under the chapter in the list of tables', () => {
    expect(text).toMatch(
      /Tabelle \d+: Größte Änderungen der polizeilich registrierten Kriminalität gegenüber Version 1 \(Änderungen\)/,
    );
  });

  it('escapes everything it prints', async () => {
    const evil = correctedSample() as Mutable<Analysis>;
    evil.recommendations.find((r) => r.id === 'beleuchtung')!.title = '<script>alert(1)</script> & „Licht“';
    const s = diffAnalyses(sampleAnalysis, evil as Analysis, { fromVersion: 1, toVersion: 2 });
    const html = assembleReport(await baseInput(evil as Analysis, { changes: s })).html;
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; „Licht“');
  });

  it('says so when nothing moved, and is absent without a previous version', async () => {
    const same = diffAnalyses(sampleAnalysis, structuredClone(sampleAnalysis), {
      fromVersion: 3,
      toVersion: 4,
      inputHashes: { previous: { 'a.csv': 'x' }, next: { 'a.csv': 'x' } },
    });
    const t = textOf(assembleReport(await baseInput(sampleAnalysis, { changes: same })).html);
    expect(t).toContain('Änderungen gegenüber Version 3 Dies ist Version 4 des Berichts.');
    expect(t).toContain('Die übermittelten Dateien sind unverändert; der Bericht wurde neu erstellt.');
    expect(t).toContain(
      'Gegenüber Version 3 hat sich keine der im Bericht ausgewiesenen Kennzahlen über die Schwellen hinaus verändert',
    );
    const plain = assembleReport(await baseInput(sampleAnalysis));
    expect(plain.headings.some((h) => h.title.startsWith('Änderungen'))).toBe(false);
  });
});
