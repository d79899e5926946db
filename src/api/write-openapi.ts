/** Writes docs/openapi.yaml from src/api/openapi.ts: `npx tsx src/api/write-openapi.ts`. */
import { writeFile } from 'node:fs/promises';
import { openApiYaml } from './openapi.js';

await writeFile(new URL('../../docs/openapi.yaml', import.meta.url), openApiYaml());
process.stdout.write('docs/openapi.yaml geschrieben.\n');
