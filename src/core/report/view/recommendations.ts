/** Chapter 7: Handlungsempfehlungen — each with its triggering findings, actors and evaluation. */
import type { Analysis, Recommendation } from '../../analysis/schema.js';
import { formatNumber } from '../../format/number.js';
import { PRIORITY_LABELS, PRIORITY_ORDER, RECOMMENDATION_TYPE_LABELS } from '../labels.js';
import { buildSection, type BuildContext, type SectionBuilder } from './builder.js';
import type { Section } from './types.js';
import { areaName } from './shared.js';

function sorted(list: readonly Recommendation[]): Recommendation[] {
  return list
    .map((rec, i) => ({ rec, i }))
    .sort((x, y) => PRIORITY_ORDER[x.rec.priority] - PRIORITY_ORDER[y.rec.priority] || x.i - y.i)
    .map((x) => x.rec);
}

/** The report lists the first findings of a measure (in catalogue order); analysis.json keeps all of them. */
const SHOWN_TRIGGERS = 3;

function shownTriggers(r: Recommendation): string[] {
  const texts = r.triggers.map((t) =>
    t.display && !t.text.includes(t.display) ? `${t.text} (${t.display})` : t.text,
  );
  if (texts.length <= SHOWN_TRIGGERS + 1) return texts;
  const rest = texts.length - SHOWN_TRIGGERS;
  return [
    ...texts.slice(0, SHOWN_TRIGGERS),
    `sowie ${formatNumber(rest)} weitere Befunde derselben Art (vollständig in analysis.json)`,
  ];
}

function recommendationBlock(
  s: SectionBuilder,
  a: Analysis,
  r: Recommendation,
  common: ReadonlySet<string>,
): void {
  const facts = [
    { term: 'Handlungsfeld', desc: r.field },
    { term: 'Akteure', desc: r.actors.join(', ') || '–' },
  ];
  if (r.areas.length)
    facts.push({
      term: r.areas.length === 1 ? 'Gebiet' : 'Gebiete',
      desc: r.areas.map((id) => areaName(a, id)).join(', '),
    });
  if (r.targetGroups.length) facts.push({ term: 'Zielgruppen', desc: r.targetGroups.join(', ') });
  s.push({
    kind: 'recommendation',
    priority: r.priority,
    priorityLabel: `${PRIORITY_LABELS[r.priority]} · ${RECOMMENDATION_TYPE_LABELS[r.type]}`,
    description: r.description,
    facts,
    triggers: shownTriggers(r),
    evaluation: r.evaluation,
    support: r.support.filter((x) => !common.has(x)),
  });
}

/** Support offers named by at least half of the recommendations (at least two): stated once, before them. */
function commonSupport(recs: readonly Recommendation[]): Set<string> {
  const counts = new Map<string, number>();
  for (const r of recs) for (const x of new Set(r.support)) counts.set(x, (counts.get(x) ?? 0) + 1);
  return new Set([...counts].filter(([, n]) => n >= 2 && n * 2 >= recs.length).map(([x]) => x));
}

export function recommendationsChapter(ctx: BuildContext, a: Analysis): Section {
  return buildSection(ctx, 1, 'Handlungsempfehlungen', (b) => {
    const recs = a.recommendations;
    b.text('beccaria', { count: formatNumber(recs.length) });
    if (recs.length === 0) {
      b.p(
        'Die Auslöser der Empfehlungen aus dem Maßnahmenkatalog sind in dieser Analyse nicht erfüllt. Das heißt nicht, dass kein Handlungsbedarf besteht: Die Befunde der Kapitel 4 bis 6 sollten im Kommunalen Präventionsrat besprochen werden.',
      );
      return;
    }
    const common = commonSupport(recs);
    if (common.size)
      b.note(
        'Unterstützung für alle Empfehlungen',
        ['Bei der Umsetzung jeder der folgenden Empfehlungen steht zur Verfügung:'],
        [...common],
      );
    const specific = sorted(recs.filter((r) => r.type === 'specific'));
    const general = sorted(recs.filter((r) => r.type === 'general'));
    if (specific.length) {
      b.section(2, 'Spezifische Empfehlungen', (s) => {
        s.p(
          'Spezifische Empfehlungen setzen an einem Ort, einem Problem oder einer Zielgruppe an, die die Analyse als auffällig ausweist.',
        );
        for (const r of specific) s.section(3, r.title, (x) => recommendationBlock(x, a, r, common));
      });
    }
    if (general.length) {
      b.section(2, 'Allgemeine Empfehlungen', (s) => {
        s.p(
          'Allgemeine Empfehlungen betreffen Strukturen, Zusammenarbeit und Kommunikation der kommunalen Prävention insgesamt.',
        );
        for (const r of general) s.section(3, r.title, (x) => recommendationBlock(x, a, r, common));
      });
    }
  });
}
