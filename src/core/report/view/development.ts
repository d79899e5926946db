/**
 * Chapter "Entwicklung seit der Befragung <Jahr>" (issue 16), printed after the Zusammenfassung (and
 * after "Änderungen gegenüber Version N") when the analysis is a later wave: what changed since the
 * earlier survey and what did not, by the tests of the `development` block; the PKS over the combined
 * period; and for each recommendation of the earlier report its measure and whether its indicator moved.
 *
 * Like the changes chapter its headings are unnumbered (listed in the table of contents), so the
 * chapter numbers that the report's text refers to stay the same with and without it.
 */
import type { Analysis } from '../../analysis/schema.js';
import { formatChange, formatNumber, formatRate, MISSING } from '../../format/number.js';
import { waveLabel } from '../../waves/compare.js';
import type {
  CellChange,
  CrimeSeries,
  Development,
  Indicator,
  ItemChange,
  NotComparedReason,
  RecommendationEvaluation,
} from '../../waves/schema.js';
import { formatInterval, joinGerman, shareText } from '../text.js';
import { group, nd, rh, row, SectionBuilder, td, th, type BuildContext } from './builder.js';
import { pointsText } from './changes.js';
import { areaName } from './shared.js';
import type { Block, Cell, Row, Section } from './types.js';

export const DEVELOPMENT_CHAPTER_PREFIX = 'Entwicklung seit';

export function developmentChapterTitle(before: Development['before'] | null): string {
  return before
    ? `${DEVELOPMENT_CHAPTER_PREFIX} ${waveLabel(before)}`
    : `${DEVELOPMENT_CHAPTER_PREFIX} der früheren Befragung`;
}

/** "p = 0,012", "p < 0,001" */
export function pText(p: number): string {
  return p < 0.001 ? 'p < 0,001' : `p = ${formatNumber(p, 3)}`;
}

/** Column heading of a wave: its survey year, or its Berichtsjahr. */
const waveHead = (w: Development['before']): string =>
  w.surveyYear !== null ? `Befragung ${w.surveyYear}` : `Berichtsjahr ${w.berichtsjahr}`;
const waveYear = (w: Development['before']): string =>
  w.surveyYear !== null ? String(w.surveyYear) : `zum Berichtsjahr ${w.berichtsjahr}`;

function verdict(c: CellChange): string {
  if (c.status !== 'compared') return MISSING;
  if (!c.significant) return 'keine gesicherte Veränderung';
  return c.difference < 0 ? 'gesunken (gesichert)' : 'gestiegen (gesichert)';
}

function reasonText(reason: NotComparedReason, d: Development): string {
  const b = waveYear(d.before);
  const a = waveYear(d.after);
  switch (reason) {
    case 'hidden-before':
      return `nicht verglichen: ${b} nicht ausgewiesen`;
    case 'hidden-after':
      return `nicht verglichen: ${a} nicht ausgewiesen`;
    case 'hidden-both':
      return 'nicht verglichen: in beiden Befragungen nicht ausgewiesen';
    case 'missing-before':
      return `nicht verglichen: ${b} keine Angaben`;
    case 'missing-after':
      return `nicht verglichen: ${a} keine Angaben`;
  }
}

const share = (c: { negativeShareWeighted: number; limited: boolean }): string =>
  shareText(c.negativeShareWeighted, c.limited);
const ci = (c: { ci95: readonly [number, number]; limited: boolean }): string =>
  c.limited ? `(${formatInterval(c.ci95)})` : formatInterval(c.ci95);

/** Cells "vorher | Intervall | nachher | Intervall | Änderung | p (korrigiert) | Bewertung" of a compared cell. */
function changeCells(c: CellChange, d: Development): Cell[] {
  if (c.status !== 'compared') return [td(reasonText(c.reason, d), { colspan: 7, cls: 'suppressed' })];
  const lim = (x: boolean) => (x ? { cls: 'limited' } : {});
  return [
    nd(share(c.before), lim(c.before.limited)),
    nd(ci(c.before), lim(c.before.limited)),
    nd(share(c.after), lim(c.after.limited)),
    nd(ci(c.after), lim(c.after.limited)),
    nd(pointsText(c.difference)),
    nd(pText(c.pAdjusted)),
    td(verdict(c), c.significant ? { cls: 'total' } : {}),
  ];
}

