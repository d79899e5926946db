/**
 * Classifies uploaded files by base name (contract §1). Matching ignores case, umlauts
 * (`Bevölkerung.xlsx`) and `-`/`_`/space. Two files of one kind (`befragung.csv` and
 * `befragung.xlsx`, or two `pks-kreise-2022`) are an error; unknown files are a warning.
 */
import { normaliseColumnName } from '../input/columns.js';
import { pksYearFromFileName } from '../input/pks-kreise.js';
import type { InputFile } from '../ports.js';
import type { IssueCollector } from './collector.js';
import { joinGerman, q } from './message.js';

export type TableKind =
  'befragung' | 'bevoelkerung' | 'kriminalitaet' | 'pmk' | 'gebietsprofil' | 'ordnungswidrigkeiten';
export type FileKind = 'analyse' | 'zuordnung' | TableKind | 'pks-kreise' | 'logo' | 'unbekannt';

/** Report order of the kinds (the contract's table order). */
export const KIND_ORDER: readonly FileKind[] = [
  'analyse',
  'zuordnung',
  'befragung',
  'bevoelkerung',
  'kriminalitaet',
  'pks-kreise',
  'pmk',
  'gebietsprofil',
  'ordnungswidrigkeiten',
  'logo',
  'unbekannt',
];

export const TABLE_KINDS: readonly TableKind[] = [
  'befragung',
  'bevoelkerung',
  'kriminalitaet',
  'pmk',
  'gebietsprofil',
  'ordnungswidrigkeiten',
];
export const REQUIRED_TABLES: readonly TableKind[] = ['befragung', 'bevoelkerung', 'kriminalitaet'];

export interface ClassifiedFile {
  readonly file: InputFile;
  readonly kind: FileKind;
  /** pks-kreise only: the year in the name. */
  readonly year?: number;
}

export interface Classification {
  readonly files: readonly ClassifiedFile[];
  /** The file used per kind (the first by name where there are several; those are errors). */
  readonly tables: Partial<Record<TableKind, InputFile>>;
  readonly manifest: InputFile | null;
  readonly zuordnung: InputFile | null;
  readonly logo: InputFile | null;
  readonly pksKreise: readonly { readonly file: InputFile; readonly year: number }[];
}

export function baseName(name: string): string {
  return name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
}

function split(name: string): { stem: string; ext: string } {
  const base = baseName(name);
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return { stem: normaliseColumnName(base), ext: '' };
  return { stem: normaliseColumnName(base.slice(0, dot)), ext: base.slice(dot + 1).toLowerCase() };
}

/** LimeSurvey names its response export `results-survey<Umfrage-ID>.csv` (or `.xlsx`). */
function isLimeSurveyExportName(stem: string, ext: string): boolean {
  return /^results_survey\d+$/.test(stem) && (ext === 'csv' || ext === 'xlsx');
}

/** The kind of the analysis manifest by name alone (needed first, for the logo name). */
export function isManifestName(name: string): boolean {
  const { stem, ext } = split(name);
  return stem === 'analyse' && ext === 'json';
}

const KNOWN_FILES =
  'analyse.json, befragung, bevoelkerung, kriminalitaet, pks-kreise-<Jahr>, pmk, gebietsprofil, ordnungswidrigkeiten (je .csv oder .xlsx), befragung-zuordnung.json und das Logo aus analyse.json';

