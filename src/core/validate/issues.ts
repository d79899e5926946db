/**
 * Validation issues: every problem is collected, never thrown, and each names the file, the row
 * as Excel numbers it, the column, the value and what was expected, in German.
 */

export type Severity = 'error' | 'warning';

export interface ValidationIssue {
  readonly severity: Severity;
  /** Stable machine code, e.g. `value-out-of-range`, `unknown-area`. */
  readonly code: string;
  readonly file: string;
  readonly row?: number;
  readonly column?: string;
  /** The offending value as text (shortened to 80 characters). */
  readonly value?: string;
  /** What was expected, in German, e.g. `1–4, 8, 9 oder leer`. */
  readonly expected?: string;
  /** The complete German message, e.g.
   * `befragung.csv, Zeile 17, Spalte „sg_wohngegend_nacht“: Wert „5“ ist nicht erlaubt (erlaubt: 1–4, 8, 9 oder leer).` */
  readonly message: string;
}

export interface FileSummary {
  readonly name: string;
  /** The contract's file kind: analyse, befragung, bevoelkerung, kriminalitaet, pks-kreise, pmk, gebietsprofil, ordnungswidrigkeiten, zuordnung, logo, unbekannt. */
  readonly kind: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly encoding?: string;
  readonly delimiter?: string;
  readonly sheet?: string;
  readonly rows?: number;
}

export interface ValidationReport {
  readonly valid: boolean;
  readonly errorCount: number;
  readonly warningCount: number;
  readonly files: readonly FileSummary[];
  readonly issues: readonly ValidationIssue[];
}