function head(first: string, d: Development): Row[] {
  return [
    row([
      th(first),
      th(waveHead(d.before), { num: true }),
      th('95-%-Intervall', { num: true }),
      th(waveHead(d.after), { num: true }),
      th('95-%-Intervall', { num: true }),
      th('Änderung', { num: true }),
      th('p (korrigiert)', { num: true }),
      th('Bewertung'),
    ]),
  ];
}

function itemLabel(i: ItemChange): string {
  return i.negativeLabel ? `${i.label} (${i.negativeLabel})` : i.label;
}

/** An unnumbered sub-section (not in the table of contents). */
function subsection(ctx: BuildContext, title: string, fill: (b: SectionBuilder) => void): Block {
  const heading = ctx.numbering.plainHeading(2, title);
  const b = new SectionBuilder(ctx);
  fill(b);
  return { kind: 'section', section: { heading, blocks: b.blocks } };
}

const PNOTE =
  'p (korrigiert): p-Wert des Zwei-Stichproben-Tests, nach Benjamini-Hochberg über alle Vergleiche dieses Kapitels korrigiert; gesichert heißt p (korrigiert) unter 0,05.';

const isCompared = (c: CellChange): c is Extract<CellChange, { status: 'compared' }> =>
  c.status === 'compared';

function methodNote(d: Development): string[] {
  return [
    `Verglichen werden die Kernindikatoren und die Indikatoren der früheren Empfehlungen, jeweils für alle Befragten und je Gebiet: die gewichteten Anteile ungünstiger Antworten der beiden Befragungen, zwei unabhängige Stichproben. Getestet wird mit dem Zwei-Stichproben-z-Test für Anteile (gepoolte Varianz unter der Annahme gleicher Anteile), in dem die effektive Fallzahl nach Kish an die Stelle der Fallzahl tritt; so wird der Genauigkeitsverlust durch die Gewichtung berücksichtigt, wie in den 95-%-Intervallen.`,
    `Weil mit der Zahl der Vergleiche auch die Zahl zufälliger Treffer wächst, werden die p-Werte aller Vergleiche nach Benjamini-Hochberg korrigiert: Unter den als gesichert bezeichneten Veränderungen (korrigiertes p unter ${formatNumber(d.method.alpha, 2)}) ist im Mittel höchstens jede zwanzigste zufällig. Für die Indikatoren der früheren Empfehlungen gilt dieselbe Bewertung wie in den Tabellen.`,
    `Häufigkeitszahlen werden als Verhältnis der Raten der Jahre nach dem Berichtsjahr ${d.before.berichtsjahr} zu ebenso vielen Jahren davor verglichen (Quasi-Poisson: die Schwankung der Jahreswerte wird berücksichtigt), wenn jeder Zeitraum mindestens ${formatNumber(d.method.crimeMinCases)} Fälle hat.`,
    'Verglichen werden nur Werte, die beide Berichte ausweisen; eine Gruppe, die in einer der Befragungen zu klein war oder zum Schutz anderer Werte verdeckt ist, erhält auch hier keinen Wert. Gebiete werden über ihre Kennung, Fragen über den Fragenkatalog zugeordnet; was nicht zuzuordnen ist, steht im letzten Abschnitt.',
  ];
}

function headline(
  i: ItemChange,
  c: Extract<CellChange, { status: 'compared' }>,
  where: string,
  d: Development,
): string {
  const dir = c.difference < 0 ? 'gesunken' : 'gestiegen';
  return `${where}: Anteil „${i.negativeLabel || i.label}“ bei „${i.label}“ von ${share(c.before)} (${waveYear(d.before)}) auf ${share(c.after)} (${waveYear(d.after)}) ${dir} (${pointsText(c.difference)}, ${pText(c.pAdjusted)}).`;
}

