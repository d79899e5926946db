import { describe, expect, it } from 'vitest';
import { Eta } from 'eta/core';
import { REQUIRED_TEMPLATES } from '../../../src/core/report/assemble.js';
import { engineFor, templateName } from '../../../src/core/report/engine.js';
import { reportAssets } from './helpers.js';

/**
 * Raw output (`<%~ … %>`) is allowed only for: other templates via include, the assembled CSS, and the
 * chart SVG from our renderer (checked in svg.ts). Everything else, including the logo data URI, is escaped.
 */
const RAW_ALLOWED: readonly { readonly expr: RegExp; readonly files?: readonly string[] }[] = [
  { expr: /^include\('@[a-z0-9/-]+'\)$/ },
  { expr: /^include\('@[a-z0-9/-]+', \{ [a-z]+: [a-zA-Z.]+ \}\)$/ },
  { expr: /^include\('@text\/' \+ b\.name, \{ v: b\.vars \}\)$/, files: ['partials/blocks.eta'] },
  { expr: /^it\.css$/, files: ['report.eta', 'landesueberblick.eta'] },
  { expr: /^it\.fonts$/, files: ['header.eta', 'footer.eta'] },
  { expr: /^it\.f\.svg$/, files: ['partials/figure.eta'] },
];

function rawTags(text: string): string[] {
  return [...text.matchAll(/<%[-_]?\s*~\s*([\s\S]*?)\s*[-_]?%>/g)].map((m) => (m[1] ?? '').trim());
}

describe('report templates', () => {
  it('has the required templates and only .eta templates plus the stylesheet', async () => {
    const { templates } = await reportAssets();
    for (const t of REQUIRED_TEMPLATES) expect(Object.keys(templates)).toContain(t);
    for (const path of Object.keys(templates)) expect(path).toMatch(/^[a-z0-9/-]+\.(eta|css)$/);
    expect(Object.keys(templates).filter((p) => p.startsWith('chapters/')).length).toBe(8);
  });

  it('uses raw output only from the allow-list', async () => {
    const { templates } = await reportAssets();
    let rawCount = 0;
    for (const [path, text] of Object.entries(templates)) {
      if (!path.endsWith('.eta')) continue;
      for (const expr of rawTags(text)) {
        rawCount++;
        const rule = RAW_ALLOWED.find((r) => r.expr.test(expr));
        expect(rule, `${path}: <%~ ${expr} %> is not on the allow-list`).toBeDefined();
        if (rule?.files)
          expect(rule.files, `${path}: <%~ ${expr} %> only allowed in ${rule.files.join(', ')}`).toContain(
            path,
          );
      }
    }
    expect(rawCount).toBeGreaterThan(10);
  });

  it('the scanner catches a forbidden raw tag', () => {
    const tags = rawTags("<p><%~ it.cover.kommune %></p><%~include('@x')%><%- ~ it.cover.logo -%>");
    expect(tags).toEqual(['it.cover.kommune', "include('@x')", 'it.cover.logo']);
    expect(tags.filter((e) => !RAW_ALLOWED.some((r) => r.expr.test(e)))).toEqual([
      'it.cover.kommune',
      'it.cover.logo',
    ]);
  });

  it('includes only templates that exist', async () => {
    const { templates } = await reportAssets();
    const names = new Set(Object.keys(templates).map(templateName).filter(Boolean));
    for (const [path, text] of Object.entries(templates)) {
      for (const m of text.matchAll(/include\('(@[a-z0-9/-]+)'[,)]/g))
        expect(names.has(m[1]), `${path} includes ${m[1]}`).toBe(true);
    }
    const texts = Object.keys(templates)
      .filter((p) => p.startsWith('text/'))
      .map((p) => p.slice(5, -4));
    const { readFileSync } = await import('node:fs');
    const union =
      /export type StaticText =([\s\S]*?);/.exec(
        readFileSync('src/core/report/view/types.ts', 'utf8'),
      )?.[1] ?? '';
    const declared = [...union.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]);
    expect(new Set(declared)).toEqual(new Set(texts));
  });

  it('compiles every template', async () => {
    const assets = await reportAssets();
    expect(() => engineFor(assets)).not.toThrow();
    const eta = new Eta({ autoEscape: true });
    for (const [path, text] of Object.entries(assets.templates))
      if (path.endsWith('.eta')) expect(() => eta.compile(text), path).not.toThrow();
  });

  it('contains no script, no event handler and no external URL', async () => {
    const { templates } = await reportAssets();
    for (const [path, text] of Object.entries(templates)) {
      expect(text, path).not.toMatch(/<script|javascript:|\son[a-z]+\s*=/i);
      expect(text, path).not.toMatch(/https?:|file:|url\((?!data:)|@import|(?:src|href)="\/\//i);
      expect(text, path).not.toMatch(/<link|<iframe|<object|<embed/i);
    }
  });

  it('header and footer bring their own font faces (they are separate documents), use inline styles with an explicit font size, and the footer counts pages', async () => {
    const { templates } = await reportAssets();
    for (const name of ['header.eta', 'footer.eta']) {
      const t = templates[name] ?? '';
      expect(t.startsWith('<style><%~ it.fonts %></style>\n')).toBe(true);
      expect(t.slice(t.indexOf('</style>'))).not.toMatch(/<style|<link|<img(?![^>]*src="<%= it\.logo %>")/);
      expect(t).toMatch(/font-family:'Source Sans 3';/);
      expect(t).toMatch(/font-size:\s*8pt/);
      expect(
        [...t.matchAll(/class="([^"]+)"/g)]
          .map((m) => m[1])
          .every((c) => c === 'pageNumber' || c === 'totalPages'),
      ).toBe(true);
    }
    expect(templates['footer.eta']).toContain(
      'Seite <span class="pageNumber"></span> von <span class="totalPages"></span>',
    );
  });

  it('the stylesheet carries the print rules', async () => {
    const css = (await reportAssets()).templates['report.css'] ?? '';
    const rule = (sel: string) =>
      new RegExp(`(^|\\n)${sel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\{([^}]*)\\}`).exec(css)?.[2] ?? '';
    expect(rule('@page')).toMatch(/size: A4;/);
    expect(rule('h1')).toMatch(/break-before: page;/);
    expect(rule('h1,\nh2,\nh3')).toMatch(/break-after: avoid;/);
    expect(rule('h2::after,\nh3::after')).toMatch(/margin-bottom: -3\.2cm;/);
    expect(rule('table')).toMatch(/break-inside: auto;/);
    expect(rule('tr')).toMatch(/break-inside: avoid;/);
    expect(rule('thead')).toMatch(/display: table-header-group;/);
    expect(rule('figure')).toMatch(/break-inside: avoid;/);
    expect(rule('.toc .toc-page')).toMatch(/width: 3ch;[\s\S]*tabular-nums/);
    expect(css).toMatch(/var\(--brand\)/);
  });
});
