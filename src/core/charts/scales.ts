/**
 * 100 % stacked bars of the rating scales: the answer distribution (weighted shares of valid
 * answers) per item, one block per answer scale, grouped by dimension; and the standard item by
 * area, where suppressed areas appear as an empty, labelled row and never as bars.
 */
import type { Analysis } from '../analysis/schema.js';
import { ITEMS, SCALES, findItem, type Dimension, type ScaleId } from '../model/codebook.js';
import { scaleColours, textOn, MUTED, WHITE } from './palette.js';
import { BAR_PLOT_WIDTH, FONT_SIZE, LABEL_COLUMN, ROW_STEP, legendColumns } from './theme.js';
import {
  altPct,
  SPLIT_LINES,
  SUPPRESSED_TEXT,
  WRAPPED_OFFSET,
  wrapLabel,
  extremes,
  isShareStat,
  isShownGroup,
  joinDe,
  pct,
  round4,
  surveyNotes,
  topLevel,
  uniqueLabels,
  withN,
  type ItemResult,
  type ShareStat,
} from './common.js';
import { horizontalBars, shareMax } from './bars.js';
import { CI_NOTE } from './incivility.js';
import type { ChartContext, ChartSpec } from './types.js';

/** Header of a block when a group mixes answer scales. */
const SCALE_HEADERS: Readonly<Record<ScaleId, string>> = {
  wohnen_gern: 'Wie gern wohnen Sie in Ihrer Kommune?',
  entwicklung_lq: 'Entwicklung der Lebensqualität (12 Monate)',
  sicher4: 'Wie sicher fühlen Sie sich ohne Begleitung …',
  furcht5: 'Angst, Opfer einer Straftat zu werden (affektiv)',
  beunruhigt4: 'Beunruhigung, Opfer zu werden von … (affektiv)',
  risiko4: 'Erwartetes Risiko in den nächsten 12 Monaten (kognitiv)',
  vermeiden5: 'Vermeideverhalten aus Angst vor Kriminalität (konativ)',
  problem4: 'Probleme in der Wohngegend',
  janein: 'Ja/Nein',
  anzeige: 'Anzeige bei der Polizei',
  zufrieden4: 'Zufriedenheit mit der Arbeit von …',
  praesenz3: 'Präsenz im öffentlichen Raum',
  zustimmung4: 'Nachbarschaft',
  trend5: 'Entwicklung der Kriminalität in den letzten 5 Jahren',
};

/** Minimum share for a data label inside a segment. */
const LABEL_MIN_SHARE = 0.07;

export interface StackRow {
  readonly label: string;
  readonly stat: ShareStat;
}

interface Segment {
  row: string;
  category: string;
  share: number;
  x0: number;
  x1: number;
  mid: number;
  text: string;
  textColor: string;
}

function segments(
  rows: readonly { row: string; stat: ShareStat }[],
  scale: ScaleId,
  colours: readonly string[],
): Segment[] {
  const labels = SCALES[scale].labels;
  const out: Segment[] = [];
  for (const { row, stat } of rows) {
    if (!isShareStat(stat) || stat.n === 0) continue;
    // Shares of valid answers; renormalised so rounding in the input never overflows 100 %.
    const byCode = new Map(stat.distribution.map((d) => [d.code, d.shareWeighted]));
    const shares = labels.map((_, i) => Math.max(0, byCode.get(i + 1) ?? 0));
    const sum = shares.reduce((s, x) => s + x, 0);
    let x = 0;
    shares.forEach((raw, i) => {
      const share = sum > 0 ? raw / sum : 0;
      const x0 = x;
      x += share;
      if (share <= 0) return;
      const text = share >= LABEL_MIN_SHARE ? pct(share, stat.limited, 0) : '';
      out.push({
        row,
        category: labels[i] ?? String(i + 1),
        share: round4(share),
        x0: round4(x0),
        x1: round4(Math.min(1, x)),
        mid: round4((x0 + Math.min(1, x)) / 2),
        text,
        textColor: textOn(colours[i] ?? WHITE),
      });
    });
  }
  return out;
}

