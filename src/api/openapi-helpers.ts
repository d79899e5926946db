/** Building blocks of the OpenAPI description (src/api/openapi.ts). */
import { z } from 'zod';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const schemaOf = (s: z.ZodType): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io: 'input' }) as Record<string, Json>;
  return rest;
};
export const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
export const json = (schema: Json): Json => ({ 'application/json': { schema } });
export const error = (description: string): Json => ({ description, content: json(ref('Error')) });

export const ERRORS = {
  '400': error('Ungültige Anfrage (Eingabe verletzt das Schema; `details` nennt die Stellen).'),
  '401': error('Nicht angemeldet.'),
  '403': error(
    'Der Zugang gilt nicht für diesen Gemeindeschlüssel (vor jeder Suche entschieden) oder die Aktion ist dem LPR-Team vorbehalten.',
  ),
  '404': error('Nicht gefunden (auch: existiert nur unter einem anderen Gemeindeschlüssel).'),
} satisfies Record<string, Json>;

export const param = (
  name: string,
  description: string,
  schema: Json,
  where: 'path' | 'query' | 'header' = 'path',
  required = where === 'path',
): Json => ({ name, in: where, required, description, schema });
export const AGS = param('ags', 'Amtlicher Gemeindeschlüssel (8 Ziffern).', {
  type: 'string',
  pattern: '^\\d{8}$',
});
export const ID = param('id', 'Analyse-ID.', {
  type: 'string',
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
});

export function pick<K extends string>(from: Record<string, Json>, ...keys: K[]): Record<K, Json> {
  return Object.fromEntries(keys.map((k) => [k, from[k] ?? null])) as Record<K, Json>;
}
