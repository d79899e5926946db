/**
 * Generates the bundled example analysis "Musterstadt" (examples/musterstadt/): a complete,
 * synthetic upload with manifest, logo, survey, population, municipal PKS, BKA Kreis table, PMK,
 * area profile and Ordnungswidrigkeiten. Deterministic: the same seed gives the same bytes.
 *
 *   npx tsx scripts/generate-musterstadt.ts [--out <dir>] [--seed <n>] [--wave 2]
 *
 * `--wave 2` writes the second survey wave (examples/musterstadt-2029/, issue 16) instead: built from
 * the same seed, so its PKS 2024–2025 are the first wave's figures.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BERICHTSJAHR, INVITED } from './lib/musterstadt/areas.js';
import { buildCrime, crimeCsv } from './lib/musterstadt/crime.js';
import { germanNumber } from './lib/musterstadt/csv.js';
import { buildKreiseCsv } from './lib/musterstadt/kreise.js';
import { buildLogo } from './lib/musterstadt/logo.js';
import { buildManifest } from './lib/musterstadt/manifest.js';
import { buildOwiCsv } from './lib/musterstadt/owi.js';
import { buildPmkCsv } from './lib/musterstadt/pmk.js';
import { buildPopulation, populationByArea } from './lib/musterstadt/population.js';
import { buildPopulationXlsx } from './lib/musterstadt/population-xlsx.js';
import { buildProfileCsv } from './lib/musterstadt/profile.js';
import { buildReadme } from './lib/musterstadt/readme.js';
import { Rng } from './lib/musterstadt/rng.js';
import { buildSurvey, surveyCsv } from './lib/musterstadt/survey.js';
import {
  WAVE2,
  wave2Crime,
  wave2Manifest,
  wave2Population,
  wave2Readme,
  wave2Survey,
} from './lib/musterstadt/wave2.js';

export const DEFAULT_SEED = 20260302;
export const DEFAULT_OUT_DIR = fileURLToPath(new URL('../examples/musterstadt', import.meta.url));
export const WAVE2_OUT_DIR = fileURLToPath(new URL(`../examples/${WAVE2.folder}`, import.meta.url));

export interface GenerateSummary {
  readonly outDir: string;
  readonly files: readonly string[];
  readonly respondents: number;
  readonly population2025: number;
  readonly crimeTotal2025: number;
}

export async function generateMusterstadt(
  outDir: string = DEFAULT_OUT_DIR,
  seed: number = DEFAULT_SEED,
): Promise<GenerateSummary> {
  const rng = new Rng(seed);
  const population = buildPopulation(rng.fork('population'));
  const survey = buildSurvey(rng.fork('survey'), population);
  const crime = buildCrime(rng.fork('crime'));
  const population2025 = [...populationByArea(population, BERICHTSJAHR).values()].reduce((s, n) => s + n, 0);
  const crimeTotal2025 =
    crime.find((r) => r.jahr === BERICHTSJAHR && r.gebiet === 'gesamt' && r.schluessel === '------')
      ?.faelle ?? 0;

  const files: Record<string, string | Buffer> = {
    'analyse.json': buildManifest(),
    'logo.svg': buildLogo(),
    'befragung.csv': surveyCsv(survey),
    'bevoelkerung.xlsx': await buildPopulationXlsx(population),
    'kriminalitaet.csv': crimeCsv(crime),
    [`pks-kreise-${BERICHTSJAHR}.csv`]: buildKreiseCsv(rng.fork('kreise')),
    'pmk.csv': buildPmkCsv(rng.fork('pmk')),
    'gebietsprofil.csv': buildProfileCsv(),
    'ordnungswidrigkeiten.csv': buildOwiCsv(rng.fork('owi')),
    'README.md': buildReadme({
      seed,
      respondents: survey.respondents.length,
      invited: INVITED,
      population2025,
      crimeTotal2025,
    }),
  };
  await mkdir(outDir, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(join(outDir, name), content);
  return {
    outDir,
    files: Object.keys(files),
    respondents: survey.respondents.length,
    population2025,
    crimeTotal2025,
  };
}

/** The second survey wave of Musterstadt (2029, Berichtsjahr 2028) with its predecessor and measure. */
export async function generateMusterstadtWave2(
  outDir: string = WAVE2_OUT_DIR,
  seed: number = DEFAULT_SEED,
): Promise<GenerateSummary> {
  const rng = new Rng(seed);
  const population = wave2Population(buildPopulation(rng.fork('population')));
  const crime = wave2Crime(buildCrime(rng.fork('crime')), rng.fork('crime-wave2'));
  const survey = buildSurvey(rng.fork('survey-wave2'), population, wave2Survey());
  const year = WAVE2.berichtsjahr;
  const files: Record<string, string | Buffer> = {
    'analyse.json': wave2Manifest(),
    'logo.svg': buildLogo(),
    'befragung.csv': surveyCsv(survey),
    'bevoelkerung.xlsx': await buildPopulationXlsx(population),
    'kriminalitaet.csv': crimeCsv(crime),
    [`pks-kreise-${year}.csv`]: buildKreiseCsv(rng.fork('kreise')),
    'gebietsprofil.csv': buildProfileCsv(),
    'README.md': wave2Readme({ respondents: survey.respondents.length, seed }),
  };
  await mkdir(outDir, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(join(outDir, name), content);
  return {
    outDir,
    files: Object.keys(files),
    respondents: survey.respondents.length,
    population2025: [...populationByArea(population, year).values()].reduce((s, n) => s + n, 0),
    crimeTotal2025:
      crime.find((r) => r.jahr === year && r.gebiet === 'gesamt' && r.schluessel === '------')?.faelle ?? 0,
  };
}

function parseArgs(argv: readonly string[]): { out: string | undefined; seed: number; wave: 1 | 2 } {
  let out: string | undefined;
  let seed = DEFAULT_SEED;
  let wave: 1 | 2 = 1;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--out' && value) {
      out = resolve(value);
      i++;
    } else if (arg === '--seed' && value && /^\d+$/.test(value)) {
      seed = Number(value);
      i++;
    } else if (arg === '--wave' && (value === '1' || value === '2')) {
      wave = value === '2' ? 2 : 1;
      i++;
    } else {
      throw new Error(
        `Unbekanntes Argument: ${arg ?? ''} (erlaubt: --out <Ordner>, --seed <Zahl>, --wave 1|2)`,
      );
    }
  }
  return { out, seed, wave };
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  try {
    const { out, seed, wave } = parseArgs(process.argv.slice(2));
    const s =
      wave === 2
        ? await generateMusterstadtWave2(out ?? WAVE2_OUT_DIR, seed)
        : await generateMusterstadt(out ?? DEFAULT_OUT_DIR, seed);
    const [invited, year] = wave === 2 ? [WAVE2.invited, WAVE2.berichtsjahr] : [INVITED, BERICHTSJAHR];
    console.log(
      `Beispieldaten Musterstadt erzeugt in ${s.outDir}: ${s.files.length} Dateien, ${s.respondents} Befragte ` +
        `(Rücklauf ${germanNumber((100 * s.respondents) / invited, 1)} %), ${germanNumber(s.population2025, 0)} Einwohnerinnen und Einwohner, ` +
        `${germanNumber(s.crimeTotal2025, 0)} Straftaten ${year}.`,
    );
  } catch (e) {
    console.error(`Fehler: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
