/**
 * The e-mails the service sends and the data each one is rendered from. Every string here may come
 * from a user (the municipality's manifest, a webhook registration, an uploaded file) and is escaped
 * by the renderer; times are ISO timestamps given by the caller (the core has no clock).
 */
import type { Mail } from '../ports.js';
import type { ValidationReport } from '../validate/issues.js';

export type EmailKind = 'report-ready' | 'report-failed' | 'endpoint-disabled';

export const EMAIL_KINDS: readonly EmailKind[] = ['report-ready', 'report-failed', 'endpoint-disabled'];

/** Template text by file name in `templates/email/`: `layout.mjml`, `report-ready.mjml`, `report-ready.txt`, … */
export type EmailTemplates = Readonly<Record<string, string>>;

/** What `renderEmail` produces; the caller adds the recipients. */
export type MailContent = Pick<Mail, 'subject' | 'html' | 'text'>;

interface Branded {
  /** The municipality's `branding.primaerfarbe` (`#RRGGBB`); anything else falls back to the LPR blue. */
  readonly primaryColor?: string;
}

/** `report.ready`: report version N for a municipality is ready. No personal data, only a link. */
export interface ReportReadyData extends Branded {
  readonly gemeinde: string;
  readonly version: number;
  /** ISO time the report was finished. */
  readonly at: string;
  /** Portal page of this report version (never a storage URL). */
  readonly reportUrl: string;
}

/** `report.failed` (internal failure) or `analysis.invalid` (the uploaded files have errors). */
export interface ReportFailedData extends Branded {
  readonly event: 'report.failed' | 'analysis.invalid';
  readonly gemeinde: string;
  /** ISO time the status was recorded. */
  readonly at: string;
  /** German reason recorded with the status. */
  readonly reason?: string;
  /** For `analysis.invalid`: the validation report (the mail lists counts and the first problems). */
  readonly validation?: ValidationReport;
  /** For `analysis.invalid`: portal page of the full Prüfbericht. */
  readonly pruefberichtUrl?: string;
  /** Portal page of the analysis (used when there is no Prüfbericht link). */
  readonly portalUrl: string;
}

export type EndpointDisabledCause = 'gone' | 'retries-exhausted' | 'other';

/** A webhook endpoint was disabled (HTTP 410, or the whole retry schedule failed). */
export interface EndpointDisabledData extends Branded {
  /** The endpoint's URL, shown as text (not as a link). */
  readonly url: string;
  readonly ags: string;
  readonly gemeinde?: string;
  readonly cause: EndpointDisabledCause;
  /** German detail, e.g. `zuletzt HTTP 503 nach 8 Versuchen`. */
  readonly reason?: string;
  /** ISO time the endpoint was disabled. */
  readonly at: string;
  /** Portal page where webhook endpoints are managed. */
  readonly settingsUrl: string;
}

export interface EmailData {
  readonly 'report-ready': ReportReadyData;
  readonly 'report-failed': ReportFailedData;
  readonly 'endpoint-disabled': EndpointDisabledData;
}
