import { Buffer } from 'node:buffer';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readCsvGrid } from '../../../src/core/input/csv.js';
import { readTable } from '../../../src/core/input/read-table.js';
import type { RawTable } from '../../../src/core/input/table.js';

const file = (name: string, content: string | Uint8Array) => ({
  name,
  bytes: typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
});

async function table(name: string, content: string | Uint8Array): Promise<RawTable> {
  const result = await readTable(file(name, content), { kind: 'befragung' });
  expect(result.issues).toEqual([]);
  expect(result.table).not.toBeNull();
  return result.table as RawTable;
}

const rowsOf = (t: RawTable) => t.rows.map((r) => [r.rowNumber, ...r.cells]);

describe('CSV encodings', () => {
  const text = 'gebiet;bemerkung;alter\nSüdstadt;Größe ä ö ü ß €;34\nNordviertel;Ärger über Öl;\n';
  const expected = [
    [2, 'Südstadt', 'Größe ä ö ü ß €', '34'],
    [3, 'Nordviertel', 'Ärger über Öl', null],
  ];

  it('reads UTF-8 without BOM', async () => {
    const t = await table('befragung.csv', text);
    expect(t.encoding).toBe('utf-8');
    expect(t.columns).toEqual(['gebiet', 'bemerkung', 'alter']);
    expect(rowsOf(t)).toEqual(expected);
  });

  it('reads UTF-8 with BOM and keeps the BOM out of the first column name', async () => {
    const t = await table(
      'befragung.csv',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
    );
    expect(t.encoding).toBe('utf-8-bom');
    expect(t.columns[0]).toBe('gebiet');
    expect(rowsOf(t)).toEqual(expected);
  });

  it('reads Windows-1252 byte-exactly (ä ö ü ß €)', async () => {
    const bytes = iconv.encode(text, 'windows-1252');
    expect(bytes.includes(0x80)).toBe(true); // € is 0x80 in Windows-1252
    const t = await table('befragung.csv', bytes);
    expect(t.encoding).toBe('windows-1252');
    expect(rowsOf(t)).toEqual(expected);
  });

  it('reads UTF-16LE with BOM (Excel "Unicode-Text", tab-separated)', async () => {
    const tabbed = text.replace(/;/g, '\t');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tabbed, 'utf16le')]);
    const t = await table('befragung.csv', bytes);
    expect(t.encoding).toBe('utf-16le');
    expect(t.delimiter).toBe('\t');
    expect(rowsOf(t)).toEqual(expected);
  });

  it('rejects UTF-16 big endian with a clear message', async () => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('a;b\n1;2\n', 'utf16le').swap16()]);
    const r = await readTable(file('befragung.csv', bytes), { kind: 'befragung' });
    expect(r.table).toBeNull();
    expect(r.issues.map((i) => i.message)).toEqual([
      'befragung.csv: keine lesbare Textdatei. Die Kodierung UTF-16 (Big Endian) wird nicht unterstützt; bitte als „CSV UTF-8“ speichern.',
    ]);
  });

  it('rejects binary garbage as not readable text', async () => {
    const r = await readTable(
      file('befragung.csv', new Uint8Array([0x67, 0x65, 0x00, 0x01, 0x02, 0xff, 0x00])),
      { kind: 'befragung' },
    );
    expect(r.table).toBeNull();
    expect(r.issues).toEqual([
      {
        severity: 'error',
        code: 'not-text',
        file: 'befragung.csv',
        expected: 'eine CSV-Textdatei',
        message:
          'befragung.csv: keine lesbare Textdatei. Bitte als CSV (UTF-8 oder Windows-1252) oder als Excel-Arbeitsmappe (.xlsx) hochladen.',
      },
    ]);
  });

  it('recognises an XLSX uploaded with the .csv extension', async () => {
    const r = await readTable(file('befragung.csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])), {
      kind: 'befragung',
    });
    expect(r.issues[0]?.message).toBe(
      'befragung.csv: keine lesbare Textdatei. Der Inhalt ist offenbar eine Excel-Arbeitsmappe; bitte mit der Endung .xlsx hochladen.',
    );
  });
});

