import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/core/input/csv.js';
import { readSav } from '../../../src/core/import/sav.js';
import { buildZuordnung } from '../../../src/core/mapping/build.js';
import { ACCEPT_THRESHOLD, proposeMapping, similarity } from '../../../src/core/mapping/propose.js';
import { summariseTable } from '../../../src/core/mapping/summary.js';
import { buildLss } from '../../../src/core/questionnaire/lss.js';
import { validateUpload } from '../../../src/core/validate/upload.js';
import { limeSurveyExport } from '../import/limesurvey-export.js';
import { file, MANIFEST, upload } from '../validate/fixtures.js';

const areas = MANIFEST.gebiete;
const sav = readSav({
  name: 'befragung.sav',
  bytes: new Uint8Array(readFileSync(new URL('../../fixtures/import/institut.sav', import.meta.url))),
});

function csvTable(text: string) {
  return readCsv(file('befragung.csv', text), { kind: 'befragung', maxRows: 1000 }).table!;
}

describe('similarity', () => {
  it('compares word stems, ignoring filler words and inflection', () => {
    expect(
      similarity('Wie sicher fühlen Sie sich nachts in Ihrer Wohngegend?', 'sg wohngegend nacht'),
    ).toBeGreaterThan(0.5);
    expect(similarity('Ortsteil', 'Stadtteil')).toBe(0);
    expect(similarity('Alter (Jahre)', 'Alter')).toBeCloseTo(2 / 3);
  });
});

describe('proposeMapping – an institute’s SPSS file', () => {
  const proposal = proposeMapping(summariseTable(sav.table!, sav.variables), { areas });
  const by = (column: string) => proposal.columns.find((c) => c.column === column)!;

  it('proposes every column by its variable label and recodes by its value labels', () => {
    expect(proposal.columns.map((c) => [c.column, c.target])).toEqual([
      ['lfdnr', 'id'],
      ['ortsteil', 'gebiet'],
      ['geschl', 'geschlecht'],
      ['alterj', 'alter'],
      ['f01', 'sg_wohngegend_nacht'],
      ['f02', 'sg_wohngegend_tag'],
      ['f03', 'furcht_nacht'],
      ['f10', 'opfer_einbruch'],
      ['bem', 'angstort_1'],
    ]);
    expect(proposal.unmapped).toEqual([]);
    for (const c of proposal.columns) expect(c.confidence).toBeGreaterThanOrEqual(ACCEPT_THRESHOLD);
    expect(by('f01').reason).toBe(
      'Variablenbeschriftung ähnelt „Wie sicher fühlen Sie sich nachts ohne Begleitung in Ihrer Wohngegend?“',
    );
    // 1 = "sehr oft" on the institute's reversed scale is 5 on ours
    expect(by('f03').recode).toEqual({ '1': 5, '2': 4, '4': 2, '5': 1 });
    expect(by('f03').values.find((v) => v.value === '1')).toMatchObject({
      count: 1,
      becomes: 5,
      meaning: '5 – sehr oft',
    });
    expect(by('ortsteil').recode).toEqual({ '1': '01', '2': '02' });
    expect(by('geschl').recode).toEqual({ '1': 'w', '2': 'm', '3': 'd' });
    expect(by('f10').recode).toEqual({ '9': null });
    expect(by('f01').alternatives[0]).toMatchObject({ code: 'sg_wohngegend_tag' });
  });

  it('builds a befragung-zuordnung.json with which the upload validates', async () => {
    const { zuordnung, unmapped } = buildZuordnung(
      proposal.columns.map((c) => ({
        column: c.column,
        target: c.target,
        ignore: c.ignore,
        recode: c.recode,
      })),
    );
    expect(unmapped).toEqual([]);
    expect(zuordnung.spalten).toMatchObject({ f01: 'sg_wohngegend_nacht', ortsteil: 'gebiet' });
    const { report, dataset } = await validateUpload(
      upload({
        omit: ['befragung.csv'],
        extra: [
          { name: 'befragung.sav', bytes: readSavBytes() },
          file('befragung-zuordnung.json', JSON.stringify(zuordnung)),
        ],
      }),
    );
    expect(report.issues).toEqual([]);
    expect([...dataset!.survey.items['furcht_nacht']!]).toEqual([1, 4, 5, 2, 3, 0, 1, 2]);
  });
});

function readSavBytes(): Uint8Array {
  return new Uint8Array(readFileSync(new URL('../../fixtures/import/institut.sav', import.meta.url)));
}

