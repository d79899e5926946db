/** The portal's auth modules (plain browser ES modules with JSDoc types), imported by URL and typed for the tests. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const portalModule = (path: string): Promise<unknown> =>
  import(pathToFileURL(resolve('portal/js', path)).href);

export type Principal = { kind: 'lpr' } | { kind: 'municipality'; ags: string };
export interface CognitoConfig {
  domain?: string;
  clientId?: string;
  redirectUri?: string;
  logoutUri?: string;
}
export interface HostedUi {
  origin: string;
  clientId: string;
  redirectUri: string;
  logoutUri: string;
}
export interface AuthEnv {
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  redirect(url: string): void;
  replaceUrl(url: string): void;
  fetch: typeof fetch;
  href: string;
}
export type SignInResult =
  | { status: 'none' }
  | { status: 'signed-in'; token: string; principal: Principal; refreshToken?: string }
  | { status: 'failed'; message: string };

export const pkce = (await portalModule('auth/pkce.js')) as {
  base64url(bytes: Uint8Array): string;
  base64urlDecode(text: string): Uint8Array | undefined;
  createCodeVerifier(): string;
  createState(): string;
  codeChallengeS256(verifier: string): Promise<string>;
  VERIFIER_PATTERN: RegExp;
};

export const idToken = (await portalModule('auth/id-token.js')) as {
  decodeTokenPayload(token: string): Record<string, unknown> | undefined;
  principalFromClaims(claims: Record<string, unknown>): Principal | undefined;
  isExpired(claims: Record<string, unknown>, nowMs: number): boolean;
};

export const cognito = (await portalModule('auth/cognito.js')) as {
  PENDING_KEY: string;
  SCOPE: string;
  SESSION_EXPIRED: string;
  hostedUiOrigin(domain: unknown): string | undefined;
  checkCognitoConfig(
    config: CognitoConfig | undefined,
    href: string,
  ): { ok: true; value: HostedUi } | { ok: false; message: string };
  authorizeUrl(ui: HostedUi, request: { state: string; challenge: string }): string;
  authorizeErrorMessage(code: string): string;
  startSignIn(
    config: CognitoConfig | undefined,
    env: AuthEnv,
  ): Promise<{ ok: true; url: string } | { ok: false; message: string }>;
  completeSignIn(
    config: CognitoConfig | undefined,
    location: { href: string },
    env: AuthEnv,
  ): Promise<SignInResult>;
  logoutUrl(ui: HostedUi): string;
  refreshIdToken(
    config: CognitoConfig | undefined,
    refreshToken: string,
    env: AuthEnv,
  ): Promise<string | undefined>;
  signOut(config: CognitoConfig | undefined, env: AuthEnv): boolean;
};

export const session = (await portalModule('session.js')) as { TOKEN_KEY: string };

/** An unsigned but well-formed JWT (header.payload.signature, base64url JSON) with the given claims. */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  return `${part({ alg: 'RS256', kid: 'test', typ: 'JWT' })}.${part(claims)}.${Buffer.from('not-a-real-signature').toString('base64url')}`;
}
