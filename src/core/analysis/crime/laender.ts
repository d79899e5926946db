/** The 16 Länder by the first two digits of the AGS / Kreis key. */
export const LAENDER: Readonly<Record<string, string>> = {
  '01': 'Schleswig-Holstein',
  '02': 'Hamburg',
  '03': 'Niedersachsen',
  '04': 'Bremen',
  '05': 'Nordrhein-Westfalen',
  '06': 'Hessen',
  '07': 'Rheinland-Pfalz',
  '08': 'Baden-Württemberg',
  '09': 'Bayern',
  '10': 'Saarland',
  '11': 'Berlin',
  '12': 'Brandenburg',
  '13': 'Mecklenburg-Vorpommern',
  '14': 'Sachsen',
  '15': 'Sachsen-Anhalt',
  '16': 'Thüringen',
};

/** Land key of a Kreis key (`14522` → `14`) and its name (`Land 14` for an unknown code). */
export function landOf(kreis: string): { key: string; name: string } {
  const key = kreis.padStart(5, '0').slice(0, 2);
  return { key, name: LAENDER[key] ?? `Land ${key}` };
}
