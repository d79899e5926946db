import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findAssetsRoot,
  loadReportAssets,
  REPORT_FONT_FILES,
  TEMPLATE_VERSION,
  templateVersionOf,
} from '../../src/adapters/fs-assets.js';

const WOFF2 = [0x77, 0x4f, 0x46, 0x32]; // "wOF2"

describe('loadReportAssets', () => {
  let tmp: string;

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'sia-assets-'));
  });

  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('finds the repository root and loads every template and the twelve WOFF2 fonts (latin, latin-ext, greek)', async () => {
    const root = findAssetsRoot();
    expect(root).toBeDefined();
    const assets = await loadReportAssets();
    expect(Object.keys(assets.templates)).toEqual(
      expect.arrayContaining([
        'report.eta',
        'report.css',
        'header.eta',
        'footer.eta',
        'partials/table.eta',
        'chapters/1-zusammenfassung.eta',
        'text/glossar.eta',
      ]),
    );
    expect(assets.templates['report.eta']).toBe(
      await readFile(join(root ?? '', 'templates/report/report.eta'), 'utf8'),
    );
    expect(Object.keys(assets.fonts).sort()).toEqual([...REPORT_FONT_FILES].sort());
    for (const bytes of Object.values(assets.fonts)) {
      expect([...bytes.subarray(0, 4)]).toEqual(WOFF2);
      expect(bytes.length).toBeGreaterThan(5_000);
    }
  });

  it('computes TEMPLATE_VERSION from exactly the loaded templates', async () => {
    const assets = await loadReportAssets();
    expect(TEMPLATE_VERSION).toMatch(/^tpl-[0-9a-f]{12}$/);
    expect(templateVersionOf(assets.templates)).toBe(TEMPLATE_VERSION);
  });

  it('loads from an explicit root laid out like the Lambda bundle (templates and fonts next to the handler)', async () => {
    const repo = findAssetsRoot() ?? '';
    const bundle = join(tmp, 'bundle');
    await mkdir(join(bundle, 'fonts'), { recursive: true });
    await cp(join(repo, 'templates/report'), join(bundle, 'templates/report'), { recursive: true });
    for (const f of REPORT_FONT_FILES)
      await cp(join(repo, 'node_modules/@fontsource/source-sans-3/files', f), join(bundle, 'fonts', f));
    await writeFile(join(bundle, 'templates/report/.DS_Store'), 'x');
    await writeFile(join(bundle, 'templates/report/partials/extra.eta'), '<p>extra</p>');
    const assets = await loadReportAssets(bundle);
    expect(assets.templates['partials/extra.eta']).toBe('<p>extra</p>');
    expect(Object.keys(assets.templates).some((k) => k.includes('.DS_Store'))).toBe(false);
    expect(Object.keys(assets.fonts).length).toBe(REPORT_FONT_FILES.length);
    expect(templateVersionOf(assets.templates)).not.toBe(TEMPLATE_VERSION);
    expect(findAssetsRoot(join(bundle, 'templates'))).toBe(bundle);
  });

  it('rejects with a German message when templates or fonts are missing', async () => {
    await expect(loadReportAssets(join(tmp, 'leer'))).rejects.toThrow(/Berichtsvorlagen nicht gefunden/);
    const noFonts = join(tmp, 'ohne-schriften');
    await mkdir(join(noFonts, 'templates/report'), { recursive: true });
    await writeFile(join(noFonts, 'templates/report/report.eta'), '<html></html>');
    await expect(loadReportAssets(noFonts)).rejects.toThrow(
      /Schriftdateien fehlen.*source-sans-3-latin-400-normal\.woff2/,
    );
  });
});
