/** Sicherheitsgefühl by place × day/night: the unfavourable share as grouped bars with intervals. */
import { ORTE, SCALES } from '../model/codebook.js';
import { horizontalBars, shareMax } from './bars.js';
import { SUPPRESSED_TEXT, extremes, joinDe, pct, surveyNotes, topLevel } from './common.js';
import { CI_NOTE } from './incivility.js';
import { BAR_PLOT_WIDTH } from './theme.js';
import type { ChartContext, ChartSpec } from './types.js';

const TIME_LABEL = { tag: 'tagsüber', nacht: 'nachts' } as const;

export function placeLabel(place: string): string {
  return (ORTE as Readonly<Record<string, string>>)[place] ?? place;
}

export function placeTimeChart(ctx: ChartContext): ChartSpec[] {
  const a = ctx.analysis;
  const figs = a.survey.placeTime;
  if (figs.length === 0) return [];
  const places: string[] = [];
  for (const f of figs) if (!places.includes(placeLabel(f.place))) places.push(placeLabel(f.place));
  const times = (['tag', 'nacht'] as const)
    .filter((t) => figs.some((f) => f.time === t))
    .map((t) => TIME_LABEL[t]);
  const rows = figs.map((f) => ({
    row: placeLabel(f.place),
    series: TIME_LABEL[f.time],
    value: f.suppressed ? null : f.negativeShareWeighted,
    ci95: f.ci95,
    limited: f.limited,
    suppressed: f.suppressed,
  }));
  const shown = figs.filter((f) => !f.suppressed && f.negativeShareWeighted !== null);
  const max = shareMax(Math.max(0, ...shown.map((f) => f.ci95?.[1] ?? f.negativeShareWeighted ?? 0)) + 0.08);
  const colours = times.map((t) => (t === 'nachts' ? ctx.palette.primary : ctx.palette.secondary));
  const negLabel = SCALES.sicher4.negativeLabel;
  const ex = extremes(shown, (f) => f.negativeShareWeighted ?? 0);
  const name = (f: (typeof figs)[number]) => `${placeLabel(f.place)} ${TIME_LABEL[f.time]}`;
  let alt = `Gruppierte Balken: Anteil der Befragten, die sich ${negLabel.replace('/', ' oder ')} fühlen, nach Ort (${joinDe(places)}) und Tageszeit, mit 95-%-Konfidenzintervallen.`;
  if (ex)
    alt += ` Am unsichersten: ${name(ex.max)} (${pct(ex.max.negativeShareWeighted)}); am sichersten: ${name(ex.min)} (${pct(ex.min.negativeShareWeighted)}).`;
  const suppressed = figs.filter((f) => f.suppressed).map(name);
  if (suppressed.length) alt += ` ${joinDe(suppressed)}: ${SUPPRESSED_TEXT}.`;
  const body = horizontalBars(rows, {
    width: BAR_PLOT_WIDTH,
    colour: ctx.palette.primary,
    max,
    series: { field: 'series', domain: times, colours, legend: true },
  });
  return [
    {
      id: 'befragung-ort-tageszeit',
      title: 'Sicherheitsgefühl nach Ort und Tageszeit',
      alt,
      section: 'survey',
      spec: topLevel(
        body,
        surveyNotes(
          a,
          figs.some((f) => f.limited && !f.suppressed),
          suppressed.length > 0,
          [`Anteil „${negLabel}“. ${CI_NOTE}`],
        ),
      ),
    },
  ];
}
