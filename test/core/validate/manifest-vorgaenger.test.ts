/** `vorgaenger` in analyse.json (issue 16): the predecessor's id and the measures implemented since. */
import { describe, expect, it } from 'vitest';
import { IssueCollector } from '../../../src/core/validate/collector.js';
import { validateManifest } from '../../../src/core/validate/manifest.js';

const base = {
  kommune: { name: 'Musterstadt', ags: '14522999' },
  berichtsjahr: 2028,
  gebiete: [{ id: '02', name: 'Bahnhofsviertel' }],
};

function check(vorgaenger: unknown) {
  const issues = new IssueCollector();
  const file = {
    name: 'analyse.json',
    bytes: new TextEncoder().encode(JSON.stringify({ ...base, vorgaenger })),
  };
  const { manifest } = validateManifest(file, issues);
  return { manifest, messages: issues.finish(() => 0).issues.map((i) => i.message) };
}

describe('analyse.json: vorgaenger', () => {
  it('reads the predecessor and its measures', () => {
    const { manifest, messages } = check({
      analyse: 'musterstadt',
      massnahmen: [
        {
          empfehlung: 'angstraeume-staedtebau',
          umgesetzt: '2027-06-30',
          gebiete: ['02'],
          beschreibung: ' LED ',
        },
      ],
    });
    expect(messages).toEqual([]);
    expect(manifest?.vorgaenger).toEqual({
      analyse: 'musterstadt',
      massnahmen: [
        {
          empfehlung: 'angstraeume-staedtebau',
          umgesetzt: '2027-06-30',
          gebiete: ['02'],
          beschreibung: 'LED',
        },
      ],
    });
    expect(check({ analyse: 'musterstadt' }).manifest?.vorgaenger).toEqual({
      analyse: 'musterstadt',
      massnahmen: [],
    });
  });

  it('names the field and what was expected for a bad id or date (German)', () => {
    const bad = check({ analyse: '../x', massnahmen: [{ empfehlung: 'a', umgesetzt: '2027-02-30' }] });
    expect(bad.manifest).toBeNull();
    expect(bad.messages.join('\n')).toContain('vorgaenger.analyse');
    expect(bad.messages.join('\n')).toContain('ist keine Analyse-ID');
    expect(bad.messages.join('\n')).toContain('Feld „vorgaenger.massnahmen[1].umgesetzt“: Wert „2027-02-30“');
    expect(bad.messages.join('\n')).toContain('ist kein gültiges Datum');
  });
});
