/**
 * Sends one webhook request with node:http(s), connected to the address the service checked
 * (pinning): a custom `lookup` returns exactly that address, so no second DNS answer can redirect
 * the connection (DNS rebinding). The URL's host name stays the TLS server name (SNI, certificate
 * check) and the `Host` header. Redirects are not followed (node's client never follows them; a 3xx
 * is reported as such). One overall timeout covers connect, TLS, headers and body.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import type { WebhookRequest, WebhookResponse, WebhookSender } from '../../core/webhooks/ports.js';

export interface HttpSenderOptions {
  /** Sent as `user-agent`. */
  readonly userAgent?: string;
  /** Largest response body read (the rest is discarded); default 64 KiB. */
  readonly maxResponseBytes?: number;
  /** Extra TLS options (tests: a custom CA). */
  readonly tls?: Pick<https.RequestOptions, 'ca' | 'rejectUnauthorized'>;
}

/** A `lookup` that always answers `address` (for both the single and the `all: true` form). */
export function pinnedLookup(address: string): LookupFunction {
  const family = isIP(address);
  if (family === 0) throw new Error(`not an IP address: ${address}`);
  return ((
    _hostname: string,
    options: { all?: boolean } | number | undefined,
    callback: (...args: unknown[]) => void,
  ) => {
    const cb = typeof options === 'function' ? (options as (...args: unknown[]) => void) : callback;
    const all = typeof options === 'object' && options !== null && options.all === true;
    process.nextTick(() => (all ? cb(null, [{ address, family }]) : cb(null, address, family)));
  }) as LookupFunction;
}

export function createHttpSender(options: HttpSenderOptions = {}): WebhookSender {
  const userAgent = options.userAgent ?? 'sia-webhooks/1.0 (Sicherheitsanalyse)';
  const maxBytes = options.maxResponseBytes ?? 64 * 1024;
  return (request) => send(request, userAgent, maxBytes, options.tls);
}

function send(
  request: WebhookRequest,
  userAgent: string,
  maxBytes: number,
  tls: HttpSenderOptions['tls'],
): Promise<WebhookResponse> {
  const started = process.hrtime.bigint();
  const elapsed = (): number => Number((process.hrtime.bigint() - started) / 1_000_000n);
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return Promise.resolve({ error: 'Ungültige Webhook-Adresse.', durationMs: 0 });
  }
  if (isIP(request.address) === 0)
    return Promise.resolve({ error: 'Keine geprüfte IP-Adresse für die Verbindung.', durationMs: 0 });
  const isHttps = url.protocol === 'https:';
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const body = Buffer.from(request.body, 'utf8');
  const requestOptions: https.RequestOptions = {
    method: 'POST',
    protocol: url.protocol,
    // The host name stays (Host header, SNI, certificate check); the pinned lookup decides where to connect.
    // An IP literal needs no lookup: connect to the checked address itself.
    hostname: isIP(hostname) ? request.address : hostname,
    port: url.port === '' ? (isHttps ? 443 : 80) : Number(url.port),
    path: `${url.pathname}${url.search}`,
    headers: {
      ...request.headers,
      'content-type': 'application/json',
      'content-length': String(body.length),
      'user-agent': userAgent,
    },
    agent: false,
    lookup: pinnedLookup(request.address),
    ...(isHttps && !isIP(hostname) && { servername: hostname }),
    ...(isHttps && tls),
  };
  return new Promise<WebhookResponse>((resolve) => {
    let settled = false;
    // Request events fire asynchronously, after `timer` below exists.
    const finish = (result: Omit<WebhookResponse, 'durationMs'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: elapsed() });
    };
    const req = (isHttps ? https : http).request(requestOptions, (res) => {
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > maxBytes) res.destroy();
      });
      res.on('end', () => finish({ statusCode: res.statusCode ?? 0 }));
      res.on('close', () => finish({ statusCode: res.statusCode ?? 0 }));
      res.on('error', () => finish({ statusCode: res.statusCode ?? 0 }));
    });
    const timer = setTimeout(() => {
      finish({
        error: `Zeitüberschreitung: keine Antwort innerhalb von ${formatSeconds(request.timeoutMs)} s.`,
      });
      req.destroy();
    }, request.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => finish({ error: describeError(error) }));
    req.end(body);
  });
}

function formatSeconds(ms: number): string {
  return (ms / 1000).toLocaleString('de-DE', { maximumFractionDigits: 1 });
}

function describeError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'Verbindung abgelehnt (ECONNREFUSED).';
    case 'ECONNRESET':
      return 'Verbindung vom Empfänger zurückgesetzt (ECONNRESET).';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `Empfänger nicht erreichbar (${error.code}).`;
    case 'ETIMEDOUT':
      return 'Zeitüberschreitung beim Verbindungsaufbau (ETIMEDOUT).';
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `TLS-Zertifikat des Empfängers ungültig (${error.code}).`;
    default:
      return `Übertragungsfehler (${error.code ?? error.message}).`;
  }
}
