import { describe, expect, it } from 'vitest';
import { fillTocPages, PAGE_SLOT_DIGITS, tocPlaceholders } from '../../../src/core/report/toc.js';
import { prepareChartSvg } from '../../../src/core/report/svg.js';
import {
  brandVariables,
  contrast,
  fontFaces,
  templateFontFaces,
  safeColour,
  assembleCss,
} from '../../../src/core/report/css.js';
import {
  formatInterval,
  joinGerman,
  marginAtHalf,
  negativePhrase,
  shareText,
  shareWithCi,
  groupShareText,
} from '../../../src/core/report/text.js';
import { escapeHtml, templateName } from '../../../src/core/report/engine.js';
import { DocNumbering, slug } from '../../../src/core/report/numbering.js';
import { germanDate, germanDateTime } from '../../../src/core/report/dates.js';
import { logoDataUri, LOGO_DATA_URI } from '../../../src/core/report/logo.js';
import { templateVersionOf } from '../../../src/core/report/template-version.js';
import { ageGroupLabel, ageGroupNoun } from '../../../src/core/report/labels.js';
import { slotOf } from '../../../src/core/report/view/chart-slots.js';
import { volumeChunks } from '../../../src/core/report/view/appendix.js';
import { NBSP } from './helpers.js';

describe('toc', () => {
  it('gives every entry a placeholder of fixed width that cycles through all ten digits per level', () => {
    const levels = [1, 2, 2, 1, 2, 2, 1, 1, 2];
    const placeholders = tocPlaceholders(levels);
    expect(placeholders).toEqual(['012', '012', '345', '345', '678', '901', '678', '901', '234']);
    expect(placeholders.every((p) => p.length === PAGE_SLOT_DIGITS)).toBe(true);
    for (const level of [1, 2]) {
      const digits = new Set(placeholders.filter((_, i) => levels[i] === level).join(''));
      expect(digits.size).toBe(10);
    }
  });

  it('puts the printed pages into the HTML slots by link target, a dash when unknown', () => {
    const entry = (id: string, digits: string) =>
      `<li class="toc-2"><a class="toc-title" href="#${id}">2.3 Gewichtung</a><span class="toc-dots" aria-hidden="true"></span><span class="toc-page">${digits}</span></li>`;
    const html = `<ol class="toc">${entry('k2-3-gewichtung', '012')}${entry('k2-4-genauigkeit', '345')}</ol>`;
    expect(fillTocPages(html, new Map([['k2-3-gewichtung', 6]]))).toBe(
      `<ol class="toc">${entry('k2-3-gewichtung', '6')}${entry('k2-4-genauigkeit', '–')}</ol>`,
    );
  });
});

