/**
 * The HTTP API client: bearer token from the session, JSON in and out, German error messages
 * (the API's own `{ error: { code, message } }`, or a fallback for network failures).
 */
import { getToken } from './session.js';

/** @type {string} */
let baseUrl = '';

/** @param {string} url */
export function setApiBaseUrl(url) {
  baseUrl = url;
}

/** The API's base URL (for requests whose answer is not JSON, e.g. a download). */
export function apiBaseUrl() {
  return baseUrl;
}

export class ApiError extends Error {
  /**
   * @param {number} status  HTTP status; 0 = no answer
   * @param {string} code
   * @param {string} message  German
   */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** @type {((error: ApiError) => void) | undefined} */
let onUnauthenticated;

/** @param {(error: ApiError) => void} handler */
export function setUnauthenticatedHandler(handler) {
  onUnauthenticated = handler;
}

/**
 * Calls the API. Resolves with the parsed JSON (or null for 204); rejects with ApiError.
 * @param {string} path
 * @param {{ method?: string, body?: unknown, headers?: Record<string, string>, token?: string }} [options]
 * @returns {Promise<any>}
 */
export async function api(path, options = {}) {
  const token = options.token ?? getToken();
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json', ...options.headers };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(`${baseUrl}${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(
      0,
      'network',
      'Der Server ist nicht erreichbar. Bitte die Verbindung prüfen und erneut versuchen.',
    );
  }
  if (res.status === 204) return null;
  /** @type {any} */
  let data = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (!res.ok) {
    const message = data?.error?.message ?? `Unerwartete Antwort des Servers (HTTP ${res.status}).`;
    const error = new ApiError(res.status, data?.error?.code ?? 'http', message);
    if (res.status === 401 && !options.token) onUnauthenticated?.(error);
    throw error;
  }
  return data;
}

/**
 * A presigned download URL for a file of a report version (valid 5 minutes).
 * @param {string} ags @param {string} id @param {number} version @param {string} file
 * @returns {Promise<string>}
 */
export async function downloadUrl(ags, id, version, file) {
  const data = await api(
    `/analyses/${ags}/${encodeURIComponent(id)}/versions/${version}/download?file=${encodeURIComponent(file)}`,
  );
  return data.url;
}

/**
 * Reads a JSON file of a report version straight from S3 (presigned URL).
 * @param {string} ags @param {string} id @param {number} version @param {string} file
 */
export async function fetchReportJson(ags, id, version, file) {
  const url = await downloadUrl(ags, id, version, file);
  let res;
  try {
    res = await fetch(url, { cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network', `${file} konnte nicht geladen werden (Speicher nicht erreichbar).`);
  }
  if (!res.ok)
    throw new ApiError(res.status, 'storage', `${file} konnte nicht geladen werden (HTTP ${res.status}).`);
  return res.json();
}

/** @param {string} ags @param {string} id */
export function analysisPath(ags, id) {
  return `/analyses/${ags}/${encodeURIComponent(id)}`;
}
