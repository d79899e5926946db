import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ITEMS } from '../../../src/core/model/codebook.js';
import { validateUpload } from '../../../src/core/validate/upload.js';
import { buildTemplates, TEMPLATE_ROWS } from '../../../src/core/vorlage/index.js';
import { fixZipTimestamps } from '../../../src/core/vorlage/zip-dates.js';
import {
  CRIME_HEADER,
  crimeRows,
  csv,
  file,
  MANIFEST,
  POPULATION_HEADER,
  populationRows,
} from '../validate/fixtures.js';

type DataValidationModel = Record<string, ExcelJS.DataValidation | undefined>;

async function open(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

function validationsOf(ws: ExcelJS.Worksheet): DataValidationModel {
  return (ws as unknown as { dataValidations: { model: DataValidationModel } }).dataValidations.model;
}

function headerOf(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.getRow(1).eachCell((c) => out.push(String(c.value)));
  return out;
}

function columnLetter(ws: ExcelJS.Worksheet, name: string): string {
  return ws.getColumn(headerOf(ws).indexOf(name) + 1).letter;
}

describe('buildTemplates', () => {
  it('writes the three templates, byte-for-byte reproducible', async () => {
    const a = await buildTemplates();
    const b = await buildTemplates();
    expect(a.map((t) => t.name)).toEqual(['befragung.xlsx', 'bevoelkerung.xlsx', 'kriminalitaet.xlsx']);
    for (let i = 0; i < a.length; i++)
      expect(Buffer.from(a[i]!.bytes).equals(Buffer.from(b[i]!.bytes))).toBe(true);
  });

  it('befragung.xlsx: header (bold, frozen, autofilter), dropdowns and the explanation sheet', async () => {
    const [befragung] = await buildTemplates();
    const wb = await open(befragung!.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['befragung', 'Erläuterungen']);
    expect(wb.created.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    const ws = wb.getWorksheet('befragung')!;
    const header = headerOf(ws);
    expect(header.slice(0, 5)).toEqual(['id', 'gebiet', 'geschlecht', 'alter', 'modus']);
    expect(header).toContain('sg_wohngegend_nacht');
    expect(header.slice(-3)).toEqual(['angstort_1', 'angstort_2', 'angstort_3']);
    expect(header).toHaveLength(5 + ITEMS.length + 3);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();

    const dv = validationsOf(ws);
    const sg = columnLetter(ws, 'sg_wohngegend_nacht');
    expect(dv[`${sg}2`]).toMatchObject({ type: 'list', formulae: ['"1,2,3,4,8,9"'] });
    expect(dv[`${sg}${TEMPLATE_ROWS}`]).toMatchObject({ type: 'list' });
    expect(dv[`${sg}${TEMPLATE_ROWS + 1}`]).toBeUndefined();
    expect(dv[`${columnLetter(ws, 'furcht_nacht')}10`]).toMatchObject({ formulae: ['"1,2,3,4,5,8,9"'] });
    expect(dv[`${columnLetter(ws, 'opfer_raub')}10`]).toMatchObject({ formulae: ['"1,2,8,9"'] });
    expect(dv[`${columnLetter(ws, 'geschlecht')}2`]).toMatchObject({ type: 'list', formulae: ['"w,m,d"'] });
    expect(dv[`${columnLetter(ws, 'modus')}2`]).toMatchObject({
      type: 'list',
      formulae: ['"papier,online"'],
    });
    expect(dv[`${columnLetter(ws, 'alter')}2`]).toMatchObject({
      type: 'whole',
      operator: 'between',
      formulae: [14, 110],
    });

    const ex = wb.getWorksheet('Erläuterungen')!;
    const rows: string[][] = [];
    ex.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[0]).toEqual(['Erläuterungen zu befragung.xlsx']);
    expect(rows).toContainEqual(['Spalte', 'Pflicht', 'Erlaubte Werte', 'Bedeutung']);
    const sgRow = rows.find((r) => r[0] === 'sg_wohngegend_nacht')!;
    expect(sgRow[1]).toBe('ja (Standardindikator)');
    expect(sgRow[2]).toBe(
      '1 = sehr sicher, 2 = eher sicher, 3 = eher unsicher, 4 = sehr unsicher, 8 = trifft nicht zu / nutze ich nicht, 9 = weiß nicht / kann ich nicht beurteilen, leer = keine Angabe',
    );
    expect(sgRow[3]).toBe('Wie sicher fühlen Sie sich nachts ohne Begleitung in Ihrer Wohngegend?');
    expect(rows.find((r) => r[0] === 'anzeige_raub')![3]).toContain(
      'Nur ausfüllen, wenn opfer_raub = 1 (ja)',
    );
    expect(rows.find((r) => r[0] === 'altersgruppe')![1]).toBe('statt alter');
  });

  it('bevoelkerung.xlsx and kriminalitaet.xlsx: dropdowns for sex, age groups and keys; text columns', async () => {
    const [, bev, krim] = await buildTemplates();
    const wbB = await open(bev!.bytes);
    const wsB = wbB.getWorksheet('bevoelkerung')!;
    expect(headerOf(wsB)).toEqual(['gebiet', 'geschlecht', 'altersgruppe', 'anzahl', 'jahr', 'stichtag']);
    const dvB = validationsOf(wsB);
    expect(dvB['C2']).toMatchObject({
      type: 'list',
      formulae: ['"16-29,30-44,45-59,60-74,75+"'],
      errorStyle: 'information',
    });
    expect(dvB['B2']).toMatchObject({ type: 'list', formulae: ['"w,m,d"'] });
    expect(dvB['D2']).toMatchObject({ type: 'whole', formulae: [0, 10_000_000] });
    expect(wbB.worksheets[1]!.name).toBe('Erläuterungen');

    const wbK = await open(krim!.bytes);
    const wsK = wbK.getWorksheet('kriminalitaet')!;
    expect(headerOf(wsK)).toEqual([
      'jahr',
      'gebiet',
      'schluessel',
      'straftat',
      'faelle',
      'versuche',
      'aufgeklaert',
      'tatverdaechtige',
    ]);
    expect(wsK.getColumn(3).numFmt).toBe('@');
    expect(validationsOf(wsK)['C2']).toMatchObject({ type: 'list', errorStyle: 'information' });
    const ex: string[][] = [];
    wbK
      .getWorksheet('Erläuterungen')!
      .eachRow((r) => ex.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(ex).toContainEqual(['435*00', '', 'Wohnungseinbruchdiebstahl', '']);
    expect(ex.find((r) => r[0] === '326*00')![3]).toContain('Kontrolldelikt');
  });

  it('a filled-in befragung template passes validation', async () => {
    const [befragung] = await buildTemplates();
    const wb = await open(befragung!.bytes);
    const ws = wb.getWorksheet('befragung')!;
    const header = headerOf(ws);
    const put = (row: number, values: Record<string, string | number>) => {
      for (const [k, v] of Object.entries(values)) ws.getCell(row, header.indexOf(k) + 1).value = v;
    };
    put(2, {
      id: '1',
      gebiet: '01',
      geschlecht: 'w',
      alter: 45,
      modus: 'papier',
      sg_wohngegend_nacht: 3,
      opfer_raub: 1,
      anzeige_raub: 2,
      angstort_1: 'Park',
    });
    put(3, {
      id: '2',
      gebiet: 'Nordviertel',
      geschlecht: 'm',
      alter: 71,
      sg_wohngegend_nacht: 9,
      opfer_raub: 2,
    });
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const { report, dataset } = await validateUpload([
      file('analyse.json', JSON.stringify(MANIFEST)),
      file('befragung.xlsx', bytes),
      file('bevoelkerung.csv', csv(POPULATION_HEADER, populationRows())),
      file('kriminalitaet.csv', csv(CRIME_HEADER, crimeRows())),
    ]);
    expect(report.issues).toEqual([]);
    const s = dataset!.survey;
    expect(s.size).toBe(2);
    expect(Array.from(s.items['sg_wohngegend_nacht']!)).toEqual([3, 9]);
    expect(Array.from(s.items['anzeige_raub']!)).toEqual([2, 0]);
    expect(Array.from(s.area)).toEqual([0, 1]);
    expect(s.freeText).toEqual([{ area: 0, text: 'Park' }]);
    // Unanswered template columns are left out.
    expect(Object.keys(s.items).sort()).toEqual(['anzeige_raub', 'opfer_raub', 'sg_wohngegend_nacht']);
  });
});

describe('fixZipTimestamps', () => {
  it('leaves bytes that are not a ZIP unchanged', () => {
    const junk = new Uint8Array([1, 2, 3]);
    expect(fixZipTimestamps(junk, { date: 0, time: 0 })).toBe(junk);
  });
});