describe('proposeMapping – a municipality’s own LimeSurvey survey', () => {
  // "Fragecode und Fragetext" headings, answer codes A1…, N/A for unanswered
  const text = [
    '"id";"submitdate";"lastpage";"startlanguage";"G01Q01. In welchem Stadtteil wohnen Sie?";"G01Q02. Geschlecht";"G01Q03. Ihr Alter";"G02Q01. Wie sicher fühlen Sie sich nachts allein in Ihrer Wohngegend?";"G02Q02. Wie zufrieden sind Sie mit der Arbeit der Polizei?";"G03Q09. Wie finden Sie unseren neuen Marktplatz?"',
    '"1";"2026-03-02 10:00:00";"4";"de";"Altstadt";"weiblich";"34";"A2";"A1";"A3"',
    '"2";"2026-03-02 11:00:00";"4";"de";"Nordviertel";"männlich";"58";"A4";"N/A";"A1"',
    '"3";"2026-03-03 09:30:00";"4";"de";"Altstadt";"N/A";"71";"A3";"A2";"A2"',
  ].join('\r\n');
  const proposal = proposeMapping(summariseTable(csvTable(text)), { areas });
  const by = (column: string) => proposal.columns.find((c) => c.column.startsWith(column))!;

  it('ignores LimeSurvey’s metadata, proposes by question text and reads A1… as positions with less confidence', () => {
    expect(by('submitdate')).toMatchObject({
      ignore: true,
      target: null,
      reason: 'Metadaten von LimeSurvey, werden nicht ausgewertet',
    });
    expect(by('id').target).toBe('id');
    expect(by('G01Q01').target).toBe('gebiet');
    expect(by('G01Q02').target).toBe('geschlecht');
    expect(by('G01Q03').target).toBe('alter');
    const sg = by('G02Q01');
    expect(sg.target).toBe('sg_wohngegend_nacht');
    expect(sg.recode).toEqual({ A2: 2, A4: 4, A3: 3 });
    expect(sg.reason).toContain('Reihenfolge bitte prüfen');
    expect(sg.confidence).toBeLessThan(by('G01Q02').confidence);
    expect(by('G02Q02').target).toBe('zufrieden_polizei');
    expect(by('G02Q02').recode).toMatchObject({ 'N/A': null });
  });

  it('lists the column it cannot place instead of guessing', () => {
    const market = by('G03Q09');
    expect(market.target).toBeNull();
    expect(market.reason).toBe('kein passender Standardcode gefunden');
    expect(proposal.unmapped).toEqual(['G03Q09. Wie finden Sie unseren neuen Marktplatz?']);
  });

  it('starts from the saved mapping of the municipality', () => {
    const again = proposeMapping(summariseTable(csvTable(text)), {
      areas,
      saved: {
        spalten: { 'G03Q09. Wie finden Sie unseren neuen Marktplatz?': 'z_marktplatz' },
        werte: { z_marktplatz: { A1: 1, A2: 2, A3: 3 } },
        zusatzfragen: [
          {
            code: 'z_marktplatz',
            frage: 'Wie finden Sie den Marktplatz?',
            antworten: ['gut', 'mittel', 'schlecht'],
          },
        ],
      },
    });
    const market = again.columns.find((c) => c.column.startsWith('G03Q09'))!;
    expect(market).toMatchObject({
      target: 'z_marktplatz',
      confidence: 1,
      reason: 'aus der gespeicherten Zuordnung der Kommune',
    });
    expect(market.recode).toEqual({ A1: 1, A2: 2, A3: 3 });
    expect(again.unmapped).toEqual([]);
    expect(again.zusatzfragen).toHaveLength(1);
  });
});

describe('proposeMapping – an export of the standard questionnaire', () => {
  it('recognises every question by its code and ignores the metadata', () => {
    const lss = buildLss({ areas });
    const { csv } = limeSurveyExport(lss, {
      headings: 'code',
      answers: 'text',
      empty: 'N/A',
      separator: ',',
      respondents: 12,
    });
    const proposal = proposeMapping(summariseTable(csvTable(csv)), { areas });
    const recognised = proposal.columns.filter(
      (c) => c.reason === 'Fragecode des Standardfragebogens (LimeSurvey)',
    );
    expect(recognised.length).toBeGreaterThan(60);
    expect(proposal.columns.filter((c) => c.ignore).map((c) => c.column)).toEqual([
      'submitdate',
      'lastpage',
      'startlanguage',
      'seed',
    ]);
    expect(proposal.unmapped).toEqual([]);
    const sg = proposal.columns.find((c) => c.column === 'SG[wohngegendnacht]')!;
    expect(sg.recode).toMatchObject({ 'sehr sicher': 1, 'N/A': null });
  });
});
