/**
 * Answer values of one column under one target: which values need recoding (value labels and
 * answer texts → codes, `N/A` → empty, LimeSurvey `A1`… → 1…), what each value becomes, and how
 * well the column's values fit the target at all.
 */
import type { Cell } from '../input/table.js';
import type { Area } from '../model/dataset.js';
import { CODE_DONT_KNOW, CODE_MISSING, CODE_NOT_APPLICABLE } from '../model/codebook.js';
import { CODE_INVALID, parseAnswer } from '../validate/answer-codes.js';
import { AREA_EMPTY, AreaResolver } from '../validate/areas.js';
import { parseSex } from '../validate/sex.js';
import { normaliseColumnName } from '../input/columns.js';
import type { ColumnSummary } from './summary.js';
import { DONT_KNOW_TEXTS, NO_ANSWER_TEXTS, NOT_APPLICABLE_TEXTS, type Target } from './targets.js';

export interface ValuePreview {
  readonly value: string;
  readonly count: number;
  /** After recoding. */
  readonly becomes: Cell;
  /** German: what the value means for the report, e.g. `3 – eher unsicher`, `leer (keine Angabe)`. */
  readonly meaning: string;
  readonly ok: boolean;
}

/** A replacement value in befragung-zuordnung.json: a code, a text, or null (empty). */
export type MappedValue = string | number | null;

export interface RecodeProposal {
  /** Value as written → replacement (only values that change). */
  readonly recode: ReadonlyMap<string, MappedValue>;
  /** Share of filled cells that are valid after recoding (0..1); 1 for an empty column. */
  readonly fit: number;
  /** True when answer codes like `A3` were read as positions (the order is assumed, not known). */
  readonly assumedOrder: boolean;
}

const key = (text: string): string => normaliseColumnName(text).replace(/[^a-z0-9]/g, '');

const SPECIAL: ReadonlyMap<string, MappedValue> = new Map<string, MappedValue>([
  ...DONT_KNOW_TEXTS.map((t): [string, MappedValue] => [key(t), CODE_DONT_KNOW]),
  ...NOT_APPLICABLE_TEXTS.map((t): [string, MappedValue] => [key(t), CODE_NOT_APPLICABLE]),
  ...NO_ANSWER_TEXTS.filter((t) => key(t) !== '').map((t): [string, MappedValue] => [key(t), null]),
]);

const SEX_TEXTS: ReadonlyMap<string, MappedValue> = new Map<string, MappedValue>([
  ['weiblich', 'w'],
  ['frau', 'w'],
  ['female', 'w'],
  ['f', 'w'],
  ['maennlich', 'm'],
  ['mann', 'm'],
  ['male', 'm'],
  ['divers', 'd'],
  ['diverse', 'd'],
  ['anderes', 'd'],
]);

function cellOf(text: string): MappedValue {
  return /^-?\d+(?:\.\d+)?$/.test(text) ? Number(text) : text;
}

/** The manifest's areas and a resolver over them (null: areas unknown, every value is accepted). */
export interface AreaLookup {
  readonly list: readonly Area[];
  readonly resolver: AreaResolver;
}

export function areaLookup(areas: readonly Area[] | null): AreaLookup | null {
  return areas && areas.length > 0 ? { list: areas, resolver: new AreaResolver(areas) } : null;
}

