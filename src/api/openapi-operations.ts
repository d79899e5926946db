/**
 * The OpenAPI paths of upload sets, regenerations ("Alle neu erstellen") and erasure
 * (src/api/routes/upload-sets.ts, regenerations.ts, erasure.ts).
 */
import { AGS, ERRORS, error, ID, json, param, pick, ref, schemaOf, type Json } from './openapi-helpers.js';
import { regenerateBody, regenerationsBody } from './schemas.js';

const IDEMPOTENCY = param(
  'Idempotency-Key',
  'Optional: gleiche Anfrage-Id = derselbe Auftrag (Wiederholung ohne Doppelung).',
  { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' },
  'header',
);
const conflict = (text: string): Json => error(text);
const BATCH_STATUS = ['fertig', 'ungueltig', 'fehlgeschlagen', 'laufend', 'wartend'];
const skipped: Json = {
  type: 'array',
  items: {
    type: 'object',
    required: ['ags', 'analysisId', 'reason'],
    properties: {
      ags: { type: 'string' },
      analysisId: { type: 'string' },
      reason: { type: 'string', description: 'Warum nicht neu erstellt wird (deutsch).' },
    },
  },
};

export function operationPaths(): Record<string, Json> {
  return {
    '/analyses/{ags}/{id}/upload-set': {
      get: {
        summary:
          'Der aktuelle Upload-Satz: der offene (seit der letzten Einreichung hochgeladene Dateien), sonst der zuletzt eingereichte.',
        parameters: [AGS, ID],
        responses: {
          '200': { description: 'Upload-Satz mit seinen Dateien.', content: json(ref('UploadSet')) },
          ...pick(ERRORS, '400', '401', '403', '404'),
        },
      },
    },
    '/analyses/{ags}/{id}/upload-set/files/{name}': {
      delete: {
        summary: 'Eine Datei aus dem offenen Upload-Satz entfernen (bevor analyse.json hochgeladen ist).',
        parameters: [
          AGS,
          ID,
          param('name', 'Dateiname, z. B. ordnungswidrigkeiten.csv.', { type: 'string' }),
        ],
        responses: {
          '204': { description: 'Entfernt.' },
          ...pick(ERRORS, '400', '401', '403', '404'),
          '409': conflict('Der Upload-Satz ist bereits eingereicht.'),
        },
      },
    },
    '/analyses/{ags}/{id}/uploads': {
      delete: {
        summary:
          'Alle hochgeladenen Dateien der Analyse endgültig löschen (DSGVO Art. 17; LPR-Team oder die Kommune selbst). Die Berichtsversionen bleiben; ein Protokolleintrag ohne personenbezogene Daten hält fest, wer, was, wann.',
        parameters: [AGS, ID],
        responses: {
          '200': {
            description: 'Gelöscht.',
            content: json({
              type: 'object',
              required: ['erased', 'auditId'],
              properties: {
                erased: { type: 'integer', description: 'Anzahl der gelöschten Dateien.' },
                auditId: { type: 'string', description: 'Id des Protokolleintrags.' },
                hinweis: { type: 'string' },
              },
            }),
          },
          ...pick(ERRORS, '400', '401', '403', '404'),
          '409': conflict('Für die Analyse läuft gerade eine Auswertung.'),
        },
      },
    },
    '/analyses/{ags}/{id}/regenerate': {
      post: {
        summary:
          'Bericht neu erstellen (nur LPR-Team): aus dem Upload-Satz der aktuellen Version (Vorgabe), einer genannten Version oder eines genannten Upload-Satzes; nie aus einem späteren ungültigen Upload. Neuer Auftrag, neue Version.',
        parameters: [AGS, ID, IDEMPOTENCY],
        requestBody: { required: false, content: json(schemaOf(regenerateBody)) },
        responses: {
          '202': {
            description: 'Eingereiht.',
            content: json({
              type: 'object',
              properties: {
                requestId: { type: 'string' },
                jobId: { type: 'string' },
                sourceJobId: { type: 'string' },
                sourceVersion: { type: 'integer' },
                uploadSetId: { type: 'string' },
                ags: { type: 'string' },
                analysisId: { type: 'string' },
                hinweis: { type: 'string' },
              },
            }),
          },
          ...pick(ERRORS, '400', '401', '403', '404'),
          '409': conflict(
            'Keine gültige Version, Upload-Satz nicht eingereicht, oder seine Dateien sind nicht mehr vorhanden.',
          ),
        },
      },
    },
    '/regenerations': {
      post: {
        summary:
          '„Alle neu erstellen“ (nur LPR-Team): jede aktuelle Analyse mit gültiger Version (oder die genannten) neu erstellen. Jede Version höchstens einmal; wie viele Berichte gleichzeitig entstehen, begrenzt die Pipeline.',
        parameters: [IDEMPOTENCY],
        requestBody: { required: false, content: json(schemaOf(regenerationsBody)) },
        responses: {
          '202': {
            description: 'Eingereiht.',
            content: json({
              type: 'object',
              required: ['batchId', 'total', 'skipped'],
              properties: {
                batchId: { type: 'string' },
                total: { type: 'integer' },
                skipped,
                hinweis: { type: 'string' },
              },
            }),
          },
          ...pick(ERRORS, '400', '401', '403'),
        },
      },
    },
    '/regenerations/{batchId}': {
      get: {
        summary: 'Fortschritt und Ergebnis eines Auftrags „Alle neu erstellen“ (nur LPR-Team).',
        parameters: [param('batchId', 'Id des Auftrags.', { type: 'string' })],
        responses: {
          '200': {
            description: 'Stand je Analyse und Summen.',
            content: json({
              type: 'object',
              required: ['batchId', 'total', 'counts', 'items'],
              properties: {
                batchId: { type: 'string' },
                createdAt: { type: 'string', format: 'date-time' },
                total: { type: 'integer' },
                done: {
                  type: 'boolean',
                  description: 'Alle Analysen sind fertig, ungültig oder fehlgeschlagen.',
                },
                counts: {
                  type: 'object',
                  required: BATCH_STATUS,
                  properties: Object.fromEntries(BATCH_STATUS.map((s) => [s, { type: 'integer' }])),
                },
                items: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['ags', 'analysisId', 'status'],
                    properties: {
                      ags: { type: 'string' },
                      analysisId: { type: 'string' },
                      status: { type: 'string', enum: BATCH_STATUS },
                      sourceVersion: { type: 'integer' },
                      version: { type: 'integer', description: 'Die neue Version (sobald vergeben).' },
                      reason: { type: 'string' },
                    },
                  },
                },
                skipped,
              },
            }),
          },
          ...pick(ERRORS, '401', '403', '404'),
        },
      },
    },
  };
}

export function operationSchemas(): Record<string, Json> {
  return {
    UploadSet: {
      type: 'object',
      required: ['setId', 'state', 'files'],
      properties: {
        setId: { type: 'string' },
        state: {
          type: 'string',
          enum: ['open', 'submitted'],
          description:
            '`open`: Dateien können noch entfernt werden; `submitted`: analyse.json ist hochgeladen.',
        },
        files: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'size', 'uploadedAt'],
            properties: {
              name: { type: 'string' },
              size: { type: 'integer' },
              uploadedAt: { type: 'string', format: 'date-time' },
            },
          },
        },
      },
    },
  };
}
