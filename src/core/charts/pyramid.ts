/** Population pyramid: age groups × sex, women on the left, men on the right. */
import { formatNumber } from '../format/number.js';
import { SEX_LABELS } from '../model/dataset.js';
import { joinDe, topLevel } from './common.js';
import { ageLabel } from './fear.js';
import { INK, MUTED } from './palette.js';
import { FIGURE_WIDTH, FONT_SIZE, PADDING } from './theme.js';
import type { ChartContext, ChartSpec } from './types.js';

const CENTRE = 70;

export function pyramidChart(ctx: ChartContext): ChartSpec[] {
  const a = ctx.analysis;
  const pop = a.profile.population;
  const rows = pop.pyramid.filter((r) => r.sex === 'w' || r.sex === 'm');
  if (rows.length === 0) return [];
  const groups: string[] = [];
  for (const r of pop.pyramid) if (!groups.includes(r.ageGroup)) groups.push(r.ageGroup);
  // Oldest at the top.
  const order = [...groups].reverse().map(ageLabel);
  const count = (sex: 'w' | 'm', g: string) =>
    rows.filter((r) => r.sex === sex && r.ageGroup === g).reduce((s, r) => s + r.count, 0);
  const max = Math.max(1, ...groups.flatMap((g) => [count('w', g), count('m', g)]));
  const side = Math.floor((FIGURE_WIDTH - 2 * PADDING - CENTRE - 14) / 2);
  const values = (sex: 'w' | 'm') =>
    groups.map((g) => ({ age: ageLabel(g), count: count(sex, g), text: formatNumber(count(sex, g)) }));
  const y = {
    field: 'age',
    type: 'ordinal',
    sort: order,
    scale: { type: 'band', domain: order, paddingInner: 0.15 },
    axis: null,
  };
  const half = (sex: 'w' | 'm', colour: string) => ({
    title: {
      text: sex === 'w' ? 'Frauen' : 'Männer',
      anchor: sex === 'w' ? 'end' : 'start',
      fontSize: FONT_SIZE.title,
      fontWeight: 'bold',
    },
    width: side,
    height: { step: 26 },
    data: { values: values(sex) },
    encoding: {
      y,
      x: {
        field: 'count',
        type: 'quantitative',
        scale: { domain: [0, max * 1.22], nice: false, ...(sex === 'w' ? { reverse: true } : {}) },
        axis: { title: null, format: ',d', grid: true, tickCount: 4 },
      },
    },
    layer: [
      { mark: { type: 'bar', color: colour } },
      {
        mark: {
          type: 'text',
          align: sex === 'w' ? 'right' : 'left',
          baseline: 'middle',
          dx: sex === 'w' ? -4 : 4,
          fontSize: FONT_SIZE.data,
          color: INK,
        },
        encoding: { text: { field: 'text' } },
      },
    ],
  });
  const centre = {
    width: CENTRE,
    height: { step: 26 },
    title: { text: 'Alter', anchor: 'middle', fontSize: FONT_SIZE.title, fontWeight: 'bold' },
    data: { values: order.map((age) => ({ age })) },
    mark: { type: 'text', align: 'center', baseline: 'middle', fontSize: FONT_SIZE.label, color: MUTED },
    encoding: { y, text: { field: 'age' } },
  };
  const body = {
    hconcat: [
      half('w', ctx.palette.categorical[0] ?? ctx.palette.primary),
      centre,
      half('m', ctx.palette.categorical[1] ?? ctx.palette.unfavourable),
    ],
    spacing: 4,
  };
  const total = (sex: 'w' | 'm') => groups.reduce((s, g) => s + count(sex, g), 0);
  const largest = (sex: 'w' | 'm') =>
    groups.reduce((best, g) => (count(sex, g) > count(sex, best) ? g : best), groups[0] ?? '');
  const diverse = pop.pyramid.filter((r) => r.sex === 'd').reduce((s, r) => s + r.count, 0);
  let alt = `Bevölkerungspyramide ${a.meta.kommune.name}${pop.year ? ` ${pop.year}` : ''}: ${formatNumber(pop.total)} Einwohnerinnen und Einwohner in ${groups.length} Altersgruppen, links Frauen (${formatNumber(total('w'))}), rechts Männer (${formatNumber(total('m'))}).`;
  alt += ` Größte Gruppe: ${joinDe([`bei den Frauen ${ageLabel(largest('w'))} Jahre (${formatNumber(count('w', largest('w')))})`, `bei den Männern ${ageLabel(largest('m'))} Jahre (${formatNumber(count('m', largest('m')))})`])}.`;
  const notes: string[] = [];
  if (diverse > 0) {
    alt += ` Geschlecht „${SEX_LABELS.d}“: ${formatNumber(diverse)} Personen, nicht dargestellt.`;
    notes.push(
      `Nicht dargestellt: ${formatNumber(diverse)} Personen mit dem Geschlechtseintrag „${SEX_LABELS.d}“.`,
    );
  }
  return [
    {
      id: 'profil-bevoelkerungspyramide',
      title: `Bevölkerung nach Alter und Geschlecht${pop.year ? ` (${pop.year})` : ''}`,
      alt,
      section: 'profile',
      spec: topLevel(body, notes),
    },
  ];
}
