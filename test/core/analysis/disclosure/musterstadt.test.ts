/**
 * The differencing attack on the Musterstadt example: everything analysis.json publishes about the
 * survey, audited independently (harness.ts, audit.ts). Nothing hidden may be recoverable.
 */
import { describe, expect, it } from 'vitest';
import { readExample } from './example.js';
import { audit } from '../../../../src/core/analysis/disclosure/audit.js';
import { publishedFamilies } from './harness.js';

describe('disclosure audit of the Musterstadt example', () => {
  it('recovers no hidden value from analysis.json, and no group is shown in one place and hidden in another', async () => {
    const { dataset, analysis } = await readExample();
    const pub = publishedFamilies(dataset, analysis);
    expect(pub.conflicts).toEqual([]);
    expect(audit(pub.families, analysis.meta.mindestfallzahl)).toEqual([]);
    expect(analysis.survey.disclosure.findings).toBe(0);
  });
});
