import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ITEMS, SCALES, maxCode } from '../../src/core/model/codebook.js';
import { DEFAULT_KEYS } from '../../src/core/model/pks-keys.js';
import { generateMusterstadt } from '../../scripts/generate-musterstadt.js';

const SCRIPT = fileURLToPath(new URL('../../scripts/generate-musterstadt.ts', import.meta.url));
const AREA_IDS = ['01', '02', '03', '04', '05', '06', '07', '08'];
const FILES = [
  'README.md',
  'analyse.json',
  'befragung.csv',
  'bevoelkerung.xlsx',
  'gebietsprofil.csv',
  'kriminalitaet.csv',
  'logo.svg',
  'ordnungswidrigkeiten.csv',
  'pks-kreise-2025.csv',
  'pmk.csv',
];

let dirA = '';
let dirB = '';
let names = new Map<string, string>();
let survey: Record<string, string>[] = [];
let crime: Record<string, string>[] = [];
const population = new Map<string, number>();

type Row = Record<string, string>;
const bytes = (dir: string, f: string): Promise<Buffer> => readFile(join(dir, f));
async function loadWorkbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(buf).buffer);
  return wb;
}
const csv = (text: string, delimiter: string): Row[] =>
  parse(text, { columns: true, delimiter, bom: true, skip_empty_lines: true }) as Row[];

/** The respondent's area id, resolving names written instead of ids. */
const areaOf = (r: Row): string => names.get(r['gebiet'] ?? '') ?? r['gebiet'] ?? '';
const ageGroupOf = (r: Row): number => {
  const a = Number(r['alter']);
  return r['alter'] === '' ? -1 : a < 30 ? 0 : a < 45 ? 1 : a < 60 ? 2 : a < 75 ? 3 : 4;
};

/** Unfavourable share among valid answers (excluding empty, 8, 9). */
function negativeShare(code: string, filter: (r: Row) => boolean = () => true): { share: number; n: number } {
  const item = ITEMS.find((i) => i.code === code);
  if (!item) throw new Error(code);
  const negative = SCALES[item.scale].negative;
  let n = 0;
  let neg = 0;
  for (const r of survey.filter(filter)) {
    const v = Number(r[code]);
    if (r[code] === '' || v === 8 || v === 9) continue;
    n++;
    if (negative.includes(v)) neg++;
  }
  return { share: neg / n, n };
}

function correlation(a: string, b: string): number {
  const pairs = survey
    .map((r) => [Number(r[a]), Number(r[b])] as const)
    .filter(([x, y], i) => survey[i]?.[a] !== '' && survey[i]?.[b] !== '' && x < 8 && y < 8);
  const mx = pairs.reduce((s, [x]) => s + x, 0) / pairs.length;
  const my = pairs.reduce((s, [, y]) => s + y, 0) / pairs.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

beforeAll(async () => {
  dirA = await mkdtemp(join(tmpdir(), 'musterstadt-a-'));
  dirB = await mkdtemp(join(tmpdir(), 'musterstadt-b-'));
  await generateMusterstadt(dirA);
  // Second run through the command line, in another process and at another time.
  const cli = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, '--out', dirB], { encoding: 'utf8' });
  expect(cli.status, cli.stderr).toBe(0);
  expect(cli.stdout).toContain('382 Befragte');

  const manifest = JSON.parse(await readFile(join(dirA, 'analyse.json'), 'utf8')) as {
    gebiete: { id: string; name: string }[];
  };
  names = new Map(manifest.gebiete.map((g) => [g.name, g.id]));
  survey = csv((await bytes(dirA, 'befragung.csv')).toString('utf8'), ';');
  crime = csv((await bytes(dirA, 'kriminalitaet.csv')).toString('utf8'), ';');

  const wb = await loadWorkbook(await bytes(dirA, 'bevoelkerung.xlsx'));
  const ws = wb.getWorksheet('bevoelkerung');
  let header = 0;
  ws?.eachRow((row, n) => {
    const v = row.values as unknown[];
    if (header === 0 && v[1] === 'jahr' && v[5] === 'anzahl') header = n;
    else if (header > 0)
      population.set(
        `${String(v[1])}|${String(v[2])}`,
        (population.get(`${String(v[1])}|${String(v[2])}`) ?? 0) + Number(v[5]),
      );
  });
  expect(header).toBe(4);
}, 120_000);

