/**
 * The change summary of a new report version: `diffAnalyses(previous, next, options)` compares two
 * analysis.json documents of the same analysis and returns what moved, as `changes.json` and as the
 * report chapter "Änderungen gegenüber Version N" print it.
 *
 * Pure and deterministic: the same two analyses and options always give the same summary, with every
 * list in the same order (largest change first, ties by a stable id in code-unit order).
 */
import type { Analysis } from '../analysis/schema.js';
import {
  CHANGES_SCHEMA_VERSION,
  type ChangeKind,
  type ChangeSummary,
  type OverviewChange,
} from './schema.js';
import { compareText, countMoved, delta, markShown, RATE_RELATIVE, SHARE_POINTS } from './delta.js';
import { crimeChanges } from './crime.js';
import { surveyChanges } from './survey.js';
import { keyFindingChanges, recommendationChanges, warningChanges } from './lists.js';

/** Entries per kind the report chapter prints (changes.json keeps all). */
export const DEFAULT_TOP: Readonly<Record<ChangeKind, number>> = {
  crime: 8,
  survey: 10,
  suppression: 6,
  recommendations: 10,
  keyFindings: 6,
  warnings: 6,
};

/** A previous report version to compare a new one against. */
export interface PreviousVersion {
  readonly version: number;
  readonly analysis: Analysis;
  /** Input file name → SHA-256, from the previous version's record; without it `inputs` is null. */
  readonly inputHashes?: Readonly<Record<string, string>>;
  /** Template version the previous report was rendered with, where known. */
  readonly templateVersion?: string;
}

export interface DiffOptions {
  readonly fromVersion: number;
  readonly toVersion: number;
  /** Input file name → SHA-256 of both versions; `inputs` is null unless both are given. */
  readonly inputHashes?: {
    readonly previous?: Readonly<Record<string, string>>;
    readonly next?: Readonly<Record<string, string>>;
  };
  readonly templateVersions?: { readonly previous?: string; readonly next?: string };
  /** Entries per kind marked `shown` (the rest stay in changes.json). */
  readonly top?: Partial<Record<ChangeKind, number>>;
}

function inputChanges(
  prev: Readonly<Record<string, string>> | undefined,
  next: Readonly<Record<string, string>> | undefined,
): ChangeSummary['inputs'] {
  if (!prev || !next) return null;
  const names = [...new Set([...Object.keys(prev), ...Object.keys(next)])].sort(compareText);
  const out = {
    changed: [] as string[],
    added: [] as string[],
    removed: [] as string[],
    unchanged: [] as string[],
  };
  for (const name of names) {
    const p = prev[name];
    const n = next[name];
    if (p === undefined) out.added.push(name);
    else if (n === undefined) out.removed.push(name);
    else (p === n ? out.unchanged : out.changed).push(name);
  }
  return out;
}

function addedRemoved<T extends string | number>(
  prev: readonly T[],
  next: readonly T[],
): { added: string[]; removed: string[] } {
  const sort = (xs: T[]): string[] => xs.map(String).sort(compareText);
  return {
    added: sort(next.filter((x) => !prev.includes(x))),
    removed: sort(prev.filter((x) => !next.includes(x))),
  };
}

const fromTo = (from: string | null, to: string | null) => ({
  from,
  to,
  changed: from !== null && to !== null && from !== to,
});

function overviewChanges(prev: Analysis, next: Analysis): OverviewChange[] {
  const fields: readonly [OverviewChange['field'], string, number | null, number | null][] = [
    ['respondents', 'Befragte', prev.survey.respondents, next.survey.respondents],
    ['responseRate', 'Rücklaufquote', prev.survey.responseRate, next.survey.responseRate],
    [
      'population',
      'Einwohnerinnen und Einwohner',
      prev.profile.population.total,
      next.profile.population.total,
    ],
    ['berichtsjahr', 'Berichtsjahr', prev.meta.berichtsjahr, next.meta.berichtsjahr],
    ['mindestfallzahl', 'Mindestfallzahl', prev.meta.mindestfallzahl, next.meta.mindestfallzahl],
    [
      'limitedBelow',
      'Grenze für eingeschränkte Aussagekraft',
      prev.meta.limitedBelow,
      next.meta.limitedBelow,
    ],
  ];
  return fields.flatMap(([field, label, from, to]) => {
    const value = delta(from, to);
    return countMoved(value) ? [{ field, label, value }] : [];
  });
}

