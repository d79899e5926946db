/** The functions' settings, from the environment the stack (or the local stack) sets. */
export interface FunctionConfig {
  readonly uploadsBucket: string;
  readonly reportsBucket: string;
  readonly tableName: string;
  /** Upper bound for one PDF print. */
  readonly printTimeoutMs: number;
  /** Folder with Chromium's `.br` files (Lambda bundle); default: the npm package's own. */
  readonly chromiumBinDir?: string;
  /** Folder with `templates/report/` and `fonts/` (Lambda bundle); default: the repository. */
  readonly reportAssetsDir?: string;
  /** How long a released job keeps counting as in progress (see DynamoJobStore); default there. */
  readonly retryGraceMs?: number;
  /** Days a job record is kept (DynamoDB TTL); default there (365). */
  readonly jobRetentionDays?: number;
  /** Endpoints the SDK will use (local stack); only part of the cache key. */
  readonly s3Endpoint?: string;
  readonly dynamodbEndpoint?: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): FunctionConfig {
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) throw new Error(`environment variable ${name} is not set`);
    return value;
  };
  const optional = (name: string): string | undefined => env[name]?.trim() || undefined;
  const positive = (name: string): number | undefined => {
    const raw = optional(name);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0)
      throw new Error(`environment variable ${name} must be a positive number, got ${raw}`);
    return n;
  };
  const chromiumBinDir = optional('CHROMIUM_BIN_DIR');
  const reportAssetsDir = optional('REPORT_ASSETS_DIR');
  const retryGraceMs = positive('SIA_RETRY_GRACE_MS');
  const jobRetentionDays = positive('JOB_RETENTION_DAYS');
  const s3Endpoint = optional('AWS_ENDPOINT_URL_S3') ?? optional('AWS_ENDPOINT_URL');
  const dynamodbEndpoint = optional('AWS_ENDPOINT_URL_DYNAMODB') ?? optional('AWS_ENDPOINT_URL');
  return {
    uploadsBucket: required('UPLOADS_BUCKET'),
    reportsBucket: required('REPORTS_BUCKET'),
    tableName: required('TABLE_NAME'),
    printTimeoutMs: positive('PRINT_TIMEOUT_MS') ?? 90_000,
    ...(chromiumBinDir && { chromiumBinDir }),
    ...(reportAssetsDir && { reportAssetsDir }),
    ...(retryGraceMs !== undefined && { retryGraceMs }),
    ...(jobRetentionDays !== undefined && { jobRetentionDays }),
    ...(s3Endpoint && { s3Endpoint }),
    ...(dynamodbEndpoint && { dynamodbEndpoint }),
  };
}
