/** docs/openapi.yaml is current and describes every route of the app (and nothing else). */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createApiApp } from '../../src/api/app.js';
import { buildOpenApi, openApiYaml, toYaml } from '../../src/api/openapi.js';
import type { ApiDeps } from '../../src/api/ports.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('OpenAPI description', () => {
  it('lists exactly the routes the app implements', () => {
    const app = createApiApp({ authenticate: () => undefined } as unknown as ApiDeps);
    const implemented = app.routes
      .filter((r) => METHODS.includes(r.method.toLowerCase()))
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`);
    const doc = buildOpenApi() as { paths: Record<string, Record<string, unknown>> };
    const described = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => METHODS.includes(m))
        .map((m) => `${m} ${path}`),
    );
    expect(new Set(implemented)).toEqual(new Set(described));
    expect(implemented.length).toBe(34);
  });

  it('is written to docs/openapi.yaml (regenerate: npx tsx src/api/write-openapi.ts)', async () => {
    expect(await readFile('docs/openapi.yaml', 'utf8')).toBe(openApiYaml());
  });

  it('emits YAML a YAML parser reads back as the same document', async () => {
    // js-yaml is in node_modules through eslint (no types of its own): an independent YAML reader.
    const { load } = (await import('js-yaml' as string)) as { load: (text: string) => unknown };
    expect(load(openApiYaml())).toEqual(buildOpenApi());
    expect(load(toYaml({ a: [], b: {}, 'x y': [{ c: 'ä "q"\n' }, 1, null] }))).toEqual({
      a: [],
      b: {},
      'x y': [{ c: 'ä "q"\n' }, 1, null],
    });
  });
});
