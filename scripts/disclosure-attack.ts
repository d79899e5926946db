/**
 * Differencing attack on a published analysis.json of the Musterstadt example (or of another input
 * folder): states everything the file publishes about the survey as auditor groups (the independent
 * attacker of the disclosure tests, test/core/analysis/disclosure/harness.ts) and lets the auditor
 * (src/core/analysis/disclosure/audit.ts) derive every hidden value it can from totals, shown groups,
 * respondents without a group and complementary items. Prints counts only, never a derived value.
 *
 *   npx tsx scripts/disclosure-attack.ts [analysis.json] [input folder]
 *
 * Without an analysis.json the analysis is computed from the input folder (default
 * examples/musterstadt). An analysis.json of an older schema (1.0.0) is read as far as it goes: its
 * group distributions are not attacked, so the count is a lower bound there.
 */
import { readFileSync } from 'node:fs';
import { readInputFolder } from '../src/adapters/fs-input.js';
import { analyse } from '../src/core/analysis/analyse.js';
import { audit } from '../src/core/analysis/disclosure/audit.js';
import type { Analysis } from '../src/core/analysis/schema.js';
import { validateUpload } from '../src/core/validate/upload.js';
import { publishedFamilies } from '../test/core/analysis/disclosure/harness.js';

const [file, folder = 'examples/musterstadt'] = process.argv.slice(2);
const { dataset, report } = await validateUpload(await readInputFolder(folder));
if (!dataset) throw new Error(`${folder} invalid: ${report.issues.length} issues`);
const analysis: Analysis = file
  ? (JSON.parse(readFileSync(file, 'utf8')) as Analysis)
  : analyse(dataset, { engineVersion: 'attack' });

// Suppressed cells of the item breakdowns, by rule (old files carry only the reason).
const byRule = new Map<string, number>();
let hiddenTotals = 0;
let smallTotalsShown = 0;
for (const item of Object.values(analysis.survey.items)) {
  if ('suppressed' in item.total) hiddenTotals++;
  else if (item.total.n > 0 && item.total.n < analysis.meta.mindestfallzahl) smallTotalsShown++;
  for (const groups of [item.byArea, item.bySex, item.byAgeGroup])
    for (const g of Object.values(groups)) {
      if (!('suppressed' in g)) continue;
      const rule = (g as { rule?: string }).rule ?? g.reason;
      byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
    }
}

const pub = publishedFamilies(dataset, analysis);
const findings = audit(pub.families, analysis.meta.mindestfallzahl);
const families = new Set(findings.map((f) => f.family.split('|')[0]));
console.log(
  JSON.stringify(
    {
      schemaVersion: analysis.schemaVersion,
      suppressedCells: Object.fromEntries([...byRule].sort()),
      hiddenItemTotals: hiddenTotals,
      itemTotalsShownBelowMinimum: smallTotalsShown,
      attackedFamilies: pub.families.length,
      shownAndHiddenConflicts: pub.conflicts.length,
      recoveredHiddenValues: findings.length,
      statisticsAffected: families.size,
    },
    null,
    2,
  ),
);
