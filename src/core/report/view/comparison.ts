/** Chapter 6: Zusammenführung subjektiv ↔ objektiv — discrepancy matrix and the fear paradox. */
import type { Analysis, Quadrant } from '../../analysis/schema.js';
import { pairCaveat } from '../../analysis/comparison/pairs.js';
import { formatNumber, formatPercent, formatRate, MISSING } from '../../format/number.js';
import { ageGroupLabel, LEVEL_TEXT, QUADRANT_TEXT, sexLabel } from '../labels.js';
import { joinGerman, shareText, SUPPRESSED_TEXT } from '../text.js';
import { reliabilityNotes, yearsText } from './shared.js';
import {
  buildSection,
  group,
  nd,
  rh,
  row,
  td,
  th,
  type BuildContext,
  type SectionBuilder,
} from './builder.js';
import type { Cell, Section } from './types.js';
import { quadrantChartId } from './chart-slots.js';

type Pair = Analysis['comparison']['pairs'][number];

const QUADRANTS: readonly Quadrant[] = [
  'begruendete-furcht',
  'furcht-ohne-hellfeld',
  'unterschaetztes-risiko',
  'unauffaellig',
];

function quadrantLabel(q: Quadrant | null): string {
  return q ? QUADRANT_TEXT[q].label : MISSING;
}

function pairTitle(p: Pair): string {
  return `${p.surveyLabel} und ${p.crimeLabel}`;
}

function overview(s: SectionBuilder, a: Analysis): void {
  const pairs = a.comparison.pairs;
  const names = (p: Pair, q: Quadrant) =>
    p.areas
      .filter((x) => x.quadrant === q && !x.suppressed)
      .map((x) => x.name)
      .join(', ') || '–';
  s.table({
    caption: 'Übersicht der Diskrepanzmatrix: Einordnung der Teilgebiete',
    head: [
      row([
        th('Befragung und PKS'),
        th('Kommune (Vergleich Kreis/Land)'),
        th('begründete Furcht'),
        th('Furcht ohne Hellfeld-Korrelat'),
        th('unterschätztes Risiko'),
      ]),
    ],
    body: [
      group(
        pairs.map((p) =>
          row([
            rh(pairTitle(p)),
            td(p.municipality ? quadrantLabel(p.municipality.quadrant) : MISSING),
            td(names(p, 'begruendete-furcht')),
            td(names(p, 'furcht-ohne-hellfeld')),
            td(names(p, 'unterschaetztes-risiko')),
          ]),
        ),
      ),
    ],
    notes: [
      'Gebiete werden mit dem Durchschnitt der Kommune verglichen; die Kommune als Ganzes mit Kreis bzw. Land. Genannt ist ein Gebiet nur, wo die 95-%-Intervalle die Abweichung stützen; nicht genannte Gebiete sind unauffällig oder wegen zu geringer Fallzahl nicht eingeordnet.',
    ],
    cls: 'compact',
  });
}

/** "HZ 2025" or "Ø 2021–2025": the period behind an area's rate. */
function periodText(x: Pair['areas'][number]): string {
  if (x.rateYears.length === 0) return MISSING;
  return x.rateBasis === 'average' && x.rateYears.length > 1
    ? `Ø ${yearsText(x.rateYears)}`
    : String(x.rateYears[0]);
}

