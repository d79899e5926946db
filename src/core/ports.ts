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
  /** The PDF's bookmarks (from the headings), with the page each points to; used to fill the table of contents. */
  readonly outline: readonly PdfOutline[];
}

/** Turns final HTML into a tagged PDF with bookmarks. Implemented with Chromium. */
export interface PdfPrinter {
  print(html: string, options: PrintOptions): Promise<PrintedPdf>;
  close(): Promise<void>;
}

/** A key-value object store (local folder, s3rver or S3). */
export interface ObjectStore {
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  list(prefix: string): Promise<readonly string[]>;
}
