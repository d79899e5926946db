/**
 * The first-mile commands as a user runs them (`node bin/sia.js …` in a child process, answers
 * typed on standard input): sia zuordnung (interactive, --ja, --json), sia init (flags and
 * questions), sia fragebogen (the PDF read back, the .lss).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputFolder } from '../../../src/adapters/fs-input.js';
import { validateUpload } from '../../../src/core/validate/upload.js';
import { pdfInfo, pdfText } from '../../support/pdf.js';
import { ITEMS } from '../../../src/core/model/codebook.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const LIMESURVEY = join(ROOT, 'examples/musterstadt-limesurvey');

function sia(args: readonly string[], input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/sia.js'), ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'sia-first-mile-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('sia zuordnung', () => {
  it('--json prints the proposal and writes nothing', async () => {
    const dir = join(work, 'json');
    cpSync(LIMESURVEY, dir, { recursive: true });
    rmSync(join(dir, 'befragung-zuordnung.json'));
    const r = await sia(['zuordnung', dir, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      datei: string;
      zeilen: number;
      spalten: { column: string; target: string | null; confidence: number; ignore: boolean }[];
      nichtZugeordnet: string[];
    };
    expect(out.datei).toBe('results-survey456789.csv');
    expect(out.zeilen).toBe(382);
    const sg = out.spalten.find((c) => c.column.startsWith('G03Q01[SQ001]'))!;
    expect(sg).toMatchObject({ target: 'sg_wohngegend_nacht', confidence: 1 });
    expect(out.spalten.filter((c) => c.ignore).map((c) => c.column)).toEqual([
      'submitdate',
      'lastpage',
      'startlanguage',
      'seed',
    ]);
    expect(out.nichtZugeordnet).toEqual(['G10Q01. Wie beurteilen Sie die Beleuchtung am neuen Marktplatz?']);
    expect(existsSync(join(dir, 'befragung-zuordnung.json'))).toBe(false);
  });

  it('--ja saves the mapping, lists what it left open, and the folder then validates', async () => {
    const dir = join(work, 'ja');
    cpSync(LIMESURVEY, dir, { recursive: true });
    rmSync(join(dir, 'befragung-zuordnung.json'));
    const r = await sia(['zuordnung', dir, '--ja']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(86 Spalten zugeordnet, 4 ignoriert)');
    expect(r.stdout).toContain(
      'Nicht zugeordnet (werden als unbekannte Spalten gemeldet): „G10Q01. Wie beurteilen Sie die Beleuchtung am neuen Marktplatz?“',
    );
    const saved = JSON.parse(readFileSync(join(dir, 'befragung-zuordnung.json'), 'utf8')) as {
      spalten: Record<string, string>;
      werte: Record<string, Record<string, unknown>>;
      ignorieren: string[];
    };
    expect(saved.spalten['G01Q01. In welchem Ortsteil wohnen Sie?']).toBe('gebiet');
    expect(saved.werte['sg_wohngegend_nacht']).toMatchObject({
      'sehr sicher': 1,
      'sehr unsicher': 4,
      'N/A': null,
    });
    expect(saved.ignorieren).toEqual(['submitdate', 'lastpage', 'startlanguage', 'seed']);
    const { report } = await validateUpload(await readInputFolder(dir));
    expect(report.valid).toBe(true);
    expect(
      report.issues.filter((i) => i.file === 'results-survey456789.csv').map((i) => [i.code, i.column]),
    ).toEqual([['column-unknown', 'G10Q01. Wie beurteilen Sie die Beleuchtung am neuen Marktplatz?']]);
  });

  it('asks column by column: Enter takes the proposal, a code corrects it, i ignores', async () => {
    const dir = join(work, 'sav');
    mkdirSync(dir);
    cpSync(join(ROOT, 'test/fixtures/import/institut.sav'), join(dir, 'befragung.sav'));
    // lfdnr, ortsteil, geschlecht, alterj: take; f01: correct to sg_wohngegend_tag (used later? no: f02 then gets sg_wohngegend_nacht);
    // f02: sg_wohngegend_nacht; f03, f10: take; bem: ignore
    const answers =
      ['', '', '', '', 'sg_wohngegend_tag', 'sg_wohngegend_nacht', '', '', 'i'].join('\n') + '\n';
    const r = await sia(['zuordnung', dir], answers);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Befragungsdatei: befragung.sav (9 Spalten, 8 Zeilen)');
    expect(r.stdout).toContain(
      '[5/9] Spalte „f01“ – Wie sicher fühlen Sie sich nachts ohne Begleitung in Ihrer Wohngegend?',
    );
    expect(r.stdout).toContain('Vorschlag: sg_wohngegend_nacht');
    expect(r.stdout).toContain('„1“ (1×) → 5 – sehr oft');
    const saved = JSON.parse(readFileSync(join(dir, 'befragung-zuordnung.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(saved).toEqual({
      spalten: {
        lfdnr: 'id',
        ortsteil: 'gebiet',
        geschl: 'geschlecht',
        alterj: 'alter',
        f01: 'sg_wohngegend_tag',
        f02: 'sg_wohngegend_nacht',
        f03: 'furcht_nacht',
        f10: 'opfer_einbruch',
      },
      werte: {
        geschlecht: { '1': 'w', '2': 'm', '3': 'd' },
        furcht_nacht: { '1': 5, '2': 4, '4': 2, '5': 1 },
        opfer_einbruch: { '9': null },
      },
      ignorieren: ['bem'],
    });
  });
});

describe('sia init', () => {
  it('writes analyse.json from flags, with the municipality and its Kreis from the list', async () => {
    const dir = join(work, 'init-flags');
    const r = await sia([
      'init',
      dir,
      '--ja',
      '--name',
      'Annaberg',
      '--jahr',
      '2025',
      '--von',
      '2.3.2026',
      '--bis',
      '10.4.2026',
      '--modus',
      'Papier und online',
      '--angeschrieben',
      '1500',
      '--gebiet',
      '01=Innenstadt',
      '--gebiet',
      '02=Buchholz',
      '--kontakt',
      'Ordnungsamt',
      '--email',
      'ordnungsamt@annaberg.example',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'analyse.json'), 'utf8'))).toEqual({
      kommune: { name: 'Annaberg-Buchholz', ags: '14521020' },
      berichtsjahr: 2025,
      befragung: { zeitraum: '2026-03-02/2026-04-10', angeschrieben: 1500, modus: 'Papier und online' },
      gebiete: [
        { id: '01', name: 'Innenstadt' },
        { id: '02', name: 'Buchholz' },
      ],
      branding: { primaerfarbe: '#005CA9', akzentfarbe: '#E8A33D' },
      kontakte: [{ name: 'Ordnungsamt', email: 'ordnungsamt@annaberg.example' }],
    });
    const again = await sia(['init', dir, '--ja', '--ags', '14521020', '--jahr', '2025', '--gebiet', '01=A']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('analyse.json gibt es schon; mit --ueberschreiben ersetzen.');
  });

  it('asks for what is missing, and warns about an AGS not in the list without refusing it', async () => {
    const dir = join(work, 'init-ask');
    const answers = [
      '14599999', // not in the list
      'Neustadt am Test',
      '2025',
      '', // title: default
      '', // no survey period
      'online',
      '',
      '01 Altstadt',
      '02 Neubaugebiet',
      '',
      '', // no logo
      '#112233',
      '',
      '',
    ].join('\n');
    const r = await sia(['init', dir], `${answers}\n`);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Warnung: analyse.json, Feld „kommune.ags“');
    expect(r.stderr).toContain('steht nicht in der Gemeindeliste');
    expect(JSON.parse(readFileSync(join(dir, 'analyse.json'), 'utf8'))).toEqual({
      kommune: { name: 'Neustadt am Test', ags: '14599999' },
      berichtsjahr: 2025,
      befragung: { modus: 'online' },
      gebiete: [
        { id: '01', name: 'Altstadt' },
        { id: '02', name: 'Neubaugebiet' },
      ],
      branding: { primaerfarbe: '#112233', akzentfarbe: '#E8A33D' },
    });
  });

  it('writes nothing when the manifest would be invalid', async () => {
    const dir = join(work, 'init-bad');
    const r = await sia(['init', dir, '--ja', '--ags', '14521020', '--jahr', '1990']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Fehler: analyse.json, Feld „berichtsjahr“');
    expect(r.stderr).toContain('Nichts geschrieben');
    expect(existsSync(join(dir, 'analyse.json'))).toBe(false);
  });
});

describe('the portal’s printable questionnaire', () => {
  it('is current: tagged, German, every item code of the codebook in it (regenerate: sia fragebogen <ziel>)', async () => {
    const pdf = new Uint8Array(readFileSync(join(ROOT, 'portal/fragebogen/standardfragebogen.pdf')));
    const info = await pdfInfo(pdf);
    expect([info.tagged, info.lang]).toEqual([true, 'de']);
    const words = new Set((await pdfText(pdf)).join('\n').split(/\s+/));
    const missing = [...ITEMS.map((i) => i.code), 'gebiet', 'geschlecht', 'alter', 'angstort_1'].filter(
      (c) => !words.has(c),
    );
    expect(missing).toEqual([]);
  });
});

describe('sia fragebogen', () => {
  it('writes a tagged German PDF with the item codes and the .lss', async () => {
    const dir = join(work, 'fragebogen');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'analyse.json'),
      JSON.stringify({
        kommune: { name: 'T', ags: '14521020' },
        berichtsjahr: 2025,
        gebiete: [{ id: '01', name: 'Altstadt' }],
      }),
    );
    const r = await sia(['fragebogen', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Die Frage nach dem Ortsteil nennt die 1 Gebiete aus analyse.json.');
    const pdf = new Uint8Array(readFileSync(join(dir, 'fragebogen.pdf')));
    const info = await pdfInfo(pdf);
    expect(info.tagged).toBe(true);
    expect(info.lang).toBe('de');
    expect(info.title).toBe('Bürgerbefragung zur Sicherheit in Ihrer Stadt oder Gemeinde');
    expect(info.fonts.every((f) => f.startsWith('SourceSans3'))).toBe(true);
    expect(info.pages).toBeGreaterThanOrEqual(4);
    const text = (await pdfText(pdf)).join('\n');
    for (const code of [
      'sg_wohngegend_nacht',
      'furcht_nacht',
      'problem_graffiti',
      'anzeige_raub',
      'gebiet',
      'alter',
    ])
      expect(text).toContain(code);
    expect(text).toContain('Wie sicher fühlen Sie sich ohne Begleitung');
    expect(text).toContain('Altstadt');
    const lss = readFileSync(join(dir, 'fragebogen.lss'), 'utf8');
    expect(lss).toContain('<title><![CDATA[SG]]></title>');
    expect(lss).toContain('<answer><![CDATA[Altstadt]]></answer>');
  }, 120_000);
});
