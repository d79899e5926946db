// Runs one synthesized Lambda bundle the way the Node.js runtime does: import the handler module
// from its (read-only) folder, then call `handler(event, context)` once. Plain JavaScript, so that the
// child process needs nothing from the repository (test/infra/bundles.test.ts, bench/bundles.ts).
//
//   node [--enable-source-maps] lambda-runner.mjs <index.mjs> <result.json> [<event.json> <function-name> <timeout-ms>]
//
// Writes `{ importMs, importCpuMs, rssMb, heapMb, result?, error? }` to <result.json>: the import's wall
// and CPU time and the memory right after it, then the handler's result (or its error).
import { readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const [handlerFile, resultFile, eventFile, functionName = 'sia-function', timeoutText = '300000'] =
  process.argv.slice(2);
const started = performance.now();
const cpu = process.cpuUsage();
const out = {};
try {
  const mod = await import(pathToFileURL(handlerFile).href);
  out.importMs = Math.round(performance.now() - started);
  const used = process.cpuUsage(cpu);
  out.importCpuMs = Math.round((used.user + used.system) / 1000);
  const memory = process.memoryUsage();
  out.rssMb = Math.round(memory.rss / 2 ** 20);
  out.heapMb = Math.round(memory.heapUsed / 2 ** 20);
  if (typeof mod.handler !== 'function') throw new Error('the bundle exports no handler');
  if (eventFile) {
    const timeoutMs = Number(timeoutText);
    const deadline = Date.now() + timeoutMs;
    const requestId = randomUUID();
    const context = {
      callbackWaitsForEmptyEventLoop: false,
      functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:eu-central-1:000000000000:function:${functionName}`,
      memoryLimitInMB: '512',
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${functionName}`,
      logStreamName: `bundle/${requestId}`,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
    out.result = await mod.handler(JSON.parse(readFileSync(eventFile, 'utf8')), context);
  }
} catch (error) {
  out.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
writeFileSync(resultFile, JSON.stringify(out));
// like the runtime after the invocation: open handles (a browser, sockets) do not keep the process
process.exit(0);
