/**
 * Who is calling, and what they may touch.
 *
 * - AWS: API Gateway (HTTP API) checks the Cognito JWT before the Lambda runs and passes its claims
 *   in `requestContext.authorizer.jwt.claims`. Group `lpr` in `cognito:groups` → LPR staff; otherwise
 *   the municipality of `custom:ags` (an ID-token claim: configure the authorizer for ID tokens, or
 *   add the claim to access tokens with a pre-token-generation trigger). No valid claim → 401.
 * - Locally: bearer tokens from a tokens file (`{ "<token>": { "kind": "lpr" } | { "kind": "municipality", "ags": "…" } }`),
 *   compared in constant time.
 *
 * Tenant rule (the same on every route): a municipality may only name its own AGS. A path or query
 * naming another AGS is refused with 403 *before any lookup*, so the answer is the same whether or
 * not something exists there. Anything not found under a permitted AGS is 404 — including ids that
 * exist under another municipality (webhook endpoints), which therefore cannot be probed.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { z } from 'zod';
import type { Authenticator, Principal } from './ports.js';

export const AGS_PATTERN = /^\d{8}$/;
export const LPR_GROUP = 'lpr';

export function canAccess(principal: Principal, ags: string): boolean {
  return principal.kind === 'lpr' || principal.ags === ags;
}

const principalSchema = z.union([
  z.object({ kind: z.literal('lpr') }).strict(),
  z.object({ kind: z.literal('municipality'), ags: z.string().regex(AGS_PATTERN) }).strict(),
]);
export const tokensFileSchema = z.record(z.string(), principalSchema);
const MIN_TOKEN_LENGTH = 16;
export type TokenTable = Readonly<Record<string, Principal>>;

/** Parses a tokens file's JSON (throws with a German message naming the problem). */
export function parseTokens(json: string): TokenTable {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('Die Token-Datei ist kein gültiges JSON.');
  }
  const parsed = tokensFileSchema.safeParse(raw, { error: z.locales.de().localeError });
  if (!parsed.success)
    throw new Error(
      `Die Token-Datei ist ungültig: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(Wurzel)'}: ${i.message}`).join('; ')}`,
    );
  if (Object.keys(parsed.data).some((t) => t.length < MIN_TOKEN_LENGTH))
    throw new Error(
      `Die Token-Datei ist ungültig: Zugangstokens müssen mindestens ${MIN_TOKEN_LENGTH} Zeichen lang sein.`,
    );
  return parsed.data;
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/**
 * Bearer tokens → principals. Every known token is compared (fixed-length digests, timingSafeEqual,
 * no early exit), so the time taken says nothing about which or how much of a token matched.
 */
export function bearerTokenAuthenticator(tokens: TokenTable): Authenticator {
  const entries = Object.entries(tokens).map(([token, principal]) => ({ hash: digest(token), principal }));
  return (c) => {
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m?.[1]) return undefined;
    const presented = digest(m[1]);
    let found: Principal | undefined;
    for (const e of entries) {
      if (timingSafeEqual(e.hash, presented) && found === undefined) found = e.principal;
    }
    return found;
  };
}

/** JWT claims as API Gateway passes them (strings; arrays arrive as `[a b]` strings). */
export type JwtClaims = Readonly<Record<string, unknown>>;

/** `cognito:groups` as API Gateway HTTP APIs pass it: an array, `"[lpr other]"`, or `"lpr,other"`. */
export function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter((g) => g !== '');
}

export function principalFromClaims(claims: JwtClaims | undefined): Principal | undefined {
  if (!claims) return undefined;
  if (groupsOf(claims['cognito:groups']).includes(LPR_GROUP)) return { kind: 'lpr' };
  const ags = claims['custom:ags'];
  return typeof ags === 'string' && AGS_PATTERN.test(ags) ? { kind: 'municipality', ags } : undefined;
}

/** Reads the claims hono's aws-lambda adapter puts in `c.env.event` (API Gateway HTTP API, payload 2.0). */
export const jwtClaimsAuthenticator: Authenticator = (c: Context) => {
  const env = c.env as
    { event?: { requestContext?: { authorizer?: { jwt?: { claims?: JwtClaims } } } } } | undefined;
  return principalFromClaims(env?.event?.requestContext?.authorizer?.jwt?.claims);
};
