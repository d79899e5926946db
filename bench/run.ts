/**
 * `npm run bench`: every speed and memory figure of the project, printed, never asserted.
 *
 *   npm run bench                 all benches
 *   npm run bench -- intake report   only the named ones (intake, analysis, charts, report, bundles, batch)
 *
 * Each bench prints its targets next to its figures; the numbers depend on the machine
 * (reference: 2 cores, Node 20).
 */
import { benchAnalysis } from './analysis.js';
import { benchBatch } from './batch.js';
import { benchBundles } from './bundles.js';
import { benchCharts } from './charts.js';
import { benchIntake } from './intake.js';
import { benchReport } from './report.js';

const BENCHES: Record<string, () => Promise<void>> = {
  intake: () => benchIntake(),
  analysis: () => benchAnalysis(),
  charts: () => benchCharts(),
  report: () => benchReport(),
  bundles: () => benchBundles(),
  batch: () => benchBatch(),
};

const wanted = process.argv.slice(2).filter((a) => a in BENCHES);
const names = wanted.length > 0 ? wanted : Object.keys(BENCHES);
for (const name of names) {
  const started = process.hrtime.bigint();
  console.log(`\n=== ${name} ===`);
  await BENCHES[name]!();
  console.log(`=== ${name}: ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s ===`);
}
