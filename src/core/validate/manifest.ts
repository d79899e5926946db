/**
 * `analyse.json` (contract §2), parsed with zod. Required: kommune.name, kommune.ags (8 digits),
 * berichtsjahr (2000..2100), gebiete (1..60, unique ids and names). Defaults: titel
 * "Sicherheitsanalyse <name> <berichtsjahr>", vergleich.kreis = first 5 digits of the AGS,
 * primaerfarbe #005CA9, akzentfarbe #E8A33D, mindestfallzahl 10 (never below 5).
 * Unknown keys are warnings; the manifest is still used without them.
 *
 * When the manifest has errors, `context` still carries the parts that are valid on their own
 * (areas, berichtsjahr, Kreis, logo name), so the other files can be checked against them.
 */
import { z } from 'zod';
import type { Area, Manifest } from '../model/dataset.js';
import type { InputFile } from '../ports.js';
import type { IssueCollector } from './collector.js';
import { dropKeys, keyPath, parseJsonFile, reportZodIssues } from './json.js';
import { q } from './message.js';

export const DEFAULT_PRIMARY = '#005CA9';
export const DEFAULT_ACCENT = '#E8A33D';
export const DEFAULT_MIN_CASES = 10;
export const LOWEST_MIN_CASES = 5;
export const MAX_AREAS = 60;

const text = (what: string) =>
  z
    .string()
    .trim()
    .min(1, { error: `darf nicht leer sein (erwartet: ${what}).` });
const colour = z
  .string()
  .regex(/^#[0-9A-Fa-f]{6}$/, { error: `ist keine Farbe im Format #RRGGBB (z. B. ${q(DEFAULT_PRIMARY)}).` });
const areaId = z
  .union([z.string(), z.number().int()])
  .transform((v) => String(v).trim())
  .pipe(z.string().min(1, { error: 'darf nicht leer sein (erwartet: Kennung des Gebiets, z. B. „01“).' }));

const areaSchema = z.strictObject({ id: areaId, name: text('Name des Gebiets') });
const gebieteSchema = z
  .array(areaSchema)
  .min(1, { error: `Mindestens ein Gebiet angeben (erwartet: 1 bis ${MAX_AREAS} Gebiete).` })
  .max(MAX_AREAS, { error: `Zu viele Gebiete (erwartet: 1 bis ${MAX_AREAS}).` });
const berichtsjahrSchema = z
  .number()
  .int({ error: 'ist keine ganze Zahl (erwartet: Jahreszahl wie 2025).' })
  .min(2000, { error: 'ist kein plausibles Berichtsjahr (erwartet: 2000 bis 2100).' })
  .max(2100, { error: 'ist kein plausibles Berichtsjahr (erwartet: 2000 bis 2100).' });
const vergleichSchema = z.strictObject({
  kreis: z
    .string()
    .regex(/^\d{5}$/, { error: 'ist kein 5-stelliger Kreisschlüssel (z. B. „14522“).' })
    .optional(),
});
const brandingSchema = z.strictObject({
  logo: z
    .string()
    .regex(/^[^/\\]+\.(?:svg|png)$/i, {
      error:
        'ist kein Dateiname eines Logos (erwartet: Name einer hochgeladenen .svg- oder .png-Datei ohne Ordner, z. B. „logo.svg“).',
    })
    .optional(),
  primaerfarbe: colour.optional(),
  akzentfarbe: colour.optional(),
});
const optionenSchema = z.strictObject({
  mindestfallzahl: z
    .number()
    .int({ error: 'ist keine ganze Zahl (erwartet: ganze Zahl ab 5; Standard 10).' })
    .min(LOWEST_MIN_CASES, {
      error: `ist zu klein (erwartet: ganze Zahl ab ${LOWEST_MIN_CASES}; Standard ${DEFAULT_MIN_CASES}).`,
    })
    .optional(),
});

/** An analysis id as in the upload path `uploads/<ags>/<analyse-id>/`. */
export const ANALYSIS_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'ist kein Datum im Format JJJJ-MM-TT (z. B. „2027-09-30“).' })
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      error: 'ist kein gültiges Datum (erwartet: JJJJ-MM-TT).',
    },
  );
