import { describe, expect, it } from 'vitest';
import { CODE_MISSING, ITEMS } from '../../../src/core/model/codebook.js';
import { buildLss, lssColumns } from '../../../src/core/questionnaire/lss.js';
import { validateUpload } from '../../../src/core/validate/upload.js';
import { file, MANIFEST, upload } from '../validate/fixtures.js';
import { limeSurveyExport, lssColumnsOf } from '../import/limesurvey-export.js';

const lss = buildLss({ areas: MANIFEST.gebiete });

describe('buildLss', () => {
  it('writes well-formed LimeSurvey XML with valid, unique codes', () => {
    expect(lss.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<document>')).toBe(true);
    expect(lss).toContain('<DBVersion>477</DBVersion>');
    expect(buildLss({ areas: MANIFEST.gebiete })).toBe(lss);
    const columns = lssColumnsOf(lss);
    const titles = columns.map((c) => c.code);
    expect(new Set(titles).size).toBe(titles.length);
    for (const c of columns) expect(c.code).toMatch(/^[A-Za-z][A-Za-z0-9]{0,19}(?:\[[A-Za-z0-9]{1,20}\])?$/);
    // every standard item, the attributes and the three free texts
    expect(columns.length).toBe(ITEMS.length + 3 + 3);
    expect(titles).toContain('SG[wohngegendnacht]');
    const sg = columns.find((c) => c.code === 'SG[wohngegendnacht]')!;
    expect(sg.answers.map((a) => `${a.code}=${a.text}`)).toEqual([
      '1=sehr sicher',
      '2=eher sicher',
      '3=eher unsicher',
      '4=sehr unsicher',
      '8=trifft nicht zu',
    ]);
    expect(columns.find((c) => c.code === 'ANZEIGE[raub]')!.relevance).toBe('OPFER_raub.NAOK == "1"');
    expect(columns.find((c) => c.code === 'GEBIET')!.answers).toEqual([
      { code: '01', text: 'Altstadt' },
      { code: '02', text: 'Nordviertel' },
    ]);
    // responses are anonymous: no IP address, no referrer, no dates
    expect(lss).toContain('<anonymized><![CDATA[Y]]></anonymized>');
    expect(lss).toContain('<ipaddr><![CDATA[N]]></ipaddr>');
  });

  it('agrees with lssColumns for every standard code', () => {
    const fromXml = lssColumnsOf(lss).map((c) => c.code);
    expect([...lssColumns({ areas: MANIFEST.gebiete }).values()]).toEqual(fromXml);
  });
});

describe('round trip: .lss → LimeSurvey response export → reader, without a mapping', () => {
  const cases = [
    { headings: 'code', answers: 'code', empty: '', separator: ',' },
    { headings: 'full', answers: 'text', empty: 'N/A', separator: ';' },
    { headings: 'code', answers: 'text', empty: 'N/A', separator: ',' },
  ] as const;
  for (const c of cases)
    it(`headings ${c.headings}, answers as ${c.answers}, empty ${c.empty || '(leer)'}`, async () => {
      const { csv, codes } = limeSurveyExport(lss, { ...c, respondents: 40 });
      const files = upload({ omit: ['befragung.csv'], extra: [file('results-survey271828.csv', csv)] });
      const { report, dataset } = await validateUpload(files);
      expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(report.issues.map((i) => i.code)).toEqual(['limesurvey-recognised']);
      const survey = dataset!.survey;
      expect(survey.size).toBe(40);
      const columnOf = lssColumns({ areas: MANIFEST.gebiete });
      let compared = 0;
      for (const item of ITEMS) {
        const values = survey.items[item.code];
        const column = columnOf.get(item.code)!;
        if (!values) {
          // an item nobody answered is left out by the reader
          expect(codes.every((r) => (r[column] ?? '') === '')).toBe(true);
          continue;
        }
        codes.forEach((r, i) => {
          const given = r[column] ?? '';
          expect(values[i], `${item.code} row ${i}`).toBe(given === '' ? CODE_MISSING : Number(given));
          compared += 1;
        });
      }
      expect(compared).toBeGreaterThan(40 * 50);
      expect([...survey.sex.slice(0, 3)]).toEqual(
        codes.slice(0, 3).map((r) => ({ w: 1, m: 2, d: 3 })[r['GESCHLECHT'] as 'w'] ?? 0),
      );
      expect(survey.age[0]).toBe(Number(codes[0]!['ALTER']));
    });
});