/** One block: the rows of one answer scale as a layered 100 % bar chart. */
export function stackBlock(
  rows: readonly StackRow[],
  scale: ScaleId,
  colours: readonly string[],
  header?: string,
): Record<string, unknown> {
  const names = uniqueLabels(rows.map((r) => wrapLabel(r.label, LABEL_COLUMN - 12)));
  const wrapped = names.some((n) => n.includes('\n'));
  const named = rows.map((r, i) => ({ row: names[i] ?? r.label, stat: r.stat }));
  const segs = segments(named, scale, colours);
  const suppressed = named
    .filter((r) => !isShareStat(r.stat) || r.stat.n === 0)
    .map((r) => ({ row: r.row, x: 0.5, text: SUPPRESSED_TEXT }));
  const labels = [...SCALES[scale].labels];
  const y = {
    field: 'row',
    type: 'nominal',
    sort: names,
    scale: { domain: names },
    axis: {
      title: null,
      minExtent: LABEL_COLUMN,
      maxExtent: LABEL_COLUMN,
      labelLimit: LABEL_COLUMN - 10,
      labelExpr: SPLIT_LINES,
      labelLineHeight: 12,
      labelOffset: { expr: WRAPPED_OFFSET },
    },
  };
  return {
    ...(header ? { title: { text: header, fontSize: FONT_SIZE.title, fontWeight: 'bold', offset: 6 } } : {}),
    width: BAR_PLOT_WIDTH,
    height: { step: wrapped ? ROW_STEP + 4 : ROW_STEP },
    layer: [
      {
        data: { values: segs },
        mark: { type: 'bar', stroke: WHITE, strokeWidth: 1, height: { band: 0.78 } },
        encoding: {
          y,
          x: {
            field: 'x0',
            type: 'quantitative',
            scale: { domain: [0, 1], nice: false },
            axis: { title: null, format: '.0%', values: [0, 0.25, 0.5, 0.75, 1], grid: true },
          },
          x2: { field: 'x1' },
          color: {
            field: 'category',
            type: 'nominal',
            sort: labels,
            scale: { domain: labels, range: [...colours] },
            legend: {
              title: null,
              orient: 'bottom',
              direction: 'horizontal',
              columns: legendColumns(labels, BAR_PLOT_WIDTH),
            },
          },
        },
      },
      {
        data: { values: segs.filter((s) => s.text !== '') },
        mark: { type: 'text', baseline: 'middle', align: 'center', fontSize: FONT_SIZE.data },
        encoding: {
          y,
          x: { field: 'mid', type: 'quantitative' },
          text: { field: 'text' },
          color: { field: 'textColor', type: 'nominal', scale: null, legend: null },
        },
      },
      {
        data: { values: suppressed },
        mark: {
          type: 'text',
          baseline: 'middle',
          align: 'center',
          fontSize: FONT_SIZE.data,
          fontStyle: 'italic',
          color: MUTED,
        },
        encoding: { y, x: { field: 'x', type: 'quantitative' }, text: { field: 'text' } },
      },
    ],
    resolve: { scale: { color: 'independent' } },
  };
}

/** An item whose total is published. */
type ShownItem = ItemResult & { readonly total: ShareStat };

function itemStat(item: ShownItem): ShareStat {
  return item.total;
}

const scaleOfItem = (item: ItemResult): ScaleId | undefined =>
  findItem(item.code)?.scale ?? (item.scale in SCALES ? (item.scale as ScaleId) : undefined);

/** Items of the given dimensions present in the analysis, in codebook order (then any others). */
function itemsOf(a: Analysis, dimensions: readonly Dimension[]): ShownItem[] {
  const present = Object.values(a.survey.items).filter(
    (it): it is ShownItem =>
      (dimensions as readonly string[]).includes(it.dimension) &&
      isShareStat(it.total) &&
      it.total.n > 0 &&
      scaleOfItem(it) !== undefined,
  );
  const order = new Map(ITEMS.map((d, i) => [d.code, i]));
  return present.sort(
    (x, y) => (order.get(x.code) ?? 1e6) - (order.get(y.code) ?? 1e6) || x.code.localeCompare(y.code),
  );
}

