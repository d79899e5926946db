/**
 * Collects validation issues for one upload. Nothing is thrown: every check adds to the list and
 * carries on. Within one file, code and column, at most `perGroupCap` issues are listed one by one;
 * the rest are counted and summarised in one closing issue, so a million bad cells stay a short
 * report (and a small heap). Counts in `errorTotal` include the summarised ones.
 */
import type { Severity, ValidationIssue } from './issues.js';
import { formatInt, makeIssue, type IssueSpec } from './message.js';

interface Entry {
  readonly issue: ValidationIssue;
  /** Position of the column in the file, for sorting; -1 when unknown. */
  readonly colIndex: number;
  readonly seq: number;
  /** Summaries sort after the listed issues of their file. */
  readonly summary: boolean;
}

interface Overflow {
  severity: Severity;
  code: string;
  file: string;
  column: string | undefined;
  colIndex: number;
  listed: number;
  hidden: number;
}

export const DEFAULT_GROUP_CAP = 100;

export type Spec = Omit<IssueSpec, 'severity'> & { readonly colIndex?: number };

/**
 * A counter for one group (severity, file, code, column) for hot loops: `take()` says whether the
 * next issue is still listed; when not, it counts the issue as hidden, so the caller never builds
 * the message text of the millionth bad cell.
 */
export interface IssueSink {
  take(): boolean;
}

export class IssueCollector {
  private readonly entries: Entry[] = [];
  private readonly groups = new Map<string, Overflow>();
  private seq = 0;
  private errors = 0;
  private warnings = 0;

  constructor(private readonly perGroupCap = DEFAULT_GROUP_CAP) {}

  error(spec: Spec): void {
    this.add('error', spec);
  }

  warning(spec: Spec): void {
    this.add('warning', spec);
  }

  private group(
    severity: Severity,
    file: string,
    code: string,
    column: string | undefined,
    colIndex: number | undefined,
  ): Overflow {
    const key = `${severity}\u0000${file}\u0000${code}\u0000${column ?? ''}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { severity, code, file, column, colIndex: colIndex ?? -1, listed: 0, hidden: 0 };
      this.groups.set(key, group);
    }
    return group;
  }

  /** A sink for one group; use `if (sink.take()) issues.error({...})` in loops over many rows. */
  sink(severity: Severity, file: string, code: string, column?: string, colIndex?: number): IssueSink {
    const group = this.group(severity, file, code, column, colIndex);
    const cap = this.perGroupCap;
    return {
      take: (): boolean => {
        if (group.listed < cap) return true;
        group.hidden++;
        if (severity === 'error') this.errors++;
        else this.warnings++;
        return false;
      },
    };
  }

  add(severity: Severity, spec: Spec): void {
    if (severity === 'error') this.errors++;
    else this.warnings++;
    const group = this.group(severity, spec.file, spec.code, spec.column, spec.colIndex);
    if (group.listed >= this.perGroupCap) {
      group.hidden++;
      return;
    }
    group.listed++;
    this.entries.push({
      issue: makeIssue({ ...spec, severity }),
      colIndex: spec.colIndex ?? -1,
      seq: this.seq++,
      summary: false,
    });
  }

  /** Adds an issue built elsewhere (the readers'), under the same per-group cap. */
  addIssue(issue: ValidationIssue): void {
    if (issue.severity === 'error') this.errors++;
    else this.warnings++;
    const group = this.group(issue.severity, issue.file, issue.code, issue.column, undefined);
    if (group.listed >= this.perGroupCap) {
      group.hidden++;
      return;
    }
    group.listed++;
    this.entries.push({ issue, colIndex: -1, seq: this.seq++, summary: false });
  }

  get errorTotal(): number {
    return this.errors;
  }

  get warningTotal(): number {
    return this.warnings;
  }

  /** Errors added so far (including summarised ones); callers compare before/after a check. */
  hasErrors(): boolean {
    return this.errors > 0;
  }

  /**
   * The final list: summaries appended, identical messages removed, sorted by file (in the given
   * order, then by name), row (file-level issues first), column position, insertion order.
   */
  finish(fileOrder: (file: string) => number): {
    readonly issues: ValidationIssue[];
    readonly errorCount: number;
    readonly warningCount: number;
  } {
    const all = [...this.entries];
    for (const g of this.groups.values()) {
      if (g.hidden === 0) continue;
      const noun =
        g.severity === 'error'
          ? g.hidden === 1
            ? 'gleichartiger Fehler'
            : 'gleichartige Fehler'
          : g.hidden === 1
            ? 'gleichartige Warnung'
            : 'gleichartige Warnungen';
      const spec: IssueSpec = {
        severity: g.severity,
        code: g.code,
        file: g.file,
        text: `${formatInt(g.hidden)} weitere ${noun} (nicht einzeln aufgeführt).`,
        ...(g.column !== undefined ? { column: g.column } : {}),
      };
      all.push({ issue: makeIssue(spec), colIndex: g.colIndex, seq: this.seq++, summary: true });
    }
    const seen = new Set<string>();
    const unique = all.filter((e) => {
      const k = `${e.issue.severity}\u0000${e.issue.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    const orderCache = new Map<string, number>();
    const order = (f: string): number => {
      let o = orderCache.get(f);
      if (o === undefined) {
        o = fileOrder(f);
        orderCache.set(f, o);
      }
      return o;
    };
    unique.sort((a, b) => {
      const fa = order(a.issue.file);
      const fb = order(b.issue.file);
      if (fa !== fb) return fa - fb;
      if (a.issue.file !== b.issue.file) return a.issue.file < b.issue.file ? -1 : 1;
      if (a.summary !== b.summary) return a.summary ? 1 : -1;
      const ra = a.issue.row ?? 0;
      const rb = b.issue.row ?? 0;
      if (ra !== rb) return ra - rb;
      if (a.colIndex !== b.colIndex) return a.colIndex - b.colIndex;
      const ca = a.issue.column ?? '';
      const cb = b.issue.column ?? '';
      if (ca !== cb) return ca < cb ? -1 : 1;
      return a.seq - b.seq;
    });
    let errorCount = 0;
    let warningCount = 0;
    for (const e of unique) {
      if (e.summary) continue;
      if (e.issue.severity === 'error') errorCount++;
      else warningCount++;
    }
    for (const g of this.groups.values()) {
      if (g.severity === 'error') errorCount += g.hidden;
      else warningCount += g.hidden;
    }
    return { issues: unique.map((e) => e.issue), errorCount, warningCount };
  }
}
