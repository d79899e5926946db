/**
 * Request schemas of the API (zod, German messages). The OpenAPI description (openapi.ts) is built
 * from the same schemas, so the two cannot drift apart.
 */
import { z } from 'zod';
import { MAX_FILES_PER_REQUEST } from './uploads.js';

export const agsSchema = z
  .string()
  .regex(/^\d{8}$/, 'Der Gemeindeschlüssel (AGS) besteht aus genau 8 Ziffern.');
export const analysisIdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    'Die Analyse-ID besteht aus höchstens 64 Buchstaben, Ziffern, Punkten, Binde- und Unterstrichen und beginnt mit einem Buchstaben oder einer Ziffer.',
  );
export const endpointIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
export const versionParamSchema = z.coerce
  .number()
  .int('Die Versionsnummer ist eine ganze Zahl ab 1.')
  .min(1, 'Die Versionsnummer ist eine ganze Zahl ab 1.');
/** Report files that may be downloaded (docs/pipeline-design.md, "Storage"; changes.json from the change summaries; the tables as XLSX and CSV). */
export const downloadFileSchema = z
  .string()
  .regex(
    /^(report\.pdf|report\.html|analysis\.json|analysis\.schema\.json|changes\.json|provenance\.json|validation\.json|validation\.txt|charts\/[a-z0-9][a-z0-9_-]{0,80}\.svg|tabellen\.xlsx|tabellen\/[A-Za-z0-9][A-Za-z0-9_-]{0,80}\.csv)$/,
    'Unbekannte Datei. Erlaubt: report.pdf, report.html, analysis.json, analysis.schema.json, changes.json, provenance.json, validation.json, validation.txt, charts/<name>.svg, tabellen.xlsx, tabellen/<name>.csv.',
  );
export const requestIdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9._-]{1,64}$/,
    'Idempotency-Key: 1 bis 64 Zeichen aus Buchstaben, Ziffern, Punkt, Binde- und Unterstrich.',
  );

export const createAnalysisBody = z
  .object({
    ags: agsSchema,
    analysisId: analysisIdSchema.optional(),
  })
  .strict();

export const uploadFileSchema = z
  .object({
    name: z.string().min(1, 'Dateiname fehlt.').max(100, 'Der Dateiname ist zu lang.'),
    size: z
      .number()
      .int('Die Größe wird in ganzen Bytes angegeben.')
      .min(1, 'Leere Dateien können nicht hochgeladen werden.'),
    contentType: z.string().min(1, 'Inhaltstyp fehlt.').max(200),
  })
  .strict();

export const uploadUrlsBody = z
  .object({
    files: z
      .array(uploadFileSchema)
      .min(1, 'Bitte mindestens eine Datei angeben.')
      .max(MAX_FILES_PER_REQUEST, `Höchstens ${MAX_FILES_PER_REQUEST} Dateien je Anfrage.`),
  })
  .strict();

export const lifecycleEventSchema = z.enum(['report.ready', 'report.failed', 'analysis.invalid']);

export const registerWebhookBody = z
  .object({
    // https only on AWS is the webhook service's rule (it also refuses private addresses); it answers with WebhookAdminError.
    url: z
      .url({ protocol: /^https?$/, error: 'Die Webhook-Adresse muss eine http(s)-Adresse sein.' })
      .max(2048),
    events: z
      .array(lifecycleEventSchema, { error: 'Ereignisse: report.ready, report.failed, analysis.invalid.' })
      .min(1, 'Bitte mindestens ein Ereignis angeben.'),
    coordinatorEmail: z.email('Bitte eine gültige E-Mail-Adresse der Koordination angeben.'),
  })
  .strict();

export const uploadSetIdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    'Die Kennung des Upload-Satzes besteht aus höchstens 64 Buchstaben, Ziffern, Punkten, Binde- und Unterstrichen.',
  );

export const regenerateBody = z
  .object({
    version: z
      .number()
      .int('Die Versionsnummer ist eine ganze Zahl ab 1.')
      .min(1, 'Die Versionsnummer ist eine ganze Zahl ab 1.')
      .optional(),
    uploadSetId: uploadSetIdSchema.optional(),
  })
  .strict()
  .refine((b) => b.version === undefined || b.uploadSetId === undefined, {
    message: 'Bitte entweder eine Version oder einen Upload-Satz angeben, nicht beides.',
  });

/** At most this many analyses in one regeneration batch (Saxony has 419 municipalities). */
export const MAX_BATCH_ANALYSES = 1000;

export const regenerationsBody = z
  .object({
    analyses: z
      .array(z.object({ ags: agsSchema, analysisId: analysisIdSchema }).strict())
      .min(1, 'Bitte mindestens eine Analyse angeben (oder keine Liste: dann alle).')
      .max(MAX_BATCH_ANALYSES, `Höchstens ${MAX_BATCH_ANALYSES} Analysen je Auftrag.`)
      .optional(),
  })
  .strict();

export type CreateAnalysisBody = z.infer<typeof createAnalysisBody>;
export type UploadUrlsBody = z.infer<typeof uploadUrlsBody>;
export type RegisterWebhookBody = z.infer<typeof registerWebhookBody>;