export function diffAnalyses(previous: Analysis, next: Analysis, options: DiffOptions): ChangeSummary {
  const top = { ...DEFAULT_TOP, ...options.top };
  const { survey, suppression } = surveyChanges(previous, next);
  return {
    schemaVersion: CHANGES_SCHEMA_VERSION,
    fromVersion: options.fromVersion,
    toVersion: options.toVersion,
    inputs: inputChanges(options.inputHashes?.previous, options.inputHashes?.next),
    versions: {
      engine: fromTo(previous.meta.engineVersion, next.meta.engineVersion),
      template: fromTo(options.templateVersions?.previous ?? null, options.templateVersions?.next ?? null),
      schema: fromTo(previous.schemaVersion, next.schemaVersion),
    },
    structure: {
      crimeYears: addedRemoved(previous.crime.years, next.crime.years),
      crimeKeys: addedRemoved(
        previous.crime.keys.map((k) => k.key),
        next.crime.keys.map((k) => k.key),
      ),
      areas: addedRemoved(
        previous.meta.gebiete.map((g) => g.id),
        next.meta.gebiete.map((g) => g.id),
      ),
      items: addedRemoved(Object.keys(previous.survey.items), Object.keys(next.survey.items)),
    },
    overview: overviewChanges(previous, next),
    crime: markShown(crimeChanges(previous, next), top.crime),
    survey: markShown(survey, top.survey),
    suppression: markShown(suppression, top.suppression),
    recommendations: markShown(recommendationChanges(previous, next), top.recommendations),
    keyFindings: markShown(keyFindingChanges(previous, next), top.keyFindings),
    warnings: markShown(warningChanges(previous, next), top.warnings),
    thresholds: { sharePoints: SHARE_POINTS, rateRelative: RATE_RELATIVE, top },
  };
}

/** Number of reported changes of figures and lists (inputs and versions not counted). */
export function changeCount(s: ChangeSummary): number {
  return (
    s.overview.length +
    s.crime.length +
    s.survey.length +
    s.suppression.length +
    s.recommendations.length +
    s.keyFindings.length +
    s.warnings.length
  );
}

/** Whether nothing at all differs: no figure, list, structure, input or version change. */
export function isEmptySummary(s: ChangeSummary): boolean {
  const structure = Object.values(s.structure).every((x) => x.added.length === 0 && x.removed.length === 0);
  const inputs =
    s.inputs === null ||
    (s.inputs.changed.length === 0 && s.inputs.added.length === 0 && s.inputs.removed.length === 0);
  const versions = !s.versions.engine.changed && !s.versions.template.changed && !s.versions.schema.changed;
  return changeCount(s) === 0 && structure && inputs && versions;
}

/** Compares a new analysis with a previous version, the way the pipeline does. */
export function diffWithPrevious(
  previous: PreviousVersion,
  next: Analysis,
  options: {
    readonly toVersion: number;
    readonly inputHashes?: Readonly<Record<string, string>>;
    readonly templateVersion?: string;
    readonly top?: DiffOptions['top'];
  },
): ChangeSummary {
  return diffAnalyses(previous.analysis, next, {
    fromVersion: previous.version,
    toVersion: options.toVersion,
    inputHashes: {
      ...(previous.inputHashes && { previous: previous.inputHashes }),
      ...(options.inputHashes && { next: options.inputHashes }),
    },
    templateVersions: {
      ...(previous.templateVersion !== undefined && { previous: previous.templateVersion }),
      ...(options.templateVersion !== undefined && { next: options.templateVersion }),
    },
    ...(options.top && { top: options.top }),
  });
}
