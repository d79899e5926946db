import { describe, expect, it } from 'vitest';
import {
  analyseAngstraeume,
  displayForm,
  placeKey,
} from '../../../../src/core/analysis/survey/angstraeume.js';
import { personalData } from '../../../../src/core/analysis/survey/personal-data.js';

const mentions = (...texts: string[]) => texts.map((text) => ({ text }));

describe('personalData', () => {
  it.each([
    ['max.mustermann@example.org', 'email'],
    ['Schreiben Sie mir: a@b.de', 'email'],
    ['Tel. 0371 123456', 'phone'],
    ['+49 (371) 12 34 56', 'phone'],
    ['0170-1234567', 'phone'],
    ['Hauptstraße 12', 'address'],
    ['vor der Bahnhofstr. 5a', 'address'],
    ['Am Markt 3', 'address'],
    ['Lindenweg 7, hinten', 'address'],
    ['Hausnummer 4 im Hof', 'address'],
    ['bei Frau Müller', 'person'],
    ['Herr Schmidt von gegenüber', 'person'],
    ['Familie Özdemir', 'person'],
    ['bei Meier', 'person'],
    ['Haus von Krause', 'person'],
    ['mein Nachbar Jens', 'person'],
  ])('%s → %s', (text, kind) => {
    expect(personalData(text)).toBe(kind);
  });

  it.each([
    'Bahnhof',
    'am Bahnhof (abends)',
    'Stadtpark bei Nacht',
    'Parkplatz bei Kaufland',
    'Unterführung Mühlgraben',
    'Bushaltestelle Linie 3',
    'Frauenparkplatz',
    'Nachbarschaft Südstadt',
    'Park bei der Schule',
    'bei Dunkelheit im Park',
    '2023 am Markt',
  ])('%s is a place, not personal data', (text) => {
    expect(personalData(text)).toBeNull();
  });
});

describe('normalisation', () => {
  it('strips prefixes, parentheticals, time words and punctuation', () => {
    expect(displayForm('  am Bahnhof (abends)! ')).toBe('Bahnhof');
    expect(displayForm('in der Innenstadt')).toBe('Innenstadt');
    expect(displayForm('beim   Netto nachts')).toBe('Netto');
    expect(displayForm('rund um den Marktplatz')).toBe('Marktplatz');
    expect(displayForm('Im Stadtpark bei Dunkelheit')).toBe('Stadtpark');
    expect(displayForm('Einkaufszentrum "Ostpassage"')).toBe('Einkaufszentrum Ostpassage');
    expect(displayForm('„Bahnhof“ (Treppenhaus)')).toBe('Bahnhof');
  });

  it('folds umlaut variants, case, spacing and simple inflection in the key', () => {
    expect(placeKey('Mühlgraben')).toBe(placeKey('Muehlgraben'));
    expect(placeKey('STADTPARK')).toBe(placeKey('Stadt-Park'));
    expect(placeKey('Bahnhofs')).toBe(placeKey('Bahnhof'));
    expect(placeKey('Haltestellen')).toBe(placeKey('Haltestelle'));
    expect(placeKey('Straße')).toBe(placeKey('Strasse'));
  });
});

describe('analyseAngstraeume', () => {
  it('merges variants onto the canonical place and keeps only places named at least 3 times', () => {
    const r = analyseAngstraeume(
      mentions(
        'Bahnhof',
        'am Bahnhof',
        'Bahnhof (abends)',
        'Bahnhofsvorplatz',
        'BAHNHOF',
        'Stadtpark',
        'im Stadtpark',
        'Stadt-Park nachts',
        'Unterführung Mühlgraben',
        'Unterfuehrung Muehlgraben',
        'Unterführung Mühlgraben',
        'Friedhof',
        'Friedhof',
        'keine',
        'weiß nicht',
        '-',
        '',
      ),
    );
    // Bahnhof: 5 (Bahnhof ×3 forms + Bahnhofsvorplatz + BAHNHOF); Stadtpark 3; Unterführung 3
    // (umlaut variants merged, the umlaut spelling wins 2:1); Friedhof only 2 → dropped.
    expect(r.places).toEqual([
      { place: 'Bahnhof', mentions: 5 },
      { place: 'Stadtpark', mentions: 3 },
      { place: 'Unterführung Mühlgraben', mentions: 3 },
    ]);
    expect(r.removed).toBe(0);
  });

  it('removes names, addresses, phone numbers and e-mails and counts them', () => {
    const r = analyseAngstraeume(
      mentions(
        'Marktplatz',
        'Marktplatz',
        'am Marktplatz',
        'bei Frau Müller',
        'Hauptstraße 12',
        '0371 1234567',
        'info@example.org',
        'Familie Schulze',
        'Marktplatz (Frau Schulze wohnt dort)',
      ),
    );
    // The last one contains a name in the parenthesis: the whole mention is dropped.
    expect(r.places).toEqual([{ place: 'Marktplatz', mentions: 3 }]);
    expect(r.removed).toBe(6);
  });

  it('merges word-order variants, inner prepositions and abbreviations', () => {
    const r = analyseAngstraeume(
      mentions(
        'Unterführung B101',
        'Unterführung B101',
        'B101-Unterführung',
        'Unterführung an der B101',
        'Parkhaus am Markt',
        'Parkhaus Markt',
        'Parkhaus Markt',
        'Bhf.',
        'Bahnhof',
        'Hbf',
      ),
    );
    // Unterführung B101: 4 (same words in any order, "an der" dropped); Parkhaus Markt: 3;
    // Bhf → Bahnhof: 2 (< 3, dropped); Hbf → Hauptbahnhof: 1 (dropped).
    expect(r.places).toEqual([
      { place: 'Unterführung B101', mentions: 4 },
      { place: 'Parkhaus Markt', mentions: 3 },
    ]);
  });

  it('short keys (< 5 letters) do not absorb longer ones', () => {
    // "Park" must not swallow "Parkplatz"
    const r = analyseAngstraeume(mentions('Park', 'Park', 'Park', 'Parkplatz', 'Parkplatz', 'Parkplatz'));
    expect(r.places).toEqual([
      { place: 'Park', mentions: 3 },
      { place: 'Parkplatz', mentions: 3 },
    ]);
  });
});
