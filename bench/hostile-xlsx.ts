/**
 * The hostile spreadsheet of issue 13: an XLSX of about 22 MB that passes every zip-bomb limit
 * (ratio below 100 : 1, about 180 MB uncompressed, below the 200 MB cap) but holds more than
 * 1,000,000 data rows, so only the row limit can refuse it.
 *
 * The sheet XML is generated and deflated as a stream (deterministic PRNG), so building the file
 * never holds the 180 MB of XML. Each row is a survey-like line of five cells: a shared-string
 * area code and four numbers (one of up to four digits, one of one digit) (enough entropy for a ratio of about 8 : 1).
 */
import { Buffer } from 'node:buffer';
import { constants, crc32, createDeflateRaw } from 'node:zlib';
import { buildZip, type ZipEntrySpec } from '../test/fixtures/input/zip.js';
import { prng } from './prng.js';

function sheetHeader(): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>gebiet</t></is></c>' +
    '<c r="B1" t="inlineStr"><is><t>alter</t></is></c>' +
    '<c r="C1" t="inlineStr"><is><t>sg_wohngegend_nacht</t></is></c>' +
    '<c r="D1" t="inlineStr"><is><t>wert_a</t></is></c>' +
    '<c r="E1" t="inlineStr"><is><t>wert_b</t></is></c></row>'
  );
}

function dataRow(r: number, rnd: () => number): string {
  let s = `<row r="${r}" spans="1:5">`;
  s += `<c r="A${r}" t="s"><v>${Math.floor(rnd() * 12)}</v></c>`;
  s += `<c r="B${r}"><v>${14 + Math.floor(rnd() * 80)}</v></c>`;
  s += `<c r="C${r}"><v>${1 + Math.floor(rnd() * 4)}</v></c>`;
  s += `<c r="D${r}"><v>${Math.floor(rnd() * 10_000)}</v></c>`;
  s += `<c r="E${r}"><v>${Math.floor(rnd() * 10)}</v></c>`;
  return `${s}</row>`;
}

/** Deflates generated text chunks as a stream; returns the raw-deflate bytes, size and CRC. */
async function deflateGenerated(
  chunks: Iterable<string>,
): Promise<{ bytes: Buffer; size: number; crc: number }> {
  const deflate = createDeflateRaw({ level: constants.Z_DEFAULT_COMPRESSION });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  for (const text of chunks) {
    const part = Buffer.from(text, 'utf8');
    crc = crc32(part, crc);
    size += part.length;
    if (!deflate.write(part)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return { bytes: Buffer.concat(out), size, crc };
}

function* sheetChunks(rows: number, seed: number): Generator<string> {
  const rnd = prng(seed);
  yield sheetHeader();
  const CHUNK = 5_000;
  for (let start = 2; start <= rows + 1; start += CHUNK) {
    const parts: string[] = [];
    for (let r = start; r < Math.min(rows + 2, start + CHUNK); r++) parts.push(dataRow(r, rnd));
    yield parts.join('');
  }
  yield '</sheetData></worksheet>';
}

const text = (s: string): Uint8Array => Buffer.from(s, 'utf8');

/** The whole XLSX (1 header row plus `rows` data rows) and the size of its sheet XML. */
export async function generateHostileXlsx(
  rows = 1_010_000,
  seed = 13,
): Promise<{ readonly bytes: Buffer; readonly sheetBytes: number }> {
  const sheet = await deflateGenerated(sheetChunks(rows, seed));
  const strings = Array.from({ length: 12 }, (_, i) => `<si><t>${String(i + 1).padStart(2, '0')}</t></si>`);
  const entries: ZipEntrySpec[] = [
    {
      name: '[Content_Types].xml',
      data: text(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
          '</Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: text(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
          '</Relationships>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: text(
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
          '<sheets><sheet name="befragung" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: text(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' +
          '</Relationships>',
      ),
    },
    {
      name: 'xl/sharedStrings.xml',
      data: text(
        `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="12" uniqueCount="12">${strings.join('')}</sst>`,
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', deflated: sheet },
  ];
  return { bytes: buildZip(entries), sheetBytes: sheet.size };
}
