/**
 * Error responses of the API: `{ error: { code, message } }`, a stable English code for programs
 * and a German message for people. 4xx are expected outcomes; 500 carries no detail.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

export type ErrorCode =
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'invalid-request'
  | 'conflict'
  | 'unprocessable'
  | 'payload-too-large'
  | 'internal';

export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    readonly details?: readonly { readonly path: string; readonly message: string }[];
  };
}

export function fail(
  c: Context,
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  details?: ErrorBody['error']['details'],
): Response {
  return c.json(
    { error: { code, message, ...(details && details.length > 0 && { details }) } } satisfies ErrorBody,
    status,
  );
}

export const MESSAGES = {
  unauthenticated:
    'Anmeldung erforderlich: Bitte ein gültiges Zugangstoken mitsenden (Authorization: Bearer …).',
  forbiddenAgs: (ags: string) => `Kein Zugriff: Ihr Zugang gilt nicht für den Gemeindeschlüssel ${ags}.`,
  lprOnly: 'Kein Zugriff: Diese Aktion ist dem LPR-Team vorbehalten.',
  analysisNotFound: (ags: string, id: string) => `Die Analyse ${ags}/${id} wurde nicht gefunden.`,
  analysisExists: (ags: string, id: string) => `Die Analyse ${ags}/${id} existiert bereits.`,
  noValidation: 'Für diese Analyse liegt noch kein Prüfbericht vor.',
  versionNotFound: (n: number) => `Die Berichtsversion ${n} wurde nicht gefunden.`,
  fileNotFound: (file: string, n: number) => `Die Datei ${file} gibt es in Berichtsversion ${n} nicht.`,
  webhookNotFound: (id: string) => `Der Webhook ${id} wurde nicht gefunden.`,
  routeNotFound: 'Diese Adresse gibt es in der API nicht.',
  invalidJson: 'Der Inhalt der Anfrage ist kein gültiges JSON.',
  invalidRequest: 'Die Anfrage ist ungültig.',
  internal:
    'Interner Fehler. Bitte später erneut versuchen; bleibt der Fehler, wenden Sie sich an das LPR-Team.',
} as const;

/** zod issues → `details` (path and German message; the schemas carry German messages). */
export function zodDetails(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