function introBlocks(b: SectionBuilder, a: Analysis, d: Development): void {
  const name = a.meta.kommune.name;
  b.p(
    `Diese Sicherheitsanalyse wiederholt die Befragung ${waveYear(d.before)} in ${name} (Bericht „${d.before.titel}“, Berichtsjahr ${d.before.berichtsjahr}, ${formatNumber(d.before.respondents)} Befragte). Dieses Kapitel zeigt, was sich seitdem gesichert verändert hat und was nicht, wie sich die polizeilich registrierte Kriminalität über den gesamten Zeitraum entwickelt hat und ob sich die Indikatoren der damals empfohlenen Maßnahmen bewegt haben.`,
    'lead',
  );
  const s = d.summary;
  b.push({
    kind: 'facts',
    items: [
      { value: formatNumber(s.compared), label: 'Werte in beiden Befragungen verglichen' },
      { value: formatNumber(s.improved), label: 'gesichert gesunken (weniger ungünstige Antworten)' },
      { value: formatNumber(s.worsened), label: 'gesichert gestiegen (mehr ungünstige Antworten)' },
      { value: formatNumber(s.compared - s.significant), label: 'ohne gesicherte Veränderung' },
    ],
  });

  const changed: string[] = [];
  for (const i of d.items) {
    if (isCompared(i.total) && i.total.significant) changed.push(headline(i, i.total, 'Alle Befragten', d));
    for (const [id, c] of Object.entries(i.byArea))
      if (isCompared(c) && c.significant) changed.push(headline(i, c, areaName(a, id), d));
  }
  b.p(
    changed.length
      ? 'Gesichert verändert hat sich:'
      : `Gegenüber ${waveLabel(d.before)} hat sich keiner der verglichenen Werte gesichert verändert.`,
  );
  b.list(changed);

  const steady = d.items
    .filter((i) => i.core && isCompared(i.total) && !i.total.significant)
    .map((i) => `„${i.label}“`);
  if (steady.length)
    b.p(
      `Für alle Befragten ohne gesicherte Veränderung sind ${joinGerman(steady)}. Unterschiede dieser Werte zwischen den Befragungen liegen im Bereich der zufälligen Schwankung zweier Stichproben.`,
    );
}

function totalsTable(b: SectionBuilder, d: Development): void {
  const rows = d.items;
  b.table({
    caption: `Alle Befragten: Kernindikatoren und Indikatoren der früheren Empfehlungen, ${waveHead(d.before)} und ${waveHead(d.after)}`,
    head: head('Frage (ungünstige Antwort)', d),
    body: [group(rows.map((i) => row([rh(itemLabel(i)), ...changeCells(i.total, d)])))],
    notes: [
      'Gewichtete Anteile ungünstiger Antworten an den gültigen Antworten; Änderung in Prozentpunkten (Pp.). Werte in Klammern: eingeschränkt aussagekräftig.',
      PNOTE,
    ],
    cls: 'compact',
  });
}

/** Items shown by area: the standard indicator, every item with a significant area change, and the recommendations' survey indicators. */
function areaItems(d: Development): ItemChange[] {
  const indicators = new Set(
    d.recommendations.flatMap((r) =>
      r.indicators
        .filter((x) => x.kind === 'survey' && x.areaId !== null)
        .map((x) => (x.kind === 'survey' ? x.item : '')),
    ),
  );
  return d.items.filter(
    (i) =>
      Object.keys(i.byArea).length > 0 &&
      (i.code === 'sg_wohngegend_nacht' ||
        indicators.has(i.code) ||
        Object.values(i.byArea).some((c) => isCompared(c) && c.significant)),
  );
}

