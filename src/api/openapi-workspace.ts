/** The OpenAPI part of the workspace routes (src/api/routes/workspace.ts), merged into openapi.ts. */
import { z } from 'zod';
import { archivedQuery, patchAnalysisBody } from './routes/workspace.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface OpenApiParts {
  readonly schemaOf: (s: z.ZodType) => Json;
  readonly ref: (name: string) => Json;
  readonly json: (schema: Json) => Json;
  readonly errors: (...codes: ('400' | '401' | '403' | '404')[]) => Record<string, Json>;
  readonly ags: Json;
  readonly id: Json;
  readonly agsQuery: Json;
}

export function workspaceOpenApi(p: OpenApiParts): {
  patchAnalysis: Json;
  paths: Record<string, Json>;
  schemas: Record<string, Json>;
} {
  const entry = (description: string) => ({
    description,
    content: p.json(p.ref('WorkspaceAnalysis')),
  });
  return {
    patchAnalysis: {
      summary:
        'Analyse umbenennen (`title`, `null` oder "" entfernt ihn) oder archivieren (`archived`). Archivierte Analysen verschwinden aus den Listen; ihre Berichtsversionen bleiben abrufbar.',
      parameters: [p.ags, p.id],
      requestBody: { required: true, content: p.json(p.schemaOf(patchAnalysisBody)) },
      responses: { '200': entry('Die Analyse nach der Änderung.'), ...p.errors('400', '401', '403', '404') },
    },
    paths: {
      '/workspace/analyses': {
        get: {
          summary:
            'Analysen für das Portal: Name und Kreis der Kommune, Titel, Status, Versionen, letzter Upload, offene Probleme (LPR: alle Kommunen; Kommune: nur die eigenen).',
          parameters: [
            p.agsQuery,
            {
              name: 'archived',
              in: 'query',
              required: false,
              description: 'exclude (Standard): ohne archivierte; only: nur archivierte; include: alle.',
              schema: p.schemaOf(archivedQuery),
            },
          ],
          responses: {
            '200': {
              description: 'Analysen.',
              content: p.json({
                type: 'object',
                properties: { analyses: { type: 'array', items: p.ref('WorkspaceAnalysis') } },
              }),
            },
            ...p.errors('400', '401', '403'),
          },
        },
      },
      '/workspace/analyses/{ags}/{id}': {
        get: {
          summary: 'Eine Analyse wie in der Liste, dazu die Versionspaare, die ein Vergleich zeigen kann.',
          parameters: [p.ags, p.id],
          responses: { '200': entry('Die Analyse.'), ...p.errors('400', '401', '403', '404') },
        },
      },
    },
    schemas: {
      WorkspaceAnalysis: {
        type: 'object',
        required: [
          'ags',
          'analysisId',
          'archived',
          'gemeinde',
          'status',
          'statusText',
          'versions',
          'jobCount',
          'updatedAt',
          'problems',
          'regenerable',
        ],
        properties: {
          ags: { type: 'string' },
          analysisId: { type: 'string' },
          title: { type: 'string' },
          archived: { type: 'boolean' },
          gemeinde: {
            oneOf: [
              {
                type: 'object',
                properties: {
                  name: { type: 'string' },
                  kreis: { type: 'string' },
                  kreisKey: { type: 'string' },
                },
              },
              { type: 'null' },
            ],
            description: 'Aus der Gemeindeliste; null, wenn der AGS dort fehlt.',
          },
          status: { oneOf: [p.ref('JobStatus'), { const: 'waiting' }] },
          statusText: { type: 'string' },
          reason: { type: 'string' },
          currentVersion: { type: 'integer' },
          versions: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                version: { type: 'integer' },
                createdAt: { type: 'string' },
                pages: { type: 'integer' },
                current: { type: 'boolean' },
              },
            },
          },
          jobCount: { type: 'integer' },
          lastUploadAt: {
            type: 'string',
            description: 'Eingang des letzten Uploads (Neuerstellungen zählen nicht).',
          },
          updatedAt: { type: 'string' },
          problems: {
            oneOf: [
              {
                type: 'object',
                properties: { errors: { type: 'integer' }, warnings: { type: 'integer' } },
              },
              { type: 'null' },
            ],
            description: 'Fehler und Warnungen der letzten abgeschlossenen Prüfung; null vor der ersten.',
          },
          regenerable: {
            type: 'boolean',
            description: 'Es gibt eine gültige aktuelle Version und nichts läuft: Neuerstellung möglich.',
          },
          comparisons: {
            type: 'array',
            description: 'Nur in der Einzelansicht: Versionspaare mit Änderungsübersicht.',
            items: { type: 'object', properties: { from: { type: 'integer' }, to: { type: 'integer' } } },
          },
        },
      },
    },
  };
}