function pairSection(s: SectionBuilder, a: Analysis, p: Pair): void {
  const name = a.meta.kommune.name;
  const item = a.survey.items[p.surveyItem];
  const neg = item?.negativeLabel ?? 'ungünstig';
  const m = p.municipality;
  const text: string[] = [];
  if (m && m.negativeShare !== null) {
    const comparators = [
      m.kreisRate !== null ? `Kreis ${formatRate(m.kreisRate)}` : '',
      m.landRate !== null ? `Land ${formatRate(m.landRate)}` : '',
    ].filter(Boolean);
    text.push(
      `In ${name} antworten ${formatPercent(m.negativeShare)} der Befragten „${neg}“; die Häufigkeitszahl für ${p.crimeLabel} liegt bei ${formatRate(m.rate)}${comparators.length ? ` (${comparators.join(', ')})` : ''}.`,
    );
    if (m.quadrant)
      text.push(
        `Einordnung der Kommune: ${QUADRANT_TEXT[m.quadrant].label}. ${QUADRANT_TEXT[m.quadrant].meaning}`,
      );
  } else if (p.reference.negativeShare !== null) {
    text.push(
      `In ${name} antworten ${formatPercent(p.reference.negativeShare)} der Befragten „${neg}“; die Häufigkeitszahl für ${p.crimeLabel} liegt bei ${formatRate(p.reference.rate)}${p.reference.year !== null ? ` (${p.reference.year})` : ''}.`,
    );
  }
  const byQ = QUADRANTS.filter((q) => q !== 'unauffaellig').flatMap((q) => {
    const list = p.areas.filter((x) => x.quadrant === q && !x.suppressed).map((x) => x.name);
    return list.length ? [`${QUADRANT_TEXT[q].label}: ${joinGerman(list)}`] : [];
  });
  text.push(
    byQ.length
      ? `Teilgebiete, die gesichert vom Durchschnitt der Kommune abweichen – ${byQ.join('; ')}.`
      : 'Kein Teilgebiet weicht auf beiden Seiten gesichert vom Durchschnitt ab, so dass es einem der drei auffälligen Felder zuzuordnen wäre.',
  );
  s.p(text.join(' '));
  const caveat = pairCaveat(p.surveyItem, p.crimeKey);
  if (caveat) s.note('Hinweis', [caveat]);
  s.chart(quadrantChartId(p.surveyItem, p.crimeKey), 'figure-compact');
  if (p.areas.length === 0) return;
  let limited = false;
  const shareCell = (x: Pair['areas'][number]): Cell => {
    if (x.suppressed || x.negativeShare === null) return td(SUPPRESSED_TEXT, { cls: 'suppressed' });
    if (x.limited) {
      limited = true;
      return nd(shareText(x.negativeShare, true), { cls: 'limited' });
    }
    return nd(formatPercent(x.negativeShare));
  };
  const rows = p.areas.map((x) =>
    row([
      rh(x.name),
      shareCell(x),
      td(x.fearLevel ? LEVEL_TEXT[x.fearLevel] : MISSING),
      nd(periodText(x)),
      nd(formatRate(x.rate)),
      nd(formatRate(x.referenceRate)),
      td(x.crimeLevel ? LEVEL_TEXT[x.crimeLevel] : MISSING),
      td(x.suppressed ? MISSING : x.quadrant ? quadrantLabel(x.quadrant) : 'nicht einzuordnen'),
    ]),
  );
  s.table({
    caption: `${pairTitle(p)} nach Teilgebieten`,
    head: [
      row([
        th('Gebiet', { rowspan: 2 }),
        th('Befragung', { scope: 'colgroup', colspan: 2 }),
        th(`Kriminalstatistik: ${p.crimeLabel}`, { scope: 'colgroup', colspan: 4 }),
        th('Einordnung', { rowspan: 2 }),
      ]),
      row([
        th(neg, { num: true }),
        th('gegenüber Kommune'),
        th('Zeitraum', { num: true }),
        th('HZ Gebiet', { num: true }),
        th('HZ Kommune (gleicher Zeitraum)', { num: true }),
        th('gegenüber Kommune'),
      ]),
    ],
    body: [
      group([
        ...rows,
        row(
          [
            rh('Kommune insgesamt'),
            nd(formatPercent(p.reference.negativeShare)),
            td(''),
            nd(p.reference.year !== null ? String(p.reference.year) : MISSING),
            nd(formatRate(p.reference.rate)),
            td(''),
            td(''),
            td(''),
          ],
          'total',
        ),
      ]),
    ],
    notes: [
      'HZ: Häufigkeitszahl (Fälle je 100.000 Einwohnerinnen und Einwohner). Zeitraum: das letzte Jahr, oder – bei weniger als 10 Fällen im letzten Jahr – der Durchschnitt der genannten Jahre (Ø); verglichen wird mit der Kommune im selben Zeitraum.',
      '„über/unter dem Durchschnitt“: statistisch gesichert (Befragung: 95-%-Intervall des Gebiets schließt den Wert der Kommune aus; Kriminalstatistik: exaktes 95-%-Intervall der Häufigkeitszahl schließt ihn aus, bei mindestens 10 Fällen). „unauffällig“: Die Abweichung liegt im Bereich der Zufallsschwankung. „nicht gesichert“: weniger als 10 Fälle.',
      ...reliabilityNotes(
        a,
        limited,
        p.areas.some((x) => x.suppressed),
      ),
    ],
    cls: 'compact',
  });
}

/** Pairs shown in detail (chart and table): at most DETAILED_PAIRS, those with the most areas off the diagonal. */
const DETAILED_PAIRS = 3;

function notability(p: Pair): number {
  const offDiagonal = p.areas.filter(
    (x) => !x.suppressed && x.quadrant !== null && x.quadrant !== 'unauffaellig',
  ).length;
  const municipal = p.municipality?.quadrant && p.municipality.quadrant !== 'unauffaellig' ? 2 : 0;
  const feared = p.areas.filter((x) => !x.suppressed && x.quadrant === 'begruendete-furcht').length;
  return offDiagonal + municipal + feared;
}

function notablePairs(pairs: readonly Pair[]): Set<Pair> {
  const ranked = pairs
    .map((p, i) => ({ p, i, score: notability(p) }))
    .sort((x, y) => y.score - x.score || x.i - y.i);
  return new Set(ranked.slice(0, DETAILED_PAIRS).map((x) => x.p));
}

function shortPairText(a: Analysis, p: Pair): string {
  const byQ = QUADRANTS.filter((q) => q !== 'unauffaellig').flatMap((q) => {
    const list = p.areas.filter((x) => x.quadrant === q && !x.suppressed).map((x) => x.name);
    return list.length ? [`${QUADRANT_TEXT[q].label}: ${joinGerman(list)}`] : [];
  });
  const share = p.municipality?.negativeShare ?? p.reference.negativeShare;
  const rate = p.municipality?.rate ?? p.reference.rate;
  const head = `${pairTitle(p)}: ${formatPercent(share)} „${a.survey.items[p.surveyItem]?.negativeLabel ?? 'ungünstig'}“, HZ ${formatRate(rate)}`;
  return byQ.length
    ? `${head}. ${byQ.join('; ')}.`
    : `${head}. Kein Teilgebiet weicht gesichert vom Durchschnitt ab.`;
}

