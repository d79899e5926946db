/** The second wave of the example (issue 16): generated from the same seed, consistent with the first, committed as generated. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMusterstadt, generateMusterstadtWave2 } from '../../scripts/generate-musterstadt.js';

let first = '';
let second = '';

beforeAll(async () => {
  first = await mkdtemp(join(tmpdir(), 'musterstadt-1-'));
  second = await mkdtemp(join(tmpdir(), 'musterstadt-2-'));
  await Promise.all([generateMusterstadt(first), generateMusterstadtWave2(second)]);
});

afterAll(async () => {
  await Promise.all([
    rm(first, { recursive: true, force: true }),
    rm(second, { recursive: true, force: true }),
  ]);
});

const lines = async (dir: string, year: number) =>
  (await readFile(join(dir, 'kriminalitaet.csv'), 'utf8'))
    .split('\n')
    .filter((l) => l.startsWith(`${year};`));

describe('generate-musterstadt --wave 2', () => {
  it('equals the committed examples/musterstadt-2029 (regenerate: npm run generate:example -- --wave 2)', async () => {
    const names = (await readdir(second)).sort();
    expect(names).toEqual((await readdir('examples/musterstadt-2029')).sort());
    for (const name of names)
      expect(
        (await readFile(join(second, name))).equals(await readFile(join('examples/musterstadt-2029', name))),
        name,
      ).toBe(true);
  });

  it('names the first wave as predecessor with the measure implemented since', async () => {
    const m = JSON.parse(await readFile(join(second, 'analyse.json'), 'utf8'));
    expect(m).toMatchObject({
      berichtsjahr: 2028,
      befragung: { zeitraum: '2029-03-05/2029-04-13' },
      vorgaenger: {
        analyse: 'musterstadt',
        massnahmen: [{ empfehlung: 'angstraeume-staedtebau', umgesetzt: '2027-06-30', gebiete: ['02'] }],
      },
    });
  });

  it('repeats the PKS of 2024 and 2025 exactly as the first wave published them', async () => {
    for (const year of [2024, 2025]) expect(await lines(second, year)).toEqual(await lines(first, year));
    expect((await lines(second, 2028)).length).toBeGreaterThan(0);
  });
});
