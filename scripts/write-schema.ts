/** Writes docs/analysis.schema.json, the published JSON Schema of analysis.json (`npm run schema`). */
import { writeFileSync } from 'node:fs';
import { analysisJsonSchema } from '../src/core/analysis/schema.js';

writeFileSync(
  new URL('../docs/analysis.schema.json', import.meta.url),
  `${JSON.stringify(analysisJsonSchema(), null, 2)}\n`,
);