export function classifyFiles(
  files: readonly InputFile[],
  logoName: string | null,
  issues: IssueCollector,
): Classification {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: ClassifiedFile[] = [];
  const tables: Partial<Record<TableKind, InputFile>> = {};
  const taken = new Map<string, InputFile>();
  let manifest: InputFile | null = null;
  let zuordnung: InputFile | null = null;
  let logo: InputFile | null = null;
  const pksKreise: { file: InputFile; year: number }[] = [];
  const logoLower = logoName?.toLowerCase() ?? null;

  const claim = (slot: string, file: InputFile, expected: string): boolean => {
    const first = taken.get(slot);
    if (first) {
      issues.error({
        code: 'file-duplicate',
        file: file.name,
        text: `Es gibt bereits ${q(first.name)}; je Art ist nur eine Datei erlaubt (erwartet: ${expected}).`,
      });
      return false;
    }
    taken.set(slot, file);
    return true;
  };

  for (const file of sorted) {
    const { stem, ext } = split(file.name);
    const base = baseName(file.name);
    if (logoLower !== null && base.toLowerCase() === logoLower) {
      out.push({ file, kind: 'logo' });
      if (claim('logo', file, 'ein Logo')) logo = file;
      continue;
    }
    if (stem === 'analyse') {
      out.push({ file, kind: 'analyse' });
      if (ext !== 'json')
        issues.error({
          code: 'file-format',
          file: file.name,
          text: 'Dateiformat nicht unterstützt (erwartet: analyse.json).',
        });
      else if (claim('analyse', file, 'eine analyse.json')) manifest = file;
      continue;
    }
    if (stem === 'befragung_zuordnung') {
      out.push({ file, kind: 'zuordnung' });
      if (ext !== 'json')
        issues.error({
          code: 'file-format',
          file: file.name,
          text: 'Dateiformat nicht unterstützt (erwartet: befragung-zuordnung.json).',
        });
      else if (claim('zuordnung', file, 'eine befragung-zuordnung.json')) zuordnung = file;
      continue;
    }
    const table = (TABLE_KINDS as readonly string[]).includes(stem)
      ? (stem as TableKind)
      : isLimeSurveyExportName(stem, ext)
        ? 'befragung'
        : null;
    if (table) {
      out.push({ file, kind: table });
      if (ext !== 'csv' && ext !== 'xlsx' && !(table === 'befragung' && (ext === 'sav' || ext === 'zsav'))) {
        issues.error({
          code: 'file-format',
          file: file.name,
          text: `Dateiformat ${q(ext === '' ? 'ohne Endung' : `.${ext}`)} nicht unterstützt (erwartet: ${table}.csv oder ${table}.xlsx).`,
        });
      } else if (claim(table, file, `${table}.csv oder ${table}.xlsx`)) tables[table] = file;
      continue;
    }
    if (/^pks_kreise(?:_|$)/.test(stem)) {
      const year = pksYearFromFileName(base);
      out.push({ file, kind: 'pks-kreise', ...(year === null ? {} : { year }) });
      if (year === null || year < 2000 || year > 2100) {
        issues.error({
          code: 'file-name',
          file: file.name,
          text: 'Der Dateiname nennt kein Berichtsjahr (erwartet: pks-kreise-<Jahr>, z. B. pks-kreise-2024.csv).',
        });
      } else if (ext !== 'csv' && ext !== 'xlsx') {
        issues.error({
          code: 'file-format',
          file: file.name,
          text: `Dateiformat ${q(ext === '' ? 'ohne Endung' : `.${ext}`)} nicht unterstützt (erwartet: .csv oder .xlsx).`,
        });
      } else if (claim(`pks-kreise-${year}`, file, `eine Datei pks-kreise-${year}`))
        pksKreise.push({ file, year });
      continue;
    }
    out.push({ file, kind: 'unbekannt' });
    const hint =
      ext === 'svg' || ext === 'png'
        ? ` Ein Logo muss in analyse.json unter ${q('branding.logo')} eingetragen sein.`
        : '';
    issues.warning({
      code: 'file-unknown',
      file: file.name,
      text: `unbekannte Datei – wird nicht verwendet (erwartet: ${KNOWN_FILES}).${hint}`,
    });
  }

  for (const kind of REQUIRED_TABLES) {
    if (!taken.has(kind))
      issues.error({
        code: 'file-missing',
        file: kind,
        expected: `${kind}.csv oder ${kind}.xlsx`,
        text: `Pflichtdatei fehlt (erwartet: ${joinGerman([q(`${kind}.csv`), q(`${kind}.xlsx`)], 'oder')}).`,
      });
  }
  if (!taken.has('analyse'))
    issues.error({
      code: 'file-missing',
      file: 'analyse.json',
      expected: 'analyse.json',
      text: 'Pflichtdatei fehlt (erwartet: das Manifest der Analyse mit Kommune, Berichtsjahr und Gebieten).',
    });
  if (logoName !== null && !logo) {
    issues.error({
      code: 'file-missing',
      file: 'analyse.json',
      column: 'branding.logo',
      field: true,
      value: logoName,
      text: `Die Logo-Datei ${q(logoName)} fehlt im Upload.`,
    });
  }
  return { files: out, tables, manifest, zuordnung, logo, pksKreise };
}