describe('CSV delimiters', () => {
  it.each([
    [';', 'gebiet;geschlecht;alter\n01;w;34\n'],
    [',', 'gebiet,geschlecht,alter\n01,w,34\n'],
    ['\t', 'gebiet\tgeschlecht\talter\n01\tw\t34\n'],
  ])('detects %j', async (delimiter, content) => {
    const t = await table('befragung.csv', content);
    expect(t.delimiter).toBe(delimiter);
    expect(t.columns).toEqual(['gebiet', 'geschlecht', 'alter']);
    expect(rowsOf(t)).toEqual([[2, '01', 'w', '34']]);
  });

  it('counts delimiters only outside quotes', async () => {
    const t = await table('befragung.csv', '"a;b;c",d,e\n1,2,3\n');
    expect(t.delimiter).toBe(',');
    expect(t.columns).toEqual(['a;b;c', 'd', 'e']);
  });

  it('honours an Excel "sep=" line and does not count it as a row', async () => {
    const t = await table('befragung.csv', 'sep=,\r\ngebiet;x,alter\r\n01;2,34\r\n');
    expect(t.delimiter).toBe(',');
    expect(t.headerRow).toBe(1);
    expect(t.columns).toEqual(['gebiet;x', 'alter']);
    expect(rowsOf(t)).toEqual([[2, '01;2', '34']]);
  });
});