function areaTable(b: SectionBuilder, a: Analysis, d: Development, i: ItemChange): void {
  const rows = Object.entries(i.byArea).map(([id, c]) => row([rh(areaName(a, id)), ...changeCells(c, d)]));
  rows.push(row([rh('alle Befragten'), ...changeCells(i.total, d)], 'total'));
  b.table({
    caption: `${itemLabel(i)} nach Gebieten: ${waveHead(d.before)} und ${waveHead(d.after)}`,
    head: head('Gebiet', d),
    body: [group(rows)],
    notes: [PNOTE],
    cls: 'compact',
  });
}

function crimeRows(s: CrimeSeries): Row[] {
  return s.years.map((y) =>
    row([
      td(String(y.year)),
      nd(formatNumber(y.cases)),
      nd(formatRate(y.rate)),
      td(y.source === 'after' ? 'aktueller Bericht' : 'früherer Bericht'),
    ]),
  );
}

function periodCells(s: CrimeSeries): Cell[] {
  const p = s.period;
  if (!p) return [td('noch keine Jahre nach der früheren Befragung', { colspan: 5 })];
  const span = (ys: readonly number[]) =>
    ys.length ? `${ys[0]}–${ys[ys.length - 1]}`.replace(/^(\d+)–\1$/, '$1') : MISSING;
  const result =
    p.untested !== null
      ? p.untested
      : !p.significant
        ? `keine gesicherte Veränderung (${pText(p.pAdjusted ?? 1)})`
        : `${(p.rateRatio ?? 1) < 1 ? 'gesunken' : 'gestiegen'} (gesichert, ${pText(p.pAdjusted ?? 0)})`;
  return [
    nd(`${formatRate(p.beforeRate)} (${span(p.beforeYears)})`),
    nd(`${formatRate(p.afterRate)} (${span(p.afterYears)})`),
    nd(p.rateRatio === null ? MISSING : formatChange(p.rateRatio - 1)),
    nd(p.ci95 ? `${formatChange(p.ci95[0] - 1)} bis ${formatChange(p.ci95[1] - 1)}` : MISSING),
    td(result),
  ];
}

function crimeBlocks(b: SectionBuilder, a: Analysis, d: Development): void {
  const total = d.crime.series.find((s) => s.key === '------' && s.areaId === null);
  if (total)
    b.table({
      caption: `Straftaten insgesamt in ${a.meta.kommune.name} ${d.crime.years[0] ?? ''}–${d.crime.years[d.crime.years.length - 1] ?? ''}`,
      head: [
        row([th('Jahr'), th('Fälle', { num: true }), th('Häufigkeitszahl', { num: true }), th('Quelle')]),
      ],
      body: [group(crimeRows(total))],
      notes: [
        'Häufigkeitszahl: Fälle je 100.000 Einwohner. Jahre, die beide Berichte enthalten, mit den Zahlen des aktuellen Berichts.',
        ...(d.crime.revisions.length
          ? [
              `Für ${formatNumber(d.crime.revisions.length)} Werte (Jahr × Delikt oder Gebiet) weichen die Fallzahlen des aktuellen Berichts von denen des früheren ab (nachträgliche Korrekturen); verwendet sind die aktuellen.`,
            ]
          : []),
      ],
      cls: 'compact',
    });
  const compared = d.crime.series.filter((s) => s.period !== null);
  if (compared.length)
    b.table({
      caption: 'Häufigkeitszahlen vor und nach der früheren Befragung',
      head: [
        row([
          th('Delikt'),
          th('Gebiet'),
          th('vorher', { num: true }),
          th('nachher', { num: true }),
          th('Änderung', { num: true }),
          th('95-%-Intervall', { num: true }),
          th('Bewertung'),
        ]),
      ],
      body: [
        group(
          compared.map((s) =>
            row([
              rh(s.label),
              td(s.areaId === null ? `${a.meta.kommune.name} insgesamt` : areaName(a, s.areaId)),
              ...periodCells(s),
            ]),
          ),
        ),
      ],
      notes: [
        'Häufigkeitszahl über die genannten Jahre (Fälle je 100.000 Einwohner und Jahr); Änderung = Verhältnis der Raten − 1. p nach Benjamini-Hochberg über die Zeilen dieser Tabelle korrigiert. Die polizeiliche Statistik bildet nur das Hellfeld ab.',
      ],
      cls: 'compact',
    });
}

