/**
 * The one error class the Chromium printer rejects with. `retryable` says whether the same job may
 * succeed on another attempt (launch failure, crash, timeout, other Chromium errors) or not (printer closed, the HTML
 * tried to navigate away, the printed PDF could not be finished: post-processing is deterministic).
 * Messages are German: they can end up as a job's failure reason.
 */
export type PrinterErrorCode =
  'launch' | 'crashed' | 'timeout' | 'print' | 'navigation' | 'closed' | 'finish';

export class PrinterError extends Error {
  override readonly name = 'PrinterError';
  readonly code: PrinterErrorCode;
  readonly retryable: boolean;

  constructor(code: PrinterErrorCode, message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable;
  }
}

export function isPrinterError(value: unknown): value is PrinterError {
  return value instanceof PrinterError;
}
