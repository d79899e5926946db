/**
 * The small interfaces through which the core and the application services reach the world.
 * Adapters in src/adapters implement them (local folder, S3, DynamoDB, Chromium, HTTP, SES);
 * the core never imports an adapter.
 */

/** One uploaded file, as bytes: the core never opens files itself. */
export interface InputFile {
  /** Base name as uploaded, e.g. `befragung.xlsx`. */
  readonly name: string;
  readonly bytes: Uint8Array;
  /** The file's real size in bytes, where an adapter read only the first part of a file above the limit. */
  readonly size?: number;
}

/** One produced file of a report version (contract §11). */
export interface OutputFile {
  /** Relative path inside the report version, e.g. `report.pdf`, `charts/sicherheitsgefuehl.svg`. */
  readonly path: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

/** Report templates and static assets, loaded by an adapter (from `templates/` or the Lambda bundle). */
export interface ReportAssets {
  /** Template text by path relative to `templates/report/`, e.g. `report.html`, `report.css`. */
  readonly templates: Readonly<Record<string, string>>;
  /** Font files (WOFF2) by file name; embedded in the HTML as `data:` URIs. */
  readonly fonts: Readonly<Record<string, Uint8Array>>;
}

export interface PrintOptions {
  readonly title: string;
  readonly author: string;
  /** Puppeteer header/footer templates (inline styles only). */
  readonly headerTemplate?: string;
  readonly footerTemplate?: string;
  /** Upper bound for one print; the printer aborts and rejects after it. */
  readonly timeoutMs: number;
  /**
   * The HTML's table of contents has page slots with placeholder digits next to each entry's link
   * (src/core/report/toc.ts): the printer fills them with the pages of the links' targets.
   */
  readonly tocPageNumbers?: boolean;
  /**
   * Called once when the document is loaded and Chromium renders the PDF (it needs nothing from this
   * process until it is done): the moment for the caller's own CPU-bound work. Not called if the print fails earlier.
   */
  readonly onRendering?: () => void;
}

export interface PdfOutline {
  readonly title: string;
  /** 1-based page number the bookmark points to. */
  readonly page: number;
  readonly children: readonly PdfOutline[];
}

export interface PrintedPdf {
  readonly bytes: Uint8Array;
  readonly pageCount: number;
  /** The PDF's bookmarks (from the headings), with the page each points to. */
  readonly outline: readonly PdfOutline[];
  /** Target id (`#id` of an internal link) → 1-based page it is printed on. */
  readonly linkTargets?: ReadonlyMap<string, number>;
}

/** Turns final HTML into a tagged PDF with bookmarks. Implemented with Chromium. */
export interface PdfPrinter {
  /** Starts the browser ahead of the first print, so that its start overlaps other work (optional, never rejects). */
  warmUp?(): void;
  print(html: string, options: PrintOptions): Promise<PrintedPdf>;
  close(): Promise<void>;
}

/** A key-value object store (local folder, s3rver or S3). */
export interface ObjectStore {
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  list(prefix: string): Promise<readonly string[]>;
  /** Reads a specific version of an object where the store keeps versions. */
  getVersion?(key: string, versionId: string): Promise<Uint8Array | undefined>;
  delete(keys: readonly string[]): Promise<void>;
}

/** Job status (docs/pipeline-design.md): received → validating → invalid | analysing → rendering → ready | failed. */
export type JobStatus =
  'received' | 'validating' | 'invalid' | 'analysing' | 'rendering' | 'ready' | 'failed';

export interface AnalysisRef {
  readonly ags: string;
  readonly analysisId: string;
}

export interface JobRecord extends AnalysisRef {
  readonly jobId: string;
  readonly status: JobStatus;
  /** German reason for `invalid` and `failed`. */
  readonly reason?: string;
  readonly sourceBucket: string;
  readonly sourceKey: string;
  readonly sourceVersionId?: string;
  readonly sequencer: string;
  /** S3 event time of the upload (orders uploads of different upload sets). */
  readonly eventTime?: string;
  /** The request id of a regeneration (with the source, it makes the job id; kept to resume the job). */
  readonly regenerationRequestId?: string;
  /** Report version number, taken when rendering starts and kept across retries. */
  readonly version?: number;
  readonly attempts: number;
  /** ISO time until which the current attempt owns the job; in-progress jobs past it count as failed. */
  readonly leaseUntil?: string;
  readonly history: readonly { readonly status: JobStatus; readonly at: string }[];
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Where the job's outputs are (report version prefix, or the validation report's prefix). */
  readonly outputPrefix?: string;
}

