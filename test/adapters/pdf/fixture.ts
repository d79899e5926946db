/**
 * A synthetic report-like HTML document for the printer tests: German text with umlauts, ß, ẞ and €,
 * a clean h1–h3 hierarchy, a table long enough to span pages, and Source Sans 3 embedded as `data:`
 * URIs (latin for the body, latin-ext for ẞ), exactly as the report's CSS does it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const fontDir = join(dirname(require.resolve('@fontsource/source-sans-3/package.json')), 'files');

function fontFace(file: string, weight: number, range: string): string {
  const b64 = readFileSync(join(fontDir, file)).toString('base64');
  return `@font-face { font-family: 'Source Sans 3'; font-style: normal; font-weight: ${weight}; font-display: block;
  src: url(data:font/woff2;base64,${b64}) format('woff2'); unicode-range: ${range}; }`;
}

const LATIN =
  'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD';
const LATIN_EXT =
  'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C4,U+2113,U+2C60-2C7F,U+A720-A7FF';

let cachedFaces: string | undefined;

/** @font-face rules for Source Sans 3 400/700, latin and latin-ext, as data: URIs. */
export function sourceSansFaces(): string {
  cachedFaces ??= [
    fontFace('source-sans-3-latin-400-normal.woff2', 400, LATIN),
    fontFace('source-sans-3-latin-700-normal.woff2', 700, LATIN),
    fontFace('source-sans-3-latin-ext-400-normal.woff2', 400, LATIN_EXT),
    fontFace('source-sans-3-latin-ext-700-normal.woff2', 700, LATIN_EXT),
  ].join('\n');
  return cachedFaces;
}

export const FIXTURE_TITLE = 'Sicherheitsanalyse Musterstadt 2025';
export const FIXTURE_AUTHOR = 'Stadt Musterstadt – Ordnungsamt';

/** The headings of the fixture, in order, as the outline must show them. */
export const FIXTURE_HEADINGS = {
  h1: 'Sicherheitsanalyse Größenbach',
  h2a: 'Überblick über die Befragung',
  h3a: 'Rücklauf und Stichprobe',
  h3b: 'Sicherheitsgefühl nach Ortsteil',
  h2b: 'Straftaten je 100.000 Einwohner',
  h3c: 'Häufigkeitszahlen im Überblick',
  h2c: 'Empfehlungen für die Straße',
} as const;

const ORTSTEILE = [
  'Altstadt',
  'Nordstraße',
  'Süderhöhe',
  'Grüntal',
  'Fußgängerzone',
  'Bahnhofsviertel',
  'Weißenbach',
  'Mühlberg',
];

function tableRows(n: number): string {
  const rows: string[] = [];
  for (let i = 1; i <= n; i += 1) {
    const ort = ORTSTEILE[i % ORTSTEILE.length] ?? 'Altstadt';
    const value = (1000 + i * 37.5).toLocaleString('de-DE', {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    rows.push(
      `<tr><td>${i}</td><td>${ort}</td><td>${value}</td><td>${(i * 12.35).toFixed(2).replace('.', ',')} €</td></tr>`,
    );
  }
  return rows.join('\n');
}

export interface FixtureOptions {
  /** Rows of the long table; 120 spans several pages. */
  readonly rows?: number;
  /** Extra HTML appended to the body (e.g. payloads for the security tests). */
  readonly extraBody?: string;
  /** Extra HTML appended to the head. */
  readonly extraHead?: string;
  /** Leave out the <title>, to see where the PDF title then comes from. */
  readonly noTitle?: boolean;
}

export function fixtureHtml(options: FixtureOptions = {}): string {
  const h = FIXTURE_HEADINGS;
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
${options.noTitle ? '' : `<title>${FIXTURE_TITLE}</title>`}
<style>
${sourceSansFaces()}
html { font-family: 'Source Sans 3'; font-size: 11pt; color: #1a1a1a; }
h1, h2, h3 { font-family: 'Source Sans 3'; font-weight: 700; }
h2 { break-before: page; }
table { border-collapse: collapse; width: 100%; page-break-inside: auto; }
tr { page-break-inside: avoid; }
thead { display: table-header-group; }
td, th { border: 1px solid #999; padding: 2pt 4pt; text-align: left; }
</style>
${options.extraHead ?? ''}
</head>
<body>
<h1>${h.h1}</h1>
<p>Grüße aus der Straßenbahn: Äpfel, Öfen, Übermut, süß, groß, GROẞ. Der Zuschuss beträgt 1.234,56 €.</p>
<h2>${h.h2a}</h2>
<p>Die Befragung erreichte 1.203 Bürgerinnen und Bürger; die Rücklaufquote lag bei 24,1 %.</p>
<h3>${h.h3a}</h3>
<p>Männer und Frauen antworteten ähnlich häufig.</p>
<h3>${h.h3b}</h3>
<p>Im Bahnhofsviertel fühlen sich nachts weniger Menschen sicher als tagsüber.</p>
<h2>${h.h2b}</h2>
<h3>${h.h3c}</h3>
<table>
<thead><tr><th>Nr.</th><th>Ortsteil</th><th>Häufigkeitszahl</th><th>Schaden</th></tr></thead>
<tbody>
${tableRows(options.rows ?? 120)}
</tbody>
</table>
<h2>${h.h2c}</h2>
<p>Beleuchtung verbessern, Präsenz zeigen, Fußwege überprüfen.</p>
${options.extraBody ?? ''}
</body>
</html>`;
}

/**
 * Footer with "Seite X von Y". The template is its own document: the page's @font-face rules do not reach it
 * (measured: `font-family: 'Source Sans 3'` alone fell back to a system font, DejaVu Sans here), so it
 * brings its own @font-face (data: URI) and an explicit font size.
 */
export function fixtureFooter(): string {
  return `<style>${fontFace('source-sans-3-latin-400-normal.woff2', 400, LATIN)}</style><div style="font-family:'Source Sans 3';font-size:8pt;width:100%;text-align:center;">Seite <span class="pageNumber"></span> von <span class="totalPages"></span></div>`;
}

export function fixtureHeader(): string {
  return `<style>${fontFace('source-sans-3-latin-400-normal.woff2', 400, LATIN)}</style><div style="font-family:'Source Sans 3';font-size:8pt;width:100%;padding:0 18mm;">Sicherheitsanalyse – Größenbach</div>`;
}
