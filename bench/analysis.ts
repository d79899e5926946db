/**
 * Analysis benchmark: `analyseSurvey` on synthetic Datasets of 400, 10k, 100k and 1M respondents,
 * built directly in memory (62 standard items, 8 areas, 5 age groups, codes from a seeded PRNG,
 * ~10 % of respondents with an Angstort mention).
 *
 * Method: each size runs in a fresh child process (`node --expose-gc --import tsx`) that builds the
 * Dataset, runs three warm-up analyses on 400 respondents (JIT), calls `gc()`, and then times
 * `analyseSurvey` (median of 5 calls up to 100k respondents, of 3 at 1M; wall and CPU time).
 * Reported: time, time per respondent and per answer, RSS and heap before the first timed call,
 * heap after it, and the child's lifetime peak RSS (`process.resourceUsage().maxRSS`, which
 * includes the Dataset itself and the Node runtime). A synchronous call blocks the event loop, so
 * sampling with timers would miss the peak; the peak minus the pre-call RSS is the analysis' share.
 * Wall times on a shared machine are noisy; CPU time is the steadier figure.
 *
 * Run alone: `npx tsx bench/analysis.ts` (optionally with sizes: `npx tsx bench/analysis.ts 400 10000`).
 */
import { prng } from './prng.js';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyseSurvey } from '../src/core/analysis/survey/index.js';
import { DELIKTE, ITEMS, SCALES, type ItemDef } from '../src/core/model/codebook.js';
import type { AgeGroup, Dataset, PopulationRow, Sex } from '../src/core/model/dataset.js';

export const ANALYSIS_BENCH_SIZES: readonly number[] = [400, 10_000, 100_000, 1_000_000];

const AGE_GROUPS: AgeGroup[] = [
  { label: '16-29', min: 16, max: 29 },
  { label: '30-44', min: 30, max: 44 },
  { label: '45-59', min: 45, max: 59 },
  { label: '60-74', min: 60, max: 74 },
  { label: '75+', min: 75, max: null },
];
const AREAS = Array.from({ length: 8 }, (_, i) => ({
  id: String(i + 1).padStart(2, '0'),
  name: `Gebiet ${i + 1}`,
}));
const PLACES = [
  'Bahnhof',
  'am Bahnhof',
  'Bahnhofsvorplatz (abends)',
  'Stadtpark',
  'im Stadtpark',
  'Unterführung Mühlgraben',
  'Marktplatz',
  'Parkplatz Kaufland',
  'Busbahnhof',
  'bei Frau Müller',
  'Hauptstraße 12',
  'keine',
];

/** The bench's item set: 62 standard items across all dimensions. */
export function benchItems(): ItemDef[] {
  const take = (prefix: string, count: number) =>
    ITEMS.filter((d) => d.code.startsWith(prefix)).slice(0, count);
  const anzeige = take('anzeige_', 6);
  return [
    ...take('lq_', 2),
    ...take('sg_', 7),
    ...take('furcht_', 1),
    ...take('beunruhigt_', 5),
    ...take('risiko_', 5),
    ...take('vermeiden_', 5),
    ...take('problem_', 12),
    ...take('opfer_', Object.keys(DELIKTE).length),
    ...anzeige,
    ...take('zufrieden_', 3),
    ...take('praesenz_', 2),
    ...take('nachbarschaft_', 2),
    ...take('entwicklung_', 1),
  ];
}

/** A synthetic Dataset of `size` respondents (deterministic). */
export function syntheticDataset(size: number, seed = 7): Dataset {
  const rnd = prng(seed);
  const area = new Int16Array(size);
  const sex = new Uint8Array(size);
  const ageGroup = new Int8Array(size);
  const age = new Uint8Array(size);
  const mode = new Uint8Array(size);
  const freeText: { area: number; text: string }[] = [];
  for (let i = 0; i < size; i++) {
    area[i] = rnd() < 0.03 ? -1 : Math.floor(rnd() * AREAS.length);
    const s = rnd();
    sex[i] = s < 0.52 ? 1 : s < 0.97 ? 2 : s < 0.98 ? 3 : 0;
    // older respondents over-represented, as in postal surveys
    const a = rnd() < 0.03 ? 0 : 16 + Math.floor(Math.pow(rnd(), 0.7) * 80);
    age[i] = a;
    ageGroup[i] = a === 0 ? -1 : AGE_GROUPS.findIndex((g) => a >= g.min && (g.max === null || a <= g.max));
    mode[i] = rnd() < 0.7 ? 1 : 2;
    if (rnd() < 0.1) freeText.push({ area: area[i]!, text: PLACES[Math.floor(rnd() * PLACES.length)]! });
  }
  const items: Record<string, Uint8Array> = {};
  for (const def of benchItems()) {
    const k = SCALES[def.scale].labels.length;
    const col = new Uint8Array(size);
    const filter = def.dimension === 'anzeige' && def.delikt ? items[`opfer_${def.delikt}`] : undefined;
    for (let i = 0; i < size; i++) {
      if (filter && filter[i] !== 1) continue;
      const r = rnd();
      col[i] = r < 0.85 ? 1 + Math.floor((r / 0.85) * k) : r < 0.9 ? 9 : r < 0.93 ? 8 : 0;
    }
    items[def.code] = col;
  }
  const population: PopulationRow[] = AREAS.flatMap((g) =>
    (['w', 'm', 'd'] as Sex[]).flatMap((s) =>
      AGE_GROUPS.map((a) => ({
        areaId: g.id,
        sex: s,
        ageGroup: a.label,
        count: s === 'd' ? 3 : 800 + Math.floor(rnd() * 800),
        year: null,
      })),
    ),
  );
  return {
    manifest: {
      kommune: { name: 'Benchstadt', ags: '14522999' },
      titel: 'Sicherheitsanalyse Benchstadt 2025',
      berichtsjahr: 2025,
      befragung: { angeschrieben: Math.max(size, Math.round(size / 0.35)) },
      gebiete: AREAS,
      vergleich: { kreis: '14522' },
      branding: { primaerfarbe: '#005CA9', akzentfarbe: '#E8A33D' },
      kontakte: [],
      optionen: { mindestfallzahl: 10 },
    },
    ageGroups: AGE_GROUPS,
    survey: { size, area, sex, ageGroup, age, mode, items, freeText, extra: {} },
    population,
    crime: [],
    pksKreise: [],
    pmk: [],
    profile: [],
    owi: [],
    extraQuestions: [],
    logo: null,
  };
}

