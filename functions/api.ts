/**
 * API Lambda behind API Gateway (HTTP API, JWT authorizer with Cognito): the Hono app of src/api.
 * Wiring in functions/lib/api.ts; routes, auth and the tenant rule in src/api and docs/openapi.yaml.
 */
import type { Context } from 'aws-lambda';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { useApiApp } from './lib/api.js';
import { logger } from './lib/observability.js';

export const handler = async (event: LambdaEvent, context: Context) => {
  logger.addContext(context);
  return handle(useApiApp())(event, context);
};