export interface NewJob extends AnalysisRef {
  readonly jobId: string;
  readonly sourceBucket: string;
  readonly sourceKey: string;
  readonly sourceVersionId?: string;
  readonly sequencer: string;
  readonly eventTime?: string;
  readonly regenerationRequestId?: string;
}

export interface VersionRecord extends AnalysisRef {
  readonly version: number;
  readonly jobId: string;
  readonly prefix: string;
  readonly pages: number;
  readonly createdAt: string;
  readonly engineVersion: string;
  readonly templateVersion: string;
  readonly inputHashes: Readonly<Record<string, string>>;
}

export interface AnalysisRecord extends AnalysisRef {
  readonly versionCounter: number;
  readonly currentVersion?: number;
  readonly currentSequencer?: string;
  readonly updatedAt: string;
  /** A title the municipality or the LPR gave the analysis in the portal (rename); none = the analysis id. */
  readonly title?: string;
  /** Archived analyses leave the portal's lists; their report versions stay downloadable. */
  readonly archived?: boolean;
}

/** Job, version and analysis records (DynamoDB on AWS, dynalite locally). All writes are conditional. */
export interface JobStore {
  /**
   * Claims a job for this attempt: creates it, or takes it over when its lease ran out while in progress.
   * Returns `claimed: false` with the existing record for duplicates (finished, or in progress elsewhere).
   */
  claim(
    job: NewJob,
    now: Date,
    leaseMs: number,
  ): Promise<{ readonly claimed: boolean; readonly job: JobRecord }>;
  /** Moves a job forward to `to` if it is in one of `from`; returns false if it was not. */
  advance(
    ref: AnalysisRef & { readonly jobId: string },
    from: readonly JobStatus[],
    to: JobStatus,
    now: Date,
    extra?: {
      readonly reason?: string;
      readonly outputPrefix?: string;
      readonly leaseUntil?: string;
      /** The notification of this status change, written with it (the outbox, src/app/outbox.ts). */
      readonly notify?: OutboxEntry;
    },
  ): Promise<boolean>;
  /** Ends the current attempt's lease early (before a retryable failure), so a redelivery can take over at once. */
  releaseLease(ref: AnalysisRef & { readonly jobId: string }, now: Date): Promise<void>;
  /** The job's report version: taken from the analysis counter once, then kept. */
  assignVersion(ref: AnalysisRef & { readonly jobId: string }, now: Date): Promise<number>;
  putVersion(version: VersionRecord): Promise<void>;
  /**
   * Makes `version` current unless a newer upload (greater sequencer) already is, or, for the same upload
   * (a regeneration), a later version already is; returns whether it did.
   */
  promote(ref: AnalysisRef, version: number, sequencer: string, now: Date): Promise<boolean>;
  getAnalysis(ref: AnalysisRef): Promise<AnalysisRecord | undefined>;
  getJob(ref: AnalysisRef & { readonly jobId: string }): Promise<JobRecord | undefined>;
  listJobs(ref: AnalysisRef): Promise<readonly JobRecord[]>;
  listVersions(ref: AnalysisRef): Promise<readonly VersionRecord[]>;
}

// ---------------------------------------------------------------------------------------------
// Lifecycle (issue 6): notifications, e-mail and webhooks.

/** What happened to a job, told to subscribers (webhooks, e-mail) once its final status is recorded. */
export type LifecycleEventType = 'report.ready' | 'report.failed' | 'analysis.invalid';

export interface LifecycleEvent extends AnalysisRef {
  readonly type: LifecycleEventType;
  readonly jobId: string;
  /** Report version for `report.ready`. */
  readonly version?: number;
  /** German reason for `report.failed` and `analysis.invalid` (never personal data). */
  readonly reason?: string;
  /** ISO time the final status was recorded. */
  readonly at: string;
}