/** What a (recoded) cell means under the target. */
export function interpret(
  target: Target,
  cell: Cell,
  areas: AreaLookup | null,
): { meaning: string; ok: boolean } {
  const empty = cell === null || (typeof cell === 'string' && cell.trim() === '');
  if (empty) return { meaning: 'leer (keine Angabe)', ok: true };
  switch (target.kind) {
    case 'item': {
      const c = parseAnswer(cell, target.max!);
      if (c === CODE_INVALID) return { meaning: 'nicht erlaubt', ok: false };
      if (c === CODE_MISSING) return { meaning: 'leer (keine Angabe)', ok: true };
      if (c === CODE_DONT_KNOW) return { meaning: '9 – weiß nicht', ok: true };
      if (c === CODE_NOT_APPLICABLE) return { meaning: '8 – trifft nicht zu', ok: true };
      return { meaning: `${c} – ${target.labels![c - 1]}`, ok: true };
    }
    case 'geschlecht': {
      const s = parseSex(cell);
      return s > 0
        ? { meaning: ['', 'weiblich', 'männlich', 'divers'][s]!, ok: true }
        : { meaning: 'nicht erlaubt', ok: false };
    }
    case 'gebiet': {
      if (!areas) return { meaning: `Gebiet ${String(cell)}`, ok: true };
      const a = areas.resolver.resolve(cell);
      if (a === AREA_EMPTY) return { meaning: 'leer (keine Angabe)', ok: true };
      return a >= 0
        ? { meaning: areas.list[a]!.name, ok: true }
        : { meaning: 'kein Gebiet aus analyse.json', ok: false };
    }
    case 'alter': {
      const n = typeof cell === 'number' ? cell : Number(String(cell).trim());
      return Number.isInteger(n) && n >= 14 && n <= 110
        ? { meaning: `${n} Jahre`, ok: true }
        : { meaning: 'kein Alter (erwartet: 14 bis 110)', ok: false };
    }
    case 'modus': {
      const t = String(cell).trim().toLowerCase();
      return t === 'papier' || t === 'online'
        ? { meaning: t, ok: true }
        : { meaning: 'nicht erlaubt (papier/online)', ok: false };
    }
    default:
      return { meaning: String(cell), ok: true };
  }
}

/** Proposes the recoding of a column's values for a target and measures the fit. */
export function proposeRecode(
  col: ColumnSummary,
  target: Target,
  areas: readonly Area[] | null,
): RecodeProposal {
  const recode = new Map<string, MappedValue>();
  let assumedOrder = false;
  const resolver = areaLookup(areas);
  const byKey = new Map<string, MappedValue>();
  if (target.kind === 'item') target.labels!.forEach((l, i) => byKey.set(key(l), i + 1));
  if (target.kind === 'geschlecht') for (const [k, v] of SEX_TEXTS) byKey.set(k, v);
  if (target.kind === 'gebiet') for (const a of areas ?? []) byKey.set(key(a.name), a.id);
  const meaningOf = (text: string): MappedValue | undefined => {
    const k = key(text);
    if (byKey.has(k)) return byKey.get(k)!;
    if (SPECIAL.has(k)) {
      const v = SPECIAL.get(k)!;
      return target.kind === 'item' || v === null ? v : undefined;
    }
    return undefined;
  };
  // SPSS value labels say what a number means: 1 = "sehr oft" on a nie…sehr oft scale becomes 5.
  for (const { value, label } of col.valueLabels) {
    const m = meaningOf(label);
    if (m !== undefined && String(m) !== value) recode.set(value, m);
  }
  const labelled = new Set(col.valueLabels.map((v) => v.value));
  for (const { value } of col.values) {
    if (labelled.has(value)) continue;
    if (interpret(target, cellOf(value), resolver).ok && !(target.kind === 'gebiet' && !resolver)) continue;
    const m = meaningOf(value);
    if (m !== undefined) {
      if (String(m) !== value) recode.set(value, m);
      continue;
    }
    const ls = /^A[O0]?0*(\d{1,2})$/i.exec(value);
    if (target.kind === 'item' && ls) {
      const n = Number(ls[1]);
      if (n >= 1 && n <= target.max!) {
        recode.set(value, n);
        assumedOrder = true;
      }
    }
  }
  let good = 0;
  let seen = 0;
  for (const { value, count } of col.values) {
    seen += count;
    const becomes = recode.has(value) ? recode.get(value)! : cellOf(value);
    if (interpret(target, becomes, resolver).ok) good += count;
  }
  return { recode, fit: seen === 0 ? 1 : good / seen, assumedOrder };
}

/** Each distinct value (most frequent first) and what it becomes. */
export function previewValues(
  col: ColumnSummary,
  target: Target | null,
  recode: ReadonlyMap<string, MappedValue>,
  areas: readonly Area[] | null,
): ValuePreview[] {
  const resolver = areaLookup(areas);
  return col.values.map(({ value, count }) => {
    const becomes = recode.has(value) ? recode.get(value)! : cellOf(value);
    const { meaning, ok } = target
      ? interpret(target, becomes, resolver)
      : { meaning: 'wird nicht ausgewertet', ok: true };
    return { value, count, becomes, meaning, ok };
  });
}
