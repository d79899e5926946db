/** The manifest `analyse.json` of the example analysis. */
import { AREAS, BERICHTSJAHR, INVITED, KOMMUNE } from './areas.js';

export function buildManifest(): string {
  const manifest = {
    kommune: { name: KOMMUNE.name, ags: KOMMUNE.ags },
    titel: 'Sicherheitsanalyse Musterstadt 2026',
    berichtsjahr: BERICHTSJAHR,
    befragung: { zeitraum: '2026-03-02/2026-04-10', angeschrieben: INVITED, modus: 'Papier und online' },
    gebiete: AREAS.map((a) => ({ id: a.id, name: a.name })),
    vergleich: { kreis: KOMMUNE.kreis },
    branding: { logo: 'logo.svg', primaerfarbe: '#005CA9', akzentfarbe: '#E8A33D' },
    kontakte: [{ name: 'KPR-Koordination', email: 'praevention@musterstadt.example' }],
    optionen: { mindestfallzahl: 10 },
  };
  return JSON.stringify(manifest, null, 2) + '\n';
}
