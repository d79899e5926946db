/**
 * Survey items paired with PKS keys (domain brief §4.3). A pair enters the comparison only when the
 * survey has the item and the municipal PKS data has the key. `caveat` is printed under the pair.
 */

export interface ItemKeyPair {
  readonly item: string;
  readonly key: string;
  /** German caveat the report prints with this pair. */
  readonly caveat?: string;
}

export const ITEM_KEY_PAIRS: readonly ItemKeyPair[] = [
  { item: 'sg_wohngegend_nacht', key: '899000' },
  { item: 'beunruhigt_einbruch', key: '435*00' },
  { item: 'beunruhigt_koerperverletzung', key: '892000' },
  { item: 'beunruhigt_koerperverletzung', key: '224000' },
  { item: 'beunruhigt_raub', key: '892000' },
  { item: 'beunruhigt_fahrraddiebstahl', key: '***300' },
  { item: 'beunruhigt_sachbeschaedigung', key: '674000' },
  {
    item: 'beunruhigt_betrug_internet',
    key: '897000',
    caveat:
      'Cybercrime: Der Tatort ist oft unbekannt oder liegt außerhalb der Kommune; die örtlichen Fallzahlen sind daher unvollständig.',
  },
  { item: 'problem_graffiti', key: '899500' },
  { item: 'problem_vandalismus', key: '674000' },
  {
    item: 'problem_drogen',
    key: '730000',
    caveat:
      'Rauschgiftdelikte sind Kontrolldelikte: Die Fallzahl spiegelt vor allem die Kontrolltätigkeit der Polizei wider, nicht das tatsächliche Ausmaß.',
  },
];

export function pairCaveat(item: string, key: string): string | undefined {
  return ITEM_KEY_PAIRS.find((p) => p.item === item && p.key === key)?.caveat;
}
