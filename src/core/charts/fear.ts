/** Kriminalitätsfurcht by sex × age group: one panel per dimension, grouped bars with intervals. */
import type { Analysis } from '../analysis/schema.js';
import { SEX_LABELS } from '../model/dataset.js';
import { verticalGroupedBars, shareMax, type Cell } from './bars.js';
import { SUPPRESSED_TEXT, altPct, extremes, joinDe, sexAgeGroup, surveyNotes, topLevel } from './common.js';
import { CI_NOTE } from './incivility.js';
import { FIGURE_WIDTH, PADDING } from './theme.js';
import type { ChartContext, ChartSpec } from './types.js';

type FearCell = Analysis['survey']['fear']['bySexAge'][number];

export const FEAR_DIMENSION_LABELS: Readonly<Record<FearCell['dimension'], string>> = {
  affektiv: 'Furcht (affektiv)',
  kognitiv: 'Risikoeinschätzung (kognitiv)',
  konativ: 'Vermeideverhalten (konativ)',
};

const SEX_ORDER = ['w', 'm'] as const;
const AXIS_WIDTH = 42;
const GAP = 12;

/** Age groups in the order of the sample composition, then any others in order of appearance. */
export function ageOrder(a: Analysis, groups: readonly string[]): string[] {
  const order = a.survey.sample.byAgeGroup.map((g) => g.key).filter((g) => groups.includes(g));
  for (const g of groups) if (!order.includes(g)) order.push(g);
  return order;
}

/** "16–29" with an en dash for display. */
export const ageLabel = (g: string) => g.replace(/^(\d+)\s*-\s*(\d+)$/, '$1–$2');

export function fearChart(ctx: ChartContext): ChartSpec[] {
  const a = ctx.analysis;
  const cells = a.survey.fear.bySexAge;
  const dims = (['affektiv', 'kognitiv', 'konativ'] as const).filter((d) =>
    cells.some((c) => c.dimension === d),
  );
  if (dims.length === 0) return [];
  const ages = ageOrder(a, [...new Set(cells.map((c) => c.ageGroup))]);
  const series = SEX_ORDER.map((s) => SEX_LABELS[s]);
  const shown = cells.filter((c) => !c.suppressed && c.share !== null);
  const max = shareMax(Math.max(0, ...shown.map((c) => c.ci95?.[1] ?? c.share ?? 0)));
  const panel = Math.floor(
    (FIGURE_WIDTH - 2 * PADDING - AXIS_WIDTH - GAP * (dims.length - 1) - 6) / dims.length,
  );
  const panels = dims.map((d, i) =>
    verticalGroupedBars(
      cells
        .filter((c) => c.dimension === d)
        .map((c): Cell => ({
          x: ageLabel(c.ageGroup),
          series: SEX_LABELS[c.sex],
          value: c.suppressed ? null : c.share,
          ci95: c.ci95,
          limited: c.limited,
          suppressed: c.suppressed,
        })),
      {
        width: panel,
        height: 200,
        xDomain: ages.map(ageLabel),
        xTitle: 'Alter',
        series: {
          field: 'series',
          domain: series,
          colours: [
            ctx.palette.categorical[0] ?? ctx.palette.primary,
            ctx.palette.categorical[1] ?? ctx.palette.unfavourable,
          ],
          legend: true,
        },
        max,
        title: FEAR_DIMENSION_LABELS[d],
        hideYAxis: i > 0,
      },
    ),
  );
  const body = { hconcat: panels, spacing: GAP, resolve: { scale: { y: 'shared', color: 'shared' } } };
  const group = (c: FearCell) => sexAgeGroup(c.sex, c.ageGroup, true);
  const sentences = dims.map((d) => {
    const ex = extremes(
      shown.filter((c) => c.dimension === d),
      (c) => c.share ?? 0,
    );
    return ex
      ? `${FEAR_DIMENSION_LABELS[d]}: am höchsten bei ${group(ex.max)} (${altPct(ex.max.share, ex.max.limited)}), am niedrigsten bei ${group(ex.min)} (${altPct(ex.min.share, ex.min.limited)})`
      : `${FEAR_DIMENSION_LABELS[d]}: keine ausweisbaren Werte`;
  });
  const suppressed = cells
    .filter((c) => c.suppressed)
    .map((c) => `${FEAR_DIMENSION_LABELS[c.dimension]} bei ${group(c)}`);
  let alt = `Gruppierte Säulen in ${dims.length} Feldern: Anteil der Befragten mit ungünstigen Werten je Dimension der Kriminalitätsfurcht, nach Geschlecht und Altersgruppe, mit 95-%-Konfidenzintervallen. ${sentences.join('. ')}.`;
  if (suppressed.length)
    alt += ` ${SUPPRESSED_TEXT[0]?.toUpperCase()}${SUPPRESSED_TEXT.slice(1)}: ${joinDe(suppressed)}.`;
  return [
    {
      id: 'befragung-furcht-geschlecht-alter',
      title: 'Kriminalitätsfurcht nach Geschlecht und Altersgruppe',
      alt,
      section: 'survey',
      spec: topLevel(body, surveyNotes(a, false, suppressed.length > 0, [CI_NOTE])),
    },
  ];
}
