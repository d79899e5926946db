/**
 * The app behind hono's aws-lambda adapter, as the API function runs it: an API Gateway HTTP API
 * (payload 2.0) event with the JWT authorizer's claims decides the principal.
 */
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { describe, expect, it } from 'vitest';
import { createApiApp } from '../../src/api/app.js';
import { jwtClaimsAuthenticator } from '../../src/api/auth.js';
import type { AnalysisDirectory, AnalysisWorkspace, JobStore } from '../../src/core/ports.js';
import { FakeWebhookAdmin, RecordingQueue } from './fakes.js';

const unused = (): never => {
  throw new Error('not used');
};
const jobs = {
  getAnalysis: async () => ({
    ags: '14522999',
    analysisId: 'a1',
    versionCounter: 1,
    currentVersion: 1,
    updatedAt: '2026-05-01T10:00:00.000Z',
  }),
  listJobs: async () => [],
  listAnalyses: async (f?: { ags?: string }) => [
    { ags: f?.ags ?? '14522999', analysisId: 'a1', versionCounter: 1, updatedAt: '2026-05-01T10:00:00.000Z' },
  ],
} as unknown as JobStore & AnalysisDirectory & AnalysisWorkspace;
const app = createApiApp({
  jobs,
  reports: { get: unused, put: unused, list: unused, delete: unused },
  uploadsBucket: 'u',
  reportsBucket: 'r',
  signer: { signGet: unused, signPut: unused },
  queue: new RecordingQueue(),
  webhooks: new FakeWebhookAdmin(),
  authenticate: jwtClaimsAuthenticator,
});
const handler = handle(app);

function event(path: string, claims?: Record<string, string>): LambdaEvent {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'api.example', 'content-type': 'application/json' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example',
      domainPrefix: 'api',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      requestId: 'r1',
      routeKey: '$default',
      stage: '$default',
      time: '01/May/2026:10:00:00 +0000',
      timeEpoch: 0,
      ...(claims && { authorizer: { jwt: { claims, scopes: [] } } }),
    },
    isBase64Encoded: false,
  } as unknown as LambdaEvent;
}

describe('API behind API Gateway (JWT claims)', () => {
  it('serves a municipality its own analysis and refuses another AGS', async () => {
    const own = await handler(
      event('/analyses/14522999/a1', { 'custom:ags': '14522999', 'cognito:groups': '[kommune]' }),
    );
    expect(own.statusCode).toBe(200);
    expect(JSON.parse(own.body)).toMatchObject({
      ags: '14522999',
      analysisId: 'a1',
      currentVersion: 1,
      status: 'waiting',
    });
    const other = await handler(event('/analyses/14612000/a1', { 'custom:ags': '14522999' }));
    expect(other.statusCode).toBe(403);
    expect(JSON.parse(other.body).error.message).toBe(
      'Kein Zugriff: Ihr Zugang gilt nicht für den Gemeindeschlüssel 14612000.',
    );
  });

  it('lets the lpr group read every municipality and refuses requests without claims', async () => {
    const lpr = await handler(event('/analyses/14612000/a1', { 'cognito:groups': '[lpr]' }));
    expect(lpr.statusCode).toBe(200);
    const anonymous = await handler(event('/analyses/14522999/a1'));
    expect(anonymous.statusCode).toBe(401);
  });
});
