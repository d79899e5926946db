/**
 * The mapping assistant's proposal: for every column of a survey file, the standard code it most
 * likely holds, with a confidence (0..1), the reason in German, the values seen and what they
 * become. Sources, strongest first: the municipality's saved mapping, the column already named
 * by its standard code, a LimeSurvey code of the standard questionnaire, LimeSurvey metadata
 * (proposed to ignore), then the header and SPSS variable label compared with the codebook's
 * question texts, weighed by how well the values fit. Each standard code goes to one column at
 * most; a column with no good candidate is left unmapped and listed, never guessed silently.
 */
import type { z } from 'zod';
import { normaliseColumnName } from '../input/columns.js';
import type { Area } from '../model/dataset.js';
import { isLimeSurveyMeta, standardCodeOfLimeSurveyColumn } from '../import/limesurvey.js';
import type { zuordnungSchema } from '../validate/zuordnung.js';
import type { ColumnSummary } from './summary.js';
import { findTarget, targets, type Target } from './targets.js';
import { previewValues, proposeRecode, type MappedValue, type ValuePreview } from './values.js';

export type SavedZuordnung = z.infer<typeof zuordnungSchema>;

/** Proposals at or above this are taken by `sia zuordnung --ja` and preselected in the portal. */
export const ACCEPT_THRESHOLD = 0.8;
/** Below this no target is proposed (the column is listed as unmapped). */
export const PROPOSE_THRESHOLD = 0.4;

export interface Alternative {
  readonly code: string;
  readonly title: string;
  readonly confidence: number;
}

export interface ColumnProposal {
  readonly column: string;
  readonly index: number;
  readonly label: string | null;
  /** The proposed standard code, or null (unmapped or ignored). */
  readonly target: string | null;
  readonly targetTitle: string | null;
  readonly confidence: number;
  /** German: why this proposal. */
  readonly reason: string;
  /** Proposed to be ignored (tool metadata, or so saved). */
  readonly ignore: boolean;
  /** Value as written → replacement, only values that change. */
  readonly recode: Readonly<Record<string, MappedValue>>;
  readonly values: readonly ValuePreview[];
  readonly distinct: number;
  readonly filled: number;
  readonly alternatives: readonly Alternative[];
}

export interface MappingProposal {
  readonly columns: readonly ColumnProposal[];
  /** Columns with neither a target nor ignore: the user must decide (else they stay unknown columns). */
  readonly unmapped: readonly string[];
  /** Extra questions of the saved mapping, kept. */
  readonly zusatzfragen: NonNullable<SavedZuordnung['zusatzfragen']>;
}

export interface ProposeOptions {
  /** The manifest's areas (values of `gebiet` are checked against them), or null. */
  readonly areas: readonly Area[] | null;
  /** The municipality's saved mapping (the previous upload's), or null. */
  readonly saved?: SavedZuordnung | null;
}

const STOPWORDS = new Set(
  'wie sie sich in im ihrer ihre ihr ihren der die das den dem des von vom zu zum zur werden worden geworden haben hat sind ist es oder und ein eine einer einen auf mit fuer bitte an am ob was wer welche welches welcher folgende folgenden'.split(
    ' ',
  ),
);

const tokenCache = new Map<string, string[]>();

function tokens(text: string): string[] {
  let t = tokenCache.get(text);
  if (!t) {
    t = tokenise(text);
    if (tokenCache.size > 10_000) tokenCache.clear();
    tokenCache.set(text, t);
  }
  return t;
}

function tokenise(text: string): string[] {
  return normaliseColumnName(text.replace(/\[/g, ' ').replace(/]/g, ' '))
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '' && !STOPWORDS.has(t))
    .map((t) => t.slice(0, 7));
}

function same(a: string, b: string): boolean {
  return a === b || (Math.min(a.length, b.length) >= 4 && (a.startsWith(b) || b.startsWith(a)));
}

/** Dice coefficient over word stems (a stem matches another that it begins or that begins it). */
export function similarity(a: string, b: string): number {
  const x = [...new Set(tokens(a))];
  const y = [...new Set(tokens(b))];
  if (x.length === 0 || y.length === 0) return 0;
  const hits = x.filter((t) => y.some((u) => same(t, u))).length;
  const back = y.filter((u) => x.some((t) => same(t, u))).length;
  return (hits + back) / (x.length + y.length);
}

