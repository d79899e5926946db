/** The full local stack with the API and the portal for the portal's tests and screenshots: fixed tokens, fake printer by default. */
import { fakePrinter, startTestStack, type TestStack } from '../support/local-stack.js';
import type { PdfPrinter } from '../../src/core/ports.js';
import type { TokenTable } from '../../src/api/auth.js';
import type { Authenticator } from '../../src/api/ports.js';
import { loadGemeinden } from '../../src/adapters/gemeinden-file.js';
import type { Gemeinde } from '../../src/core/model/gemeinden.js';

export const AGS_A = '14522999';
export const AGS_B = '14612000';
export const TOKENS = {
  'kommune-a-token-0123456789': { kind: 'municipality', ags: AGS_A },
  'kommune-b-token-0123456789': { kind: 'municipality', ags: AGS_B },
  'lpr-team-token-0123456789ab': { kind: 'lpr' },
} as const;
export const TOKEN_A = 'kommune-a-token-0123456789';
export const TOKEN_B = 'kommune-b-token-0123456789';
export const TOKEN_LPR = 'lpr-team-token-0123456789ab';

/**
 * The shipped list of Saxon municipalities plus the example's fictional Musterstadt (AGS 14522999 in
 * Mittelsachsen), as an LPR extract with a test municipality would have it.
 */
export const GEMEINDEN: readonly Gemeinde[] = [
  ...loadGemeinden().gemeinden,
  {
    ags: AGS_A,
    name: 'Musterstadt',
    kreisKey: '14522',
    kreis: 'Mittelsachsen',
    einwohner: 25020,
    flaecheKm2: 41.2,
  },
];

/**
 * @param extra.tokens  more bearer tokens besides TOKENS
 * @param extra.authenticate  decides the caller instead (the Cognito e2e: a stand-in for the JWT authorizer)
 * @param extra.portalDir  serve the portal from this folder instead of portal/ (a copy with another config.json)
 */
export async function startPortalStack(
  printer: PdfPrinter = fakePrinter(),
  extra: { tokens?: TokenTable; portalDir?: string; authenticate?: Authenticator } = {},
): Promise<TestStack & { readonly url: string }> {
  const t = await startTestStack({
    printer,
    api: {
      tokens: { ...TOKENS, ...extra.tokens },
      gemeinden: GEMEINDEN,
      ...(extra.portalDir !== undefined && { portalDir: extra.portalDir }),
      ...(extra.authenticate !== undefined && { authenticate: extra.authenticate }),
    },
  });
  const url = t.stack.apiUrl;
  if (!url) throw new Error('the local stack started without its API');
  return Object.assign(t, { url });
}
