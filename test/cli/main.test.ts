/**
 * The `sia` CLI end to end, as a user runs it (`node bin/sia.js …` in a child process): exit codes,
 * German output, nothing written on invalid input, and the full Musterstadt report read back from
 * the PDF (pages, outline, tagging, embedded fonts, key figures in German format).
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_VERSION } from '../../src/core/version.js';
import { Analysis } from '../../src/core/analysis/schema.js';
import { formatNumber, formatPercent } from '../../src/core/format/number.js';
import { pdfInfo, pdfText, textByFont, type PdfInfo } from '../support/pdf.js';
import { pdfUaProblems } from '../support/pdf-ua.js';

const ROOT = resolve(import.meta.dirname, '../..');
const EXAMPLE = join(ROOT, 'examples/musterstadt');
const run = promisify(execFile);

async function sia(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'bin/sia.js'), ...args], {
      cwd: ROOT,
      maxBuffer: 32 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

let work: string;
let broken: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'sia-cli-'));
  broken = join(work, 'kaputt');
  cpSync(EXAMPLE, broken, { recursive: true });
  // row 6 as Excel numbers it (header = row 1): an impossible sex code
  const file = join(broken, 'befragung.csv');
  const lines = readFileSync(file, 'utf8').split('\n');
  const fields = lines[5]!.split(';');
  const sexColumn = lines[0]!
    .replace(/^\uFEFF/, '')
    .split(';')
    .indexOf('geschlecht');
  fields[sexColumn] = 'x';
  lines[5] = fields.join(';');
  writeFileSync(file, lines.join('\n'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('sia validate', () => {
  it('exit 0 for the example, with the German report and its warnings', async () => {
    const r = await sia('validate', EXAMPLE);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Prüfbericht: Die Daten sind gültig \(0 Fehler, \d+ Warnungen\)/);
    expect(r.stdout).toContain('befragung.csv (Befragung');
  });

  it('exit 1 for invalid input, naming file, row, column, value and what is allowed', async () => {
    const r = await sia('validate', broken);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'Zeile 6, Spalte „geschlecht“: Wert „x“ ist nicht erlaubt (erlaubt: w/weiblich/1, m/männlich/2, d/divers/3 oder leer).',
    );
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .*\.(ts|js):\d+/); // no stack trace
  });

  it('--json is machine-readable', async () => {
    const r = await sia('validate', broken, '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { valid: boolean; errorCount: number; issues?: unknown[] };
    expect(report.valid).toBe(false);
    expect(report.errorCount).toBe(1);
  });

  it('exit 2 for a folder that does not exist, with a German message', async () => {
    const r = await sia('validate', join(work, 'gibt-es-nicht'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Ordner nicht gefunden');
  });

  it('exit 2 and German help for an unknown command', async () => {
    const r = await sia('zaubern');
    expect(r.code).toBe(2);
    expect(r.stderr + r.stdout).toMatch(/sia report|Befehl/);
  });
});

describe('sia report on invalid input', () => {
  it('refuses, exits 1 and writes nothing; the upload is unchanged', async () => {
    const before = readFileSync(join(broken, 'befragung.csv'));
    const out = join(work, 'out-kaputt');
    const r = await sia('report', broken, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Es wurde nichts geschrieben');
    expect(existsSync(out)).toBe(false);
    expect(readFileSync(join(broken, 'befragung.csv')).equals(before)).toBe(true);
  });
});

describe('sia vorlage', () => {
  it('writes the three data-entry templates', async () => {
    const out = join(work, 'vorlagen');
    const r = await sia('vorlage', out);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(
      expect.arrayContaining(['befragung.xlsx', 'bevoelkerung.xlsx', 'kriminalitaet.xlsx']),
    );
  });
});

describe('sia report examples/musterstadt', () => {
  const out = () => join(work, 'musterstadt');
  let pages: string[];
  let info: PdfInfo;
  let analysis: Analysis;
  let stdout: string;

  beforeAll(async () => {
    const r = await sia('report', EXAMPLE, '--out', out());
    stdout = r.stdout;
    expect(r.code, r.stderr).toBe(0);
    const pdf = new Uint8Array(readFileSync(join(out(), 'report.pdf')));
    [pages, info] = await Promise.all([pdfText(pdf), pdfInfo(pdf)]);
    analysis = Analysis.parse(JSON.parse(readFileSync(join(out(), 'analysis.json'), 'utf8')));
  }, 120_000);

  it('writes the files of the output contract', () => {
    const files = readdirSync(out());
    for (const f of [
      'report.pdf',
      'report.html',
      'analysis.json',
      'analysis.schema.json',
      'validation.json',
      'validation.txt',
      'provenance.json',
      'charts',
      'tabellen.xlsx',
    ])
      expect(files).toContain(f);
    expect(
      readdirSync(join(out(), 'charts')).filter((f) => f.endsWith('.svg')).length,
    ).toBeGreaterThanOrEqual(15);
    expect(stdout).toMatch(/^Bericht erstellt: .*report\.pdf \(\d+ Seiten, \d+ Dateien\)/m);
  });

  it('records engine version, template version and input hashes', () => {
    const provenance = JSON.parse(readFileSync(join(out(), 'provenance.json'), 'utf8')) as {
      engineVersion: string;
      templateVersion: string;
      inputs: { name: string; sha256: string }[];
    };
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(provenance.engineVersion).toBe(ENGINE_VERSION);
    expect(ENGINE_VERSION).toBe(pkg.version);
    expect(provenance.templateVersion).toMatch(/\S/);
    expect(provenance.inputs.find((i) => i.name === 'befragung.csv')?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is a tagged, German PDF with title, author and bookmarks for every chapter', () => {
    expect(info.pages).toBeGreaterThanOrEqual(30);
    expect(info.pages).toBeLessThanOrEqual(70);
    expect(info.tagged).toBe(true);
    expect(info.lang).toBe('de');
    expect(info.title).toBe('Sicherheitsanalyse Musterstadt 2026');
    expect(info.author).toContain('Landespräventionsrat Sachsen');
    const chapters = info.outline.map((o) => o.title);
    for (const c of [
      'Zusammenfassung',
      'Auftrag, Methode, Datengrundlagen',
      'Gebietsprofil',
      'Objektive Sicherheitslage',
      'Subjektive Sicherheit',
      'Handlungsempfehlungen',
      'Anhang',
    ]) {
      expect(chapters.some((t) => t.endsWith(c))).toBe(true);
    }
  });

  it('passes the PDF/UA-1 checks (Matterhorn failure conditions, see docs/pdf-accessibility.md)', async () => {
    expect(await pdfUaProblems(new Uint8Array(readFileSync(join(out(), 'report.pdf'))))).toEqual([]);
  });

  it('embeds only the project fonts, and every glyph comes from them', async () => {
    expect(info.fonts.length).toBeGreaterThan(0);
    expect(info.fonts.every((f) => f.startsWith('SourceSans3'))).toBe(true);
    const byFont = await textByFont(new Uint8Array(readFileSync(join(out(), 'report.pdf'))));
    expect(Object.keys(byFont).filter((f) => !f.startsWith('SourceSans3'))).toEqual([]);
  });

  it('prints "Seite X von Y" on every page after the cover', () => {
    pages.slice(1).forEach((p, i) => expect(p).toContain(`Seite ${i + 2} von ${pages.length}`));
  });

  it('prints key figures of analysis.json in German format', () => {
    const all = pages.join('\n').replace(/\s+/g, ' ');
    expect(all).toContain(formatNumber(analysis.survey.respondents));
    const sg = analysis.survey.items['sg_wohngegend_nacht'];
    expect(sg).toBeDefined();
    const total = sg!.total;
    if ('suppressed' in total) throw new Error('the standard indicator is published');
    expect(all).toContain(formatPercent(total.negativeShareWeighted).replace(/\s/g, ' '));
    const lastYear = Object.keys(analysis.crime.byYear).sort().at(-1)!;
    const rate = analysis.crime.byYear[lastYear]!.total.rate;
    expect(rate).toBeTypeOf('number');
    expect(all).toContain(formatNumber(rate, 1)); // the Häufigkeitszahl with thousands dot and decimal comma
    expect(all).toMatch(/\d+,\d %/); // decimal comma
    expect(all).not.toMatch(/\d+\.\d %/);
  });

  it('never prints NaN, undefined, null or [object Object]', () => {
    const all = pages.join('\n');
    for (const bad of ['NaN', 'undefined', '[object Object]', 'Infinity']) expect(all).not.toContain(bad);
    expect(all).not.toMatch(/\bnull\b/);
  });
});

describe('sia report with hostile names in the manifest', () => {
  it('prints them as text and makes no request at all', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.end('x');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const folder = join(work, 'boese');
      cpSync(EXAMPLE, folder, { recursive: true });
      // an area renamed everywhere (manifest and the CSV files that name areas) and a hostile municipality name
      const evilArea = `<img src=http://127.0.0.1:${port}/probe>Altstadt`;
      for (const name of readdirSync(folder).filter((n) => n.endsWith('.csv'))) {
        const raw = readFileSync(join(folder, name));
        const utf8 = raw.toString('utf8');
        const cp1252 = utf8.includes('\uFFFD');
        const text = cp1252 ? raw.toString('latin1') : utf8;
        writeFileSync(
          join(folder, name),
          Buffer.from(text.replaceAll('Altstadt', evilArea), cp1252 ? 'latin1' : 'utf8'),
        );
      }
      const manifest = JSON.parse(readFileSync(join(folder, 'analyse.json'), 'utf8')) as {
        kommune: { name: string };
        gebiete: { name: string }[];
      };
      manifest.kommune.name = '<script>document.title="x"</script>Musterstadt';
      manifest.gebiete[0]!.name = evilArea;
      writeFileSync(join(folder, 'analyse.json'), JSON.stringify(manifest));
      const out = join(work, 'out-boese');
      const r = await sia('report', folder, '--out', out);
      expect(r.code, r.stderr).toBe(0);
      const pdf = new Uint8Array(readFileSync(join(out, 'report.pdf')));
      const text = (await pdfText(pdf)).join('\n');
      expect(await pdfUaProblems(pdf)).toEqual([]);
      expect(text).toContain('<script>document.title="x"</script>Musterstadt');
      expect(text).toContain(evilArea);
      const html = readFileSync(join(out, 'report.html'), 'utf8');
      expect(html).not.toMatch(/<script[\s>]/i);
      expect(html).not.toContain('<img src=http');
      expect(hits).toBe(0);
    } finally {
      server.close();
    }
  }, 120_000);
});