describe('chart SVG check', () => {
  const ok =
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><defs><clipPath id="clip1"><rect/></clipPath><linearGradient id="g1"/></defs><g clip-path="url(#clip1)" fill="url(#g1)"><use-not href="#clip1"/><text>A &lt; B: http://x</text></g></svg>';

  it('scopes ids and references, drops namespaces and the XML prolog, makes the SVG an image with its text alternative', () => {
    const r = prepareChartSvg(
      `<?xml version="1.0"?>\n<!-- c -->${ok}`,
      'abb-3',
      'Anteile „sehr sicher“ & mehr',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(
      r.svg.startsWith(
        '<svg role="img" aria-label="Anteile „sehr sicher“ &amp; mehr" focusable="false" width="10"',
      ),
    ).toBe(true);
    expect(r.svg).toContain('id="abb-3-clip1"');
    expect(r.svg).toContain('clip-path="url(#abb-3-clip1)"');
    expect(r.svg).toContain('fill="url(#abb-3-g1)"');
    expect(r.svg).toContain('href="#abb-3-clip1"');
    expect(r.svg).not.toContain('xmlns');
    expect(r.svg).toContain('A &lt; B: http://x');
  });

  it("replaces the file's own title, desc and naming with the label (the figcaption shows the title)", () => {
    const described =
      '<svg role="img" aria-labelledby="c-title c-desc" width="10"><title id="c-title">Titel</title><desc id="c-desc">Beschreibung</desc><g/></svg>';
    const r = prepareChartSvg(described, 'abb-1', 'Beschreibung');
    expect(r.ok && r.svg).toBe(
      '<svg role="img" aria-label="Beschreibung" focusable="false" width="10"><g/></svg>',
    );
  });

  it.each([
    ['script', '<svg><script>alert(1)</script></svg>'],
    ['foreignObject', '<svg><foreignObject><div/></foreignObject></svg>'],
    ['event handler', '<svg onload="x()"></svg>'],
    ['external image', '<svg><image href="http://169.254.169.254/"/></svg>'],
    ['external href', '<svg><a href="https://evil.example">x</a></svg>'],
    ['css url', '<svg><rect style="fill:url(http://10.0.0.1/)"/></svg>'],
    ['style element', '<svg><style>@import url(x)</style></svg>'],
    ['file url attribute', '<svg><rect fill="file:///etc/passwd"/></svg>'],
    ['not svg', '<div>chart</div>'],
    ['entity', '<!DOCTYPE svg [<!ENTITY x "y">]><svg></svg>'],
  ])('rejects %s', (_name, svg) => {
    expect(prepareChartSvg(svg, 'p', 'x').ok).toBe(false);
  });
});

describe('css', () => {
  it('gives the header and footer templates only the regular faces, latin and latin-ext by unicode-range', () => {
    const fonts = Object.fromEntries(
      [
        'source-sans-3-latin-400-normal.woff2',
        'source-sans-3-latin-ext-400-normal.woff2',
        'source-sans-3-latin-700-normal.woff2',
        'source-sans-3-latin-400-italic.woff2',
      ].map((name) => [name, new Uint8Array([1, 2, 3])]),
    );
    const css = templateFontFaces(fonts);
    expect(css.match(/@font-face/g)).toHaveLength(2);
    expect(css).not.toMatch(/font-weight: 700|font-style: italic/);
    expect(css).toContain('unicode-range: U+0000-00FF');
    expect(css).toContain('unicode-range: U+0100-02BA');
    expect(css).toContain("src: url(data:font/woff2;base64,AQID) format('woff2');");
  });

  it('accepts only #RRGGBB colours', () => {
    expect(safeColour('#005ca9', '#000000')).toBe('#005CA9');
    for (const bad of ['red', '#05a', '#005CA9;}', 'url(x)', ''])
      expect(safeColour(bad, '#000000')).toBe('#000000');
  });

  it('keeps text readable on light brand colours (WCAG 4.5:1)', () => {
    expect(contrast('#FFFFFF', '#000000')).toBeCloseTo(21, 0);
    const dark = brandVariables({ primary: '#005CA9', accent: '#E8A33D' });
    expect(dark).toContain('--brand-text: #005CA9;');
    expect(dark).toContain('--on-brand: #FFFFFF;');
    expect(dark).toContain('--on-accent: #1A1A1A;');
    const light = brandVariables({ primary: '#FFE600', accent: '#FFFFFF' });
    expect(light).toContain('--brand: #FFE600;');
    expect(light).toContain('--brand-text: #1A1A1A;');
    expect(light).toContain('--on-brand: #1A1A1A;');
  });

  it('builds one @font-face per Source Sans 3 WOFF2 file, with data: URI and unicode-range', () => {
    const css = fontFaces({
      'source-sans-3-latin-700-normal.woff2': new Uint8Array([1, 2, 3]),
      'source-sans-3-latin-ext-400-italic.woff2': new Uint8Array([4]),
      'other.woff2': new Uint8Array([5]),
    });
    expect(css.match(/@font-face/g)?.length).toBe(2);
    expect(css).toContain("font-family: 'Source Sans 3';\n  font-style: normal;\n  font-weight: 700;");
    expect(css).toContain("src: url(data:font/woff2;base64,AQID) format('woff2');");
    expect(css).toContain('font-style: italic;');
    expect(css).toContain('unicode-range: U+0000-00FF');
    expect(css).toContain('unicode-range: U+0100-02BA');
  });

  it('cannot close the style element', () => {
    expect(
      assembleCss('a::after { content: "</style><script>" }', {}, { primary: '#000000', accent: '#000000' }),
    ).not.toContain('</style>');
  });
});

describe('text helpers', () => {
  it('formats shares and intervals in German with a no-break space before %', () => {
    expect(formatInterval([0.268, 0.364])).toBe(`26,8–36,4${NBSP}%`);
    expect(formatInterval(null)).toBe('–');
    expect(shareText(0.314)).toBe(`31,4${NBSP}%`);
    expect(shareText(0.314, true)).toBe(`(31,4${NBSP}%)`);
    expect(shareText(null, true)).toBe('–');
    expect(shareWithCi(0.314, [0.268, 0.364])).toBe(`31,4${NBSP}% (95-%-Intervall 26,8–36,4${NBSP}%)`);
    expect(groupShareText({ n: 4, suppressed: true, reason: 'primary', rule: 'primary' })).toBe(
      'zu geringe Fallzahl',
    );
    expect(marginAtHalf(350)).toBe('±5,2');
    expect(marginAtHalf(30)).toBe('±17,9');
    expect(marginAtHalf(0)).toBe('–');
  });

  it('turns scale phrases into running text', () => {
    expect(negativePhrase('eher/sehr unsicher')).toBe('eher oder sehr unsicher');
    expect(negativePhrase('ziemliches/großes Problem')).toBe('ziemliches oder großes Problem');
    expect(joinGerman(['a', 'b', 'c'])).toBe('a, b und c');
    expect(joinGerman(['a'])).toBe('a');
    expect(joinGerman([])).toBe('');
    expect(ageGroupLabel('16-29')).toBe('16–29 Jahre');
    expect(ageGroupLabel('75+')).toBe('75 Jahre und älter');
    expect(ageGroupNoun('45-59')).toBe('45- bis 59-Jährigen');
    expect(ageGroupNoun('75+')).toBe('Menschen ab 75 Jahren');
  });
});

describe('engine', () => {
  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('refuses to print anything but a string', () => {
    for (const v of [1234.5, 3, undefined, null, {}, [], Number.NaN, true])
      expect(() => escapeHtml(v)).toThrow(/non-string/);
  });

  it('names templates by their path', () => {
    expect(templateName('report.eta')).toBe('@report');
    expect(templateName('partials/table.eta')).toBe('@partials/table');
    expect(templateName('report.css')).toBeUndefined();
  });
});

describe('numbering', () => {
  it('numbers headings hierarchically and resets lower levels', () => {
    const n = new DocNumbering();
    n.plainHeading(1, 'Inhalt');
    expect(n.heading(1, 'Eins').title).toBe('1 Eins');
    expect(n.heading(2, 'A').title).toBe('1.1 A');
    expect(n.heading(3, 'x').title).toBe('1.1.1 x');
    expect(n.heading(3, 'y').title).toBe('1.1.2 y');
    expect(n.heading(2, 'B').title).toBe('1.2 B');
    expect(n.heading(1, 'Zwei').title).toBe('2 Zwei');
    expect(n.heading(3, 'z').title).toBe('2.0.1 z');
    expect(n.numberOf('B')).toBe('1.2');
    expect(n.table('T').number).toBe(1);
    expect(n.table('T').id).toBe('tab-t-2');
    expect(n.tables[1]?.section).toBe('2 Zwei');
  });

  it('builds ASCII ids from German text', () => {
    expect(slug('Zusammenführung subjektiv ↔ objektiv')).toBe('zusammenfuehrung-subjektiv-objektiv');
    expect(slug('Größe & Maß')).toBe('groesse-mass');
    expect(slug('<script>')).toBe('script');
    expect(slug('!!!')).toBe('x');
  });
});

describe('table volume', () => {
  it('splits items into the fewest tables of at most five, as even as possible', () => {
    expect(volumeChunks([1, 2, 3, 4, 5, 6, 7]).map((c) => c.length)).toEqual([4, 3]);
    expect(volumeChunks([1, 2, 3, 4, 5]).map((c) => c.length)).toEqual([5]);
    expect(volumeChunks([1, 2, 3, 4, 5, 6]).map((c) => c.length)).toEqual([3, 3]);
    expect(volumeChunks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]).map((c) => c.length)).toEqual([4, 4, 4]);
    expect(volumeChunks([1]).map((c) => c.length)).toEqual([1]);
    expect(volumeChunks([])).toEqual([]);
  });
});