describe('CSV structure and Excel row numbers', () => {
  it('keeps a quoted cell with line breaks in one row and numbers rows as Excel does', async () => {
    const t = await table(
      'befragung.csv',
      'gebiet;angstort_1;alter\r\n01;"Park am\r\nBahnhof; nachts";34\r\n02;"Sagte ""Hallo""";51\r\n',
    );
    expect(rowsOf(t)).toEqual([
      [2, '01', 'Park am\r\nBahnhof; nachts', '34'],
      [3, '02', 'Sagte "Hallo"', '51'],
    ]);
  });

  it('counts empty lines above the header and between rows like Excel, and skips them', async () => {
    const t = await table('befragung.csv', '\n\ngebiet;alter\n01;34\n\n02;51\n;\n');
    expect(t.headerRow).toBe(3);
    expect(rowsOf(t)).toEqual([
      [4, '01', '34'],
      [6, '02', '51'],
    ]);
  });

  it('trims cells and turns empty cells into null', async () => {
    const t = await table('befragung.csv', ' gebiet ; alter \n  01 ;   \n"  02  ";" 5"\n');
    expect(t.columns).toEqual(['gebiet', 'alter']);
    expect(rowsOf(t)).toEqual([
      [2, '01', null],
      [3, '02', '5'],
    ]);
  });

  it('keeps Excel error texts and other values as text', async () => {
    const t = await table('befragung.csv', 'a;b\n#DIV/0!;=1+1\n');
    expect(rowsOf(t)).toEqual([[2, '#DIV/0!', '=1+1']]);
  });

  it('reports every ragged row with file and row, and keeps the others', async () => {
    const r = await readTable(
      file('befragung.csv', 'gebiet;geschlecht;alter\n01;w;34\n02;m;51;x\n03;w\n04;d;70\n'),
      { kind: 'befragung' },
    );
    expect(r.issues).toEqual([
      {
        severity: 'error',
        code: 'ragged-row',
        file: 'befragung.csv',
        row: 3,
        value: '4 Felder',
        expected: '3 Felder wie in der Kopfzeile',
        message: 'befragung.csv, Zeile 3: 4 Felder statt 3 wie in der Kopfzeile.',
      },
      {
        severity: 'error',
        code: 'ragged-row',
        file: 'befragung.csv',
        row: 4,
        value: '2 Felder',
        expected: '3 Felder wie in der Kopfzeile',
        message: 'befragung.csv, Zeile 4: 2 Felder statt 3 wie in der Kopfzeile.',
      },
    ]);
    expect(r.table?.rows.map((x) => x.rowNumber)).toEqual([2, 5]);
  });

  it('summarises ragged rows after 100 single issues', async () => {
    const content = `a;b\n${'1;2;3\n'.repeat(150)}`;
    const r = await readTable(file('befragung.csv', content), { kind: 'befragung' });
    expect(r.issues).toHaveLength(101);
    expect(r.issues[100]?.message).toBe(
      'befragung.csv: Insgesamt 150 Zeilen haben eine andere Feldanzahl als die Kopfzeile (2); die ersten 100 sind einzeln aufgeführt. Ist das Trennzeichen (Semikolon) richtig?',
    );
  });

  it('reports an unclosed quote with the row where it starts', async () => {
    const r = await readTable(file('befragung.csv', 'a;b\n1;2\n3;"offen\n5;6\n'), { kind: 'befragung' });
    expect(r.table).toBeNull();
    expect(r.issues.map((i) => i.message)).toEqual([
      'befragung.csv, Zeile 3: Ein Anführungszeichen wird nicht geschlossen; das Feld reicht bis zum Dateiende.',
    ]);
  });

  it('keeps stray quotes literally, as Excel does, instead of dropping data', async () => {
    const t = await table('befragung.csv', 'a;b\n12"Monitor;"x"y\n');
    expect(rowsOf(t)).toEqual([[2, '12"Monitor', '"x"y']]);
  });

  it('reports an empty file and a file without content', async () => {
    const empty = await readTable(file('befragung.csv', ''), { kind: 'befragung' });
    expect(empty).toEqual({
      table: null,
      issues: [
        {
          severity: 'error',
          code: 'empty-file',
          file: 'befragung.csv',
          message: 'befragung.csv: Die Datei ist leer.',
        },
      ],
    });
    const blank = await readTable(file('befragung.csv', '\r\n ;  \n\n'), { kind: 'befragung' });
    expect(blank.issues.map((i) => i.message)).toEqual([
      'befragung.csv: Die Datei ist leer (sie enthält keine Zeile mit Inhalt).',
    ]);
  });

  it('reports a header without data rows', async () => {
    const r = await readTable(file('befragung.csv', 'gebiet;alter\r\n'), { kind: 'befragung' });
    expect(r.table?.rows).toEqual([]);
    expect(r.issues).toEqual([
      {
        severity: 'error',
        code: 'no-data-rows',
        file: 'befragung.csv',
        row: 1,
        expected: 'mindestens eine Datenzeile unter der Kopfzeile',
        message: 'befragung.csv, Zeile 1: Die Datei enthält nur die Kopfzeile und keine Datenzeilen.',
      },
    ]);
  });

  it('reports duplicate column names after normalisation', async () => {
    const r = await readTable(file('befragung.csv', 'Gebiet;Alter;gebiet;alter\n1;2;3;4\n'), {
      kind: 'befragung',
    });
    expect(r.issues.map((i) => i.message)).toEqual([
      'befragung.csv, Zeile 1, Spalte „Gebiet“: Spalte „Gebiet“ kommt mehrfach vor (Spalten 1 (A) und 3 (C)).',
      'befragung.csv, Zeile 1, Spalte „Alter“: Spalte „Alter“ kommt mehrfach vor (Spalten 2 (B) und 4 (D)).',
    ]);
  });

  it('drops trailing unnamed empty columns and flags unnamed columns with data', async () => {
    const t = await table('befragung.csv', 'a;b;;\n1;2;;\n');
    expect(t.columns).toEqual(['a', 'b']);
    expect(rowsOf(t)).toEqual([[2, '1', '2']]);
    const r = await readTable(file('befragung.csv', 'a;;c\n1;x;3\n'), { kind: 'befragung' });
    expect(r.issues.map((i) => i.message)).toEqual([
      'befragung.csv, Zeile 1: Spalte 2 (B) hat keinen Namen in der Kopfzeile, enthält aber Werte (z. B. in Zeile 2).',
    ]);
  });

  it('rejects more data rows than allowed', async () => {
    const r = await readTable(file('befragung.csv', 'a\n1\n2\n3\n4\n'), { kind: 'befragung', maxRows: 3 });
    expect(r.table).toBeNull();
    expect(r.issues.map((i) => i.message)).toEqual([
      'befragung.csv: Die Datei hat mehr als 3 Datenzeilen; erlaubt sind höchstens 3.',
    ]);
  });

  it('accepts exactly the maximum number of rows', async () => {
    const r = await readTable(file('befragung.csv', 'a\n1\n2\n3\n'), { kind: 'befragung', maxRows: 3 });
    expect(r.issues).toEqual([]);
    expect(r.table?.rows).toHaveLength(3);
  });

  it('hands out every non-empty record with its row number when the caller finds the header', () => {
    const g = readCsvGrid(
      file('x.csv', '1;2;3\n\nSchluessel;Straftat\n------;Straftaten insgesamt;1001\n'),
      10,
    );
    expect(g.issues).toEqual([]);
    expect(g.grid?.rows.map((x) => [x.rowNumber, ...x.cells])).toEqual([
      [1, '1', '2', '3'],
      [3, 'Schluessel', 'Straftat'],
      [4, '------', 'Straftaten insgesamt', '1001'],
    ]);
    expect(readCsvGrid(file('x.csv', 'a\nb\nc\n'), 2).grid?.tooManyRows).toBe(true);
  });

  it('shares short values between rows instead of keeping one string per cell', async () => {
    const t = await table('befragung.csv', 'a;b\n1;10\n1;10\n');
    expect(t.rows[0]?.cells[0]).toBe(t.rows[1]?.cells[0]);
    expect(t.rows[0]?.cells[1]).toBe(t.rows[1]?.cells[1]);
  });
});
