import { beforeAll, describe, expect, it } from 'vitest';
import { assembleReport, fillTocPages, type AssembledReport } from '../../../src/core/report/assemble.js';
import { tocPlaceholders } from '../../../src/core/report/toc.js';
import { sampleAnalysis } from '../../fixtures/analysis/sample-analysis.js';
import {
  baseInput,
  cloneSample,
  markupOf,
  NBSP,
  stubChart,
  tableRows,
  textOf,
  unescapeHtml,
} from './helpers.js';

const CHAPTERS = [
  '1 Zusammenfassung',
  '2 Auftrag, Methode, Datengrundlagen',
  '3 Gebietsprofil',
  '4 Objektive Sicherheitslage',
  '5 Subjektive Sicherheit',
  '6 Zusammenführung subjektiv – objektiv',
  '7 Handlungsempfehlungen',
  '8 Anhang',
];

let report: AssembledReport;
let text: string;

beforeAll(async () => {
  report = assembleReport(await baseInput());
  text = textOf(report.html);
});

function htmlHeadings(html: string): { level: number; id: string; title: string }[] {
  return [...html.matchAll(/<h([1-6]) id="([^"]+)">([\s\S]*?)<\/h\1>/g)].map((m) => ({
    level: Number(m[1]),
    id: m[2] ?? '',
    title: unescapeHtml((m[3] ?? '').replace(/<[^>]+>/g, ''))
      .replace(/\s+/g, ' ')
      .trim(),
  }));
}

describe('assembleReport: structure', () => {
  it('prints every chapter of the outline, in order, as a numbered h1', () => {
    const h1 = report.headings.filter((h) => h.level === 1).map((h) => h.title);
    expect(h1).toEqual(['Inhalt', ...CHAPTERS]);
  });

  it('returns exactly the headings of the HTML, in document order', () => {
    expect(htmlHeadings(report.html)).toEqual(
      report.headings.map((h) => ({ level: h.level, id: h.id, title: h.title })),
    );
  });

  it('has a clean h1–h3 hierarchy: starts with h1, never skips a level, no h4–h6', () => {
    const levels = report.headings.map((h) => h.level);
    expect(levels[0]).toBe(1);
    expect(Math.max(...levels)).toBeLessThanOrEqual(3);
    for (let i = 1; i < levels.length; i++)
      expect((levels[i] ?? 0) - (levels[i - 1] ?? 0)).toBeLessThanOrEqual(1);
    expect(report.html).not.toMatch(/<h[4-6][\s>]/);
  });

  it('numbers headings hierarchically so every title (= PDF bookmark) is unique', () => {
    const titles = report.headings.map((h) => h.title);
    expect(new Set(titles).size).toBe(titles.length);
    expect(new Set(report.headings.map((h) => h.id)).size).toBe(titles.length);
    expect(titles).toContain('5.2 Sicherheitsgefühl');
    expect(titles).toContain('5.3.1 Affektive Dimension: Angst und Beunruhigung');
    expect(titles).toContain(
      '6.1.1 Wohnungseinbruch (ziemlich/sehr beunruhigt) und Wohnungseinbruchdiebstahl',
    );
    for (const h of report.headings.slice(1)) {
      expect(h.title).toMatch(new RegExp(`^\\d+(\\.\\d+){${h.level - 1}} \\S`));
    }
  });

  it('has the sections the brief asks for', () => {
    const titles = report.headings.map((h) => h.title.replace(/^[\d.]+ /, ''));
    for (const t of [
      'Kernbefunde',
      'Vorrangige Handlungsempfehlungen',
      'Befragung und Stichprobe',
      'Gewichtung',
      'Statistische Genauigkeit',
      'Datenschutz und Mindestfallzahlen',
      'Umgang mit „weiß nicht“ und fehlenden Angaben',
      'Polizeiliche Daten: Aussagekraft und Grenzen',
      'Hinweise aus der Datenprüfung',
      'Deliktsbereiche',
      'Vergleich mit Kreis und Land',
      'Politisch motivierte Kriminalität',
      'Ordnungswidrigkeiten',
      'Lebensqualität',
      'Kriminalitätsfurcht',
      'Probleme im Wohnumfeld (Incivilities)',
      'Angsträume',
      'Opfererfahrungen und Anzeigeverhalten',
      'Polizei, Ordnungsamt und Verwaltung',
      'Nachbarschaft',
      'Wahrgenommene und registrierte Kriminalitätsentwicklung',
      'Ergebnisse nach Teilgebieten und Gruppen',
      'Diskrepanzmatrix',
      'Kriminalitätsfurcht-Paradox',
      'Tabellenband',
      'Fragen und Antwortskalen',
      'Glossar',
      'Angaben zur Erstellung',
    ]) {
      expect(titles).toContain(t);
    }
  });

  it('sets the document language, title, author and the CSP, and contains no script at all', () => {
    expect(report.html.startsWith('<!DOCTYPE html>\n<html lang="de">')).toBe(true);
    expect(report.html).toContain('<title>Sicherheitsanalyse Musterstadt 2025</title>');
    expect(report.title).toBe('Sicherheitsanalyse Musterstadt 2025');
    expect(report.author).toBe('Landespräventionsrat Sachsen / Musterstadt');
    expect(report.html).toContain(
      '<meta name="author" content="Landespräventionsrat Sachsen / Musterstadt">',
    );
    expect(report.html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:">`,
    );
    expect(report.html.indexOf('Content-Security-Policy')).toBeLessThan(report.html.indexOf('<style>'));
    for (const doc of [report.html, report.headerTemplate, report.footerTemplate]) {
      expect(doc).not.toMatch(/<script/i);
      expect(doc).not.toMatch(/\son[a-z]+\s*=/i);
      expect(doc).not.toMatch(/javascript:/i);
    }
    expect(report.html).not.toMatch(/<%|%>/);
  });

  it('is deterministic', async () => {
    expect(assembleReport(await baseInput()).html).toBe(report.html);
  });
});

