/**
 * The columns of the blank data-entry templates, with the German explanations printed on the
 * sheet "Erläuterungen". Allowed values and labels come from the codebook and the key catalogue.
 */
import { FREE_TEXT_COLUMNS, ITEMS, REQUIRED_ITEM, SCALES, type ItemDef } from '../model/codebook.js';
import { DEFAULT_KEYS, KEY_TOTAL } from '../model/pks-keys.js';

export type Check =
  | { readonly kind: 'list'; readonly values: readonly string[]; readonly strict: boolean }
  | { readonly kind: 'whole'; readonly min: number; readonly max: number };

export interface TemplateColumn {
  readonly name: string;
  /** `ja`, `nein`, or a condition. */
  readonly required: string;
  /** Allowed values with their meaning, e.g. `1 = sehr sicher, 2 = eher sicher, …`. */
  readonly allowed: string;
  readonly meaning: string;
  readonly check?: Check;
  /** Stored as text (keeps leading zeros and `------`). */
  readonly text?: boolean;
  readonly width?: number;
}

export interface TemplateDef {
  /** File and sheet name (kind). */
  readonly kind: 'befragung' | 'bevoelkerung' | 'kriminalitaet';
  readonly intro: readonly string[];
  readonly columns: readonly TemplateColumn[];
  /** Further explanation rows (extra columns not on sheet 1, key lists). */
  readonly notes: readonly TemplateColumn[];
}

/** The standard age groups (domain brief §5.1). */
export const STANDARD_AGE_GROUPS = ['16-29', '30-44', '45-59', '60-74', '75+'] as const;

const CODES_SPECIAL =
  '8 = trifft nicht zu / nutze ich nicht, 9 = weiß nicht / kann ich nicht beurteilen, leer = keine Angabe';
const SEX_TEXT = 'w = weiblich, m = männlich, d = divers (auch 1, 2, 3 oder ausgeschrieben)';

export function itemAllowed(item: ItemDef): string {
  const labels = SCALES[item.scale].labels.map((l, i) => `${i + 1} = ${l}`).join(', ');
  return `${labels}, ${CODES_SPECIAL}`;
}

function itemColumn(item: ItemDef): TemplateColumn {
  const k = SCALES[item.scale].labels.length;
  const codes = [...Array.from({ length: k }, (_, i) => String(i + 1)), '8', '9'];
  const filter =
    item.delikt && item.code.startsWith('anzeige_')
      ? ` Nur ausfüllen, wenn opfer_${item.delikt} = 1 (ja); sonst leer lassen oder 8.`
      : '';
  return {
    name: item.code,
    required: item.code === REQUIRED_ITEM ? 'ja (Standardindikator)' : 'nein (nur wenn gefragt)',
    allowed: itemAllowed(item),
    meaning: `${item.question}${filter}`,
    check: { kind: 'list', values: codes, strict: true },
    width: Math.max(12, item.code.length + 2),
  };
}

const AREA_COLUMN = (total: boolean): TemplateColumn => ({
  name: 'gebiet',
  required: total ? 'ja' : 'ja (leer = unbekannt)',
  allowed: `Kennung (id) oder genauer Name eines Gebiets aus analyse.json${total ? ', oder „gesamt“ für die ganze Kommune' : ''}`,
  meaning: total
    ? 'Gebiet (Orts-/Stadtteil), auf das sich die Zahl bezieht'
    : 'Gebiet (Orts-/Stadtteil), in dem die befragte Person wohnt',
  text: true,
  width: 14,
});