afterAll(async () => {
  await rm(dirA, { recursive: true, force: true });
  await rm(dirB, { recursive: true, force: true });
});

describe('generate-musterstadt: files and determinism', () => {
  it('writes every file of the example folder', async () => {
    expect((await readdir(dirA)).sort()).toEqual([...FILES].sort());
  });

  it('gives byte-identical files on two runs (including the XLSX)', async () => {
    for (const f of FILES) expect((await bytes(dirA, f)).equals(await bytes(dirB, f)), f).toBe(true);
  });

  it('stamps the XLSX zip entries with a fixed date instead of the current time', async () => {
    const zip = await bytes(dirA, 'bevoelkerung.xlsx');
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    expect(zip.readUInt16LE(10)).toBe(0);
    expect(zip.readUInt16LE(12)).toBe(((2026 - 1980) << 9) | (1 << 5) | 1);
  });

  it('writes the manifest of the contract', async () => {
    const m = JSON.parse(await readFile(join(dirA, 'analyse.json'), 'utf8'));
    expect(m.kommune).toEqual({ name: 'Musterstadt', ags: '14522999' });
    expect(m.berichtsjahr).toBe(2025);
    expect(m.titel).toBe('Sicherheitsanalyse Musterstadt 2026');
    expect(m.befragung).toEqual({
      zeitraum: '2026-03-02/2026-04-10',
      angeschrieben: 1000,
      modus: 'Papier und online',
    });
    expect(m.gebiete.map((g: { id: string }) => g.id)).toEqual(AREA_IDS);
    expect(m.gebiete[1].name).toBe('Bahnhofsviertel');
    expect(m.vergleich).toEqual({ kreis: '14522' });
    expect(m.branding).toEqual({ logo: 'logo.svg', primaerfarbe: '#005CA9', akzentfarbe: '#E8A33D' });
    expect(m.kontakte).toEqual([{ name: 'KPR-Koordination', email: 'praevention@musterstadt.example' }]);
    expect(m.optionen).toEqual({ mindestfallzahl: 10 });
  });

  it('draws a self-contained logo without scripts or external references', async () => {
    const svg = (await bytes(dirA, 'logo.svg')).toString('utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).not.toMatch(/<script|href|on\w+=|<image|url\(/i);
  });
});

describe('generate-musterstadt: befragung.csv', () => {
  it('is a German Excel export: BOM, semicolon, CRLF', async () => {
    const raw = await bytes(dirA, 'befragung.csv');
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.toString('utf8');
    expect(text.split('\r\n')[0]).toMatch(/^\uFEFFid;gebiet;geschlecht;alter;modus;lq_wohnen_gern;/);
    expect(text).toContain('"Einkaufszentrum ""Ostpassage"""');
  });

  it('has every standard item and the free-text columns', () => {
    const columns = Object.keys(survey[0] ?? {});
    for (const item of ITEMS) expect(columns).toContain(item.code);
    expect(columns).toEqual(
      expect.arrayContaining([
        'id',
        'gebiet',
        'geschlecht',
        'alter',
        'modus',
        'angstort_1',
        'angstort_2',
        'angstort_3',
      ]),
    );
  });

  it('has 382 respondents with unique ids and the designed area sizes', () => {
    expect(survey).toHaveLength(382);
    expect(new Set(survey.map((r) => r['id'])).size).toBe(382);
    const counts = new Map<string, number>();
    for (const r of survey) counts.set(areaOf(r), (counts.get(areaOf(r)) ?? 0) + 1);
    expect(counts.get('06')).toBeGreaterThanOrEqual(6);
    expect(counts.get('06')).toBeLessThanOrEqual(9);
    expect(counts.get('08')).toBeGreaterThanOrEqual(10);
    expect(counts.get('08')).toBeLessThanOrEqual(29);
    for (const id of ['01', '02', '03', '04', '05', '07']) expect(counts.get(id)).toBeGreaterThanOrEqual(30);
    expect(counts.get('')).toBe(6);
    const byName = survey.filter((r) => names.has(r['gebiet'] ?? '')).length;
    expect(byName).toBeGreaterThanOrEqual(5);
  });

  it('has sex codes w/m/d (about 1 % d, a few empty) and ages 16-95 with mean near 58', () => {
    const sex = survey.map((r) => r['geschlecht']);
    expect(new Set(sex)).toEqual(new Set(['w', 'm', 'd', '']));
    const d = sex.filter((s) => s === 'd').length / survey.length;
    expect(d).toBeGreaterThan(0.004);
    expect(d).toBeLessThan(0.025);
    expect(sex.filter((s) => s === '').length).toBeGreaterThan(0);
    const ages = survey.filter((r) => r['alter'] !== '').map((r) => Number(r['alter']));
    expect(ages.length).toBeLessThan(survey.length);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(16);
    expect(Math.max(...ages)).toBeLessThanOrEqual(95);
    expect(ages.every(Number.isInteger)).toBe(true);
    const mean = ages.reduce((s, a) => s + a, 0) / ages.length;
    expect(mean).toBeGreaterThan(56);
    expect(mean).toBeLessThan(60);
  });

  it('has online answers mostly from younger respondents', () => {
    const online = (f: (r: Row) => boolean): number =>
      survey.filter(f).filter((r) => r['modus'] === 'online').length / survey.filter(f).length;
    expect(new Set(survey.map((r) => r['modus']))).toEqual(new Set(['papier', 'online']));
    expect(online((r) => ageGroupOf(r) >= 0 && ageGroupOf(r) <= 1)).toBeGreaterThan(
      online((r) => ageGroupOf(r) >= 3) + 0.3,
    );
  });

  it('uses only valid codes; anzeige only where opfer = 1', () => {
    for (const item of ITEMS) {
      for (const r of survey) {
        const v = r[item.code] ?? '';
        if (v === '') continue;
        const n = Number(v);
        expect(
          Number.isInteger(n) && ((n >= 1 && n <= maxCode(item)) || n === 8 || n === 9),
          `${item.code}=${v}`,
        ).toBe(true);
      }
    }
    let victims = 0;
    let reported = 0;
    for (const item of ITEMS.filter((i) => i.code.startsWith('anzeige_'))) {
      const opfer = item.code.replace('anzeige_', 'opfer_');
      for (const r of survey) {
        if (r[opfer] !== '1') expect(r[item.code]).toBe('');
        else {
          victims++;
          if (r[item.code] !== '') reported++;
        }
      }
    }
    expect(victims).toBeGreaterThan(50);
    expect(reported / victims).toBeGreaterThan(0.9);
  });

  it('has realistic rates of empty cells, "weiß nicht" and "trifft nicht zu"', () => {
    const codes = ITEMS.filter((i) => !i.code.startsWith('anzeige_')).map((i) => i.code);
    const empty =
      survey.reduce((s, r) => s + codes.filter((c) => r[c] === '').length, 0) /
      (survey.length * codes.length);
    expect(empty).toBeGreaterThan(0.02);
    expect(empty).toBeLessThan(0.05);
    const share = (code: string, v: string): number =>
      survey.filter((r) => r[code] === v).length / survey.length;
    for (const code of [
      'zufrieden_ordnungsamt',
      'entwicklung_kriminalitaet',
      'praesenz_ordnungsamt',
      'problem_drogen',
    ]) {
      expect(share(code, '9'), code).toBeGreaterThan(0.05);
      expect(share(code, '9'), code).toBeLessThan(0.2);
    }
    expect(share('sg_oepnv_nacht', '8')).toBeGreaterThan(0.15);
    expect(share('vermeiden_oepnv_nachts', '8')).toBeCloseTo(share('sg_oepnv_nacht', '8'), 1);
    expect(share('zufrieden_ordnungsamt', '8')).toBeGreaterThan(0.03);
    expect(share('sg_wohngegend_nacht', '9')).toBe(0);
  });

  it('relates fear to sex, age and area (sg_wohngegend_nacht and related items)', () => {
    const all = negativeShare('sg_wohngegend_nacht');
    expect(all.share).toBeGreaterThan(0.2);
    expect(all.share).toBeLessThan(0.35);
    const w = negativeShare('sg_wohngegend_nacht', (r) => r['geschlecht'] === 'w').share;
    const m = negativeShare('sg_wohngegend_nacht', (r) => r['geschlecht'] === 'm').share;
    expect(w - m).toBeGreaterThan(0.08);
    const area = (id: string): number => negativeShare('sg_wohngegend_nacht', (r) => areaOf(r) === id).share;
    expect(Math.min(area('01'), area('02'))).toBeGreaterThan(Math.max(area('07'), area('08')) + 0.2);
    expect(area('02')).toBeGreaterThan(area('04'));
    // Conative dimension: older people avoid more.
    const avoidOld = negativeShare('vermeiden_haus_nachts', (r) => ageGroupOf(r) >= 3).share;
    const avoidYoung = negativeShare('vermeiden_haus_nachts', (r) => ageGroupOf(r) === 0).share;
    expect(avoidOld).toBeGreaterThan(avoidYoung + 0.08);
    expect(negativeShare('vermeiden_begleitung', (r) => r['geschlecht'] === 'w').share).toBeGreaterThan(
      negativeShare('vermeiden_begleitung', (r) => r['geschlecht'] === 'm').share,
    );
    expect(correlation('sg_wohngegend_nacht', 'furcht_nacht')).toBeGreaterThan(0.4);
    expect(correlation('sg_wohngegend_nacht', 'vermeiden_orte')).toBeGreaterThan(0.3);
    expect(correlation('furcht_nacht', 'beunruhigt_koerperverletzung')).toBeGreaterThan(0.3);
  });

  it('relates incivilities to the area', () => {
    const share = (code: string, ids: string[]): number =>
      negativeShare(code, (r) => ids.includes(areaOf(r))).share;
    for (const code of [
      'problem_graffiti',
      'problem_drogen',
      'problem_alkohol_oeffentlich',
      'problem_muell',
    ]) {
      expect(share(code, ['01', '02']), code).toBeGreaterThan(share(code, ['07', '08']) + 0.25);
    }
    expect(share('problem_raser', ['08'])).toBeGreaterThan(share('problem_raser', ['02']));
  });

  it('makes young men more often victims of violence; reporting rates differ by offence', () => {
    const youngMen = (r: Row): boolean => r['geschlecht'] === 'm' && ageGroupOf(r) === 0;
    const violent = (r: Row): boolean => r['opfer_koerperverletzung'] === '1' || r['opfer_raub'] === '1';
    const rate = (f: (r: Row) => boolean): number =>
      survey.filter(f).filter(violent).length / survey.filter(f).length;
    expect(rate(youngMen)).toBeGreaterThan(2 * rate((r) => !youngMen(r)));
    const reportRate = (delikte: string[]): number => {
      let victims = 0;
      let yes = 0;
      for (const d of delikte)
        for (const r of survey)
          if (r[`anzeige_${d}`] === '1' || r[`anzeige_${d}`] === '2') {
            victims++;
            if (r[`anzeige_${d}`] === '1') yes++;
          }
      return yes / victims;
    };
    expect(reportRate(['einbruch', 'kfz'])).toBeGreaterThan(0.7);
    expect(reportRate(['betrug_internet', 'sexuelle_belaestigung'])).toBeLessThan(0.35);
  });

  it('has Angsträume with repeated places, spelling variants and entries to sanitise', () => {
    const texts = survey
      .flatMap((r) => [r['angstort_1'], r['angstort_2'], r['angstort_3']])
      .filter((t): t is string => !!t);
    const bahnhof = texts.filter((t) => /bahnhof|bhf/i.test(t));
    expect(bahnhof.length).toBeGreaterThan(20);
    expect(new Set(bahnhof).size).toBeGreaterThanOrEqual(4);
    expect(texts).toEqual(
      expect.arrayContaining([
        'Stadtpark',
        'Stadtpark (abends)',
        'Unterführung B101',
        'Parkhaus Markt',
        'Skaterpark',
      ]),
    );
    expect(texts.some((t) => /@/.test(t))).toBe(true);
    expect(texts.some((t) => /\d{3} \d{5} \d{3}/.test(t))).toBe(true);
    expect(texts.some((t) => /straße \d+/i.test(t))).toBe(true);
    expect(texts.some((t) => /Herrn /.test(t))).toBe(true);
    // Free text comes only in order: no angstort_2 without angstort_1.
    expect(survey.filter((r) => r['angstort_1'] === '' && r['angstort_2'] !== '')).toHaveLength(0);
  });
});

describe('generate-musterstadt: bevoelkerung.xlsx', () => {
  it('has about 29,000 inhabitants of all ages (25,000 aged 16+) in 2025, areas between 600 and 7,000, all years 2021-2025', () => {
    const total = (year: number): number =>
      AREA_IDS.reduce((s, id) => s + (population.get(`${year}|${id}`) ?? 0), 0);
    expect(total(2025)).toBeGreaterThan(28000);
    expect(total(2025)).toBeLessThan(30500);
    for (const id of AREA_IDS) {
      const n = population.get(`2025|${id}`) ?? 0;
      expect(n, id).toBeGreaterThanOrEqual(600);
      expect(n, id).toBeLessThanOrEqual(7000);
    }
    for (const year of [2021, 2022, 2023, 2024]) {
      expect(Math.abs(total(year) / total(2025) - 1)).toBeLessThan(0.05);
      expect(total(year)).not.toBe(total(2025));
    }
  });

  it('has the title lines, the header in row 4, fixed document dates, w/m/d and the six age groups (0-15 included, contract §4)', async () => {
    const wb = await loadWorkbook(await bytes(dirA, 'bevoelkerung.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['bevoelkerung']);
    expect(wb.created.toISOString()).toBe('2026-01-15T08:00:00.000Z');
    const ws = wb.getWorksheet('bevoelkerung');
    expect(String(ws?.getRow(1).getCell(1).value)).toMatch(
      /^Einwohner .* nach Ortsteil, Geschlecht und Altersgruppe/,
    );
    const groups = new Set<string>();
    const sexes = new Map<string, number>();
    ws?.eachRow((row, n) => {
      if (n <= 4) return;
      expect(row.getCell(2).value).toMatch(/^0[1-8]$/);
      groups.add(String(row.getCell(4).value));
      const s = String(row.getCell(3).value);
      sexes.set(s, (sexes.get(s) ?? 0) + Number(row.getCell(5).value));
    });
    expect([...groups].sort()).toEqual(['0-15', '16-29', '30-44', '45-59', '60-74', '75+']);
    expect(sexes.get('d') ?? 0).toBeGreaterThan(0);
    expect((sexes.get('d') ?? 0) / (sexes.get('w') ?? 1)).toBeLessThan(0.005);
  });
});

describe('generate-musterstadt: kriminalitaet.csv', () => {
  const get = (jahr: number, gebiet: string, key: string): Row => {
    const r = crime.find(
      (x) => x['jahr'] === String(jahr) && x['gebiet'] === gebiet && x['schluessel'] === key,
    );
    if (!r) throw new Error(`${jahr} ${gebiet} ${key}`);
    return r;
  };
  const cases = (jahr: number, gebiet: string, key: string): number =>
    Number(get(jahr, gebiet, key)['faelle']);

  it('is UTF-8 without BOM with the contract columns and one row per year × area × key', async () => {
    const raw = await bytes(dirA, 'kriminalitaet.csv');
    expect(raw[0]).toBe('j'.charCodeAt(0));
    expect(raw.toString('utf8').split('\n')[0]).toBe(
      'jahr;gebiet;schluessel;straftat;faelle;versuche;aufgeklaert;tatverdaechtige',
    );
    expect(crime).toHaveLength(5 * 9 * DEFAULT_KEYS.length);
    for (const jahr of [2021, 2022, 2023, 2024, 2025])
      for (const g of [...AREA_IDS, 'gesamt'])
        for (const k of DEFAULT_KEYS) expect(() => get(jahr, g, k.key)).not.toThrow();
  });

  it('has 1,300-1,700 offences per year and an HZ of 5,000-6,500 in 2025; Bahnhofsviertel and Altstadt highest', () => {
    for (const jahr of [2021, 2022, 2023, 2024, 2025]) {
      expect(cases(jahr, 'gesamt', '------')).toBeGreaterThan(1300);
      expect(cases(jahr, 'gesamt', '------')).toBeLessThan(1700);
    }
    const pop2025 = AREA_IDS.reduce((s, id) => s + (population.get(`2025|${id}`) ?? 0), 0);
    const hz = (cases(2025, 'gesamt', '------') * 100000) / pop2025;
    expect(hz).toBeGreaterThan(5000);
    expect(hz).toBeLessThan(6500);
    const areaHz = AREA_IDS.map(
      (id) => [id, (cases(2025, id, '------') * 100000) / (population.get(`2025|${id}`) ?? 1)] as const,
    ).sort((a, b) => b[1] - a[1]);
    expect(
      areaHz
        .slice(0, 2)
        .map(([id]) => id)
        .sort(),
    ).toEqual(['01', '02']);
  });

  it('has Wohnungseinbruch in the dozens, rising Graffiti and a jump above 30 % (Cybercrime 2024)', () => {
    for (const jahr of [2021, 2022, 2023, 2024, 2025]) {
      expect(cases(jahr, 'gesamt', '435*00')).toBeGreaterThanOrEqual(20);
      expect(cases(jahr, 'gesamt', '435*00')).toBeLessThanOrEqual(60);
    }
    const graffiti = [2021, 2022, 2023, 2024, 2025].map((j) => cases(j, 'gesamt', '899500'));
    for (let i = 1; i < graffiti.length; i++) expect(graffiti[i]).toBeGreaterThan(graffiti[i - 1] ?? 0);
    expect(cases(2024, 'gesamt', '897000') / cases(2023, 'gesamt', '897000')).toBeGreaterThan(1.3);
  });

  it('is consistent: gesamt ≥ sum of areas, aufgeklaert ≤ faelle, ------ ≥ 890000 ≥ other keys, 674000 ≥ 899500', () => {
    let strictlyLarger = 0;
    for (const jahr of [2021, 2022, 2023, 2024, 2025]) {
      for (const k of DEFAULT_KEYS) {
        const sum = AREA_IDS.reduce((s, id) => s + cases(jahr, id, k.key), 0);
        expect(cases(jahr, 'gesamt', k.key)).toBeGreaterThanOrEqual(sum);
        if (cases(jahr, 'gesamt', k.key) > sum) strictlyLarger++;
      }
      for (const g of [...AREA_IDS, 'gesamt']) {
        expect(cases(jahr, g, '------')).toBeGreaterThanOrEqual(cases(jahr, g, '890000'));
        for (const k of DEFAULT_KEYS.filter((x) => x.key !== '------' && x.key !== '890000')) {
          expect(cases(jahr, g, '890000'), `${jahr} ${g} ${k.key}`).toBeGreaterThanOrEqual(
            cases(jahr, g, k.key),
          );
        }
        expect(cases(jahr, g, '674000')).toBeGreaterThanOrEqual(cases(jahr, g, '899500'));
      }
    }
    expect(strictlyLarger).toBeGreaterThanOrEqual(10);
    for (const r of crime) {
      expect(Number(r['aufgeklaert'])).toBeLessThanOrEqual(Number(r['faelle']));
      expect(Number(r['versuche'])).toBeLessThanOrEqual(Number(r['faelle']));
    }
  });
});

describe('generate-musterstadt: pks-kreise-2025.csv (BKA format)', () => {
  let lines: string[] = [];
  beforeAll(async () => {
    const raw = await bytes(dirA, 'pks-kreise-2025.csv');
    expect(raw.includes(Buffer.from([0xc3, 0xb6]))).toBe(false); // no UTF-8 "ö"
    expect(raw.includes(Buffer.from('G\xf6rlitz', 'latin1'))).toBe(true);
    expect(raw.includes(0x0d)).toBe(false);
    lines = iconv.decode(raw, 'latin1').split('\n');
  });
  const toInt = (s: string): number => Number(s.replace(/,/g, ''));

  it('has the column-number line, the 18-column header and 18 fields per row', () => {
    expect(lines[0]).toBe(Array.from({ length: 18 }, (_, i) => i + 1).join(';'));
    expect(lines[1]).toMatch(
      /^Schluessel;Straftat;Gemeindeschluessel;Stadt-\/Landkreis;Kreisart;Anzahl erfasste Faelle;Haeufigkeitszahl;/,
    );
    expect(lines[1]?.split(';')).toHaveLength(18);
    expect(lines.at(-1)).toBe('');
    for (const l of lines.slice(2, -1)) expect(l.split(';')).toHaveLength(18);
  });

  it('covers 15 Kreise (Kreis keys without leading zero) for every default key', () => {
    const rows = lines.slice(2, -1).map((l) => l.split(';'));
    const kreise = new Set(rows.map((r) => r[2]));
    expect(kreise.size).toBe(15);
    expect(kreise.has('1001')).toBe(true);
    expect(kreise.has('01001')).toBe(false);
    expect([...kreise].filter((k) => k?.startsWith('14'))).toHaveLength(13);
    for (const k of DEFAULT_KEYS)
      expect(
        rows.filter((r) => r[0] === k.key),
        k.key,
      ).toHaveLength(15);
    expect(rows.find((r) => r[2] === '14628')?.[3]).toBe('Sächsische Schweiz-Osterzgebirge');
  });

  it('uses BKA number formats and #DIV/0!, with HZ and AQ consistent with the counts', () => {
    const rows = lines.slice(2, -1).map((l) => l.split(';'));
    expect(rows.some((r) => /^\d{1,3}(,\d{3})+$/.test(r[5] ?? ''))).toBe(true);
    expect(rows.some((r) => r.includes('#DIV/0!'))).toBe(true);
    const population = new Map(
      rows
        .filter((r) => r[0] === '------')
        .map((r) => [r[2], (toInt(r[5] ?? '') * 100000) / toInt(r[6] ?? '')]),
    );
    for (const r of rows) {
      const cases = toInt(r[5] ?? '');
      const pop = population.get(r[2]) ?? 0;
      expect(Math.abs(toInt(r[6] ?? '') - (cases * 100000) / pop)).toBeLessThanOrEqual(1);
      if (cases === 0) expect(r[12]).toBe('#DIV/0!');
      else expect(Math.abs(Number(r[12]) - (100 * toInt(r[11] ?? '')) / cases)).toBeLessThanOrEqual(0.0501);
      expect(toInt(r[11] ?? '')).toBeLessThanOrEqual(cases);
      expect(toInt(r[14] ?? '') + toInt(r[15] ?? '')).toBe(toInt(r[13] ?? ''));
    }
    const hzMittelsachsen = toInt(rows.find((r) => r[0] === '------' && r[2] === '14522')?.[6] ?? '');
    expect(hzMittelsachsen).toBeGreaterThan(3100);
    expect(hzMittelsachsen).toBeLessThan(4300);
  });
});

describe('generate-musterstadt: pmk, gebietsprofil, ordnungswidrigkeiten', () => {
  it('pmk.csv has five Phänomenbereiche per year, partly with official labels', async () => {
    const rows = csv((await bytes(dirA, 'pmk.csv')).toString('utf8'), ',');
    expect(rows).toHaveLength(25);
    const labels = new Set(rows.map((r) => r['phaenomenbereich']));
    expect(labels.has('PMK -rechts-')).toBe(true);
    expect(labels.has('PMK -nicht zuzuordnen-')).toBe(true);
    expect(labels.has('links')).toBe(true);
    for (const r of rows) {
      expect(r['gebiet']).toBe('gesamt');
      expect(Number(r['faelle'])).toBeLessThan(40);
      expect(Number(r['gewaltdelikte'])).toBeLessThanOrEqual(Number(r['faelle']));
    }
  });

  it('gebietsprofil.csv is Windows-1252 with decimal commas, nine indicators per area and gesamt', async () => {
    const raw = await bytes(dirA, 'gebietsprofil.csv');
    expect(raw.includes(Buffer.from('km\xb2', 'latin1'))).toBe(true);
    expect(raw.includes(Buffer.from([0xc3, 0xbc]))).toBe(false);
    const rows = csv(iconv.decode(raw, 'win1252'), ';');
    expect(rows).toHaveLength(9 * 9);
    const value = (g: string, i: string): string =>
      rows.find((r) => r['gebiet'] === g && r['indikator'] === i)?.['wert'] ?? '';
    expect(value('02', 'arbeitslosenquote')).toMatch(/^\d+,\d$/);
    expect(value('gesamt', 'arbeitslose')).toMatch(/^\d\.\d{3}$/);
    expect(rows.find((r) => r['indikator'] === 'flaeche_km2')?.['einheit']).toBe('km²');
    for (const ind of [
      'flaeche_km2',
      'arbeitslosenquote',
      'sgb2_quote',
      'auslaenderanteil',
      'durchschnittsalter',
      'einpersonenhaushalte_anteil',
      'leerstandsquote',
      'wahlbeteiligung',
    ]) {
      expect(rows.filter((r) => r['indikator'] === ind)).toHaveLength(9);
    }
  });

  it('ordnungswidrigkeiten.csv is tab-delimited with area names and the Alkoholkonsumverbot from 2023', async () => {
    const text = (await bytes(dirA, 'ordnungswidrigkeiten.csv')).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('jahr\tgebiet\tkategorie\tanzahl');
    const rows = csv(text, '\t');
    expect(new Set(rows.map((r) => r['kategorie']))).toEqual(
      new Set(['Müll', 'Lärm', 'Hunde', 'Parken', 'Alkoholkonsumverbot']),
    );
    for (const r of rows) expect(names.has(r['gebiet'] ?? '')).toBe(true);
    const alcoholYears = new Set(
      rows.filter((r) => r['kategorie'] === 'Alkoholkonsumverbot').map((r) => r['jahr']),
    );
    expect([...alcoholYears].sort()).toEqual(['2023', '2024', '2025']);
  });
});