export interface AnalysisBenchResult {
  readonly respondents: number;
  readonly items: number;
  readonly buildMs: number;
  readonly runs: number;
  /** Median wall time of the timed calls. */
  readonly ms: number;
  /** Median CPU time (user + system) of the timed calls. */
  readonly cpuMs: number;
  readonly rssBeforeMb: number;
  readonly heapBeforeMb: number;
  readonly heapAfterMb: number;
  readonly peakRssMb: number;
}

const MB = 2 ** 20;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One measurement in this process (called in the child). */
export function measureAnalysis(size: number): AnalysisBenchResult {
  const gc = (globalThis as { gc?: () => void }).gc;
  const warm = syntheticDataset(400, 1);
  for (let i = 0; i < 3; i++) analyseSurvey(warm); // warm-up (JIT)
  const t0 = performance.now();
  const dataset = syntheticDataset(size);
  const buildMs = performance.now() - t0;
  gc?.();
  const before = process.memoryUsage();
  const runs = size >= 1_000_000 ? 3 : 5;
  const wall: number[] = [];
  const cpu: number[] = [];
  let heapAfter = 0;
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t1 = performance.now();
    const result = analyseSurvey(dataset);
    wall.push(performance.now() - t1);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    if (r === 0) heapAfter = process.memoryUsage().heapUsed;
    if (result.respondents !== size) throw new Error('bench: wrong respondent count');
  }
  return {
    respondents: size,
    items: Object.keys(dataset.survey.items).length,
    buildMs,
    runs,
    ms: median(wall),
    cpuMs: median(cpu),
    rssBeforeMb: before.rss / MB,
    heapBeforeMb: before.heapUsed / MB,
    heapAfterMb: heapAfter / MB,
    peakRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
  };
}

function runChild(size: number): AnalysisBenchResult {
  const self = fileURLToPath(import.meta.url);
  const res = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', self, '--child', String(size)],
    { encoding: 'utf8', maxBuffer: 1024 * 1024 },
  );
  if (res.status !== 0) throw new Error(`bench child failed (${size}): ${res.stderr}`);
  return JSON.parse(res.stdout.trim().split('\n').pop() ?? '') as AnalysisBenchResult;
}

const fmtMs = (ms: number): string =>
  `${ms < 100 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en-US')} ms`;
const fmtMb = (mb: number): string => `${mb.toFixed(0)} MB`;

/** Prints the analysis figures per size. */
export async function benchAnalysis(sizes: readonly number[] = ANALYSIS_BENCH_SIZES): Promise<void> {
  console.log(
    `analysis: analyseSurvey, ${benchItems().length} items, ${AREAS.length} areas, ${AGE_GROUPS.length} age groups; one fresh child process per size, after a warm-up;`,
  );
  console.log('          peak RSS = child maxRSS incl. the in-memory Dataset and the Node runtime');
  const results: AnalysisBenchResult[] = [];
  for (const size of sizes) {
    const r = runChild(size);
    results.push(r);
    const label = `analysis ${size.toLocaleString('en-US')} respondents`;
    console.log(
      `${label}: ${fmtMs(r.ms)} wall, ${fmtMs(r.cpuMs)} CPU (median of ${r.runs}); ${((r.cpuMs * 1000) / size).toFixed(2)} µs CPU/respondent, ` +
        `${((r.cpuMs * 1e6) / (size * r.items)).toFixed(1)} ns CPU/answer; RSS before ${fmtMb(r.rssBeforeMb)}, peak ${fmtMb(r.peakRssMb)}; ` +
        `heap before ${fmtMb(r.heapBeforeMb)}, after ${fmtMb(r.heapAfterMb)}; dataset built in ${fmtMs(r.buildMs)}`,
    );
  }
  // Linear growth: the marginal CPU time per additional respondent between consecutive sizes
  // (the per-respondent figures above also carry a fixed cost of the per-item cell tables).
  for (let i = 1; i < results.length; i++) {
    const a = results[i - 1]!;
    const b = results[i]!;
    const marginal = ((b.cpuMs - a.cpuMs) * 1000) / (b.respondents - a.respondents);
    console.log(
      `analysis marginal ${a.respondents.toLocaleString('en-US')} → ${b.respondents.toLocaleString('en-US')}: ${marginal.toFixed(2)} µs CPU per additional respondent`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const childAt = process.argv.indexOf('--child');
  if (childAt >= 0) {
    console.log(JSON.stringify(measureAnalysis(Number(process.argv[childAt + 1]))));
  } else {
    const sizes = process.argv
      .slice(2)
      .map(Number)
      .filter((n) => n > 0);
    await benchAnalysis(sizes.length ? sizes : ANALYSIS_BENCH_SIZES);
  }
}