export const TEMPLATES: readonly TemplateDef[] = [
  {
    kind: 'befragung',
    intro: [
      'Eine Zeile je zurückgesandtem Fragebogen; Zeile 1 enthält die Spaltennamen (bitte nicht ändern).',
      'Antworten als Zahlencodes eintragen; leere Zellen bedeuten „keine Angabe“.',
      'Fragen, die im eigenen Fragebogen nicht vorkamen, als Spalte löschen oder leer lassen.',
    ],
    columns: [
      {
        name: 'id',
        required: 'nein',
        allowed: 'beliebige Kennung, jede nur einmal',
        meaning: 'laufende Nummer des Fragebogens',
        text: true,
        width: 10,
      },
      AREA_COLUMN(false),
      {
        name: 'geschlecht',
        required: 'ja (leer = keine Angabe)',
        allowed: `${SEX_TEXT}, leer = keine Angabe`,
        meaning: 'Geschlecht der befragten Person',
        check: { kind: 'list', values: ['w', 'm', 'd'], strict: true },
        width: 12,
      },
      {
        name: 'alter',
        required: 'ja (oder altersgruppe)',
        allowed: 'ganze Jahre von 14 bis 110, leer = keine Angabe',
        meaning: 'Alter in Jahren; wird den Altersgruppen aus bevoelkerung zugeordnet',
        check: { kind: 'whole', min: 14, max: 110 },
        width: 8,
      },
      {
        name: 'modus',
        required: 'nein',
        allowed: 'papier, online',
        meaning: 'Wie der Fragebogen ausgefüllt wurde',
        check: { kind: 'list', values: ['papier', 'online'], strict: true },
        width: 10,
      },
      ...ITEMS.map(itemColumn),
      ...FREE_TEXT_COLUMNS.map((c, i): TemplateColumn => ({
        name: c,
        required: 'nein',
        allowed: 'freier Text',
        meaning: `Ort, an dem sich die Person unsicher fühlt (Nennung ${i + 1})`,
        width: 24,
      })),
    ],
    notes: [
      {
        name: 'altersgruppe',
        required: 'statt alter',
        allowed: 'eine Altersgruppe genau wie in bevoelkerung geschrieben, z. B. 16-29 oder 75+',
        meaning: 'Spalte bei Bedarf ergänzen, wenn nur die Altersgruppe erfragt wurde',
      },
    ],
  },
  {
    kind: 'bevoelkerung',
    intro: [
      'Einwohner je Gebiet, Geschlecht und Altersgruppe (z. B. aus dem Melderegister); Zeile 1 enthält die Spaltennamen.',
      'Jedes Gebiet braucht dieselben Altersgruppen; die Gruppen müssen lückenlos aneinander anschließen.',
      'Mit Spalte jahr können Zahlen für mehrere Jahre angegeben werden (für die Häufigkeitszahl je Jahr).',
    ],
    columns: [
      AREA_COLUMN(false),
      {
        name: 'geschlecht',
        required: 'ja',
        allowed: SEX_TEXT,
        meaning: 'Geschlecht',
        check: { kind: 'list', values: ['w', 'm', 'd'], strict: true },
        width: 12,
      },
      {
        name: 'altersgruppe',
        required: 'ja',
        allowed: `${STANDARD_AGE_GROUPS.join(', ')} (Standard; andere lückenlose Gruppen wie 18-24 möglich)`,
        meaning: 'Altersgruppe von-bis in Jahren; die älteste Gruppe offen mit +',
        check: { kind: 'list', values: STANDARD_AGE_GROUPS, strict: false },
        text: true,
        width: 14,
      },
      {
        name: 'anzahl',
        required: 'ja',
        allowed: 'ganze Zahl ≥ 0',
        meaning: 'Zahl der Einwohnerinnen und Einwohner',
        check: { kind: 'whole', min: 0, max: 10_000_000 },
        width: 10,
      },
      {
        name: 'jahr',
        required: 'nein',
        allowed: 'Jahreszahl, z. B. 2025',
        meaning: 'Jahr des Bevölkerungsstands; wenn die Spalte da ist, in jeder Zeile ausfüllen',
        check: { kind: 'whole', min: 2000, max: 2100 },
        width: 8,
      },
      {
        name: 'stichtag',
        required: 'nein',
        allowed: 'Datum, z. B. 31.12.2025',
        meaning: 'Stichtag des Bevölkerungsstands (nur zur Information)',
        width: 12,
      },
    ],
    notes: [],
  },
  {
    kind: 'kriminalitaet',
    intro: [
      'Polizeiliche Kriminalstatistik (PKS) der Kommune je Jahr, Gebiet und Straftatenschlüssel; Zeile 1 enthält die Spaltennamen.',
      'Bis zu 10 Jahre; das jüngste Jahr sollte das Berichtsjahr aus analyse.json sein.',
      'Zeilen mit gebiet = gesamt sind die Zahl der ganzen Kommune; fehlen sie, wird über die Gebiete summiert.',
    ],
    columns: [
      {
        name: 'jahr',
        required: 'ja',
        allowed: 'Jahreszahl, z. B. 2025',
        meaning: 'Berichtsjahr der PKS',
        check: { kind: 'whole', min: 2000, max: 2100 },
        width: 8,
      },
      AREA_COLUMN(true),
      {
        name: 'schluessel',
        required: 'ja',
        allowed: `Straftatenschlüssel mit 6 Zeichen, * als Platzhalter (z. B. 435*00); ${KEY_TOTAL} = Straftaten insgesamt`,
        meaning: 'PKS-Straftatenschlüssel (als Text eingeben, damit führende Nullen erhalten bleiben)',
        check: { kind: 'list', values: DEFAULT_KEYS.map((k) => k.key), strict: false },
        text: true,
        width: 12,
      },
      {
        name: 'straftat',
        required: 'nein',
        allowed: 'Text',
        meaning: 'Bezeichnung der Straftat (leer = Standardbezeichnung des Schlüssels)',
        width: 36,
      },
      {
        name: 'faelle',
        required: 'ja',
        allowed: 'ganze Zahl ≥ 0',
        meaning: 'erfasste Fälle',
        check: { kind: 'whole', min: 0, max: 100_000_000 },
        width: 10,
      },
      {
        name: 'versuche',
        required: 'nein',
        allowed: 'ganze Zahl ≥ 0, höchstens faelle',
        meaning: 'davon Versuche',
        check: { kind: 'whole', min: 0, max: 100_000_000 },
        width: 10,
      },
      {
        name: 'aufgeklaert',
        required: 'nein',
        allowed: 'ganze Zahl ≥ 0, höchstens faelle',
        meaning: 'aufgeklärte Fälle (für die Aufklärungsquote)',
        check: { kind: 'whole', min: 0, max: 100_000_000 },
        width: 12,
      },
      {
        name: 'tatverdaechtige',
        required: 'nein',
        allowed: 'ganze Zahl ≥ 0',
        meaning: 'ermittelte Tatverdächtige',
        check: { kind: 'whole', min: 0, max: 100_000_000 },
        width: 14,
      },
    ],
    notes: DEFAULT_KEYS.map((k) => ({
      name: k.key,
      required: '',
      allowed: k.label,
      meaning: k.controlOffence
        ? 'Kontrolldelikt: die Zahl spiegelt auch die Kontrolltätigkeit der Polizei'
        : k.locationOftenUnknown
          ? 'Tatort oft unbekannt: Zahlen der Kommune unvollständig'
          : '',
    })),
  },
];
