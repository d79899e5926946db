import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analysisJsonSchema } from '../../../src/core/analysis/schema.js';

describe('docs/analysis.schema.json', () => {
  it('is the schema the engine validates analysis.json with (regenerate with `npm run schema`)', () => {
    const published: unknown = JSON.parse(
      readFileSync(new URL('../../../docs/analysis.schema.json', import.meta.url), 'utf8'),
    );
    expect(published).toEqual(analysisJsonSchema());
  });
});
