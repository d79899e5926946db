/**
 * Names, ports and credentials of the local stack, in a module of their own: `sia upload` needs
 * them without loading the emulators (dev dependencies).
 */
export const LOCAL_NAMES = {
  uploadsBucket: 'sia-uploads',
  reportsBucket: 'sia-reports',
  tableName: 'sia-jobs',
} as const;
export const DEFAULT_S3_PORT = 4569;
export const DEFAULT_DYNAMODB_PORT = 4567;
/** Port of the local HTTP API (src/local/api-server.ts) under `npm run local`. */
export const DEFAULT_API_PORT = 4570;
/** Credentials s3rver accepts (its built-in account); dynalite accepts any. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
export const LOCAL_REGION = 'eu-central-1';