interface GroupDef {
  readonly id: string;
  readonly title: string;
  readonly dimensions: readonly Dimension[];
  /** Sort rows by unfavourable share (descending) instead of codebook order. */
  readonly byShare?: boolean;
}

/** The dimension groups, in report order. */
export const SCALE_GROUPS: readonly GroupDef[] = [
  { id: 'befragung-lebensqualitaet', title: 'Lebensqualität', dimensions: ['lebensqualitaet'] },
  {
    id: 'befragung-sicherheitsgefuehl',
    title: 'Sicherheitsgefühl nach Ort und Tageszeit: Antwortverteilung',
    dimensions: ['sicherheitsgefuehl'],
  },
  {
    id: 'befragung-kriminalitaetsfurcht',
    title: 'Kriminalitätsfurcht: affektive, kognitive und konative Dimension',
    dimensions: ['affektiv', 'kognitiv', 'konativ'],
  },
  {
    id: 'befragung-incivilities',
    title: 'Probleme im Wohnumfeld (Incivilities): Antwortverteilung',
    dimensions: ['incivility'],
    byShare: true,
  },
  {
    id: 'befragung-institutionen',
    title: 'Zufriedenheit mit Polizei und Ordnungsamt und deren Präsenz',
    dimensions: ['zufriedenheit', 'praesenz'],
  },
  { id: 'befragung-nachbarschaft', title: 'Nachbarschaft', dimensions: ['nachbarschaft'] },
  {
    id: 'befragung-kriminalitaetsentwicklung',
    title: 'Wahrgenommene Entwicklung der Kriminalität in den letzten 5 Jahren',
    dimensions: ['kriminalitaetsentwicklung'],
  },
];

function groupAlt(a: Analysis, group: GroupDef, items: readonly ShownItem[]): string {
  const ex = extremes(items, (it) => it.total.negativeShareWeighted);
  const intro = `Gestapelte Balken (100 %) mit der Verteilung der Antworten auf ${items.length === 1 ? 'eine Frage' : `${items.length} Fragen`} zum Thema ${group.title.split(':')[0]}; gewichtete Anteile der gültigen Antworten.`;
  if (!ex) return intro;
  const phrase = (it: ShownItem) =>
    `${it.label} (${altPct(it.total.negativeShareWeighted, it.total.limited)} ${it.negativeLabel})`;
  if (items.length === 1) return `${intro} ${phrase(ex.max)}.`;
  void a;
  return `${intro} Der ungünstigste Wert: ${phrase(ex.max)}; der günstigste: ${phrase(ex.min)}.`;
}

export function scaleGroupCharts(ctx: ChartContext): ChartSpec[] {
  const a = ctx.analysis;
  const out: ChartSpec[] = [];
  for (const group of SCALE_GROUPS) {
    let items = itemsOf(a, group.dimensions);
    if (items.length === 0) continue;
    if (group.byShare)
      items = [...items].sort(
        (x, y) =>
          y.total.negativeShareWeighted - x.total.negativeShareWeighted || x.code.localeCompare(y.code),
      );
    // One block per answer scale, in order of first appearance.
    const scales: ScaleId[] = [];
    for (const it of items) {
      const s = scaleOfItem(it);
      if (s && !scales.includes(s)) scales.push(s);
    }
    const blocks = scales.map((scale) => {
      const rows = items
        .filter((it) => scaleOfItem(it) === scale)
        .map((it) => ({ label: withN(it.label, it.total.n), stat: itemStat(it) }));
      return stackBlock(
        rows,
        scale,
        scaleColours(scale, ctx.palette),
        scales.length > 1 ? SCALE_HEADERS[scale] : undefined,
      );
    });
    const hasLimited = items.some((it) => it.total.limited);
    const body =
      blocks.length === 1
        ? (blocks[0] ?? {})
        : { vconcat: blocks, resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } } };
    out.push({
      id: group.id,
      title: group.title,
      alt: groupAlt(a, group, items),
      section: 'survey',
      spec: topLevel(body, surveyNotes(a, hasLimited, false)),
    });
  }
  return out;
}

