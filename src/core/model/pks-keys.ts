/**
 * PKS Straftatenschlüssel: the default key set of the domain brief and helpers for keys with
 * wildcards. Keys are always 6-character strings; `*` stands for any digit; `------` is
 * "Straftaten insgesamt".
 */

export const KEY_TOTAL = '------';

export interface PksKeyDef {
  readonly key: string;
  readonly label: string;
  /** Kontrolldelikt: the count measures police control activity more than crime. */
  readonly controlOffence?: boolean;
  /** Tatort often unknown, so municipal counts are incomplete. */
  readonly locationOftenUnknown?: boolean;
}

/** The default topic set (domain brief §2.3), in report order. */
export const DEFAULT_KEYS: readonly PksKeyDef[] = [
  { key: KEY_TOTAL, label: 'Straftaten insgesamt' },
  { key: '890000', label: 'Straftaten insgesamt ohne ausländerrechtliche Verstöße' },
  { key: '892000', label: 'Gewaltkriminalität' },
  { key: '224000', label: 'Vorsätzliche einfache Körperverletzung' },
  { key: '899000', label: 'Straßenkriminalität' },
  { key: '435*00', label: 'Wohnungseinbruchdiebstahl' },
  { key: '***300', label: 'Fahrraddiebstahl' },
  { key: '326*00', label: 'Ladendiebstahl', controlOffence: true },
  { key: '674000', label: 'Sachbeschädigung' },
  { key: '899500', label: 'Sachbeschädigung durch Graffiti' },
  { key: '730000', label: 'Rauschgiftdelikte', controlOffence: true },
  { key: '897000', label: 'Cybercrime', locationOftenUnknown: true },
];

/** Further labels for keys that often appear in municipal and BKA tables. */
const EXTRA_LABELS: Readonly<Record<string, string>> = {
  '010000': 'Straftaten gegen das Leben',
  '100000': 'Straftaten gegen die sexuelle Selbstbestimmung',
  '111000': 'Vergewaltigung, sexuelle Nötigung und sexueller Übergriff im besonders schweren Fall',
  '200000': 'Rohheitsdelikte und Straftaten gegen die persönliche Freiheit',
  '210000': 'Raub, räuberische Erpressung',
  '216000': 'Handtaschenraub',
  '217000': 'Sonstige Raubüberfälle auf Straßen, Wegen oder Plätzen',
  '220000': 'Körperverletzung',
  '222000': 'Gefährliche und schwere Körperverletzung',
  '232000': 'Freiheitsberaubung, Nötigung, Bedrohung, Nachstellung',
  '3***00': 'Diebstahl ohne erschwerende Umstände',
  '4***00': 'Diebstahl unter erschwerenden Umständen',
  '****00': 'Diebstahl insgesamt',
  '*50*00': 'Diebstahl von Kraftwagen',
  '*90*00': 'Diebstahl an/aus Kraftfahrzeugen',
  '500000': 'Vermögens- und Fälschungsdelikte',
  '510000': 'Betrug',
  '600000': 'Sonstige Straftatbestände (StGB)',
  '620000': 'Widerstand gegen und tätlicher Angriff auf die Staatsgewalt',
  '673000': 'Beleidigung',
  '700000': 'Strafrechtliche Nebengesetze',
  '725000': 'Straftaten gegen das Aufenthalts-, Asyl- und Freizügigkeitsgesetz',
};

const LABELS: ReadonlyMap<string, string> = new Map([
  ...DEFAULT_KEYS.map((k) => [k.key, k.label] as const),
  ...Object.entries(EXTRA_LABELS),
]);

/** A PKS key: 6 characters of digits and `*`, or `------`. */
export const PKS_KEY_PATTERN = /^(?:------|[0-9*]{6})$/;

export function isValidKey(key: string): boolean {
  return PKS_KEY_PATTERN.test(key);
}

export function keyLabel(key: string): string | undefined {
  return LABELS.get(key);
}

export function keyDef(key: string): PksKeyDef | undefined {
  return DEFAULT_KEYS.find((k) => k.key === key);
}

/**
 * Normalises a key as written in a file: trims, accepts 4-digit keys of old time series only
 * when padded by the caller, and keeps wildcards. Returns undefined when not a key.
 */
export function normaliseKey(raw: string): string | undefined {
  const k = raw.trim();
  if (/^-+$/.test(k) && k.length >= 4) return KEY_TOTAL;
  return isValidKey(k) ? k : undefined;
}
