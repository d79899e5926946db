/**
 * Worker Lambda: SQS (batch size 1, partial batch responses) → one upload → validation, analysis,
 * report. Wiring and logic live in functions/lib; see docs/pipeline-design.md.
 */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { instrumented, logger } from './lib/observability.js';
import { handleWorkerEvent } from './lib/worker.js';

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  logger.addContext(context);
  return instrumented('worker', () => handleWorkerEvent(event, context));
};