/** `vorgaenger`: the earlier analysis of the same municipality, by id, and the measures implemented since. */
const vorgaengerSchema = z.strictObject({
  analyse: z.string().regex(ANALYSIS_ID_PATTERN, {
    error:
      'ist keine Analyse-ID (erwartet: die ID der früheren Analyse, z. B. „musterstadt“: Buchstaben, Ziffern, Punkt, Binde- und Unterstrich, höchstens 64 Zeichen).',
  }),
  massnahmen: z
    .array(
      z.strictObject({
        empfehlung: text('ID der Empfehlung aus dem früheren Bericht, z. B. „angstraeume-staedtebau“'),
        umgesetzt: isoDate,
        gebiete: z.array(areaId).optional(),
        beschreibung: z.string().trim().optional(),
      }),
    )
    .optional(),
});

/** The schema of analyse.json (contract §2). */
export const manifestSchema = z.strictObject({
  $schema: z.string().optional(),
  kommune: z.strictObject({
    name: text('Name der Kommune'),
    ags: z
      .string()
      .regex(/^\d{8}$/, { error: 'ist kein 8-stelliger Amtlicher Gemeindeschlüssel (z. B. „14522999“).' }),
  }),
  titel: z
    .string()
    .trim()
    .min(1, { error: 'darf nicht leer sein (Feld weglassen für den Standardtitel).' })
    .optional(),
  berichtsjahr: berichtsjahrSchema,
  befragung: z
    .strictObject({
      zeitraum: z.string().optional(),
      angeschrieben: z
        .number()
        .int({ error: 'ist keine ganze Zahl (erwartet: Anzahl angeschriebener Personen).' })
        .positive({ error: 'muss größer als 0 sein.' })
        .optional(),
      modus: z.string().optional(),
    })
    .optional(),
  gebiete: gebieteSchema,
  vergleich: vergleichSchema.optional(),
  branding: brandingSchema.optional(),
  kontakte: z.array(z.strictObject({ name: text('Name'), email: z.string().optional() })).optional(),
  optionen: optionenSchema.optional(),
  vorgaenger: vorgaengerSchema.optional(),
});

const HINTS: Readonly<Record<string, string>> = {
  'kommune.ags': ' Den Schlüssel in Anführungszeichen schreiben, damit führende Nullen erhalten bleiben.',
  'vergleich.kreis': ' Den Schlüssel in Anführungszeichen schreiben, damit führende Nullen erhalten bleiben.',
};

/** What the other files are checked against; present even when the manifest has errors. */
export interface ManifestContext {
  readonly areas: readonly Area[] | null;
  readonly berichtsjahr: number | null;
  readonly kreis: string | null;
  readonly logo: string | null;
}

export interface ManifestResult {
  /** Null when the manifest has errors. */
  readonly manifest: Manifest | null;
  readonly context: ManifestContext;
}

const EMPTY_CONTEXT: ManifestContext = { areas: null, berichtsjahr: null, kreis: null, logo: null };