describe('assembleReport: table of contents with page slots for the printer', () => {
  const tocCells = (html: string) =>
    [...html.matchAll(/<span class="toc-page">([^<]*)<\/span>/g)].map((m) => m[1]);
  const listed = () => report.headings.filter((h) => h.level <= 2 && h.title !== 'Inhalt');

  it('prints a placeholder of three cycling digits in each slot, per level', () => {
    const cells = tocCells(report.html);
    expect(cells.length).toBe(listed().length);
    expect(cells).toEqual(tocPlaceholders(listed().map((h) => h.level)));
    expect(cells.every((c) => /^\d{3}$/.test(c ?? ''))).toBe(true);
  });

  it('takes the printed pages into the HTML by link target, and changes nothing else', () => {
    const pages = new Map(listed().map((h, i) => [h.id, i + 3]));
    const filled = fillTocPages(report.html, pages);
    const cells = tocCells(filled);
    expect(cells).toEqual(listed().map((_, i) => String(i + 3)));
    const strip = (html: string) =>
      html.replace(/<span class="toc-page">[^<]*<\/span>/g, '<span class="toc-page"></span>');
    expect(strip(filled)).toBe(strip(report.html));
  });

  it('links every entry to its heading', () => {
    const hrefs = [...report.html.matchAll(/<a class="toc-title" href="#([^"]+)">/g)].map((m) => m[1]);
    const ids = new Set(report.headings.map((h) => h.id));
    expect(hrefs.length).toBeGreaterThan(40);
    for (const h of hrefs) expect(ids.has(h ?? '')).toBe(true);
  });
});

