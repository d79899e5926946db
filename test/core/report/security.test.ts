import { beforeAll, describe, expect, it } from 'vitest';
import { assembleReport, type AssembledReport } from '../../../src/core/report/assemble.js';
import type { Logo } from '../../../src/core/model/dataset.js';
import { baseInput, cloneSample, markupOf, stubChart, styleOf, textOf } from './helpers.js';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src="http://169.254.169.254/">';

/** Every external reference a browser could follow, outside text nodes and outside the stylesheet. */
function externalRefs(html: string): string[] {
  const markup = markupOf(html);
  const refs = [
    ...markup.matchAll(
      /(?:https?|file|ftp|wss?):|\b(?:src|href|action|poster|data|srcset|xlink:href)\s*=\s*["']?\s*\/\//gi,
    ),
  ].map((m) => m[0]);
  const css = styleOf(html);
  const cssRefs = [...css.matchAll(/url\(\s*['"]?(?!data:|#)[^)]*\)|@import|(?:https?|file):/gi)].map(
    (m) => m[0],
  );
  return [...refs, ...cssRefs];
}

describe('report HTML: escaping of uploaded text', () => {
  let report: AssembledReport;

  beforeAll(async () => {
    const a = cloneSample();
    a.meta.kommune.name = SCRIPT;
    a.meta.titel = `Sicherheitsanalyse ${SCRIPT}`;
    const area = a.meta.gebiete[0];
    if (area) area.name = IMG;
    const pa = a.profile.population.byArea[0];
    if (pa) pa.name = IMG;
    for (const p of a.comparison.pairs) for (const x of p.areas) if (x.areaId === '01') x.name = IMG;
    a.survey.angstraeume[0] = { place: `Bahnhof ${IMG}`, mentions: 41 };
    a.warnings[0] = { code: 'x', file: 'befragung.csv', message: `Spalte „${SCRIPT}“ ist unbekannt.` };
    const rec = a.recommendations[0];
    if (rec) {
      rec.title = `Maßnahme ${SCRIPT}`;
      rec.description = `<iframe src="file:///proc/self/environ"></iframe>`;
      rec.actors = ['<a href="javascript:alert(1)">Ordnungsamt</a>'];
    }
    a.survey.extra[0] = {
      ...a.survey.extra[0]!,
      question: `<style>@import url(http://127.0.0.1:9001/)</style>Frage?`,
    };
    a.profile.indicators[0] = {
      ...a.profile.indicators[0]!,
      label: '<link rel="stylesheet" href="//evil.example/x.css">',
      source: "');background:url(http://10.0.0.1/)",
    };
    a.crime.flags[0] = {
      ...a.crime.flags[0]!,
      message: '<meta http-equiv="refresh" content="0;url=http://169.254.169.254/">',
    };
    report = assembleReport(await baseInput(a));
  });

  it('prints the municipality and area names as text, never as markup', () => {
    for (const doc of [report.html, report.headerTemplate, report.footerTemplate]) {
      expect(doc).not.toMatch(/<script/i);
      expect(doc).not.toContain('<img src="http');
      expect(doc).not.toMatch(/<iframe|<link|<meta http-equiv="refresh"|<a href="javascript/i);
    }
    expect(report.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(report.html).toContain('&lt;img src=&quot;http://169.254.169.254/&quot;&gt;');
    expect(report.headerTemplate).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const text = textOf(report.html);
    expect(text).toContain(`In ${SCRIPT} lebten`);
    expect(text).toContain(IMG);
    expect(report.title).toBe(`Sicherheitsanalyse ${SCRIPT}`);
    expect(report.html).toContain('<title>Sicherheitsanalyse &lt;script&gt;alert(1)&lt;/script&gt;</title>');
  });

  it('contains no external URL outside escaped text (no http:, https:, file:, // in markup or CSS)', () => {
    expect(externalRefs(report.html)).toEqual([]);
    expect(externalRefs(report.headerTemplate)).toEqual([]);
    expect(externalRefs(report.footerTemplate)).toEqual([]);
  });

  it('uses only generated ids (no upload text in id attributes)', () => {
    for (const m of report.html.matchAll(/\sid="([^"]*)"/g)) expect(m[1]).toMatch(/^[a-z0-9-]+$/);
  });
});

describe('report HTML: branding, logo and charts from outside the templates', () => {
  it('ignores a brand colour that is not #RRGGBB', async () => {
    const r = assembleReport(
      await baseInput(undefined, {
        branding: { primary: 'red;}body{background:url(http://10.0.0.1/)}', accent: '#e8a33d' },
      }),
    );
    const css = styleOf(r.html);
    expect(css).toContain('--brand: #005CA9;');
    expect(css).toContain('--accent: #E8A33D;');
    expect(css).not.toContain('10.0.0.1');
  });

  it('embeds a PNG logo as a data: URI on the cover and in the header', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const logo: Logo = { file: 'logo.png', mime: 'image/png', bytes: png };
    const r = assembleReport(await baseInput(undefined, { logo }));
    const uri = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
    expect(r.html).toContain(`<img class="cover-logo" src="${uri}"`);
    expect(r.headerTemplate).toContain(`<img src="${uri}"`);
  });

  it('embeds an SVG logo only as a base64 image, never as inline markup', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><image href="http://169.254.169.254/"/></svg>';
    const logo: Logo = { file: 'logo.svg', mime: 'image/svg+xml', bytes: new TextEncoder().encode(svg) };
    const r = assembleReport(await baseInput(undefined, { logo }));
    expect(r.html).toContain(`src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"`);
    expect(r.html).not.toMatch(/<script/i);
    expect(r.headerTemplate).not.toMatch(/<script|<svg/i);
  });

  it('drops a logo whose bytes do not match its type', async () => {
    const logo: Logo = {
      file: 'logo.png',
      mime: 'image/png',
      bytes: new TextEncoder().encode('<svg onload="alert(1)"/>'),
    };
    const r = assembleReport(await baseInput(undefined, { logo }));
    expect(r.html).not.toContain('<img class="cover-logo"');
    expect(r.headerTemplate).not.toContain('<img');
  });

  it('does not inline a chart SVG with active or external content; the figure shows its text alternative', async () => {
    const bad = stubChart('befragung-ort-tageszeit', 'survey', {
      svg: '<svg><script>fetch("http://169.254.169.254/")</script></svg>',
      alt: 'Nachts fühlen sich 33 % unsicher.',
    });
    const external = stubChart('pks-hz-vergleich', 'crime', {
      svg: '<svg><image href="file:///proc/self/environ"/></svg>',
    });
    const r = assembleReport(await baseInput(undefined, { charts: [bad, external] }));
    expect(r.html).not.toMatch(/<script|file:\/\/|169\.254/);
    expect(r.html).toContain(
      'Die Grafik konnte nicht eingebunden werden. Beschreibung: Nachts fühlen sich 33 % unsicher.',
    );
    expect((r.html.match(/<figure /g) ?? []).length).toBe(2);
  });
});