interface TextMatch {
  readonly score: number;
  readonly text: string;
  readonly source: 'Spaltenname' | 'Variablenbeschriftung';
}

/** A LimeSurvey "code and text" heading without its code: `G02Q01[SQ001]. Wie sicher …` → `Wie sicher …`. */
function withoutCode(heading: string): string {
  return heading.replace(/^[A-Za-z][A-Za-z0-9]*(?:\[[A-Za-z0-9]+\])?[.:]\s+(?=\S)/, '');
}

function textScore(col: ColumnSummary, target: Target): TextMatch {
  let best: TextMatch = { score: 0, text: '', source: 'Spaltenname' };
  const name = withoutCode(col.name);
  for (const t of target.texts) {
    const byName = similarity(name, t);
    if (byName > best.score) best = { score: byName, text: t, source: 'Spaltenname' };
    const byLabel = col.label ? similarity(col.label, t) : 0;
    if (byLabel > best.score) best = { score: byLabel, text: t, source: 'Variablenbeschriftung' };
  }
  return best;
}

/** Evidence from the values alone, for attributes whose values give them away. */
function valueScore(col: ColumnSummary, target: Target, fit: number, areas: readonly Area[] | null): number {
  if (col.filled === 0 || fit < 0.95) return 0;
  const distinct = col.distinct;
  switch (target.kind) {
    case 'geschlecht':
      return distinct >= 2 && distinct <= 4 && col.values.some((v) => /[a-z]/i.test(v.value)) ? 0.6 : 0;
    case 'gebiet':
      return areas && distinct >= 2 ? 0.6 : 0;
    case 'alter':
      return distinct >= 5 ? 0.45 : 0;
    default:
      return 0;
  }
}

const round = (n: number): number => Math.round(n * 100) / 100;

interface Candidate {
  readonly col: ColumnSummary;
  readonly target: Target;
  readonly confidence: number;
  readonly reason: string;
  readonly recode: ReadonlyMap<string, MappedValue>;
}

function scoreAll(col: ColumnSummary, areas: readonly Area[] | null): Candidate[] {
  const out: Candidate[] = [];
  for (const target of targets()) {
    const match = textScore(col, target);
    const text = match.score;
    // only attributes can be recognised by their values alone
    if (text < 0.3 && target.kind !== 'geschlecht' && target.kind !== 'gebiet' && target.kind !== 'alter')
      continue;
    const { recode, fit, assumedOrder } = proposeRecode(col, target, areas);
    const byValues = valueScore(col, target, fit, areas);
    if (text < 0.3 && byValues === 0) continue;
    let confidence = Math.max(text * (0.4 + 0.6 * fit), byValues);
    if (assumedOrder) confidence *= 0.85;
    const labelsFit =
      target.kind === 'item' &&
      col.valueLabels.length > 0 &&
      fit === 1 &&
      recode.size < col.valueLabels.length;
    if (labelsFit) confidence = Math.min(1, confidence + 0.05);
    const reasons: string[] = [];
    if (text >= 0.3) reasons.push(`${match.source} ähnelt „${match.text}“`);
    else reasons.push('die Werte passen');
    if (fit < 1) reasons.push(`${Math.round((1 - fit) * 100)} % der Werte passen nicht`);
    if (assumedOrder) reasons.push('Antwortcodes A1, A2 … als 1, 2 … gelesen: Reihenfolge bitte prüfen');
    out.push({ col, target, confidence: round(confidence), reason: reasons.join('; '), recode });
  }
  return out.sort((a, b) => b.confidence - a.confidence);
}

function fromSaved(saved: SavedZuordnung | null | undefined): {
  spalten: Map<string, string>;
  werte: Map<string, Record<string, MappedValue>>;
  ignore: Set<string>;
  extraCodes: Set<string>;
} {
  const extraCodes = new Set((saved?.zusatzfragen ?? []).map((x) => x.code));
  return {
    spalten: new Map(
      Object.entries(saved?.spalten ?? {}).map(([k, v]) => [normaliseColumnName(k), normaliseColumnName(v)]),
    ),
    werte: new Map(
      Object.entries(saved?.werte ?? {}).map(([k, v]) => [k === '*' ? '*' : normaliseColumnName(k), v]),
    ),
    ignore: new Set((saved?.ignorieren ?? []).map(normaliseColumnName)),
    extraCodes,
  };
}

