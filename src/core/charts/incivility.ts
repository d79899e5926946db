/** Ranking of incivilities: the unfavourable share ("ziemliches/großes Problem") with Wilson intervals. */
import { SCALES } from '../model/codebook.js';
import { horizontalBars, shareMax } from './bars.js';
import {
  SUPPRESSED_TEXT,
  extremes,
  joinDe,
  pct,
  surveyNotes,
  topLevel,
  uniqueLabels,
  withN,
  wrapLabel,
} from './common.js';
import { BAR_PLOT_WIDTH, LABEL_COLUMN } from './theme.js';
import type { ChartContext, ChartSpec } from './types.js';

export const CI_NOTE = 'Fehlerbalken: 95-%-Konfidenzintervall (Wilson, effektive Fallzahl).';

export function incivilityChart(ctx: ChartContext): ChartSpec[] {
  const a = ctx.analysis;
  const list = [...a.survey.incivilityRanking].sort(
    (x, y) =>
      (y.negativeShareWeighted ?? -1) - (x.negativeShareWeighted ?? -1) || x.item.localeCompare(y.item),
  );
  if (list.length === 0) return [];
  const labels = uniqueLabels(
    list.map((f) => wrapLabel(f.suppressed ? f.label : withN(f.label, f.n), LABEL_COLUMN - 12)),
  );
  const rows = list.map((f, i) => ({
    row: labels[i] ?? f.label,
    value: f.suppressed ? null : f.negativeShareWeighted,
    ci95: f.ci95,
    limited: f.limited,
    suppressed: f.suppressed,
  }));
  const shown = list.filter((f) => !f.suppressed && f.negativeShareWeighted !== null);
  const max = shareMax(Math.max(0, ...shown.map((f) => f.ci95?.[1] ?? f.negativeShareWeighted ?? 0)) + 0.08);
  const negLabel = SCALES.problem4.negativeLabel;
  const ex = extremes(shown, (f) => f.negativeShareWeighted ?? 0);
  let alt = `Balkendiagramm: Anteil der Befragten, für die ein Thema in ihrer Wohngegend ein ${negLabel.replace('/', ' oder ')} ist, absteigend sortiert, mit 95-%-Konfidenzintervallen.`;
  if (ex)
    alt += ` Am häufigsten genannt: ${ex.max.label} (${pct(ex.max.negativeShareWeighted)}); am seltensten: ${ex.min.label} (${pct(ex.min.negativeShareWeighted)}).`;
  const suppressed = list.filter((f) => f.suppressed).map((f) => f.label);
  if (suppressed.length) alt += ` ${joinDe(suppressed)}: ${SUPPRESSED_TEXT}.`;
  const body = horizontalBars(rows, { width: BAR_PLOT_WIDTH, colour: ctx.palette.unfavourable, max });
  return [
    {
      id: 'befragung-incivilities-rangfolge',
      title: `Probleme im Wohnumfeld: Anteil „${negLabel}“`,
      alt,
      section: 'survey',
      spec: topLevel(
        body,
        surveyNotes(
          a,
          list.some((f) => f.limited && !f.suppressed),
          suppressed.length > 0,
          [CI_NOTE],
        ),
      ),
    },
  ];
}