export function validateManifest(file: InputFile, issues: IssueCollector): ManifestResult {
  const raw = parseJsonFile(file, issues);
  if (raw === undefined) return { manifest: null, context: EMPTY_CONTEXT };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    issues.error({
      code: 'json-not-object',
      file: file.name,
      text: 'Die Datei enthält kein JSON-Objekt { … } (erwartet: Angaben wie im Beispiel der Eingabebeschreibung).',
    });
    return { manifest: null, context: EMPTY_CONTEXT };
  }
  const before = issues.errorTotal;
  let parsed = manifestSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const unknown = reportZodIssues(file.name, parsed.error.issues, issues, HINTS);
    if (unknown.length > 0) {
      dropKeys(raw, unknown);
      parsed = manifestSchema.safeParse(raw, { reportInput: true });
    }
  }
  const obj = raw as Record<string, unknown>;
  const g = gebieteSchema.safeParse(obj['gebiete']);
  const areaErrors = g.success ? checkAreas(g.data, file.name, issues) : true;
  if (!parsed.success || issues.errorTotal > before) {
    return { manifest: null, context: partialContext(obj, !areaErrors) };
  }
  const m = parsed.data;
  const ags = m.kommune.ags;
  const manifest: Manifest = {
    kommune: { name: m.kommune.name, ags },
    titel: m.titel ?? `Sicherheitsanalyse ${m.kommune.name} ${m.berichtsjahr}`,
    berichtsjahr: m.berichtsjahr,
    befragung: { ...m.befragung },
    gebiete: m.gebiete.map((a) => ({ id: a.id, name: a.name })),
    vergleich: { kreis: m.vergleich?.kreis ?? ags.slice(0, 5) },
    branding: {
      ...(m.branding?.logo !== undefined ? { logo: m.branding.logo } : {}),
      primaerfarbe: (m.branding?.primaerfarbe ?? DEFAULT_PRIMARY).toUpperCase(),
      akzentfarbe: (m.branding?.akzentfarbe ?? DEFAULT_ACCENT).toUpperCase(),
    },
    kontakte: (m.kontakte ?? []).map((k) => ({
      name: k.name,
      ...(k.email !== undefined ? { email: k.email } : {}),
    })),
    optionen: { mindestfallzahl: m.optionen?.mindestfallzahl ?? DEFAULT_MIN_CASES },
    ...(m.vorgaenger && {
      vorgaenger: {
        analyse: m.vorgaenger.analyse,
        massnahmen: (m.vorgaenger.massnahmen ?? []).map((x) => ({
          empfehlung: x.empfehlung,
          umgesetzt: x.umgesetzt,
          gebiete: x.gebiete ?? [],
          ...(x.beschreibung ? { beschreibung: x.beschreibung } : {}),
        })),
      },
    }),
  };
  const context: ManifestContext = {
    areas: manifest.gebiete,
    berichtsjahr: manifest.berichtsjahr,
    kreis: manifest.vergleich.kreis,
    logo: manifest.branding.logo ?? null,
  };
  return { manifest, context };
}

/** Unique ids and names (after trimming); `gesamt` is reserved. Returns true when there were errors. */
function checkAreas(
  areas: readonly { id: string; name: string }[],
  file: string,
  issues: IssueCollector,
): boolean {
  let bad = false;
  const ids = new Map<string, number>();
  const names = new Map<string, number>();
  areas.forEach((a, i) => {
    for (const [field, value, seen] of [
      ['id', a.id.trim(), ids],
      ['name', a.name.trim(), names],
    ] as const) {
      const path = keyPath(['gebiete', i, field]);
      const first = seen.get(value);
      if (first !== undefined) {
        bad = true;
        issues.error({
          code: 'area-duplicate',
          file,
          column: path,
          field: true,
          value,
          text: `${field === 'id' ? 'Kennung' : 'Name'} ${q(value)} kommt doppelt vor (auch in ${keyPath(['gebiete', first])}).`,
        });
      } else seen.set(value, i);
      if (value.toLowerCase() === 'gesamt') {
        bad = true;
        issues.error({
          code: 'area-reserved',
          file,
          column: path,
          field: true,
          value,
          text: `${q('gesamt')} ist für die ganze Kommune reserviert und kann kein Gebiet sein.`,
        });
      }
    }
  });
  return bad;
}

function partialContext(obj: Record<string, unknown>, areasOk: boolean): ManifestContext {
  const g = gebieteSchema.safeParse(obj['gebiete']);
  const j = berichtsjahrSchema.safeParse(obj['berichtsjahr']);
  const v = vergleichSchema.safeParse(obj['vergleich']);
  const k = z
    .strictObject({ ags: z.string().regex(/^\d{8}$/) })
    .loose()
    .safeParse(obj['kommune']);
  const b = brandingSchema.loose().safeParse(obj['branding']);
  const kreis =
    v.success && v.data.kreis !== undefined ? v.data.kreis : k.success ? k.data.ags.slice(0, 5) : null;
  return {
    areas: areasOk && g.success ? g.data : null,
    berichtsjahr: j.success ? j.data : null,
    kreis,
    logo: b.success ? (b.data.logo ?? null) : null,
  };
}