export function proposeMapping(columns: readonly ColumnSummary[], options: ProposeOptions): MappingProposal {
  const areas = options.areas;
  const saved = fromSaved(options.saved);
  const taken = new Set<string>();
  const decided = new Map<
    number,
    Omit<ColumnProposal, 'values' | 'alternatives' | 'distinct' | 'filled' | 'index' | 'column' | 'label'>
  >();
  const fixed = (col: ColumnSummary, code: string, reason: string): void => {
    const target = findTarget(code);
    const savedValues = saved.werte.get(code);
    const recode = target ? proposeRecode(col, target, areas).recode : new Map<string, MappedValue>();
    decided.set(col.index, {
      target: code,
      targetTitle: target?.title ?? 'Zusatzfrage',
      confidence: 1,
      reason,
      ignore: false,
      recode: savedValues ? { ...savedValues } : Object.fromEntries(recode),
    });
    taken.add(code);
  };
  const ignored = (col: ColumnSummary, reason: string): void => {
    decided.set(col.index, {
      target: null,
      targetTitle: null,
      confidence: 1,
      reason,
      ignore: true,
      recode: {},
    });
  };

  // 1. What is certain: saved decisions, standard names, the standard questionnaire's LimeSurvey codes.
  for (const col of columns) {
    const normal = normaliseColumnName(col.name);
    if (normal === '') continue;
    const savedTarget = saved.spalten.get(normal);
    if (
      savedTarget &&
      !taken.has(savedTarget) &&
      (findTarget(savedTarget) || saved.extraCodes.has(savedTarget))
    )
      fixed(col, savedTarget, 'aus der gespeicherten Zuordnung der Kommune');
    else if (saved.ignore.has(normal)) ignored(col, 'laut gespeicherter Zuordnung ignoriert');
    else if ((findTarget(normal) || saved.extraCodes.has(normal)) && !taken.has(normal))
      fixed(col, normal, 'Spaltenname ist bereits der Standardcode');
  }
  for (const col of columns) {
    if (decided.has(col.index) || normaliseColumnName(col.name) === '') continue;
    const code = standardCodeOfLimeSurveyColumn(col.name);
    if (code && !taken.has(code)) fixed(col, code, 'Fragecode des Standardfragebogens (LimeSurvey)');
    else if (isLimeSurveyMeta(col.name)) ignored(col, 'Metadaten von LimeSurvey, werden nicht ausgewertet');
  }

  // 2. The rest by similarity, best pairs first, one column per code.
  const candidates = new Map<number, Candidate[]>();
  for (const col of columns)
    if (!decided.has(col.index) && normaliseColumnName(col.name) !== '')
      candidates.set(col.index, scoreAll(col, areas));
  const pool = [...candidates.values()].flat().sort((a, b) => b.confidence - a.confidence);
  for (const c of pool) {
    if (c.confidence < PROPOSE_THRESHOLD) break;
    if (decided.has(c.col.index) || taken.has(c.target.code)) continue;
    taken.add(c.target.code);
    decided.set(c.col.index, {
      target: c.target.code,
      targetTitle: c.target.title,
      confidence: c.confidence,
      reason: c.reason,
      ignore: false,
      recode: Object.fromEntries(c.recode),
    });
  }

  const out: ColumnProposal[] = columns
    .filter((col) => normaliseColumnName(col.name) !== '')
    .map((col) => {
      const d = decided.get(col.index) ?? {
        target: null,
        targetTitle: null,
        confidence: 0,
        reason: 'kein passender Standardcode gefunden',
        ignore: false,
        recode: {},
      };
      const target = d.target ? (findTarget(d.target) ?? null) : null;
      const alternatives = (candidates.get(col.index) ?? [])
        .filter((c) => c.target.code !== d.target && c.confidence >= 0.2)
        .slice(0, 3)
        .map((c) => ({ code: c.target.code, title: c.target.title, confidence: c.confidence }));
      return {
        column: col.name,
        index: col.index,
        label: col.label,
        ...d,
        values: previewValues(col, d.ignore ? null : target, new Map(Object.entries(d.recode)), areas),
        distinct: col.distinct,
        filled: col.filled,
        alternatives,
      };
    });
  return {
    columns: out,
    unmapped: out.filter((c) => c.target === null && !c.ignore).map((c) => c.column),
    zusatzfragen: options.saved?.zusatzfragen ?? [],
  };
}
