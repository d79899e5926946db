import { describe, expect, it } from 'vitest';
import { validateUpload } from '../../../src/core/validate/upload.js';
import { AGE_GROUPS, csv, file, MANIFEST, SURVEY_HEADER, surveyRows, upload } from './fixtures.js';

describe('validateUpload – happy path', () => {
  it('accepts the synthetic upload without any issue and builds the dataset', async () => {
    const { report, dataset } = await validateUpload(upload());
    expect(report.issues).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.errorCount).toBe(0);
    expect(report.warningCount).toBe(0);
    expect(dataset).not.toBeNull();
    const d = dataset!;

    // Manifest with defaults.
    expect(d.manifest).toEqual({
      kommune: { name: 'Teststadt', ags: '14522999' },
      titel: 'Sicherheitsanalyse Teststadt 2025',
      berichtsjahr: 2025,
      befragung: {},
      gebiete: MANIFEST.gebiete,
      vergleich: { kreis: '14522' },
      branding: { primaerfarbe: '#005CA9', akzentfarbe: '#E8A33D' },
      kontakte: [],
      optionen: { mindestfallzahl: 10 },
    });

    // Age groups from the population (all ages, contract §4), sorted.
    expect(d.ageGroups).toEqual([
      { label: '0-15', min: 0, max: 15 },
      { label: '16-29', min: 16, max: 29 },
      { label: '30-44', min: 30, max: 44 },
      { label: '45-59', min: 45, max: 59 },
      { label: '60-74', min: 60, max: 74 },
      { label: '75+', min: 75, max: null },
    ]);

    // Survey typed arrays.
    const s = d.survey;
    expect(s.size).toBe(40);
    expect(s.area).toBeInstanceOf(Int16Array);
    expect(Array.from(s.area.slice(0, 6))).toEqual([0, 1, 0, 1, 0, 1]);
    expect(Array.from(s.sex.slice(0, 6))).toEqual([1, 2, 3, 1, 2, 3]);
    // Ages 16 + (7i mod 80): 16, 23, 30, 37, 44, 51, 58, 65, 72, 79, 86, 93
    expect(Array.from(s.age.slice(0, 12))).toEqual([16, 23, 30, 37, 44, 51, 58, 65, 72, 79, 86, 93]);
    expect(Array.from(s.ageGroup.slice(0, 12))).toEqual([1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 5, 5]);
    expect(Array.from(s.mode.slice(0, 4))).toEqual([1, 2, 1, 2]);
    expect(Object.keys(s.items).sort()).toEqual([
      'anzeige_raub',
      'furcht_nacht',
      'opfer_raub',
      'sg_wohngegend_nacht',
    ]);
    expect(s.items['sg_wohngegend_nacht']).toBeInstanceOf(Uint8Array);
    expect(Array.from(s.items['sg_wohngegend_nacht']!.slice(0, 8))).toEqual([1, 2, 3, 4, 8, 9, 0, 1]);
    expect(Array.from(s.items['furcht_nacht']!.slice(0, 6))).toEqual([1, 2, 3, 4, 5, 1]);
    expect(Array.from(s.items['opfer_raub']!.slice(0, 11))).toEqual([1, 2, 2, 2, 2, 1, 2, 2, 2, 2, 1]);
    expect(Array.from(s.items['anzeige_raub']!.slice(0, 11))).toEqual([1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1]);
    expect(s.freeText).toEqual([{ area: 1, text: 'Bahnhof' }]);
    expect(s.extra).toEqual({});

    // Population and crime rows.
    expect(d.population).toHaveLength(24);
    expect(d.population[0]).toEqual({ areaId: '01', sex: 'w', ageGroup: '0-15', count: 100, year: null });
    expect(d.population[1]).toEqual({ areaId: '01', sex: 'w', ageGroup: '16-29', count: 110, year: null });
    expect(d.population[23]).toEqual({ areaId: '02', sex: 'm', ageGroup: '75+', count: 155, year: null });
    expect(d.crime).toHaveLength(7);
    expect(d.crime[2]).toEqual({
      year: 2024,
      areaId: null,
      key: '------',
      label: 'Straftaten insgesamt',
      cases: 200,
      attempts: 15,
      cleared: 100,
      suspects: 80,
    });
    expect(d.crime[4]).toEqual({
      year: 2025,
      areaId: '02',
      key: '------',
      label: 'Straftaten insgesamt',
      cases: 90,
      attempts: null,
      cleared: 45,
      suspects: null,
    });
    expect(d.crime[5]).toMatchObject({ key: '435*00', label: 'Einbruch', cases: 7 });
    expect(d.crime[6]).toMatchObject({ key: '224000', label: 'Vorsätzliche einfache Körperverletzung' });
    expect(d.pksKreise).toEqual([]);
    expect(d.pmk).toEqual([]);
    expect(d.logo).toBeNull();
  });

  it('summarises every file with its kind, size, sha256 and reader details', async () => {
    const { report } = await validateUpload(upload());
    expect(report.files.map((f) => [f.name, f.kind])).toEqual([
      ['analyse.json', 'analyse'],
      ['befragung.csv', 'befragung'],
      ['bevoelkerung.csv', 'bevoelkerung'],
      ['kriminalitaet.csv', 'kriminalitaet'],
    ]);
    const survey = report.files[1]!;
    expect(survey.rows).toBe(40);
    expect(survey.encoding).toBe('utf-8');
    expect(survey.delimiter).toBe(';');
    expect(survey.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The report is plain JSON.
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('hashes with sha256 over the exact bytes', async () => {
    const files = upload();
    const { report } = await validateUpload([...files, file('leer.txt', '')]);
    expect(report.files.find((f) => f.name === 'leer.txt')!.sha256).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('accepts the text forms of the special codes, Excel-like variants and matches names case-insensitively', async () => {
    const rows = surveyRows();
    rows[0]![5] = 'weiß nicht';
    rows[1]![5] = 'Weiss nicht';
    rows[2]![5] = 'trifft nicht zu';
    rows[3]![2] = 'Weiblich';
    rows[4]![2] = '2';
    rows[5]![2] = 'männlich';
    rows[6]![1] = ' Altstadt ';
    const header = [
      'ID',
      'Gebiet',
      'Geschlecht',
      'Alter',
      'Modus',
      'SG-Wohngegend Nacht',
      'Furcht Nacht',
      'opfer_raub',
      'anzeige_raub',
      'Angstort_1',
    ];
    const { report, dataset } = await validateUpload(
      upload({ survey: csv(header, rows) }).map((f) =>
        f.name === 'bevoelkerung.csv' ? { ...f, name: 'Bevölkerung.CSV' } : f,
      ),
    );
    expect(report.issues).toEqual([]);
    const s = dataset!.survey;
    expect(Array.from(s.items['sg_wohngegend_nacht']!.slice(0, 3))).toEqual([9, 9, 8]);
    expect(Array.from(s.sex.slice(3, 6))).toEqual([1, 2, 2]);
    expect(s.area[6]).toBe(0);
  });

  it('reads a survey given with altersgruppe instead of alter', async () => {
    const header = ['gebiet', 'geschlecht', 'altersgruppe', 'sg_wohngegend_nacht'];
    const rows = AGE_GROUPS.map((g, i) => ['02', 'w', g, String((i % 4) + 1)]);
    rows.push(['', '', '', '2']);
    const { report, dataset } = await validateUpload(upload({ survey: csv(header, rows) }));
    expect(report.issues).toEqual([]);
    // index 0 is the population's 0-15
    expect(Array.from(dataset!.survey.ageGroup)).toEqual([1, 2, 3, 4, 5, -1]);
    expect(Array.from(dataset!.survey.age)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(dataset!.survey.area)).toEqual([1, 1, 1, 1, 1, -1]);
    expect(Array.from(dataset!.survey.sex)).toEqual([1, 1, 1, 1, 1, 0]);
  });

  it('reads the optional files: PMK with old labels, Gebietsprofil with standard labels, Ordnungswidrigkeiten, logo', async () => {
    const manifest = {
      ...MANIFEST,
      branding: { logo: 'Wappen.svg', primaerfarbe: '#123abc' },
      optionen: { mindestfallzahl: 5 },
    };
    const pmk = csv(
      ['jahr', 'gebiet', 'phaenomenbereich', 'faelle', 'gewaltdelikte', 'stand'],
      [
        ['2025', 'gesamt', 'PMK -rechts-', '12', '2', '2026-01-31'],
        ['2025', 'gesamt', '-nicht zuzuordnen-', '3', '', ''],
        ['2024', '01', 'religiöse Ideologie', '1', '0', ''],
      ],
    );
    const profil = csv(
      ['gebiet', 'indikator', 'wert', 'einheit', 'jahr', 'quelle'],
      [
        ['01', 'flaeche_km2', '3,5', 'km²', '2024', 'Stadt'],
        ['02', 'Arbeitslosenquote', '6,1', '%', '2024', 'BA'],
        ['gesamt', 'Vereine', '42', '', '', ''],
      ],
    );
    const owi = csv(
      ['jahr', 'gebiet', 'kategorie', 'anzahl'],
      [
        ['2025', '01', 'Müll', '17'],
        ['2025', 'gesamt', 'Lärm', '5'],
      ],
    );
    const svg =
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#005CA9"/></svg>';
    const { report, dataset } = await validateUpload(
      upload({
        manifest,
        extra: [
          file('pmk.csv', pmk),
          file('gebietsprofil.csv', profil),
          file('ordnungswidrigkeiten.csv', owi),
          file('wappen.svg', svg),
        ],
      }),
    );
    expect(report.issues).toEqual([]);
    const d = dataset!;
    expect(d.manifest.branding).toEqual({
      logo: 'Wappen.svg',
      primaerfarbe: '#123ABC',
      akzentfarbe: '#E8A33D',
    });
    expect(d.manifest.optionen.mindestfallzahl).toBe(5);
    expect(d.pmk).toEqual([
      { year: 2025, areaId: null, bereich: 'rechts', cases: 12, violent: 2, stand: '2026-01-31' },
      { year: 2025, areaId: null, bereich: 'sonstige', cases: 3, violent: null, stand: null },
      { year: 2024, areaId: '01', bereich: 'religioese_ideologie', cases: 1, violent: 0, stand: null },
    ]);
    expect(d.profile).toEqual([
      {
        areaId: '01',
        indicator: 'flaeche_km2',
        label: 'Fläche (km²)',
        value: 3.5,
        unit: 'km²',
        year: 2024,
        source: 'Stadt',
      },
      {
        areaId: '02',
        indicator: 'arbeitslosenquote',
        label: 'Arbeitslosenquote',
        value: 6.1,
        unit: '%',
        year: 2024,
        source: 'BA',
      },
      {
        areaId: null,
        indicator: 'vereine',
        label: 'Vereine',
        value: 42,
        unit: null,
        year: null,
        source: null,
      },
    ]);
    expect(d.owi).toEqual([
      { year: 2025, areaId: '01', category: 'Müll', count: 17 },
      { year: 2025, areaId: null, category: 'Lärm', count: 5 },
    ]);
    expect(d.logo).toMatchObject({ file: 'wappen.svg', mime: 'image/svg+xml' });
    expect(report.files.find((f) => f.name === 'wappen.svg')!.kind).toBe('logo');
  });

  it('applies befragung-zuordnung.json: renames, recodes and extra questions', async () => {
    const zuordnung = {
      spalten: {
        Stadtteil: 'gebiet',
        G01Q02: 'geschlecht',
        G01Q03: 'alter',
        G02Q01: 'sg_wohngegend_nacht',
        G09Q01: 'z_spielplatz',
      },
      werte: {
        '*': { A1: 1, A2: 2, A3: 3, A4: 4, A9: 9, '-oth-': null },
        geschlecht: { AO01: 'w', AO02: 'm' },
      },
      ignorieren: ['submitdate', 'lastpage'],
      zusatzfragen: [
        {
          code: 'z_spielplatz',
          frage: 'Wie sicher fühlen Sie sich auf Spielplätzen?',
          antworten: ['sehr sicher', 'eher sicher', 'eher unsicher'],
        },
      ],
    };
    const header = ['submitdate', 'lastpage', 'Stadtteil', 'G01Q02', 'G01Q03', 'G02Q01', 'G09Q01'];
    const rows = [
      ['2026-03-03', '5', 'Altstadt', 'AO01', '34', 'A2', 'A3'],
      ['2026-03-04', '5', '02', 'AO02', '71', 'A9', '-oth-'],
    ];
    const { report, dataset } = await validateUpload(
      upload({
        survey: csv(header, rows),
        extra: [file('befragung-zuordnung.json', JSON.stringify(zuordnung))],
      }),
    );
    expect(report.issues).toEqual([]);
    const s = dataset!.survey;
    expect(s.size).toBe(2);
    expect(Array.from(s.area)).toEqual([0, 1]);
    expect(Array.from(s.sex)).toEqual([1, 2]);
    expect(Array.from(s.age)).toEqual([34, 71]);
    expect(Array.from(s.items['sg_wohngegend_nacht']!)).toEqual([2, 9]);
    expect(Array.from(s.extra['z_spielplatz']!)).toEqual([3, 0]);
    expect(dataset!.extraQuestions).toEqual([
      {
        code: 'z_spielplatz',
        question: 'Wie sicher fühlen Sie sich auf Spielplätzen?',
        labels: ['sehr sicher', 'eher sicher', 'eher unsicher'],
      },
    ]);
  });

  it('skips survey rows that are entirely empty', async () => {
    const blank = SURVEY_HEADER.map(() => ' ');
    const rows = [...surveyRows(3), blank, surveyRows(4)[3]!];
    const { report, dataset } = await validateUpload(upload({ survey: csv(SURVEY_HEADER, rows) }));
    expect(report.issues).toEqual([]);
    expect(dataset!.survey.size).toBe(4);
    expect(Array.from(dataset!.survey.items['furcht_nacht']!)).toEqual([1, 2, 3, 4]);
  });
});
