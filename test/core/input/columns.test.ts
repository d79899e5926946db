import { describe, expect, it } from 'vitest';
import { normaliseColumnName } from '../../../src/core/input/columns.js';

describe('normaliseColumnName', () => {
  it.each([
    ['Sg-Wohngegend Nacht', 'sg_wohngegend_nacht'],
    ['sg_wohngegend_nacht', 'sg_wohngegend_nacht'],
    ['SG WOHNGEGEND  NACHT', 'sg_wohngegend_nacht'],
    ['Größe', 'groesse'],
    ['Groesse', 'groesse'],
    ['GRÖSSE', 'groesse'],
    ['Präsenz Polizei', 'praesenz_polizei'],
    ['Müll', 'muell'],
    ['  gebiet \t', 'gebiet'],
    ['\uFEFFgebiet', 'gebiet'],
    ['Ka\u0308se', 'kaese'], // decomposed umlaut (macOS)
    ['Gemeindeschlüssel', 'gemeindeschluessel'],
    ['Stadt-/Landkreis', 'stadt_/landkreis'],
    ['Straße\u00a0Nr', 'strasse_nr'],
    ['Café', 'cafe'],
    ['_-_', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseColumnName(input)).toBe(expected);
  });
});
