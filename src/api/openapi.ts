/**
 * The OpenAPI 3.1 description of the API, built from the same zod schemas the routes validate with.
 * `docs/openapi.yaml` is this document as YAML (`npx tsx src/api/write-openapi.ts` rewrites it; a test
 * checks that it is current and lists every route of the app).
 */
import { z } from 'zod';
import { createAnalysisBody, registerWebhookBody, uploadUrlsBody } from './schemas.js';
import { DOWNLOAD_URL_SECONDS, MAX_FILE_BYTES, MAX_MANIFEST_BYTES, UPLOAD_URL_SECONDS } from './uploads.js';
import { ENGINE_VERSION } from '../core/version.js';
import { wavePaths } from './openapi-waves.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const schemaOf = (s: z.ZodType): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io: 'input' }) as Record<string, Json>;
  return rest;
};
const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json): Json => ({ 'application/json': { schema } });
const error = (description: string): Json => ({ description, content: json(ref('Error')) });

const ERRORS = {
  '400': error('Ungültige Anfrage (Eingabe verletzt das Schema; `details` nennt die Stellen).'),
  '401': error('Nicht angemeldet.'),
  '403': error(
    'Der Zugang gilt nicht für diesen Gemeindeschlüssel (vor jeder Suche entschieden) oder die Aktion ist dem LPR-Team vorbehalten.',
  ),
  '404': error('Nicht gefunden (auch: existiert nur unter einem anderen Gemeindeschlüssel).'),
} satisfies Record<string, Json>;