const RESULT_TEXT: Readonly<Record<RecommendationEvaluation['result'], string>> = {
  verbessert: 'Indikator verbessert (gesichert)',
  verschlechtert: 'Indikator verschlechtert (gesichert)',
  uneinheitlich: 'uneinheitlich: teils verbessert, teils verschlechtert',
  'keine-gesicherte-veraenderung': 'keine gesicherte Veränderung',
  'nicht-vergleichbar': 'nicht vergleichbar',
  'ohne-messbaren-indikator': 'kein Indikator aus Befragung oder PKS',
};

const INDICATOR_TEXT: Readonly<Record<Indicator['result'], string>> = {
  verbessert: 'verbessert',
  verschlechtert: 'verschlechtert',
  'keine-gesicherte-veraenderung': 'keine gesicherte Veränderung',
  'nicht-vergleichbar': 'nicht vergleichbar',
};

/**
 * One line per indicator item or PKS key, its places grouped by result:
 * "Wohngegend, nachts (eher/sehr unsicher): verbessert in Bahnhofsviertel (−37,3 Pp.); keine gesicherte
 * Veränderung insgesamt (−2,6 Pp.), Altstadt (+15,7 Pp.)".
 */
function indicatorLines(a: Analysis, d: Development, xs: readonly Indicator[]): string[] {
  const keyOf = (x: Indicator) => (x.kind === 'survey' ? `s:${x.item}` : `c:${x.key}`);
  const keys = [...new Set(xs.map(keyOf))];
  return keys.map((k) => {
    const group = xs.filter((x) => keyOf(x) === k);
    const first = group[0] as Indicator;
    const item = first.kind === 'survey' ? d.items.find((i) => i.code === first.item) : undefined;
    const title = first.kind === 'crime' ? `PKS ${first.label}` : item ? itemLabel(item) : first.label;
    const place = (x: Indicator) => {
      const where = x.areaId === null ? 'insgesamt' : areaName(a, x.areaId);
      const value =
        x.kind === 'survey'
          ? x.difference === null
            ? ''
            : ` (${pointsText(x.difference)})`
          : x.rateRatio === null
            ? ''
            : ` (HZ ${formatChange(x.rateRatio - 1)})`;
      return `${where}${value}`;
    };
    const parts = (Object.keys(INDICATOR_TEXT) as Indicator['result'][]).flatMap((result) => {
      const places = group.filter((x) => x.result === result);
      return places.length ? [`${INDICATOR_TEXT[result]}: ${places.map(place).join(', ')}`] : [];
    });
    return `${title} – ${parts.join('; ')}`;
  });
}

function measureText(a: Analysis, r: RecommendationEvaluation): string {
  const m = r.measure;
  if (!m) return 'nicht als umgesetzt erfasst';
  const date = m.implementedOn.split('-').reverse().join('.');
  const where = m.areas.length ? ` (${m.areas.map((id) => areaName(a, id)).join(', ')})` : '';
  return `umgesetzt seit ${date}${where}${m.note ? `: ${m.note}` : ''}`;
}

