/**
 * What may be uploaded through presigned URLs (contract §1): the canonical file names, their
 * content types and size limits. The API is stricter than the validator (exact lower-case names),
 * so what lands in S3 is always classified as intended.
 */
import { MAX_FILE_BYTES } from '../core/input/limits.js';

export const MANIFEST_NAME = 'analyse.json';
export const MAX_MANIFEST_BYTES = 1024 * 1024;
export { MAX_FILE_BYTES };
/** Presigned PUT URLs are valid this long. */
export const UPLOAD_URL_SECONDS = 15 * 60;
/** Presigned GET URLs (downloads) are valid this long. */
export const DOWNLOAD_URL_SECONDS = 5 * 60;
export const MAX_FILES_PER_REQUEST = 20;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TABLE_TYPES: Readonly<Record<string, readonly string[]>> = {
  csv: ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'],
  xlsx: [XLSX, 'application/octet-stream'],
};
const JSON_TYPES = ['application/json'];

const NAME_RULES: readonly {
  readonly pattern: RegExp;
  readonly types: (ext: string) => readonly string[];
}[] = [
  { pattern: /^analyse\.json$/, types: () => JSON_TYPES },
  { pattern: /^befragung-zuordnung\.json$/, types: () => JSON_TYPES },
  {
    pattern: /^(befragung|bevoelkerung|kriminalitaet|pmk|gebietsprofil|ordnungswidrigkeiten)\.(csv|xlsx)$/,
    types: (ext) => TABLE_TYPES[ext] ?? [],
  },
  { pattern: /^pks-kreise-(19|20)\d\d\.(csv|xlsx)$/, types: (ext) => TABLE_TYPES[ext] ?? [] },
  // the survey as an SPSS file (institutes deliver .sav; LimeSurvey exports are uploaded as befragung.csv/.xlsx)
  { pattern: /^befragung\.(sav|zsav)$/, types: () => ['application/x-spss-sav', 'application/octet-stream'] },
  { pattern: /^logo\.png$/, types: () => ['image/png'] },
  { pattern: /^logo\.svg$/, types: () => ['image/svg+xml'] },
];

export const ALLOWED_NAMES_TEXT =
  'analyse.json, befragung-zuordnung.json, befragung/bevoelkerung/kriminalitaet/pmk/gebietsprofil/ordnungswidrigkeiten und pks-kreise-<Jahr> (je .csv oder .xlsx), befragung.sav, logo.png oder logo.svg';

/** True for a file name an upload set may hold (the names upload URLs are given for). */
export function isUploadName(name: string): boolean {
  return NAME_RULES.some((r) => r.pattern.test(name));
}

/** German problem with one requested file, or undefined when it may be uploaded. */
export function checkUploadFile(file: {
  readonly name: string;
  readonly size: number;
  readonly contentType: string;
}): string | undefined {
  const rule = NAME_RULES.find((r) => r.pattern.test(file.name));
  if (!rule) return `Der Dateiname „${file.name}“ ist nicht vorgesehen. Erlaubt: ${ALLOWED_NAMES_TEXT}.`;
  const ext = file.name.slice(file.name.lastIndexOf('.') + 1);
  const types = rule.types(ext);
  const type = file.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!types.includes(type))
    return `Der Inhaltstyp „${file.contentType}“ passt nicht zu ${file.name}; erwartet: ${types.join(' oder ')}.`;
  const limit = file.name === MANIFEST_NAME ? MAX_MANIFEST_BYTES : MAX_FILE_BYTES;
  if (file.size > limit)
    return `${file.name} ist zu groß (${formatMb(file.size)}); erlaubt sind höchstens ${formatMb(limit)}.`;
  return undefined;
}

/** `52428800` → `50 MB`, `1536000` → `1,5 MB` (German decimal comma). */
function formatMb(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb.toLocaleString('de-DE', { maximumFractionDigits: 1 })} MB`;
}
