/**
 * The OpenAPI 3.1 description of the API, built from the same zod schemas the routes validate with.
 * `docs/openapi.yaml` is this document as YAML (`npx tsx src/api/write-openapi.ts` rewrites it; a test
 * checks that it is current and lists every route of the app).
 */
import { createAnalysisBody, registerWebhookBody, uploadUrlsBody } from './schemas.js';
import { AGS, ERRORS, error, ID, json, param, pick, ref, schemaOf, type Json } from './openapi-helpers.js';
import { operationPaths, operationSchemas } from './openapi-operations.js';
import { DOWNLOAD_URL_SECONDS, MAX_FILE_BYTES, MAX_MANIFEST_BYTES, UPLOAD_URL_SECONDS } from './uploads.js';
import { ENGINE_VERSION } from '../core/version.js';
import { workspaceOpenApi } from './openapi-workspace.js';
import { wavePaths } from './openapi-waves.js';

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
  const workspace = workspaceOpenApi({
    schemaOf,
    ref,
    json,
    errors: (...codes) => pick(ERRORS, ...codes),
    ags: AGS,
    id: ID,
    agsQuery: param(
      'ags',
      'Nur Analysen dieses Gemeindeschlüssels.',
      { type: 'string', pattern: '^\\d{8}$' },
      'query',
    ),
  });
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
        `Hochladen: Zuerst alle Datendateien, analyse.json zuletzt (erst sie startet die Auswertung). Eine Berichtsversion wird genau aus den Dateien eines Upload-Satzes berechnet: aus allem, was seit der letzten Einreichung hochgeladen wurde; Dateien früherer Uploads werden nicht verwendet.`,
        `Upload-Adressen gelten ${UPLOAD_URL_SECONDS / 60} Minuten und nehmen nur genau die angemeldete Größe und den angemeldeten Inhaltstyp an (höchstens ${MAX_FILE_BYTES / 1024 / 1024} MB je Datei, analyse.json höchstens ${MAX_MANIFEST_BYTES / 1024 / 1024} MB).`,
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
        patch: workspace.patchAnalysis,
      },
      '/analyses/{ags}/{id}/upload-urls': {
        post: {
          summary:
            'Vorsignierte PUT-Adressen für Dateien des offenen Upload-Satzes der Analyse (analyse.json zuletzt hochladen: sie reicht den Satz ein).',
          parameters: [AGS, ID],
          requestBody: { required: true, content: json(schemaOf(uploadUrlsBody)) },
          responses: {
            '200': {
              description: `Adressen, gültig ${UPLOAD_URL_SECONDS} s, in Upload-Reihenfolge (analyse.json zuletzt). Beim PUT genau die angegebenen Header senden.`,
              content: json({
                type: 'object',
                properties: {
                  setId: {
                    type: 'string',
                    description: 'Der offene Upload-Satz, in den alle Adressen zeigen.',
                  },
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
      ...operationPaths(),
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
      ...firstMilePaths(),
      ...workspace.paths,
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
        ...workspace.schemas,
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
        ...operationSchemas(),
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

/** The first mile (src/api/routes/first-mile.ts): municipality list, manifest check, mapping assistant, questionnaire. */
function firstMilePaths(): Record<string, Json> {
  const issue = {
    type: 'object',
    properties: {
      severity: { type: 'string', enum: ['error', 'warning'] },
      field: { type: ['string', 'null'], description: 'Feldpfad in analyse.json, z. B. „kommune.ags“.' },
      message: { type: 'string' },
    },
  };
  const unprocessable = error(
    'Die Befragungsdatei fehlt oder ist nicht lesbar, oder die Umgebung hat keinen Zugriff auf die Uploads.',
  );
  return {
    '/gemeinden': {
      get: {
        summary:
          'Die Gemeindeliste (AGS, Name, Kreis, Einwohner; Quelle Destatis, dl-de/by-2-0): für Namen und Kreise im Portal und die Auswahl bei „Neue Analyse“.',
        responses: {
          '200': {
            description: 'Liste und Quellenangabe.',
            content: json({
              type: 'object',
              properties: {
                quelle: { type: 'string' },
                gemeinden: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['ags', 'name', 'kreisSchluessel', 'kreis'],
                    properties: {
                      ags: { type: 'string' },
                      name: { type: 'string' },
                      kreisSchluessel: { type: 'string' },
                      kreis: { type: 'string' },
                      einwohner: { type: ['integer', 'null'] },
                    },
                  },
                },
              },
            }),
          },
          ...pick(ERRORS, '401'),
        },
      },
    },
    '/manifest/pruefen': {
      post: {
        summary:
          'Prüft einen Entwurf von analyse.json mit dem Schema des Manifests (für die Prüfung beim Tippen); ein AGS außerhalb der Liste ist eine Warnung.',
        requestBody: { required: true, content: json({ type: 'object', properties: { manifest: {} } }) },
        responses: {
          '200': {
            description: 'Ergebnis: gültig, Meldungen je Feld, die Gemeinde aus der Liste.',
            content: json({
              type: 'object',
              properties: {
                valid: { type: 'boolean' },
                issues: { type: 'array', items: issue },
                gemeinde: { type: ['object', 'null'] },
              },
            }),
          },
          ...pick(ERRORS, '400', '401'),
        },
      },
    },
    '/fragebogen/lss': {
      post: {
        summary:
          'Der Standardfragebogen als LimeSurvey-Struktur (.lss), wahlweise mit den Gebieten der Analyse.',
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            properties: {
              titel: { type: 'string' },
              gebiete: {
                type: 'array',
                items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
              },
            },
          }),
        },
        responses: {
          '200': {
            description: 'fragebogen.lss',
            content: { 'application/xml': { schema: { type: 'string' } } },
          },
          ...pick(ERRORS, '400', '401'),
        },
      },
    },
    '/analyses/{ags}/{id}/zuordnung/vorschlag': {
      post: {
        summary:
          'Der Zuordnungsassistent: je Spalte der hochgeladenen Befragungsdatei der vorgeschlagene Standardcode mit Übereinstimmung, Grund und Beispielwerten; Ausgangspunkt ist die zuletzt gespeicherte Zuordnung der Kommune. Solange analyse.json fehlt, nennt der Aufruf die Gebiete des Entwurfs.',
        parameters: [AGS, ID],
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            properties: {
              gebiete: {
                type: 'array',
                items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
              },
            },
          }),
        },
        responses: {
          '200': { description: 'Vorschlag.', content: json({ type: 'object' }) },
          '422': unprocessable,
          ...pick(ERRORS, '400', '401', '403', '404'),
        },
      },
    },
    '/analyses/{ags}/{id}/zuordnung': {
      put: {
        summary:
          'Speichert befragung-zuordnung.json (Eingabebeschreibung §3.4) beim Upload und als Ausgangspunkt der nächsten Analyse der Kommune.',
        parameters: [AGS, ID],
        requestBody: { required: true, content: json({ type: 'object' }) },
        responses: {
          '200': { description: 'Gespeichert.', content: json({ type: 'object' }) },
          '422': unprocessable,
          ...pick(ERRORS, '400', '401', '403', '404'),
        },
      },
    },
  };
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
