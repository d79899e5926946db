/** A Lambda context object for local invocations: the fields the handlers and Powertools read. */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

export function createLambdaContext(
  functionName: string,
  timeoutMs: number,
  memoryMb = 3008,
  region = 'eu-central-1',
): Context {
  const deadline = Date.now() + timeoutMs;
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${functionName}`,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/${requestId}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
