/**
 * Victimisation (12-month prevalence) next to the reporting rate (share of victims who reported to
 * the police) per offence: two panels sharing the offence axis, each with its own scale.
 */
import { horizontalBars, shareMax } from './bars.js';
import { SUPPRESSED_TEXT, altPct, joinDe, surveyNotes, topLevel, uniqueLabels, wrapLabel } from './common.js';
import { CI_NOTE } from './incivility.js';
import { FIGURE_WIDTH, LABEL_COLUMN, PADDING } from './theme.js';
import type { ChartContext, ChartSpec } from './types.js';

const GAP = 16;

export function victimisationChart(ctx: ChartContext): ChartSpec[] {
  const a = ctx.analysis;
  const list = a.survey.victimisation;
  if (list.length === 0) return [];
  const labels = uniqueLabels(list.map((v) => wrapLabel(v.label, LABEL_COLUMN - 12)));
  const prev = list.map((v, i) => ({
    row: labels[i] ?? v.label,
    value: v.prevalence.suppressed ? null : v.prevalence.negativeShareWeighted,
    ci95: v.prevalence.ci95,
    limited: v.prevalence.limited,
    suppressed: v.prevalence.suppressed,
  }));
  const rep = list.map((v, i) => ({
    row: labels[i] ?? v.label,
    value: v.reportingRate && !v.reportingRate.suppressed ? v.reportingRate.negativeShareWeighted : null,
    ci95: v.reportingRate?.ci95 ?? null,
    limited: v.reportingRate?.limited ?? false,
    suppressed:
      !v.reportingRate || v.reportingRate.suppressed || v.reportingRate.negativeShareWeighted === null,
  }));
  const panel = Math.floor((FIGURE_WIDTH - LABEL_COLUMN - 2 * PADDING - GAP - 10) / 2);
  const prevMax = shareMax(Math.max(0, ...prev.map((r) => r.ci95?.[1] ?? r.value ?? 0)) + 0.03);
  const body = {
    hconcat: [
      horizontalBars(prev, {
        width: panel,
        colour: ctx.palette.unfavourable,
        max: prevMax,
        title: 'Opfer in den letzten 12 Monaten',
      }),
      horizontalBars(rep, {
        width: panel,
        colour: ctx.palette.primary,
        max: 1,
        title: 'davon Anzeige bei der Polizei',
        hideLabels: true,
      }),
    ],
    spacing: GAP,
  };
  const parts = list.map((v) => {
    const p = v.prevalence.suppressed
      ? SUPPRESSED_TEXT
      : altPct(v.prevalence.negativeShareWeighted, v.prevalence.limited);
    const r =
      !v.reportingRate || v.reportingRate.suppressed || v.reportingRate.negativeShareWeighted === null
        ? `Anzeigequote: ${SUPPRESSED_TEXT}`
        : `davon angezeigt: ${altPct(v.reportingRate.negativeShareWeighted, v.reportingRate.limited)}`;
    return `${v.label} ${p} (${r})`;
  });
  const alt = `Zwei Balkendiagramme je Delikt: links der Anteil der Befragten, die in den letzten 12 Monaten Opfer wurden, rechts der Anteil der Opfer, die die Tat angezeigt haben. ${joinDe(parts)}.`;
  const limited = [...prev, ...rep].some((r) => r.limited && !r.suppressed);
  const suppressed = [...prev, ...rep].some((r) => r.suppressed);
  return [
    {
      id: 'befragung-opfer-anzeige',
      title: 'Opfererfahrung und Anzeigeverhalten nach Delikt',
      alt,
      section: 'survey',
      spec: topLevel(body, surveyNotes(a, limited, suppressed, [CI_NOTE])),
    },
  ];
}