describe('dates, logo, template version, chart slots', () => {
  it('formats dates in German, in Berlin time', () => {
    expect(germanDate('2026-11-25T09:00:00Z')).toBe('25. November 2026');
    expect(germanDate('2026-03-31T22:30:00Z')).toBe('1. April 2026');
    expect(germanDate('kein Datum')).toBe('–');
    expect(germanDateTime('2026-07-01T08:05:00Z')).toBe('01.07.2026, 10:05 MESZ');
  });

  it('builds logo data URIs only for real PNG and SVG files', () => {
    const png = logoDataUri({
      file: 'l.png',
      mime: 'image/png',
      bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    });
    expect(png).toMatch(LOGO_DATA_URI);
    expect(
      logoDataUri({
        file: 'l.svg',
        mime: 'image/svg+xml',
        bytes: new TextEncoder().encode('<?xml version="1.0"?><svg viewBox="0 0 1 1"/>'),
      }),
    ).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(
      logoDataUri({ file: 'l.svg', mime: 'image/svg+xml', bytes: new TextEncoder().encode('GIF89a') }),
    ).toBeNull();
    expect(logoDataUri({ file: 'l.png', mime: 'image/png', bytes: new Uint8Array() })).toBeNull();
    expect(logoDataUri(null)).toBeNull();
  });

  it('derives the template version from paths and contents, independent of order', () => {
    const a = templateVersionOf({ 'a.eta': 'x', 'b.css': 'y' });
    expect(a).toMatch(/^tpl-[0-9a-f]{12}$/);
    expect(templateVersionOf({ 'b.css': 'y', 'a.eta': 'x' })).toBe(a);
    expect(templateVersionOf({ 'a.eta': 'x', 'b.css': 'z' })).not.toBe(a);
    expect(templateVersionOf({ 'c.eta': 'x', 'b.css': 'y' })).not.toBe(a);
  });

  it('places known chart ids exactly and unknown ones by pattern or not at all', () => {
    expect(slotOf({ id: 'befragung-ort-tageszeit', section: 'survey' })).toBe('survey.feeling');
    expect(slotOf({ id: 'pks-hz-vergleich', section: 'crime' })).toBe('crime.regional');
    expect(slotOf({ id: 'profil-bevoelkerungspyramide', section: 'profile' })).toBe('profile.population');
    expect(slotOf({ id: 'vergleich-paradox', section: 'comparison' })).toBe('comparison.paradox');
    expect(slotOf({ id: 'etwas-neues', section: 'survey' })).toBeUndefined();
  });
});
