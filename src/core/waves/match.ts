/**
 * Which items and areas of two waves are the same thing. Items are matched by their codebook code and
 * must keep their question and answer scale; areas are matched by id and must keep their name and
 * (roughly) their share of the municipality's population. Everything else is listed, never compared.
 */
import { formatPercent } from '../format/number.js';
import type { PublishedAnalysis } from './published.js';
import type { Development } from './schema.js';

/** An area whose share of the municipality's population moved by more than this (relative) counts as redrawn. */
export const AREA_POPULATION_TOLERANCE = 0.2;

type UnmatchedArea = Development['matching']['unmatchedAreas'][number];
type UnmatchedItem = Development['matching']['unmatchedItems'][number];

export interface WaveLabels {
  /** "der Befragung 2026" */
  readonly before: string;
  readonly after: string;
}

const normalise = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();

function populationShares(a: PublishedAnalysis): Map<string, number> {
  const rows = a.profile?.population.byArea ?? [];
  const total = rows.reduce((s, r) => s + r.population, 0);
  return new Map(total > 0 ? rows.map((r) => [r.areaId, r.population / total]) : []);
}

export function matchAreas(
  before: PublishedAnalysis,
  after: PublishedAnalysis,
  labels: WaveLabels,
): { matched: { id: string; name: string }[]; unmatched: UnmatchedArea[] } {
  const earlier = new Map(before.meta.gebiete.map((g) => [g.id, g.name]));
  const later = new Set(after.meta.gebiete.map((g) => g.id));
  const shareBefore = populationShares(before);
  const shareAfter = populationShares(after);
  const matched: { id: string; name: string }[] = [];
  const unmatched: UnmatchedArea[] = [];
  for (const g of after.meta.gebiete) {
    const name = earlier.get(g.id);
    if (name === undefined) {
      unmatched.push({
        id: g.id,
        nameBefore: null,
        nameAfter: g.name,
        reason: 'only-after',
        text: `Das Gebiet „${g.name}“ (${g.id}) gab es bei ${labels.before} noch nicht.`,
      });
      continue;
    }
    if (normalise(name) !== normalise(g.name)) {
      unmatched.push({
        id: g.id,
        nameBefore: name,
        nameAfter: g.name,
        reason: 'name-changed',
        text: `Das Gebiet ${g.id} hieß bei ${labels.before} „${name}“ und heißt jetzt „${g.name}“; ob es gleich abgegrenzt ist, ist nicht sicher. Es wird nicht verglichen.`,
      });
      continue;
    }
    const sb = shareBefore.get(g.id);
    const sa = shareAfter.get(g.id);
    if (sb !== undefined && sa !== undefined && sb > 0 && Math.abs(sa / sb - 1) > AREA_POPULATION_TOLERANCE) {
      unmatched.push({
        id: g.id,
        nameBefore: name,
        nameAfter: g.name,
        reason: 'population-changed',
        text: `Der Anteil des Gebiets „${g.name}“ an der Bevölkerung hat sich von ${formatPercent(sb)} auf ${formatPercent(sa)} verändert; das deutet auf eine geänderte Abgrenzung. Es wird nicht verglichen.`,
      });
      continue;
    }
    matched.push({ id: g.id, name: g.name });
  }
  for (const [id, name] of earlier) {
    if (!later.has(id))
      unmatched.push({
        id,
        nameBefore: name,
        nameAfter: null,
        reason: 'only-before',
        text: `Das Gebiet „${name}“ (${id}) gibt es bei ${labels.after} nicht mehr.`,
      });
  }
  return { matched, unmatched };
}

export function matchItems(
  before: PublishedAnalysis,
  after: PublishedAnalysis,
  labels: WaveLabels,
): { matched: string[]; unmatched: UnmatchedItem[] } {
  const earlier = before.survey.items;
  const later = after.survey.items;
  const matched: string[] = [];
  const unmatched: UnmatchedItem[] = [];
  for (const [code, item] of Object.entries(later)) {
    const prev = earlier[code];
    if (!prev) {
      unmatched.push({
        code,
        label: item.label,
        reason: 'only-after',
        text: `„${item.label}“ wurde bei ${labels.before} nicht gefragt.`,
      });
      continue;
    }
    const changed =
      (prev.scale !== undefined && item.scale !== undefined && prev.scale !== item.scale) ||
      (prev.question !== undefined &&
        item.question !== undefined &&
        normalise(prev.question) !== normalise(item.question));
    if (changed) {
      unmatched.push({
        code,
        label: item.label,
        reason: 'definition-changed',
        text: `Frage oder Antwortskala von „${item.label}“ sind bei ${labels.after} anders als bei ${labels.before}; die Ergebnisse sind nicht vergleichbar.`,
      });
      continue;
    }
    matched.push(code);
  }
  for (const [code, item] of Object.entries(earlier)) {
    if (!(code in later))
      unmatched.push({
        code,
        label: item.label,
        reason: 'only-before',
        text: `„${item.label}“ wurde bei ${labels.after} nicht gefragt.`,
      });
  }
  return { matched, unmatched };
}
