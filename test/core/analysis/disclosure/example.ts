/** The Musterstadt example, validated and analysed once per test file (no charts, no printing). */
import { readInputFolder } from '../../../../src/adapters/fs-input.js';
import { validateUpload } from '../../../../src/core/validate/upload.js';
import { analyse } from '../../../../src/core/analysis/analyse.js';
import type { Analysis } from '../../../../src/core/analysis/schema.js';
import type { Dataset } from '../../../../src/core/model/dataset.js';

let cached: Promise<{ dataset: Dataset; analysis: Analysis }> | undefined;

export function readExample(): Promise<{ dataset: Dataset; analysis: Analysis }> {
  cached ??= (async () => {
    const { dataset, report } = await validateUpload(await readInputFolder('examples/musterstadt'));
    if (!dataset) throw new Error(`example invalid: ${report.issues.map((i) => i.message).join('; ')}`);
    return { dataset, analysis: analyse(dataset, { engineVersion: 'test' }) };
  })();
  return cached;
}