describe('assembleReport: figures and tables', () => {
  it('numbers tables 1..n in document order, each with a caption and header cells with scope', () => {
    const labels = [...report.html.matchAll(/<caption><span class="label">Tabelle (\d+):<\/span>/g)].map(
      (m) => Number(m[1]),
    );
    expect(labels.length).toBeGreaterThan(40);
    expect(labels).toEqual(labels.map((_, i) => i + 1));
    expect((report.html.match(/<table /g) ?? []).length).toBe(labels.length);
    expect(report.html).not.toMatch(/<th(?=[\s>])(?![^>]*scope=)[^>]*>/);
  });

  it('places every chart exactly once as a numbered figure: a group named by its caption around <svg role="img" aria-label>', async () => {
    const input = await baseInput();
    const figures = [
      ...report.html.matchAll(
        /<figure id="([^"]+)" role="group" aria-labelledby="\1-caption">\s*<div class="chart"><svg role="img" aria-label="([^"]+)" focusable="false"[\s\S]*?<figcaption id="\1-caption"><span class="label">Abbildung (\d+):<\/span> ([^<]+)<\/figcaption>/g,
      ),
    ];
    expect(figures.length).toBe(input.charts.length);
    expect(figures.map((f) => Number(f[3]))).toEqual(input.charts.map((_, i) => i + 1));
    expect(new Set(figures.map((f) => f[4]))).toEqual(new Set(input.charts.map((c) => c.title)));
    expect(figures.every((f) => (f[2] ?? '').startsWith('Textalternative zu '))).toBe(true);
  });

  it('puts charts into their sections', () => {
    const at = (id: string) => report.html.indexOf(`aria-label="Textalternative zu ${id}"`);
    const heading = (title: string) => report.html.indexOf(`${title}</h`);
    expect(at('befragung-ort-tageszeit')).toBeGreaterThan(heading('Sicherheitsgefühl'));
    expect(at('befragung-ort-tageszeit')).toBeLessThan(heading('Kriminalitätsfurcht'));
    expect(at('pks-hz-vergleich')).toBeGreaterThan(heading('Vergleich mit Kreis und Land'));
    expect(at('pks-hz-vergleich')).toBeLessThan(heading('Politisch motivierte Kriminalität'));
    expect(at('vergleich-paradox')).toBeGreaterThan(heading('Kriminalitätsfurcht-Paradox'));
  });

  it('prints a chart without a known place in "Weitere Abbildungen" at the end of its chapter', async () => {
    const r = assembleReport(
      await baseInput(sampleAnalysis, { charts: [stubChart('etwas-ganz-neues', 'survey')] }),
    );
    const titles = r.headings.map((h) => h.title);
    expect(titles).toContain('5.12 Weitere Abbildungen');
    expect(titles.indexOf('5.12 Weitere Abbildungen')).toBe(
      titles.indexOf('6 Zusammenführung subjektiv – objektiv') - 1,
    );
    expect(r.html).toContain('Abbildung 1:</span> Grafik etwas-ganz-neues');
  });

  it('scopes the ids of inlined SVGs per chart, so clip paths of two charts do not collide', () => {
    const ids = [...report.html.matchAll(/<clipPath id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBe(11);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(report.html).toContain(`clip-path="url(#${id})"`);
  });

  it('lists all figures and tables in the appendix', () => {
    expect(text).toContain('Abbildung 11: Grafik vergleich-paradox (6.2)');
    expect(text).toContain('Tabelle 1: Vorrangige Handlungsempfehlungen (1.2)');
    const n = (re: RegExp) => (report.html.match(re) ?? []).length;
    expect(n(/<li>Abbildung \d+: /g)).toBe(11);
    // the table volume's tables are not listed one by one
    expect(n(/<li>Tabelle \d+: /g)).toBe(
      n(/<caption>/g) - n(/<caption>(?:(?!<\/caption>)[\s\S])*Tabellenband:/g),
    );
    expect(text).toMatch(
      /Die \d+ Tabellen des Tabellenbands \(Abschnitt 8\.1\) sind hier nicht einzeln aufgeführt\./,
    );
  });
});

describe('assembleReport: numbers and wording', () => {
  it('never prints NaN, undefined, null, Infinity or [object Object]', () => {
    for (const bad of ['NaN', 'undefined', 'null', 'Infinity', '[object Object]'])
      expect(text).not.toContain(bad);
    expect(report.headerTemplate + report.footerTemplate).not.toMatch(/NaN|undefined|null|\[object Object\]/);
  });

  it('prints key figures in German format', () => {
    // HZ 2025 of Straftaten insgesamt: 1528 × 100000 / 24812 = 6158.3
    expect(text).toContain('6.158,3');
    expect(text).toContain(
      `Im Jahr 2025 registrierte die Polizei in Musterstadt 1.528 Straftaten; das entspricht einer Häufigkeitszahl von 6.158,3 Fällen`,
    );
    // unfavourable share of sg_wohngegend_nacht, with its interval
    expect(text).toContain(
      `In der Wohngegend fühlen sich nachts 33,0${NBSP}% der Befragten eher oder sehr unsicher (95-%-Intervall 27,8–38,7${NBSP}%).`,
    );
    expect(text).toContain(`Aufklärungsquote lag bei 59,4${NBSP}%`);
    expect(text).toContain('24.812');
    // no "33.0 %", no "33%", and never a breaking space between a number and "%"
    expect(text).not.toMatch(/\d\.\d+\s?%/);
    expect(text).not.toMatch(/\d%/);
    expect(text).not.toMatch(/\d %/);
  });

  it('formats the date of the cover in German (Berlin time) and shows the version', async () => {
    expect(text).toContain('Stand: 25. November 2026');
    expect(text).toContain('Version 2');
    const late = assembleReport(
      await baseInput(sampleAnalysis, {
        meta: {
          version: 1,
          generatedAt: '2026-11-24T23:30:00Z',
          engineVersion: '0.1.0',
          templateVersion: 't',
        },
      }),
    );
    expect(textOf(late.html)).toContain('Stand: 25. November 2026');
  });

  it('shows suppressed groups as "zu geringe Fallzahl" without any figure', () => {
    const rows = tableRows(report.html, 'Zentrale Ergebnisse nach Teilgebieten');
    const wiesenau = rows.find((r) => r.includes('Wiesenau')) ?? '';
    expect(wiesenau).toContain('zu geringe Fallzahl');
    expect(textOf(wiesenau)).not.toMatch(/\d/);
    const volume = tableRows(report.html, 'Tabellenband: Sicherheitsgefühl (1/2)').filter((r) =>
      r.includes('Wiesenau'),
    );
    // too small for every item of that table: no row of its own, named in the note instead
    expect(volume.length).toBe(0);
    expect(text).toMatch(
      /Ohne eigene Zeile, weil bei allen Fragen dieser Tabelle zu wenige Antworten vorliegen: [^.]*Wiesenau/,
    );
  });

  it('puts limited values in parentheses with the footnote', () => {
    const rows = tableRows(report.html, 'Zentrale Ergebnisse nach Teilgebieten');
    const limited = rows.find((r) => r.includes('Am Mühlgraben')) ?? '';
    expect(textOf(limited)).toContain(`(48,3${NBSP}%)`);
    expect(text).toContain('Werte in Klammern: eingeschränkt aussagekräftig (n < 30).');
    const pair = tableRows(
      report.html,
      'Graffiti/Schmierereien (ziemliches/großes Problem) und Sachbeschädigung durch Graffiti nach Teilgebieten',
    );
    expect(textOf(pair.find((r) => r.includes('Am Mühlgraben')) ?? '')).toContain(`(55,8${NBSP}%)`);
    expect(textOf(pair.find((r) => r.includes('Altstadt')) ?? '')).toContain(`51,3${NBSP}%`);
    expect(textOf(pair.find((r) => r.includes('Altstadt')) ?? '')).not.toContain('(51,3');
  });

  it('prints the methods: sample, response rate, weighting, intervals, suppression, weiß nicht, warnings', () => {
    expect(text).toContain('Angeschrieben wurden 1.000');
    expect(text).toContain(`Rücklaufquote von 38,0${NBSP}%`);
    expect(text).toContain('Die Kalibrierung erreichte die Bevölkerungsverteilung nach 7 Iterationen');
    expect(text).toContain('Designeffekt nach Kish beträgt 1,31');
    expect(text).toContain('von 290 Personen (effektive Fallzahl)');
    // The stated bounds and the achieved range, both from analysis.json (weighting.bounds, weightMin/Max).
    expect(text).toContain(
      'Die Gewichte liegen zwischen dem 0,41- und dem 2,87-Fachen des mittleren Gewichts und damit innerhalb der Grenzen von 0,3 bis 3,0.',
    );
    expect(text).toContain('Grenzen der Gewichte (× mittleres Gewicht) 0,30 bis 3,00 (eingehalten)');
    expect(text).toContain(
      'ohne Angabe zum Geschlecht (8), mit der Angabe „divers“ (4) und ohne Altersangabe (8)',
    );
    expect(text).toContain('Wilson-Intervall');
    expect(text).toContain('weniger als 10 gültigen Antworten');
    expect(text).toContain('„Weiß nicht / kann ich nicht beurteilen“');
    expect(text).toContain('Wert „112“ ist unplausibel');
    expect(text).toContain('Hellfeld:');
    expect(text).toContain('Tatortprinzip:');
    expect(text).toContain('Einzelne Großverfahren:');
    expect(text).toContain('Bevölkerungsbasis:');
  });

  it('keeps PMK apart with its Eingangsstatistik note', () => {
    expect(text).toContain('Eingangsstatistik: nicht mit der PKS vergleichbar');
    expect(text).toContain('(Stand 2026-01-31)');
    const rows = tableRows(report.html, 'Politisch motivierte Kriminalität nach Phänomenbereichen');
    expect(textOf(rows.find((r) => r.includes('PMK -rechts-')) ?? '')).toContain('12 (2)');
  });

  it('prints each recommendation with type, field, priority, actors, areas, groups, triggers, evaluation and support', () => {
    const start = text.indexOf('7.1.1 Graffiti in der Altstadt zügig entfernen und Meldeweg einrichten');
    const block = text.slice(start, text.indexOf('7.1.2', start));
    for (const s of [
      'Priorität hoch',
      'spezifische Empfehlung',
      'Graffiti und Sachbeschädigung',
      'Bauhof, Polizeirevier, Ordnungsamt',
      'Gebiet Altstadt',
      'Eigentümerinnen und Eigentümer, Jugendliche',
      'Auslösende Befunde',
      `Sachbeschädigung durch Graffiti 2024: +45,1${NBSP}% gegenüber 2023.`,
      'Evaluation (Beccaria)',
      'Unterstützung',
      'RL KommPräv',
    ]) {
      expect(block).toContain(s);
    }
  });

  it('prints the comparison with the quadrant explanation and the paradox', () => {
    expect(text).toContain('Furcht ohne Hellfeld-Korrelat');
    expect(text).toContain('unterschätztes Risiko');
    expect(text).toContain('Rangkorrelation nach Spearman');
    expect(text).toContain('Rauschgiftdelikte sind Kontrolldelikte');
  });

  it('prints the glossary and the provenance box', () => {
    for (const term of [
      'Häufigkeitszahl (HZ)',
      'Aufklärungsquote (AQ)',
      'Hellfeld',
      'Dunkelfeld',
      'Polizeiliche Kriminalstatistik (PKS)',
      'Politisch motivierte Kriminalität (PMK)',
      'Tatortprinzip',
      'Kontrolldelikt',
      'Incivilities',
      'Kriminalitätsfurcht (affektiv, kognitiv, konativ)',
      'Kriminalitätsfurcht-Paradox',
      'Gewichtung',
      'Konfidenzintervall',
      'Effektive Fallzahl',
    ]) {
      expect(text).toContain(term);
    }
    expect(text).toContain('Auswertungsprogramm sia 0.1.0');
    expect(text).toContain('Berichtsvorlage tpl-test');
    expect(text).toContain('erstellt am 25.11.2026, 10:00 MEZ');
  });

  it('prints every item with code, question and scale labels in the item list', () => {
    const rows = tableRows(report.html, 'Ausgewertete Fragen');
    const sg = textOf(rows.find((r) => r.includes('sg_wohngegend_nacht')) ?? '');
    expect(sg).toContain('Wie sicher fühlen Sie sich nachts ohne Begleitung in Ihrer Wohngegend?');
    expect(sg).toContain('sehr sicher … sehr unsicher (4 Stufen)');
    expect(rows.length).toBe(Object.keys(sampleAnalysis.survey.items).length + 2 + 1); // header, items, extra group header + 1 extra
    const scales = tableRows(report.html, 'Antwortskalen').map((r) => textOf(r));
    expect(
      scales.some(
        (r) =>
          r.includes('1 sehr sicher · 2 eher sicher · 3 eher unsicher · 4 sehr unsicher') &&
          r.includes('eher/sehr unsicher'),
      ),
    ).toBe(true);
    expect(scales.length).toBe(
      1 + new Set(Object.values(sampleAnalysis.survey.items).map((i) => i.scale)).size,
    ); // header + one row per scale
  });
});

describe('assembleReport: validation warnings', () => {
  it('groups warnings of one kind, file and column into one row with their row numbers', async () => {
    const a = cloneSample();
    a.warnings = [
      ...Array.from({ length: 30 }, (_, i) => ({
        code: 'gesamt-abweichung',
        file: 'kriminalitaet.csv',
        row: 10 + i,
        column: 'faelle',
        message: `kriminalitaet.csv, Zeile ${10 + i}, Spalte „faelle“: Der Wert weicht ab.`,
      })),
      { code: 'unbekannte-datei', file: 'README.md', message: 'unbekannte Datei – wird nicht verwendet' },
    ];
    const rows = tableRows(assembleReport(await baseInput(a)).html, 'Hinweise aus der Datenprüfung').map(
      (r) => textOf(r).trim(),
    );
    expect(rows.length).toBe(3);
    expect(rows[1]).toBe(
      'kriminalitaet.csv 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21 und 18 weitere faelle Der Wert weicht ab. (30 gleichartige Hinweise; gezeigt ist der erste)',
    );
    expect(rows[2]).toBe('README.md – – unbekannte Datei – wird nicht verwendet');
  });
});

describe('assembleReport: sparse data', () => {
  it('renders an analysis without PMK, OWi, regional data, areas, trend, findings, recommendations and warnings', async () => {
    const a = cloneSample();
    a.pmk = null;
    a.owi = null;
    a.crime.regional = null;
    a.crime.flags = [];
    a.survey.invited = null;
    a.survey.responseRate = null;
    a.survey.perceivedTrend = null;
    a.survey.angstraeume = [];
    a.survey.extra = [];
    a.keyFindings = [];
    a.recommendations = [];
    a.warnings = [];
    a.comparison.pairs = [];
    a.comparison.paradox = {
      rows: [],
      present: null,
      summary: '',
      rho: null,
      p: null,
      cells: 0,
      minCellN: 30,
      highFear: [],
    };
    a.profile.indicators = [];
    a.meta.gebiete = [];
    a.profile.population.byArea = [];
    a.survey.sample.meanAge = null;
    for (const item of Object.values(a.survey.items)) item.byArea = {};
    a.crime.byArea = {};
    const r = assembleReport(await baseInput(a, { charts: [] }));
    const t = textOf(r.html);
    for (const bad of ['NaN', 'undefined', 'null', '[object Object]']) expect(t).not.toContain(bad);
    expect(r.headings.filter((h) => h.level === 1).map((h) => h.title)).toEqual(['Inhalt', ...CHAPTERS]);
    expect(t).toContain('eine Rücklaufquote lässt sich daher nicht angeben');
    expect(t).toContain(
      'Daten zur politisch motivierten Kriminalität wurden für diese Analyse nicht übermittelt',
    );
    expect(t).toContain('keine Kreistabelle des Bundeskriminalamts');
    expect(t).toContain('Die Prüfung der übermittelten Dateien ergab keine Hinweise');
    expect(t).toContain('Dieser Bericht enthält keine Abbildungen.');
    expect(r.html).not.toContain('<figure');
  });

  it('handles an analysis with only the standard item', async () => {
    const a = cloneSample();
    const std = a.survey.items['sg_wohngegend_nacht'];
    a.survey.items = std ? { sg_wohngegend_nacht: std } : {};
    a.survey.placeTime = a.survey.placeTime.filter((p) => p.item === 'sg_wohngegend_nacht');
    a.survey.fear = { items: { affektiv: [], kognitiv: [], konativ: [] }, bySexAge: [] };
    a.survey.incivilityRanking = [];
    a.survey.victimisation = [];
    a.survey.institutions = [];
    a.survey.neighbourhood = [];
    const r = assembleReport(await baseInput(a, { charts: [] }));
    const t = textOf(r.html);
    for (const bad of ['NaN', 'undefined', 'null', '[object Object]']) expect(t).not.toContain(bad);
    expect(t).toContain('Fragen zur Lebensqualität waren nicht Teil dieser Befragung.');
    expect(markupOf(r.html)).not.toContain('<th scope="rowgroup" colspan="5">Kriminalitätsfurcht');
  });
});