/** A notification written with a status change: the event, the writer's claim token and its lease. */
export interface OutboxEntry {
  readonly event: LifecycleEvent;
  readonly token: string;
  /** Until then the writer delivers it; afterwards the dispatcher may. */
  readonly leaseUntil: string;
}

/** Fans a lifecycle event out to webhooks and e-mail. Must not throw for delivery problems (they are retried durably). */
export interface Notifier {
  notify(event: LifecycleEvent): Promise<void>;
}

/** One e-mail with HTML and plain-text parts. */
export interface Mail {
  readonly to: readonly string[];
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/** Sends e-mail (SES on AWS, an outbox folder locally). */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// HTTP API (issue 6): analyses as records of their own, for creation and the LPR overview.

/** Creating and listing analysis records (the job table's `META` items). Implemented by DynamoJobStore. */
export interface AnalysisDirectory {
  /** Creates the analysis record unless it exists; returns whether it did. */
  createAnalysis(ref: AnalysisRef, now: Date): Promise<boolean>;
  /**
   * Analyses known to the store (created, or with at least one job), optionally of one municipality,
   * ordered by AGS and id. Analyses only known through jobs have `versionCounter` 0.
   */
  listAnalyses(filter?: { readonly ags?: string }): Promise<readonly AnalysisRecord[]>;
}

// ---------------------------------------------------------------------------------------------
// Portal workspace (issue 14): titles, archiving, and the analyses with their jobs and versions in one read.

/** What the workspace lists need of a job. */
export type JobSummary = Pick<
  JobRecord,
  'jobId' | 'status' | 'reason' | 'sequencer' | 'version' | 'outputPrefix' | 'createdAt' | 'updatedAt'
>;

/** What the workspace lists need of a report version. */
export type VersionSummary = Pick<VersionRecord, 'version' | 'prefix' | 'pages' | 'createdAt'>;

/** An analysis with its jobs (oldest first, effective status) and committed versions (ascending). */
export interface AnalysisOverview {
  readonly analysis: AnalysisRecord;
  readonly jobs: readonly JobSummary[];
  readonly versions: readonly VersionSummary[];
}

/** Implemented by DynamoJobStore. */
export interface AnalysisWorkspace {
  /**
   * Sets or clears (`null`) the title and sets the archived flag of an analysis the caller has checked
   * exists; returns the record after the change.
   */
  updateAnalysis(
    ref: AnalysisRef,
    patch: { readonly title?: string | null; readonly archived?: boolean },
    now: Date,
  ): Promise<AnalysisRecord>;
  /** Every analysis (optionally of one municipality) with its jobs and versions, in one read of the table. */
  listOverview(filter?: { readonly ags?: string }): Promise<readonly AnalysisOverview[]>;
}

// Survey waves (issue 16): measures recorded as implemented, and the predecessor chosen in the portal.

/** A recommendation of an analysis's report, recorded as implemented (portal or API). */
export interface MeasureRecord {
  /** Recommendation id of the analysis's report (catalogue id). */
  readonly recommendationId: string;
  /** ISO date YYYY-MM-DD. */
  readonly implementedOn: string;
  /** Area ids; empty = the whole municipality. */
  readonly areas: readonly string[];
  readonly note: string | null;
  readonly recordedBy: 'lpr' | 'municipality';
  /** ISO time of the record. */
  readonly recordedAt: string;
}

/**
 * Per analysis: the measures implemented from its report (read when a later wave is compared with it),
 * and the predecessor chosen in the portal (used when analyse.json names none). DynamoDB items next to
 * the analysis's others (`MEASURE#<id>`, `PREDECESSOR`).
 */
export interface WaveStore {
  listMeasures(ref: AnalysisRef): Promise<readonly MeasureRecord[]>;
  putMeasure(ref: AnalysisRef, measure: MeasureRecord): Promise<void>;
  /** false = there was no such measure. */
  deleteMeasure(ref: AnalysisRef, recommendationId: string): Promise<boolean>;
  getPredecessor(ref: AnalysisRef): Promise<string | undefined>;
  /** null removes the choice. */
  setPredecessor(ref: AnalysisRef, predecessor: string | null, now: Date): Promise<void>;
}
