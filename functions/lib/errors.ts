/**
 * What the functions log about an error: its kind, never free text that might quote uploaded data.
 * Messages are kept only from sources that never contain survey content: the AWS SDK (service
 * errors) and the PDF printer (German messages of its own).
 */
export interface ErrorSummary {
  readonly name: string;
  readonly code?: string;
  readonly httpStatus?: number;
  readonly retryable?: boolean;
  readonly message?: string;
  /** AWS SDK: attempts made (with retries) and the time spent waiting between them. */
  readonly attempts?: number;
  readonly totalRetryDelayMs?: number;
}

export function describeError(error: unknown): ErrorSummary {
  if (typeof error !== 'object' || error === null) return { name: typeof error };
  const e = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    retryable?: unknown;
    $metadata?: { httpStatusCode?: number; attempts?: number; totalRetryDelay?: number };
    $fault?: unknown;
  };
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const code = typeof e.code === 'string' ? e.code : undefined;
  const httpStatus = e.$metadata?.httpStatusCode;
  const fromSdk = e.$metadata !== undefined || e.$fault !== undefined;
  const fromPrinter = name === 'PrinterError';
  const message =
    (fromSdk || fromPrinter) && typeof e.message === 'string' ? e.message.slice(0, 300) : undefined;
  return {
    name,
    ...(code !== undefined && { code }),
    ...(httpStatus !== undefined && { httpStatus }),
    ...(typeof e.retryable === 'boolean' && { retryable: e.retryable }),
    ...(message !== undefined && { message }),
    ...(e.$metadata?.attempts !== undefined && { attempts: e.$metadata.attempts }),
    ...(e.$metadata?.totalRetryDelay !== undefined && { totalRetryDelayMs: e.$metadata.totalRetryDelay }),
  };
}