/** The item charted by area: the standard indicator. */
export const AREA_ITEM = 'sg_wohngegend_nacht';

/**
 * The standard indicator by area: the unfavourable share of each area with its 95 % interval (the
 * municipality first), as bars; suppressed areas get the suppression text in their row. Areas
 * publish no answer distribution (see schema `GroupShareStat`), so the chart shows the share only.
 */
export function areaScaleChart(ctx: ChartContext, code = AREA_ITEM): ChartSpec[] {
  const a = ctx.analysis;
  const item = a.survey.items[code];
  if (
    !item ||
    !isShareStat(item.total) ||
    a.meta.gebiete.length === 0 ||
    Object.keys(item.byArea).length === 0
  )
    return [];
  const total = item.total;
  const entries: { label: string; value: number | null; ci95: [number, number] | null; limited: boolean }[] =
    [
      {
        label: withN(`${a.meta.kommune.name} gesamt`, total.n),
        value: total.negativeShareWeighted,
        ci95: total.ci95,
        limited: total.limited,
      },
    ];
  const shown: { name: string; share: number; limited: boolean }[] = [];
  const suppressedNames: string[] = [];
  for (const g of a.meta.gebiete) {
    const stat = item.byArea[g.id];
    if (stat === undefined) continue;
    if (isShownGroup(stat) && stat.n > 0) {
      entries.push({
        label: withN(g.name, stat.n),
        value: stat.negativeShareWeighted,
        ci95: stat.ci95,
        limited: stat.limited,
      });
      shown.push({ name: g.name, share: stat.negativeShareWeighted, limited: stat.limited });
    } else {
      entries.push({ label: g.name, value: null, ci95: null, limited: false });
      suppressedNames.push(g.name);
    }
  }
  const labels = uniqueLabels(entries.map((e) => wrapLabel(e.label, LABEL_COLUMN - 12)));
  const rows = entries.map((e, i) => ({
    row: labels[i] ?? e.label,
    value: e.value,
    ci95: e.ci95,
    limited: e.limited,
    suppressed: e.value === null,
  }));
  const max = shareMax(Math.max(0, ...entries.map((e) => e.ci95?.[1] ?? e.value ?? 0)) + 0.08);
  const hasLimited = shown.some((s) => s.limited) || total.limited;
  const ex = extremes(shown, (s) => s.share);
  const def = findItem(code);
  const what = def?.question.replace(/\?$/, '') ?? item.question;
  let alt = `Balkendiagramm mit 95-%-Konfidenzintervallen für „${what}“: Anteil ${item.negativeLabel} in ${a.meta.kommune.name} insgesamt und in ${a.meta.gebiete.length} Gebieten. Insgesamt ${pct(total.negativeShareWeighted)}.`;
  if (ex && shown.length > 1) {
    const value = (s: { share: number; limited: boolean }) =>
      `${pct(s.share)}${s.limited ? ', eingeschränkt aussagekräftig' : ''}`;
    alt += ` Höchster Anteil: ${ex.max.name} (${value(ex.max)}); niedrigster: ${ex.min.name} (${value(ex.min)}). Ob sich Gebiete unterscheiden, zeigen die Intervalle.`;
  }
  if (suppressedNames.length > 0)
    alt += ` ${joinDe(suppressedNames)}: ${SUPPRESSED_TEXT}, nicht ausgewiesen.`;
  return [
    {
      id: 'befragung-wohngegend-nacht-gebiete',
      title:
        code === AREA_ITEM
          ? `Sicherheitsgefühl nachts in der Wohngegend nach Gebiet: Anteil „${item.negativeLabel}“`
          : `${item.label} nach Gebiet`,
      alt,
      section: 'survey',
      spec: topLevel(
        horizontalBars(rows, { width: BAR_PLOT_WIDTH, colour: ctx.palette.unfavourable, max }),
        surveyNotes(a, hasLimited, suppressedNames.length > 0, [CI_NOTE]),
      ),
    },
  ];
}