function paradoxSection(s: SectionBuilder, a: Analysis): void {
  const px = a.comparison.paradox;
  s.text('paradox', {});
  if (px.summary) s.p(px.summary);
  if (px.present === null)
    s.p(
      'Ob das Paradox in dieser Befragung auftritt, lässt sich mit den vorliegenden Fallzahlen nicht entscheiden.',
    );
  if (px.rows.length === 0) return;
  s.table({
    caption: 'Kriminalitätsfurcht und Opfererfahrung nach Geschlecht und Altersgruppe',
    head: [
      row([
        th('Gruppe'),
        th('n', { num: true }),
        th('Kriminalitätsfurcht (affektiv)', { num: true }),
        th('Opfer in den letzten 12 Monaten', { num: true }),
      ]),
    ],
    body: [
      group(
        px.rows.map((r) =>
          row([
            rh(`${sexLabel(r.sex)}, ${ageGroupLabel(r.ageGroup)}`),
            ...(r.suppressed
              ? [td(SUPPRESSED_TEXT, { colspan: 3, cls: 'suppressed' })]
              : [
                  nd(formatNumber(r.n)),
                  nd(
                    shareText(r.fear, r.n < a.meta.limitedBelow),
                    r.n < a.meta.limitedBelow ? { cls: 'limited' } : {},
                  ),
                  nd(
                    shareText(r.victimisation, r.n < a.meta.limitedBelow),
                    r.n < a.meta.limitedBelow ? { cls: 'limited' } : {},
                  ),
                ]),
          ]),
        ),
      ),
    ],
    notes: [
      `Anteile gewichtet. Opfererfahrung: mindestens ein Delikt in den letzten zwölf Monaten. In den Test gehen nur Gruppen mit mindestens ${formatNumber(px.minCellN)} Befragten ein.`,
      ...reliabilityNotes(
        a,
        px.rows.some((r) => !r.suppressed && r.n < a.meta.limitedBelow),
        px.rows.some((r) => r.suppressed),
      ),
    ],
    cls: 'compact',
  });
}

export function comparisonChapter(ctx: BuildContext, a: Analysis): Section {
  return buildSection(ctx, 1, 'Zusammenführung subjektiv – objektiv', (b) => {
    b.p(
      'Subjektive Sicherheit und registrierte Kriminalität hängen zusammen, aber weit weniger eng, als oft angenommen wird. Dieses Kapitel stellt beide Perspektiven für einzelne Themen nebeneinander und zeigt, wo sie übereinstimmen und wo sie auseinanderfallen. Daraus ergibt sich, welche Art von Maßnahme passt.',
    );
    b.text('quadranten', {});
    b.defs(QUADRANTS.map((q) => ({ term: QUADRANT_TEXT[q].label, desc: QUADRANT_TEXT[q].meaning })));
    b.p(
      'Die Einordnung ist ein Hilfsmittel, um passende Maßnahmen zu finden, kein Urteil über ein Gebiet. Sie berücksichtigt die statistische Unsicherheit auf beiden Seiten; trotzdem bleibt die PKS ein Hellfeld, und nach dem Tatortprinzip können Pendler- und Besucherverkehr die Häufigkeitszahl eines Gebiets erhöhen.',
    );
    b.section(2, 'Diskrepanzmatrix', (s) => {
      const pairs = a.comparison.pairs;
      if (pairs.length === 0) {
        s.p(
          'Für die Zusammenführung fehlen passende Paare aus Befragung und PKS (etwa Beunruhigung über Wohnungseinbruch und registrierte Einbrüche). Sie ist möglich, sobald beide Seiten vorliegen.',
        );
        return;
      }
      overview(s, a);
      s.charts('comparison.matrix');
      const detailed = notablePairs(pairs);
      for (const p of pairs) if (detailed.has(p)) s.section(3, pairTitle(p), (x) => pairSection(x, a, p));
      const others = pairs.filter((p) => !detailed.has(p));
      if (others.length) {
        s.section(3, 'Weitere Themen', (x) => {
          x.p(
            `Die folgenden Paare sind weniger auffällig und werden nur kurz beschrieben; ihre Diagramme liegen dem Bericht als Dateien bei (Ordner „charts“), alle Werte stehen in analysis.json.`,
          );
          x.list(others.map((p) => shortPairText(a, p)));
          // their quadrant charts are delivered as files, not placed in the document
          for (const p of others) x.ctx.takeById(quadrantChartId(p.surveyItem, p.crimeKey));
        });
      }
    });
    b.section(2, 'Kriminalitätsfurcht-Paradox', (s) => {
      paradoxSection(s, a);
      s.charts('comparison.paradox');
    });
    b.remainingCharts('comparison');
  });
}
