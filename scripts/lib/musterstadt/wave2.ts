/**
 * The second survey wave of Musterstadt (issue 16): three years after the first, in spring 2029, with
 * the PKS 2024–2028. After the first report the city implemented one recommendation, "Angsträume
 * entschärfen" in the Bahnhofsviertel (LED lighting and cleared sight lines at the station square and the
 * underpass, finished in June 2027), and invited more people so that changes in the areas can be seen.
 * Its plausible effect: less fear at night in the Bahnhofsviertel; nothing else changes systematically.
 *
 * The data are built from the first wave's generators: the same areas and population structure (the
 * population projected by each area's trend), the PKS of 2024 and 2025 exactly as in the first wave's
 * file and three further years from a new draw, a new sample of respondents from the 2028 population.
 */
import { AREAS, BERICHTSJAHR, type AreaDef } from './areas.js';
import { buildCrime, type CrimeRow } from './crime.js';
import { buildManifest } from './manifest.js';
import type { PopRow } from './population.js';
import type { Rng } from './rng.js';
import type { SurveyWave } from './respondents.js';

export const WAVE2 = {
  folder: 'musterstadt-2029',
  predecessor: 'musterstadt',
  berichtsjahr: 2028,
  years: [2024, 2025, 2026, 2027, 2028] as const,
  period: '2029-03-05/2029-04-13',
  invited: 1600,
  measure: {
    empfehlung: 'angstraeume-staedtebau',
    umgesetzt: '2027-06-30',
    gebiete: ['02'],
    beschreibung:
      'LED-Beleuchtung und freigeschnittene Sichtachsen am Bahnhofsvorplatz und in der Unterführung Bahnhofstraße',
  },
} as const;

/** The second wave invites 1,600 instead of 1,000 people, to see changes in the areas: 1.6 times the respondents everywhere. */
const SAMPLE_FACTOR = 1.6;

/** Area parameters of the second wave: a larger sample, and the Bahnhofsviertel after the lighting measure. */
export const WAVE2_AREAS: readonly AreaDef[] = AREAS.map((a) => ({
  ...a,
  respondents: Math.round(a.respondents * SAMPLE_FACTOR),
  ...(a.id === '02' && { fear: 0.2 }),
}));

export function wave2Survey(): SurveyWave {
  return { areas: WAVE2_AREAS, year: WAVE2.berichtsjahr };
}

/** Population 2024–2028: 2024 and 2025 as in the first wave, later years projected by each area's trend. */
export function wave2Population(first: readonly PopRow[]): PopRow[] {
  const kept = first.filter((r) => r.jahr === 2024 || r.jahr === BERICHTSJAHR);
  const projected = first
    .filter((r) => r.jahr === BERICHTSJAHR)
    .flatMap((r) => {
      const trend = AREAS.find((a) => a.id === r.gebiet)?.popTrend ?? 0;
      return [2026, 2027, 2028].map((jahr) => ({
        ...r,
        jahr,
        anzahl:
          r.geschlecht === 'd' ? r.anzahl : Math.round(r.anzahl * Math.pow(1 + trend, jahr - BERICHTSJAHR)),
      }));
    });
  return [...kept, ...projected].sort((a, b) => a.jahr - b.jahr || a.gebiet.localeCompare(b.gebiet));
}

/**
 * PKS 2024–2028: the first wave's rows of 2024 and 2025 unchanged (the same published figures), and
 * 2026–2028 from a second draw of the same model (its years 2021–2023, which carry no special effect).
 */
export function wave2Crime(first: readonly CrimeRow[], rng: Rng): CrimeRow[] {
  const kept = first.filter((r) => r.jahr === 2024 || r.jahr === 2025);
  const shift: Readonly<Record<number, number>> = { 2021: 2026, 2022: 2027, 2023: 2028 };
  const later = buildCrime(rng)
    .filter((r) => shift[r.jahr] !== undefined)
    .map((r) => ({ ...r, jahr: shift[r.jahr] ?? r.jahr }));
  return [...kept, ...later];
}

export function wave2Manifest(): string {
  const first = JSON.parse(buildManifest()) as Record<string, unknown> & {
    befragung: Record<string, unknown>;
  };
  const manifest = {
    ...first,
    titel: 'Sicherheitsanalyse Musterstadt 2029',
    berichtsjahr: WAVE2.berichtsjahr,
    befragung: { ...first.befragung, zeitraum: WAVE2.period, angeschrieben: WAVE2.invited },
    vorgaenger: {
      analyse: WAVE2.predecessor,
      massnahmen: [WAVE2.measure],
    },
  };
  return JSON.stringify(manifest, null, 2) + '\n';
}

export function wave2Readme(f: { respondents: number; seed: number }): string {
  return `# Beispieldatensatz „Musterstadt“, zweite Befragung 2029

**Alle Daten in diesem Ordner sind frei erfunden (synthetisch).** Sie setzen den Beispieldatensatz
\`../musterstadt\` (Befragung 2026, Berichtsjahr 2025) drei Jahre später fort.

- \`analyse.json\` nennt unter \`vorgaenger\` die frühere Analyse (\`musterstadt\`) und die seitdem umgesetzte
  Maßnahme: Empfehlung „Angsträume entschärfen“ im Bahnhofsviertel, umgesetzt am 30.06.2027
  (LED-Beleuchtung und Sichtachsen am Bahnhofsvorplatz und in der Unterführung).
- \`befragung.csv\`: ${f.respondents} Befragte (Frühjahr 2029; 1.600 statt 1.000 Angeschriebene, damit sich
  Veränderungen in den Gebieten erkennen lassen). Die Daten enthalten einen plausiblen Effekt der Maßnahme:
  nachts fühlen sich im Bahnhofsviertel weniger Menschen unsicher; sonst ändert sich nichts systematisch.
- \`kriminalitaet.csv\`: PKS 2024–2028 (2024 und 2025 wie im ersten Datensatz).
- \`bevoelkerung.xlsx\`: Einwohner 2024–2028; \`pks-kreise-2028.csv\`, \`gebietsprofil.csv\` und \`logo.svg\`
  wie im ersten Datensatz.

Bericht mit dem Kapitel „Entwicklung seit der Befragung 2026“:

\`\`\`bash
npx sia report examples/musterstadt-2029 --out bericht-2029
\`\`\`

(Der Vorgänger wird als Nachbarordner \`examples/musterstadt\` gefunden; ausdrücklich mit
\`--vorgaenger examples/musterstadt\`.)

Erzeugt mit \`npm run generate:example -- --wave 2\` (Startwert ${f.seed}).
`;
}
