/**
 * The OpenAPI paths of survey waves and the state overview (issue 16), built with the helpers of
 * openapi.ts (passed in) from the same zod schemas the routes validate with.
 */
import { z } from 'zod';
import { measureBody, predecessorBody } from './routes/measures.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface OpenApiHelpers {
  readonly AGS: Json;
  readonly ID: Json;
  readonly ERRORS: Record<'400' | '401' | '403' | '404', Json>;
  readonly json: (schema: Json) => Json;
  readonly error: (description: string) => Json;
  readonly param: (name: string, description: string, schema: Json) => Json;
}

const schemaOf = (s: z.ZodType): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io: 'input' }) as Record<string, Json>;
  return rest;
};

const measure: Json = {
  type: 'object',
  properties: {
    recommendationId: { type: 'string' },
    implementedOn: { type: 'string', format: 'date' },
    areas: { type: 'array', items: { type: 'string' } },
    note: { type: ['string', 'null'] },
    recordedBy: { type: 'string', enum: ['lpr', 'municipality'] },
    recordedAt: { type: 'string', format: 'date-time' },
  },
};

export function wavePaths(h: OpenApiHelpers): Record<string, Json> {
  const { AGS, ID, ERRORS, json, error } = h;
  const REC = h.param(
    'recommendationId',
    'Id der Empfehlung im Bericht der Analyse, z. B. `angstraeume-staedtebau`.',
    {
      type: 'string',
      pattern: '^[a-z0-9][a-z0-9-]{0,63}$',
    },
  );
  const notConfigured = error('Maßnahmen und Vorgänger sind in dieser Installation nicht eingerichtet.');
  return {
    '/analyses/{ags}/{id}/measures': {
      get: {
        summary:
          'Als umgesetzt erfasste Maßnahmen aus dem Bericht der Analyse, der im Portal gewählte Vorgänger und die Empfehlungen des aktuellen Berichts.',
        parameters: [AGS, ID],
        responses: {
          '200': {
            description: 'Maßnahmen, Vorgänger, Empfehlungen und Gebiete (null ohne fertigen Bericht).',
            content: json({
              type: 'object',
              properties: {
                ags: { type: 'string' },
                analysisId: { type: 'string' },
                predecessor: { type: ['string', 'null'] },
                measures: { type: 'array', items: measure },
                recommendations: { type: ['array', 'null'], items: { type: 'object' } },
                areas: { type: ['array', 'null'], items: { type: 'object' } },
              },
            }),
          },
          ...ERRORS,
          '501': notConfigured,
        },
      },
    },
    '/analyses/{ags}/{id}/measures/{recommendationId}': {
      put: {
        summary: 'Eine Empfehlung des Berichts als umgesetzt erfassen (mit Datum; wiederholt: korrigieren).',
        parameters: [AGS, ID, REC],
        requestBody: { required: true, content: json(schemaOf(measureBody)) },
        responses: {
          '200': { description: 'Erfasst.', content: json(measure) },
          ...ERRORS,
          '409': error('Die Analyse hat noch keinen fertigen Bericht.'),
          '422': error('Die Empfehlung oder ein Gebiet steht nicht im aktuellen Bericht.'),
          '501': notConfigured,
        },
      },
      delete: {
        summary: 'Die Erfassung einer Maßnahme entfernen.',
        parameters: [AGS, ID, REC],
        responses: { '204': { description: 'Entfernt.' }, ...ERRORS, '501': notConfigured },
      },
    },
    '/analyses/{ags}/{id}/predecessor': {
      put: {
        summary:
          'Die frühere Analyse derselben Kommune als Vorgänger wählen (gilt, wenn analyse.json keinen nennt; null entfernt die Wahl).',
        parameters: [AGS, ID],
        requestBody: { required: true, content: json(schemaOf(predecessorBody)) },
        responses: {
          '200': { description: 'Gewählt.', content: json({ type: 'object' }) },
          ...ERRORS,
          '501': notConfigured,
        },
      },
    },
    '/overview': {
      get: {
        summary:
          'Landesüberblick: LPR-Team – alle Kommunen mit ihren Kernindikatoren, Referenzwerten (Median, Quartile ab 5 Kommunen), Empfehlungen nach Häufigkeit und Befragungswellen; Kommune – nur die Referenzwerte und die eigene Lage, nie Werte anderer Kommunen.',
        responses: {
          '200': {
            description: 'Überblick (LPR) bzw. eigene Lage (Kommune).',
            content: json({ type: 'object' }),
          },
          '401': ERRORS['401'],
        },
      },
    },
    '/overview/xlsx': {
      get: {
        summary: 'Landesüberblick als Excel-Arbeitsmappe (nur LPR-Team).',
        responses: {
          '200': {
            description: 'XLSX.',
            content: {
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                schema: { type: 'string', format: 'binary' },
              },
            },
          },
          '401': ERRORS['401'],
          '403': ERRORS['403'],
        },
      },
    },
  };
}
