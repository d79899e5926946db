/**
 * Child process for the printer test "cleans up when the process exits without close()": prints once,
 * reports its browser's pid and profile directory on stdout, then ends the way argv[2] says.
 */
import { createChromiumPrinter } from '../../../src/adapters/chromium-printer.js';

const printer = createChromiumPrinter();
await printer.print('<!doctype html><html lang="de"><body><p>Kind</p></body></html>', {
  title: 'Kind',
  author: 'Test',
  timeoutMs: 30_000,
});
const proc = printer.currentBrowser()?.process();
const profile = proc?.spawnargs.find((a) => a.startsWith('--user-data-dir='))?.split('=')[1];
process.stdout.write(`${JSON.stringify({ pid: proc?.pid, profile })}\n`);
if (process.argv[2] === 'throw') throw new Error('Absichtlicher Absturz ohne close()');
process.exit(0);
