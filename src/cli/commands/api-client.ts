/**
 * What the API verbs of `sia` share (status, versions, regenerate, webhooks): where the API is
 * (`--api`, SIA_API_URL, else the local stack's http://127.0.0.1:4570), the token (`--token`,
 * SIA_TOKEN), `<ags>/<id>` arguments, and German messages for API errors.
 */
import { portalLinks, type PortalLinks } from '../../core/portal-links.js';
import { DEFAULT_API_PORT } from '../../local/names.js';
import { EXIT_ERROR, UsageError } from '../exit-codes.js';

export interface ApiOptions {
  readonly api?: string;
  readonly token?: string;
  readonly json?: boolean;
}

export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
}

export const defaultIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, env: process.env });

export interface ApiTarget {
  readonly baseUrl: string;
  readonly token: string;
}

export function resolveApi(options: ApiOptions, env: NodeJS.ProcessEnv): ApiTarget {
  const baseUrl = (options.api ?? env.SIA_API_URL ?? `http://127.0.0.1:${DEFAULT_API_PORT}`).replace(
    /\/+$/,
    '',
  );
  try {
    const u = new URL(baseUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new UsageError(`Ungültige API-Adresse: ${baseUrl}`);
  }
  const token = options.token ?? env.SIA_TOKEN;
  if (!token)
    throw new UsageError('Bitte mit --token oder der Umgebungsvariable SIA_TOKEN ein Zugangstoken angeben.');
  return { baseUrl, token };
}

/**
 * The portal the printed links open: SIA_PORTAL_URL, else the local stack's portal on the API's own
 * origin (an API on 127.0.0.1/localhost serves it at /portal/); undefined when unknown.
 */
export function portalFor(target: ApiTarget, env: NodeJS.ProcessEnv): PortalLinks | undefined {
  const configured = env.SIA_PORTAL_URL?.trim();
  if (configured) return URL.canParse(configured) ? portalLinks(configured) : undefined;
  const host = new URL(target.baseUrl).hostname;
  return host === '127.0.0.1' || host === 'localhost' ? portalLinks(`${target.baseUrl}/portal/`) : undefined;
}

/** `14522999/befragung-2026` → the analysis. */
export function parseAnalysisArg(arg: string | undefined): { ags: string; analysisId: string } {
  if (!arg)
    throw new UsageError('Bitte die Analyse als <ags>/<analyse-id> angeben, z. B. 14522999/befragung-2026.');
  const m = /^(\d{8})\/([A-Za-z0-9][A-Za-z0-9._-]{0,63})$/.exec(arg);
  if (!m?.[1] || !m[2])
    throw new UsageError(
      `„${arg}“ ist keine Analyse: erwartet <ags>/<analyse-id> (8 Ziffern, Schrägstrich, ID), z. B. 14522999/befragung-2026.`,
    );
  return { ags: m[1], analysisId: m[2] };
}

export function parseAgsArg(arg: string | undefined): string {
  if (!arg || !/^\d{8}$/.test(arg))
    throw new UsageError(`Bitte den Gemeindeschlüssel (8 Ziffern) angeben${arg ? `, nicht „${arg}“` : ''}.`);
  return arg;
}

/** An API answer that is not a success: its German message (from `{ error: { message } }`) and status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ApiResponse<T> {
  readonly status: number;
  readonly body: T;
}

/** Calls the API; throws ApiError for 4xx/5xx (German message) and a German message when it is unreachable. */
export async function callApi<T>(
  target: ApiTarget,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse<T>> {
  let res: Response;
  try {
    res = await fetch(`${target.baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${target.token}`,
        Accept: 'application/json',
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
        ...headers,
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
  } catch {
    throw new ApiError(
      0,
      `Die API unter ${target.baseUrl} ist nicht erreichbar. Läuft die lokale Pipeline (npm run local), oder stimmt --api bzw. SIA_API_URL?`,
    );
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!res.ok) {
    const message = (parsed as { error?: { message?: unknown } } | undefined)?.error?.message;
    throw new ApiError(
      res.status,
      typeof message === 'string' ? message : `Die API antwortete mit HTTP ${res.status}.`,
    );
  }
  return { status: res.status, body: parsed as T };
}

const DATE_TIME = new Intl.DateTimeFormat('de-DE', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/Berlin',
});

/** ISO time → `02.05.2026, 10:00` (German, Berlin time). */
export function germanDateTime(iso: string | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : DATE_TIME.format(d);
}

/** Runs an API verb: API errors are printed in German to stderr and end with exit code 2. */
export async function withApiErrors(io: CliIo, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    io.stderr.write(
      `${error.message}${error.status === 401 ? ' (Token prüfen: --token oder SIA_TOKEN.)' : ''}\n`,
    );
    return EXIT_ERROR;
  }
}
