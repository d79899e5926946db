/**
 * A tiny stand-in for Cognito's managed login on 127.0.0.1 for the portal's Cognito e2e test
 * (node:http, no network beyond loopback):
 *
 * - `GET /oauth2/authorize` checks the request (response_type=code, client_id, redirect_uri,
 *   S256 code_challenge, state), remembers the challenge under a fresh code and redirects back to
 *   `redirect_uri?code=…&state=…` at once – as if the user had entered password and MFA code –
 *   or with `?error=access_denied&state=…` when `denyNext` is set;
 * - `POST /oauth2/token` (form-encoded) exchanges a code once, only with the same client and
 *   redirect URI and a `code_verifier` whose S256 matches the challenge, for a fresh ID token
 *   (`claims` plus `iat`/`exp`, `exp` = now + `lifetimeSeconds`) and a refresh token; with
 *   `grant_type=refresh_token` and a refresh token it issued, for a fresh ID token only (as Cognito
 *   does); with CORS for the portal, like Cognito's token endpoint; else 400 `invalid_grant`;
 * - `GET /logout` redirects to `logout_uri`.
 * Every request is recorded for the test's assertions.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeJwt } from './auth/portal-modules.js';

export interface TokenRequest {
  readonly contentType: string;
  readonly params: Record<string, string>;
  /** The S256 of the code_verifier equals the challenge of the authorize request that issued the code. */
  readonly verifierMatches: boolean;
  readonly status: number;
}

export interface FakeOAuth {
  /** `127.0.0.1:<port>`, what config.json's `cognito.domain` names. */
  readonly host: string;
  readonly authorizeRequests: Record<string, string>[];
  readonly tokenRequests: TokenRequest[];
  readonly logoutRequests: Record<string, string>[];
  /** Answer the next authorize request with `error=access_denied`. */
  denyNext: boolean;
  /** Lifetime of the ID tokens issued from now on for a code (Cognito: one hour). */
  lifetimeSeconds: number;
  /** Lifetime of the ID tokens issued for a refresh token. */
  refreshLifetimeSeconds: number;
  /** Refuse refresh tokens (as after the refresh token's own lifetime): 400 `invalid_grant`. */
  refuseRefresh: boolean;
  /** Every ID token issued, in order. */
  readonly issued: string[];
  close(): Promise<void>;
}

const s256 = (verifier: string) => createHash('sha256').update(verifier, 'ascii').digest('base64url');

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeOAuth(options: {
  clientId: string;
  claims: Record<string, unknown>;
}): Promise<FakeOAuth> {
  const codes = new Map<string, { challenge: string; clientId: string; redirectUri: string }>();
  const refreshTokens = new Set<string>();
  const cors = (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
    res.setHeader('Vary', 'Origin');
  };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res
      .writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
      .end(JSON.stringify(body));
  };

  const fake: FakeOAuth = {
    host: '',
    authorizeRequests: [],
    tokenRequests: [],
    logoutRequests: [],
    denyNext: false,
    lifetimeSeconds: 3600,
    refreshLifetimeSeconds: 3600,
    refuseRefresh: false,
    issued: [],
    close: async () => undefined,
  };
  const mint = (lifetime: number) => {
    const now = Math.floor(Date.now() / 1000);
    const token = fakeJwt({ ...options.claims, aud: options.clientId, iat: now, exp: now + lifetime });
    fake.issued.push(token);
    return token;
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const query = Object.fromEntries(url.searchParams);
      if (req.method === 'GET' && url.pathname === '/oauth2/authorize') {
        fake.authorizeRequests.push(query);
        const { response_type, client_id, redirect_uri, state, code_challenge, code_challenge_method } =
          query;
        if (
          response_type !== 'code' ||
          client_id !== options.clientId ||
          !redirect_uri ||
          !state ||
          code_challenge_method !== 'S256' ||
          !/^[A-Za-z0-9_-]{43}$/.test(code_challenge ?? '')
        ) {
          res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad authorize request');
          return;
        }
        const back = new URL(redirect_uri);
        if (fake.denyNext) {
          fake.denyNext = false;
          back.searchParams.set('error', 'access_denied');
          back.searchParams.set('error_description', 'User cancelled');
        } else {
          const code = randomBytes(16).toString('base64url');
          codes.set(code, {
            challenge: code_challenge ?? '',
            clientId: client_id,
            redirectUri: redirect_uri,
          });
          back.searchParams.set('code', code);
        }
        back.searchParams.set('state', state);
        res.writeHead(302, { Location: back.href }).end();
        return;
      }
      if (req.method === 'OPTIONS' && url.pathname === '/oauth2/token') {
        cors(req, res);
        res.setHeader('Access-Control-Allow-Methods', 'POST');
        res.setHeader('Access-Control-Allow-Headers', 'content-type');
        res.writeHead(204).end();
        return;
      }
      if (req.method === 'POST' && url.pathname === '/oauth2/token') {
        cors(req, res);
        const contentType = req.headers['content-type'] ?? '';
        const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
        if (params.grant_type === 'refresh_token') {
          const ok =
            !fake.refuseRefresh &&
            contentType.startsWith('application/x-www-form-urlencoded') &&
            params.client_id === options.clientId &&
            refreshTokens.has(params.refresh_token ?? '');
          fake.tokenRequests.push({ contentType, params, verifierMatches: false, status: ok ? 200 : 400 });
          if (!ok) return json(res, 400, { error: 'invalid_grant' });
          return json(res, 200, {
            id_token: mint(fake.refreshLifetimeSeconds),
            access_token: 'fake-access-token',
            token_type: 'Bearer',
            expires_in: fake.refreshLifetimeSeconds,
          });
        }
        const issued = params.code === undefined ? undefined : codes.get(params.code);
        if (params.code !== undefined) codes.delete(params.code); // single use
        const verifierMatches =
          issued !== undefined &&
          typeof params.code_verifier === 'string' &&
          s256(params.code_verifier) === issued.challenge;
        const ok =
          contentType.startsWith('application/x-www-form-urlencoded') &&
          params.grant_type === 'authorization_code' &&
          issued !== undefined &&
          params.client_id === issued.clientId &&
          params.redirect_uri === issued.redirectUri &&
          verifierMatches;
        fake.tokenRequests.push({ contentType, params, verifierMatches, status: ok ? 200 : 400 });
        if (!ok) return json(res, 400, { error: 'invalid_grant' });
        const refresh = `fake-refresh-token-${randomBytes(8).toString('hex')}`;
        refreshTokens.add(refresh);
        return json(res, 200, {
          id_token: mint(fake.lifetimeSeconds),
          access_token: 'fake-access-token',
          refresh_token: refresh,
          token_type: 'Bearer',
          expires_in: fake.lifetimeSeconds,
        });
      }
      if (req.method === 'GET' && url.pathname === '/logout') {
        fake.logoutRequests.push(query);
        if (query.client_id !== options.clientId || !query.logout_uri) {
          res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad logout request');
          return;
        }
        res.writeHead(302, { Location: query.logout_uri }).end();
        return;
      }
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    host: `127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
