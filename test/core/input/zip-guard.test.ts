import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../../src/core/input/read-table.js';
import { checkXlsxContainer } from '../../../src/core/input/zip-guard.js';
import { simpleWorkbook } from '../../fixtures/input/workbooks.js';
import { buildZip, deflatedZeros, xlsxShell } from '../../fixtures/input/zip.js';

const MB = 1024 * 1024;
const check = async (bytes: Uint8Array, name = 'befragung.xlsx') =>
  (await checkXlsxContainer({ name, bytes })).map((i) => i.message);

/** A CFB (OLE2) header followed by directory names, as in .xls files and encrypted OOXML. */
function cfb(streamNames: readonly string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  return Buffer.concat([header, ...streamNames.map((n) => Buffer.from(n, 'utf16le'))]);
}

describe('checkXlsxContainer', () => {
  it('accepts a real workbook', async () => {
    expect(
      await check(
        await simpleWorkbook('Befragung', [
          ['gebiet', 'alter'],
          ['01', 1],
        ]),
      ),
    ).toEqual([]);
  });

  it('rejects a CSV renamed to .xlsx', async () => {
    expect(await check(Buffer.from('gebiet;alter\n01;34\n'))).toEqual([
      'befragung.xlsx: Die Datei ist keine Excel-Arbeitsmappe, sondern offenbar eine Textdatei (z. B. CSV). Bitte mit der Endung .csv hochladen.',
    ]);
  });

  it('rejects an old .xls file', async () => {
    expect(await check(cfb(['Root Entry', 'Workbook', 'SummaryInformation']))).toEqual([
      'befragung.xlsx: Die Datei ist im alten Excel-Format (.xls) gespeichert. Bitte in Excel als „Excel-Arbeitsmappe (*.xlsx)“ speichern und erneut hochladen.',
    ]);
  });

  it('rejects a password-protected workbook (CFB container with EncryptedPackage)', async () => {
    const issues = await checkXlsxContainer({
      name: 'befragung.xlsx',
      bytes: cfb(['Root Entry', 'EncryptionInfo', 'EncryptedPackage']),
    });
    expect(issues).toEqual([
      {
        severity: 'error',
        code: 'xlsx-encrypted',
        file: 'befragung.xlsx',
        expected: 'eine Excel-Arbeitsmappe ohne Kennwortschutz',
        message:
          'befragung.xlsx: Die Excel-Datei ist mit einem Kennwort geschützt. Bitte den Kennwortschutz entfernen (Datei › Informationen › Arbeitsmappe schützen) und erneut hochladen.',
      },
    ]);
  });

  it('rejects ZIP entries flagged as encrypted', async () => {
    const zip = buildZip([
      ...xlsxShell(),
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<x/>'), flags: 0x1 },
    ]);
    expect((await checkXlsxContainer({ name: 'befragung.xlsx', bytes: zip })).map((i) => i.code)).toEqual([
      'xlsx-encrypted',
    ]);
  });

  it('rejects random bytes and an empty file', async () => {
    expect(await check(new Uint8Array([1, 2, 3, 0, 255, 0, 7]))).toEqual([
      'befragung.xlsx: Die Datei ist keine gültige Excel-Arbeitsmappe (.xlsx).',
    ]);
    expect(await check(new Uint8Array(0))).toEqual(['befragung.xlsx: Die Datei ist leer.']);
  });

  it('rejects a truncated ZIP', async () => {
    const bytes = await simpleWorkbook('Befragung', [
      ['gebiet', 'alter'],
      ['01', 1],
    ]);
    expect(await check(bytes.subarray(0, bytes.length - 30))).toEqual([
      'befragung.xlsx: Die Excel-Datei ist beschädigt (ZIP-Struktur nicht lesbar). Die Datei wird nicht geöffnet.',
    ]);
  });

  it('rejects "..", absolute and drive-letter paths', async () => {
    for (const path of ['../../evil.xml', '/etc/passwd', 'C:\\Windows\\x.xml', 'xl/..\\..\\x']) {
      const zip = buildZip([...xlsxShell(), { name: path, data: Buffer.from('x') }]);
      const issues = await checkXlsxContainer({ name: 'befragung.xlsx', bytes: zip });
      expect(issues.map((i) => i.code)).toEqual(['xlsx-unsafe-path']);
    }
    const zip = buildZip([{ name: '../../evil.xml', data: Buffer.from('x') }]);
    expect(await check(zip)).toEqual([
      'befragung.xlsx: Die Excel-Datei enthält einen unzulässigen Pfad „../../evil.xml“. Die Datei wird nicht geöffnet.',
    ]);
  });

  it('rejects more than 10,000 entries', async () => {
    const entries = Array.from({ length: 10_001 }, (_, i) => ({
      name: `xl/e${i}.xml`,
      data: new Uint8Array(0),
      method: 0 as const,
    }));
    expect(await check(buildZip(entries))).toEqual([
      'befragung.xlsx: Die Excel-Datei enthält 10.001 Einträge; erlaubt sind höchstens 10.000. Die Datei wird nicht geöffnet.',
    ]);
  });

  it('rejects an entry over 1 MB compressed more than 100 : 1', async () => {
    const zeros = await deflatedZeros(2 * MB);
    const zip = buildZip([...xlsxShell(), { name: 'xl/worksheets/sheet1.xml', deflated: zeros }]);
    const issues = await checkXlsxContainer({ name: 'befragung.xlsx', bytes: zip });
    expect(issues.map((i) => i.code)).toEqual(['xlsx-compression-ratio']);
    expect(issues[0]?.message).toMatch(
      /^befragung\.xlsx: Der Eintrag „xl\/worksheets\/sheet1\.xml“ ist ungewöhnlich stark komprimiert \(\d+ KB → 2 MB, Verhältnis [\d.]+ : 1, erlaubt höchstens 100 : 1\); die Datei wird als mögliche ZIP-Bombe abgelehnt\.$/,
    );
  });

  it('accepts a small entry with a high ratio (below 1 MB the ratio is not checked)', async () => {
    const zeros = await deflatedZeros(512 * 1024);
    expect(
      await check(buildZip([...xlsxShell(), { name: 'xl/worksheets/sheet1.xml', deflated: zeros }])),
    ).toEqual([]);
  });

  it('rejects a declared total over 200 MB without inflating anything', async () => {
    const data = Buffer.alloc(2 * MB, 7);
    const zip = buildZip([
      ...xlsxShell(),
      { name: 'xl/worksheets/sheet1.xml', data, method: 8, declaredSize: 1 * MB },
      { name: 'xl/worksheets/sheet2.xml', data: Buffer.from('abc'), declaredSize: 210 * MB },
    ]);
    // The second entry claims 210 MB from 3 bytes; the ratio check would catch it too, so raise the bar:
    const issues = await checkXlsxContainer(
      { name: 'befragung.xlsx', bytes: zip },
      {
        maxFileBytes: 50 * MB,
        maxUncompressedBytes: 200 * MB,
        maxEntries: 10_000,
        maxRatio: Number.POSITIVE_INFINITY,
        ratioMinEntryBytes: MB,
      },
    );
    expect(issues.map((i) => i.message)).toEqual([
      'befragung.xlsx: Der entpackte Inhalt der Excel-Datei ist größer als 200 MB (erlaubt sind höchstens 200 MB). Die Datei wird nicht geöffnet.',
    ]);
  });

  it('catches a central directory that understates an entry (streaming size check)', async () => {
    const zeros = await deflatedZeros(8 * MB);
    const zip = buildZip([
      ...xlsxShell(),
      { name: 'xl/worksheets/sheet1.xml', deflated: zeros, declaredSize: 1000 },
    ]);
    expect(await check(zip)).toEqual([
      'befragung.xlsx: Ein Eintrag der Excel-Datei ist beim Entpacken anders groß als im Inhaltsverzeichnis angegeben; die Datei wird als beschädigt oder manipuliert abgelehnt.',
    ]);
  });

  it('rejects a file over 50 MB before opening it', async () => {
    const big = Buffer.alloc(50 * MB + 1);
    big.write('PK\u0003\u0004', 0, 'latin1');
    expect(await check(big)).toEqual([
      'befragung.xlsx: Die Datei ist 52.428.801 Bytes groß; erlaubt sind höchstens 50 MB. Die Datei wird nicht geöffnet.',
    ]);
    const r = await readTable({ name: 'befragung.csv', bytes: big }, { kind: 'befragung' });
    expect(r.issues.map((i) => i.code)).toEqual(['file-too-large']);
  });

  it('readTable runs the guard before ExcelJS', async () => {
    const r = await readTable(
      { name: 'befragung.xlsx', bytes: Buffer.from('a;b\n1;2\n') },
      { kind: 'befragung' },
    );
    expect(r.table).toBeNull();
    expect(r.issues.map((i) => i.code)).toEqual(['xlsx-not-zip']);
  });
});

describe('readTable: unsupported extensions', () => {
  it.each([
    [
      'befragung.xls',
      'befragung.xls: Das Dateiformat „.xls“ wird nicht unterstützt; erwartet wird .csv oder .xlsx. Bitte in Excel als „Excel-Arbeitsmappe (*.xlsx)“ oder als „CSV UTF-8“ speichern.',
    ],
    [
      'befragung.txt',
      'befragung.txt: Das Dateiformat „.txt“ wird nicht unterstützt; erwartet wird .csv oder .xlsx.',
    ],
    ['befragung', 'befragung: Die Datei hat keine Endung; erwartet wird .csv oder .xlsx.'],
  ])('%s', async (name, message) => {
    const r = await readTable({ name, bytes: Buffer.from('a;b\n1;2\n') }, { kind: 'befragung' });
    expect(r).toEqual({
      table: null,
      issues: [expect.objectContaining({ severity: 'error', code: 'unsupported-format', message })],
    });
  });

  it('accepts upper-case extensions', async () => {
    const r = await readTable(
      { name: 'BEFRAGUNG.CSV', bytes: Buffer.from('a;b\n1;2\n') },
      { kind: 'befragung' },
    );
    expect(r.issues).toEqual([]);
  });
});
