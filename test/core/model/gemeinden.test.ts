import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gemeindeIndex, parseGemeinden } from '../../../src/core/model/gemeinden.js';
import { loadGemeinden } from '../../../src/adapters/gemeinden-file.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('parseGemeinden', () => {
  it('reads the shipped list of the 419 Saxon municipalities', () => {
    const { gemeinden, issues } = parseGemeinden({
      name: 'gemeinden-sachsen.csv',
      bytes: readFileSync('data/gemeinden-sachsen.csv'),
    });
    expect(issues).toEqual([]);
    expect(gemeinden).toHaveLength(419);
    const chemnitz = gemeindeIndex(gemeinden).get('14511000');
    expect(chemnitz).toEqual({
      ags: '14511000',
      name: 'Chemnitz, Stadt',
      kreisKey: '14511',
      kreis: 'Chemnitz, Stadt',
      einwohner: 246334,
      flaecheKm2: 221.06,
    });
  });

  it('restores an AGS that lost its leading zero and reports a row without a valid AGS', () => {
    const csv =
      'ags;gemeinde;kreis_schluessel;kreis;einwohner;flaeche_km2\n1001000;Flensburg;1001;Flensburg;91.113;56,73\nx;Kaputt;;;;\n';
    const { gemeinden, issues } = parseGemeinden({ name: 'liste.csv', bytes: bytes(csv) });
    expect(gemeinden.map((g) => [g.ags, g.kreisKey, g.einwohner])).toEqual([['01001000', '01001', 91113]]);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toContain('liste.csv, Zeile 3, Spalte „ags“');
  });

  it('loads the configured file through the adapter', () => {
    expect(loadGemeinden().gemeinden.length).toBe(419);
  });
});