function recommendationsTable(b: SectionBuilder, a: Analysis, d: Development): void {
  b.table({
    caption: `Empfehlungen des Berichts ${waveYear(d.before)}: Umsetzung und Entwicklung ihrer Indikatoren`,
    head: [row([th('Empfehlung'), th('Umsetzung'), th('Indikatoren'), th('Ergebnis')])],
    body: d.recommendations.map((r) =>
      group(
        [
          row([
            rh(r.title),
            td(measureText(a, r)),
            td(r.indicators.length ? indicatorLines(a, d, r.indicators).join(' · ') : MISSING),
            td(RESULT_TEXT[r.result]),
          ]),
        ],
        true,
      ),
    ),
    notes: [
      'Indikatoren nach dem Evaluationshinweis der Empfehlung (Beccaria-Schritt 7): der Anteil ungünstiger Antworten insgesamt und in den Gebieten, für die die Empfehlung galt, und die genannten PKS-Delikte. „Verbessert“ heißt: gesichert weniger ungünstige Antworten bzw. eine gesichert niedrigere Häufigkeitszahl. Ob eine Veränderung auf die Maßnahme zurückgeht, lässt ein Vorher-Nachher-Vergleich allein nicht sicher erkennen.',
      'Umsetzung: wie von der Kommune oder dem Landespräventionsrat im Portal bzw. in analyse.json erfasst.',
    ],
    cls: 'compact',
  });
  if (d.unassignedMeasures.length)
    b.p(
      `Außerdem erfasst, aber keiner Empfehlung des früheren Berichts zugeordnet: ${joinGerman(d.unassignedMeasures.map((m) => `„${m.recommendationId}“ (seit ${m.implementedOn.split('-').reverse().join('.')})`))}.`,
    );
}

function unmatchedBlocks(b: SectionBuilder, d: Development): void {
  const texts = [
    ...d.matching.unmatchedAreas.map((u) => u.text),
    ...d.matching.unmatchedItems.map((u) => u.text),
  ];
  const hidden = d.summary.notCompared;
  b.p(
    texts.length
      ? 'Folgende Gebiete und Fragen lassen sich nicht zuordnen und werden nicht verglichen:'
      : 'Alle Gebiete und Fragen beider Befragungen lassen sich einander zuordnen.',
  );
  b.list(texts);
  if (hidden > 0)
    b.p(
      `${formatNumber(hidden)} ${hidden === 1 ? 'Wert wird' : 'Werte werden'} nicht verglichen, weil mindestens eine der beiden Befragungen ${hidden === 1 ? 'ihn' : 'sie'} nicht ausweist (zu geringe Fallzahl oder Schutz vor Rückrechnung).`,
    );
}

export function developmentChapter(
  ctx: BuildContext,
  a: Analysis,
  skipped?: { readonly predecessor: string | null; readonly reason: string },
): Section | undefined {
  const d = a.development;
  if (!d) {
    if (!skipped) return undefined;
    const heading = ctx.numbering.plainHeading(1, developmentChapterTitle(null), true);
    const b = new SectionBuilder(ctx);
    b.p(
      `${skipped.predecessor ? `Als frühere Analyse ist „${skipped.predecessor}“ angegeben. ` : ''}Ein Vergleich mit der früheren Befragung war nicht möglich: ${skipped.reason}`,
    );
    return { heading, blocks: b.blocks };
  }
  const heading = ctx.numbering.plainHeading(1, developmentChapterTitle(d.before), true);
  const b = new SectionBuilder(ctx);
  introBlocks(b, a, d);
  b.push(subsection(ctx, 'Befragung: alle Befragten', (x) => totalsTable(x, d)));
  const byArea = areaItems(d);
  if (byArea.length)
    b.push(
      subsection(ctx, 'Befragung: nach Gebieten', (x) => {
        for (const i of byArea) areaTable(x, a, d, i);
      }),
    );
  b.push(subsection(ctx, 'Polizeiliche Kriminalstatistik im Gesamtzeitraum', (x) => crimeBlocks(x, a, d)));
  if (d.recommendations.length)
    b.push(
      subsection(ctx, 'Umsetzung und Wirkung der früheren Empfehlungen', (x) =>
        recommendationsTable(x, a, d),
      ),
    );
  b.push(subsection(ctx, 'Nicht vergleichbar', (x) => unmatchedBlocks(x, d)));
  b.note('So wird verglichen', methodNote(d));
  return { heading, blocks: b.blocks };
}
