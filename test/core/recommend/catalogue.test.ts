import { describe, expect, it } from 'vitest';
import { ACTORS, defaultCatalogue, parseCatalogue } from '../../../src/core/recommend/index.js';
import catalogueData from '../../../src/core/recommend/catalogue.json' with { type: 'json' };

/** German spellings that betray a missing umlaut or ß. */
const ASCII_GERMAN =
  /\b(fuer|ueber|Massnahme|Strasse|Buerger|oeffentlich|Praevention|Foerder|Sicherheitsgefuehl|Aemter)/i;

describe('the shipped catalogue', () => {
  const cat = defaultCatalogue();

  it('is valid (shape and references)', () => {
    const r = parseCatalogue(catalogueData);
    expect(r.ok ? [] : r.error).toEqual([]);
    expect(cat.measures.length).toBeGreaterThanOrEqual(15);
    expect(cat.measures.length).toBeLessThanOrEqual(22);
  });

  it('gives every measure actors, a Beccaria evaluation, support and German texts', () => {
    for (const m of cat.measures) {
      expect(m.actors.length, m.id).toBeGreaterThan(0);
      for (const a of m.actors) expect(ACTORS).toContain(a);
      expect(m.evaluation, m.id).toMatch(/Beccaria-Schritt/);
      expect(m.support.length, m.id).toBeGreaterThan(0);
      for (const s of m.support) expect(cat.support[s], `${m.id}: ${s}`).toBeDefined();
      expect(m.title, m.id).toMatch(/^[A-ZÄÖÜ]/);
      for (const text of [m.title, m.description, m.evaluation, m.field, ...m.targetGroups])
        expect(text, m.id).not.toMatch(ASCII_GERMAN);
    }
    for (const text of Object.values(cat.support)) expect(text).not.toMatch(ASCII_GERMAN);
  });

  it('covers the topics of the brief', () => {
    const ids = cat.measures.map((m) => m.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'saubere-stadt',
        'graffiti-vandalismus',
        'alkoholkonsumverbot',
        'praesenz-ordnungsdienst',
        'angstraeume-staedtebau',
        'leerstand',
        'einbruchschutz-nachbarschaft',
        'seniorensicherheit',
        'jugend-oeffentlicher-raum',
        'verkehrssicherheit',
        'kommunikation-furcht',
        'anzeigebereitschaft',
        'nachbarschaft-sozialkapital',
        'buergernahe-polizei',
        'drogen',
        'kpr-staerken',
        'kpr-koordination',
        'wiederholungsbefragung',
      ]),
    );
  });

  it('keeps the general measures unconditional with priority mittel or niedrig', () => {
    const general = cat.measures.filter((m) => m.type === 'general');
    expect(general.length).toBeGreaterThanOrEqual(3);
    for (const m of general) {
      expect(m.trigger).toEqual({ always: true });
      expect(['mittel', 'niedrig']).toContain(m.priority.default);
      expect(m.priority.hoch).toBeUndefined();
    }
  });

  it('states the legal preconditions of an Alkoholkonsumverbot and the RL KommPräv consultation', () => {
    const alc = cat.measures.find((m) => m.id === 'alkoholkonsumverbot');
    expect(alc?.description).toContain('§ 33 SächsPBG');
    for (const phrase of [
      'alkoholbedingte Straftaten',
      'Örtlichkeiten und Zeiten',
      'befristete Geltung',
      'Gemeinderats',
    ])
      expect(alc?.description).toContain(phrase);
    expect(alc?.priority.hoch).toBeUndefined();
    for (const id of [
      'rl-kommpraev-koordinator',
      'rl-kommpraev-graffiti',
      'rl-kommpraev-saubere-stadt',
      'rl-kommpraev-konflikte',
    ]) {
      expect(cat.support[id]).toContain('Beratungsgespräch');
    }
    expect(cat.measures.find((m) => m.id === 'drogen')?.description).toContain('Kontrolldelikt');
    expect(cat.measures.find((m) => m.id === 'jugend-oeffentlicher-raum')?.description).toContain(
      'überreagieren',
    );
  });
});

describe('parseCatalogue rejects bad catalogues', () => {
  const base = structuredClone(catalogueData) as {
    measures: Record<string, unknown>[];
    support: Record<string, string>;
  };
  const withMeasure = (patch: Record<string, unknown>) => ({
    ...base,
    measures: [{ ...base.measures[0], ...patch }],
  });

  it('reports unknown items, Delikte, keys and support ids', () => {
    const r = parseCatalogue(
      withMeasure({
        trigger: {
          anyOf: [
            { metric: 'item.negativeShareWeighted', item: 'problem_ufo', op: '>=', value: 0.2 },
            { metric: 'victimisation.prevalence', delikt: 'zauberei', op: '>=', value: 0.1 },
            { metric: 'crime.cases', key: '12', op: '>=', value: 1 },
          ],
        },
        support: ['gibt-es-nicht'],
      }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toEqual([
        'saubere-stadt: unbekanntes Unterstützungsangebot gibt-es-nicht',
        'saubere-stadt: unbekanntes Item problem_ufo',
        'saubere-stadt: unbekanntes Delikt zauberei',
        'saubere-stadt: ungültiger Schlüssel 12',
      ]);
    }
  });

  it('reports bad shapes: operator, actor, missing Beccaria, unknown field, duplicate id', () => {
    expect(
      parseCatalogue(
        withMeasure({
          trigger: { metric: 'item.negativeShareWeighted', item: 'problem_muell', op: '=>', value: 0.2 },
        }),
      ).ok,
    ).toBe(false);
    expect(parseCatalogue(withMeasure({ actors: ['Feuerwehr'] })).ok).toBe(false);
    expect(parseCatalogue(withMeasure({ evaluation: 'Wiederholungsbefragung in 3 Jahren' })).ok).toBe(false);
    expect(parseCatalogue(withMeasure({ trigger: { metric: 'paradox.present', extra: 1 } })).ok).toBe(false);
    const dup = parseCatalogue({ ...base, measures: [base.measures[0], base.measures[0]] });
    expect(dup.ok ? [] : dup.error).toEqual(['saubere-stadt: doppelte id']);
  });
});
