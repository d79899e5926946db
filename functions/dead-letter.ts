/**
 * Dead-letter Lambda: messages that failed three deliveries → their jobs are marked failed with a
 * German reason and their uncommitted report files deleted. Logic in functions/lib/dead-letter.ts.
 */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { handleDeadLetterEvent } from './lib/dead-letter.js';
import { instrumented, logger } from './lib/observability.js';

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  logger.addContext(context);
  return instrumented('dead-letter', () => handleDeadLetterEvent(event));
};
