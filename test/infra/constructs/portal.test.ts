/** The CloudFront viewer-request function of the portal, run as CloudFront would run it. */
import { describe, expect, it } from 'vitest';
import { INDEX_FUNCTION } from '../../../infra/constructs/portal.js';
import { legacyPortalFragment } from '../../../src/core/portal-links.js';

type Result = { statusCode?: number; headers?: { location: { value: string } }; uri?: string };
const handler = new Function(`${INDEX_FUNCTION}; return handler;`)() as (event: unknown) => Result;
const run = (uri: string) => handler({ request: { uri } });

describe('portal viewer-request function', () => {
  it('redirects the root to the portal and serves its index', () => {
    expect(run('/').headers?.location.value).toBe('/portal/');
    expect(run('/portal').headers?.location.value).toBe('/portal/');
    expect(run('/portal/').uri).toBe('/portal/index.html');
    expect(run('/portal/js/main.js').uri).toBe('/portal/js/main.js');
  });

  it('redirects the old link form to the same fragment the local server does', () => {
    for (const path of [
      '/analysen/14522999/befragung-2026/versionen/2',
      '/portal/analysen/14522999/befragung-2026/pruefberichte/abc123',
      '/portal/analysen/14522999/befragung-2026',
      '/kommunen/14522999/webhooks',
    ]) {
      const result = run(path);
      expect(result.statusCode, path).toBe(302);
      expect(result.headers?.location.value, path).toBe(`/portal/${legacyPortalFragment(path)}`);
    }
  });
});