const param = (
  name: string,
  description: string,
  schema: Json,
  where: 'path' | 'query' | 'header' = 'path',
  required = where === 'path',
): Json => ({ name, in: where, required, description, schema });
const AGS = param('ags', 'Amtlicher Gemeindeschlüssel (8 Ziffern).', { type: 'string', pattern: '^\\d{8}$' });
const ID = param('id', 'Analyse-ID.', { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' });
const ENDPOINT = param('endpointId', 'Id des Webhook-Endpunkts.', {
  type: 'string',
  pattern: '^[A-Za-z0-9_-]{1,64}$',
});

const job: Json = {
  type: 'object',
  required: ['jobId', 'status', 'statusText', 'attempts', 'history', 'createdAt', 'updatedAt'],
  properties: {
    jobId: { type: 'string' },
    status: ref('JobStatus'),
    statusText: { type: 'string', description: 'Status auf Deutsch.' },
    reason: { type: 'string', description: 'Deutscher Grund bei `invalid` und `failed`.' },
    version: { type: 'integer' },
    attempts: { type: 'integer' },
    history: {
      type: 'array',
      items: {
        type: 'object',
        properties: { status: ref('JobStatus'), at: { type: 'string', format: 'date-time' } },
      },
    },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};

export function buildOpenApi(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Sicherheitsanalyse – API',
      version: ENGINE_VERSION,
      description: [
        'Analysen anlegen, Dateien hochladen (vorsignierte S3-Adressen), Status und Prüfbericht abfragen, Berichtsversionen herunterladen, Berichte neu erstellen (LPR) und Webhooks verwalten.',
        '',
        'Anmeldung: `Authorization: Bearer <token>` (AWS: Cognito-JWT; Gruppe `lpr` = LPR-Team, sonst der Gemeindeschlüssel aus `custom:ags`; lokal: Tokens aus der Token-Datei).',
        'Mandantentrennung: Eine Kommune darf nur ihren eigenen Gemeindeschlüssel verwenden. Ein anderer AGS im Pfad oder in der Abfrage ergibt 403, entschieden vor jeder Suche (die Antwort verrät nicht, ob dort etwas existiert). Was unter einem erlaubten AGS nicht existiert – auch Webhook-Ids einer anderen Kommune – ergibt 404.',
        `Hochladen: Zuerst alle Datendateien, analyse.json zuletzt (erst sie startet die Auswertung). Upload-Adressen gelten ${UPLOAD_URL_SECONDS / 60} Minuten und nehmen nur genau die angemeldete Größe und den angemeldeten Inhaltstyp an (höchstens ${MAX_FILE_BYTES / 1024 / 1024} MB je Datei, analyse.json höchstens ${MAX_MANIFEST_BYTES / 1024 / 1024} MB).`,
        'Fehler: `{ "error": { "code", "message" } }` mit deutscher Meldung.',
      ].join('\n'),
    },
    servers: [{ url: 'http://127.0.0.1:4570', description: 'Lokale Pipeline (npm run local)' }],
    security: [{ bearer: [] }],
    paths: {
      '/openapi.json': {
        get: {
          summary: 'Diese Beschreibung (ohne Anmeldung).',
          security: [],
          responses: { '200': { description: 'OpenAPI-Dokument.', content: json({ type: 'object' }) } },
        },
      },
      '/me': {
        get: {
          summary: 'Wer angemeldet ist: LPR-Team oder die Kommune mit ihrem Gemeindeschlüssel.',
          responses: {
            '200': {
              description: 'Angemeldet als.',
              content: json({
                type: 'object',
                required: ['kind'],
                properties: {
                  kind: { type: 'string', enum: ['lpr', 'municipality'] },
                  ags: { type: 'string', pattern: '^\\d{8}$' },
                },
              }),
            },
            ...pick(ERRORS, '401'),
          },
        },
      },
      '/analyses': {
        get: {
          summary: 'Analysen auflisten (LPR: alle Kommunen; Kommune: nur die eigenen).',
          parameters: [
            param(
              'ags',
              'Nur Analysen dieses Gemeindeschlüssels.',
              { type: 'string', pattern: '^\\d{8}$' },
              'query',
            ),
          ],
          responses: {
            '200': {
              description: 'Analysen.',
              content: json({
                type: 'object',
                properties: { analyses: { type: 'array', items: ref('AnalysisSummary') } },
              }),
            },
            ...pick(ERRORS, '400', '401', '403'),
          },
        },
        post: {
          summary: 'Analyse anlegen (Kommunen nur für den eigenen Gemeindeschlüssel).',
          requestBody: { required: true, content: json(schemaOf(createAnalysisBody)) },
          responses: {
            '201': {
              description: 'Angelegt.',
              content: json({
                type: 'object',
                properties: {
                  ags: { type: 'string' },
                  analysisId: { type: 'string' },
                  uploadPrefix: { type: 'string' },
                  hinweis: { type: 'string' },
                },
              }),
            },
            ...pick(ERRORS, '400', '401', '403'),
            '409': error('Die Analyse existiert bereits.'),
          },
        },
      },
      '/analyses/{ags}/{id}': {
        get: {
          summary: 'Status der Analyse: letzter Auftrag mit Verlauf und Grund, aktuelle Berichtsversion.',
          parameters: [AGS, ID],
          responses: {
            '200': {
              description: 'Status.',
              content: json({
                type: 'object',
                required: ['ags', 'analysisId', 'status', 'statusText', 'latestJob', 'jobCount'],
                properties: {
                  ags: { type: 'string' },
                  analysisId: { type: 'string' },
                  currentVersion: { type: 'integer' },
                  status: { oneOf: [ref('JobStatus'), { const: 'waiting' }] },
                  statusText: { type: 'string' },
                  reason: { type: 'string' },
                  latestJob: { oneOf: [job, { type: 'null' }] },
                  jobCount: { type: 'integer' },
                  updatedAt: { type: 'string' },
                },
              }),
            },
            ...pick(ERRORS, '400', '401', '403', '404'),
          },
        },
      },
      '/analyses/{ags}/{id}/upload-urls': {
        post: {
          summary: 'Vorsignierte PUT-Adressen für die Dateien der Analyse (analyse.json zuletzt hochladen).',
          parameters: [AGS, ID],
          requestBody: { required: true, content: json(schemaOf(uploadUrlsBody)) },
          responses: {
            '200': {
              description: `Adressen, gültig ${UPLOAD_URL_SECONDS} s, in Upload-Reihenfolge (analyse.json zuletzt). Beim PUT genau die angegebenen Header senden.`,
              content: json({
                type: 'object',
                properties: {
                  expiresIn: { type: 'integer' },
                  expiresAt: { type: 'string', format: 'date-time' },
                  files: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: {
                        name: { type: 'string' },
                        key: { type: 'string' },
                        method: { const: 'PUT' },
                        url: { type: 'string' },
                        headers: { type: 'object', additionalProperties: { type: 'string' } },
                      },
                    },
                  },
                  hinweis: { type: 'string' },
                },
              }),
            },
            ...pick(ERRORS, '400', '401', '403', '404'),
          },
        },
      },
      '/analyses/{ags}/{id}/validation': {
        get: {
          summary: 'Der neueste Prüfbericht (validation.json des letzten Auftrags mit Ergebnis).',
          parameters: [AGS, ID],
          responses: {
            '200': {
              description: 'Prüfbericht (JSON wie validation.json); Header X-Sia-Job-Id nennt den Auftrag.',
              content: json({ type: 'object' }),
            },
            ...pick(ERRORS, '400', '401', '403', '404'),
          },
        },
      },
      '/analyses/{ags}/{id}/versions': {
        get: {
          summary: 'Berichtsversionen der Analyse.',
          parameters: [AGS, ID],
          responses: {
            '200': {
              description: 'Versionen, älteste zuerst.',
              content: json({
                type: 'object',
                properties: {
                  currentVersion: { type: 'integer' },
                  versions: { type: 'array', items: ref('Version') },
                },
              }),
            },
            ...pick(ERRORS, '400', '401', '403', '404'),
          },
        },
      },
      '/analyses/{ags}/{id}/versions/{n}/download': {
        get: {
          summary: `Vorsignierte Download-Adresse (gültig ${DOWNLOAD_URL_SECONDS} s) für eine Datei einer Berichtsversion.`,
          parameters: [
            AGS,
            ID,
            param('n', 'Versionsnummer.', { type: 'integer', minimum: 1 }),
            param(
              'file',
              'Datei der Version (Standard report.pdf).',
              {
                type: 'string',
                default: 'report.pdf',
                examples: [
                  'report.pdf',
                  'analysis.json',
                  'tabellen.xlsx',
                  'tabellen/T04-registrierte-straftaten-insgesamt-2021-2025.csv',
                  'changes.json',
                  'charts/sicherheitsgefuehl.svg',
                ],
              },
              'query',
            ),
          ],
          responses: {
            '200': {
              description: 'Mit `Accept: application/json`: die Adresse als JSON.',
              content: json({
                type: 'object',
                properties: {
                  version: { type: 'integer' },
                  file: { type: 'string' },
                  url: { type: 'string' },
                  expiresIn: { type: 'integer' },
                  expiresAt: { type: 'string' },
                },
              }),
            },
            '302': { description: 'Sonst: Weiterleitung auf die vorsignierte Adresse.' },
            ...pick(ERRORS, '400', '401', '403', '404'),
          },
        },
      },
      '/analyses/{ags}/{id}/regenerate': {
        post: {
          summary:
            'Bericht aus dem aktuellen Upload neu erstellen (nur LPR-Team): neuer Auftrag, neue Version.',
          parameters: [
            AGS,
            ID,
            param(
              'Idempotency-Key',
              'Optional: gleiche Anfrage-Id = derselbe Auftrag (Wiederholung ohne Doppelung).',
              { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' },
              'header',
            ),
          ],
          responses: {
            '202': {
              description: 'Eingereiht.',
              content: json({
                type: 'object',
                properties: {
                  requestId: { type: 'string' },
                  jobId: { type: 'string' },
                  sourceJobId: { type: 'string' },
                  ags: { type: 'string' },
                  analysisId: { type: 'string' },
                  hinweis: { type: 'string' },
                },
              }),
            },
            ...pick(ERRORS, '400', '401', '403', '404'),
            '409': error('Es gibt noch keinen Upload, aus dem neu erstellt werden könnte.'),
          },
        },
      },
      '/webhooks/{ags}': {
        get: {
          summary: 'Webhook-Endpunkte der Kommune.',
          parameters: [AGS],
          responses: {
            '200': {
              description: 'Endpunkte (ohne Geheimnisse).',
              content: json({
                type: 'object',
                properties: { endpoints: { type: 'array', items: ref('WebhookEndpoint') } },
              }),
            },
            ...pick(ERRORS, '400', '401', '403'),
          },
        },
        post: {
          summary: 'Webhook-Endpunkt registrieren; das Signaturgeheimnis wird nur in dieser Antwort gezeigt.',
          parameters: [AGS],
          requestBody: { required: true, content: json(schemaOf(registerWebhookBody)) },
          responses: {
            '201': {
              description: 'Registriert.',
              content: json({
                type: 'object',
                properties: {
                  endpoint: ref('WebhookEndpoint'),
                  secret: { type: 'string' },
                  hinweis: { type: 'string' },
                },
              }),
            },
            ...pick(ERRORS, '400', '401', '403'),
            '422': error('Vom Webhook-Dienst abgelehnt (z. B. nicht erlaubte Adresse).'),
          },
        },
      },
      '/webhooks/{ags}/{endpointId}': {
        delete: {
          summary: 'Webhook-Endpunkt entfernen.',
          parameters: [AGS, ENDPOINT],
          responses: { '204': { description: 'Entfernt.' }, ...pick(ERRORS, '400', '401', '403', '404') },
        },
      },
      '/webhooks/{ags}/{endpointId}/rotate': {
        post: {
          summary: 'Neues Signaturgeheimnis erzeugen (nur in dieser Antwort gezeigt).',
          parameters: [AGS, ENDPOINT],
          responses: {
            '200': {
              description: 'Neues Geheimnis.',
              content: json({
                type: 'object',
                properties: {
                  endpointId: { type: 'string' },
                  secret: { type: 'string' },
                  hinweis: { type: 'string' },
                },
              }),
            },
            ...pick(ERRORS, '400', '401', '403', '404'),
            '422': error('Vom Webhook-Dienst abgelehnt.'),
          },
        },
      },
      '/webhooks/{ags}/{endpointId}/deliveries': {
        get: {
          summary: 'Zustellungen an den Webhook-Endpunkt.',
          parameters: [AGS, ENDPOINT],
          responses: {
            '200': {
              description: 'Zustellungen.',
              content: json({
                type: 'object',
                properties: {
                  endpointId: { type: 'string' },
                  deliveries: { type: 'array', items: ref('WebhookDelivery') },
                },
              }),
            },
            ...pick(ERRORS, '400', '401', '403', '404'),
          },
        },
      },
      ...wavePaths({ AGS, ID, ERRORS, json, error, param: (n, d, s) => param(n, d, s) }),
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (AWS) oder Token (lokal)' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: {
                  type: 'string',
                  enum: [
                    'unauthenticated',
                    'forbidden',
                    'not-found',
                    'invalid-request',
                    'conflict',
                    'unprocessable',
                    'payload-too-large',
                    'internal',
                  ],
                },
                message: { type: 'string', description: 'Deutsche Meldung.' },
                details: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: { path: { type: 'string' }, message: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
        JobStatus: {
          type: 'string',
          enum: ['received', 'validating', 'invalid', 'analysing', 'rendering', 'ready', 'failed'],
        },
        AnalysisSummary: {
          type: 'object',
          required: ['ags', 'analysisId', 'updatedAt'],
          properties: {
            ags: { type: 'string' },
            analysisId: { type: 'string' },
            currentVersion: { type: 'integer' },
            updatedAt: { type: 'string' },
          },
        },
        Version: {
          type: 'object',
          properties: {
            version: { type: 'integer' },
            current: { type: 'boolean' },
            jobId: { type: 'string' },
            createdAt: { type: 'string', format: 'date-time' },
            pages: { type: 'integer' },
            engineVersion: { type: 'string' },
            templateVersion: { type: 'string' },
            inputHashes: { type: 'object', additionalProperties: { type: 'string' } },
          },
        },
        WebhookEndpoint: {
          type: 'object',
          required: ['id', 'ags', 'url', 'events'],
          properties: {
            id: { type: 'string' },
            ags: { type: 'string' },
            url: { type: 'string' },
            events: {
              type: 'array',
              items: { type: 'string', enum: ['report.ready', 'report.failed', 'analysis.invalid'] },
            },
            coordinatorEmail: { type: 'string' },
            createdAt: { type: 'string' },
            active: { type: 'boolean' },
          },
        },
        WebhookDelivery: {
          type: 'object',
          required: ['id', 'type', 'status', 'attempts'],
          properties: {
            id: { type: 'string' },
            type: { type: 'string' },
            status: { type: 'string' },
            attempts: { type: 'integer' },
            createdAt: { type: 'string' },
            lastAttemptAt: { type: 'string' },
            responseStatus: { type: 'integer' },
          },
          additionalProperties: true,
        },
      },
    },
  };
}

function pick<K extends string>(from: Record<string, Json>, ...keys: K[]): Record<K, Json> {
  return Object.fromEntries(keys.map((k) => [k, from[k] ?? null])) as Record<K, Json>;
}

/** A small YAML emitter for JSON values (block style; strings double-quoted as JSON, which YAML accepts). */
export function toYaml(value: Json, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return value
      .map(
        (v) =>
          `\n${indent}- ${isBlock(v) ? toYaml(v, `${indent}  `).replace(/^\n\s*/, '') : toYaml(v, `${indent}  `)}`,
      )
      .join('');
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return entries
      .map(
        ([k, v]) =>
          `\n${indent}${yamlKey(k)}:${isBlock(v) ? toYaml(v, `${indent}  `) : ` ${toYaml(v, `${indent}  `)}`}`,
      )
      .join('');
  }
  return JSON.stringify(value);
}

export function openApiYaml(): string {
  return `# Generated from src/api/openapi.ts (npx tsx src/api/write-openapi.ts); do not edit by hand.${toYaml(buildOpenApi())}\n`;
}

const isBlock = (v: Json): boolean =>
  v !== null && typeof v === 'object' && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0);
const yamlKey = (k: string): string => (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(k) ? k : JSON.stringify(k));
