/**
 * The standard questionnaire as printable, accessible HTML (printed to a tagged PDF by the Chromium
 * printer): Source Sans 3 embedded, `lang="de"`, one heading per section, each question a
 * numbered heading, single-choice answers as a list, item batteries as tables with row and column
 * headers, tick boxes drawn with CSS (no glyph outside the font). Every item carries its code and
 * every answer its number in small print, so the returned forms can be typed in as befragung.xlsx.
 */
import { fontFaces, FONT_FAMILY } from '../report/css.js';
import { standardQuestionnaire, type Question, type QuestionnaireOptions } from './structure.js';

export interface QuestionnaireHtmlOptions extends QuestionnaireOptions {
  readonly title?: string;
  /** Source Sans 3 WOFF2 files by name (ReportAssets.fonts). */
  readonly fonts: Readonly<Record<string, Uint8Array>>;
}

export const QUESTIONNAIRE_TITLE = 'Bürgerbefragung zur Sicherheit in Ihrer Stadt oder Gemeinde';

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const BOX = '<span class="kasten" aria-hidden="true"></span>';

function code(text: string): string {
  return `<span class="code">${esc(text)}</span>`;
}

function questionHtml(q: Question, n: number): string {
  const head = `<h3><span class="nr">${n}.</span> ${esc(q.text)}${
    q.kind === 'single' || q.kind === 'number' || q.kind === 'text' ? ` ${code(q.rows[0]!.code)}` : ''
  }</h3>${q.help ? `<p class="hilfe">${esc(q.help)}</p>` : ''}`;
  switch (q.kind) {
    case 'single':
      return `<section class="frage">${head}<ul class="antworten">${q.answers
        .map((a) => `<li>${BOX} ${esc(a.label)} ${code(a.code)}</li>`)
        .join('')}</ul></section>`;
    case 'number':
      return `<section class="frage">${head}<p class="feld">${BOX}${BOX}${BOX} <span>Jahre</span></p></section>`;
    case 'text':
      return `<section class="frage">${head}<p class="linie" aria-label="Zeile zum Ausfüllen"></p></section>`;
    case 'texts':
      return `<section class="frage">${head}${q.rows
        .map((r) => `<p class="linie-mit-text">${esc(r.text)} ${code(r.code)}<span class="linie"></span></p>`)
        .join('')}</section>`;
    case 'array': {
      const cols = q.answers.map((a) => `<th scope="col">${esc(a.label)}<br>${code(a.code)}</th>`).join('');
      const rows = q.rows
        .map(
          (r) =>
            `<tr><th scope="row">${esc(r.text)} ${code(r.code)}</th>${q.answers
              .map((a) => `<td>${BOX}<span class="sr">${esc(a.label)}</span></td>`)
              .join('')}</tr>`,
        )
        .join('');
      return `<section class="frage">${head}<table><thead><tr><td></td>${cols}</tr></thead><tbody>${rows}</tbody></table></section>`;
    }
  }
}

const CSS = `
@page { size: A4; }
html { font-family: '${FONT_FAMILY}', sans-serif; font-size: 10.5pt; color: #1a1a1a; }
body { margin: 0; }
h1 { font-size: 18pt; margin: 0 0 4mm; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; padding-bottom: 1mm; border-bottom: 0.6pt solid #555; break-after: avoid; }
h3 { font-size: 10.5pt; font-weight: 600; margin: 0 0 1.5mm; }
.nr { display: inline-block; min-width: 7mm; }
.einleitung { margin: 0 0 4mm; line-height: 1.35; }
.frage { break-inside: avoid; margin: 0 0 4.5mm; }
.hilfe { margin: 0 0 1.5mm 7mm; font-style: italic; font-size: 9.5pt; }
.antworten { list-style: none; margin: 0 0 0 7mm; padding: 0; display: flex; flex-wrap: wrap; gap: 1mm 6mm; }
.antworten li { white-space: nowrap; }
.kasten { display: inline-block; width: 3.4mm; height: 3.4mm; border: 0.8pt solid #1a1a1a; vertical-align: -0.6mm; margin-right: 1mm; background: #fff; }
.code { font-size: 6.5pt; color: #555; font-weight: 400; letter-spacing: 0.02em; }
table { border-collapse: collapse; margin-left: 7mm; width: calc(100% - 7mm); font-size: 9.5pt; }
thead th { font-weight: 400; font-size: 8.5pt; text-align: center; vertical-align: bottom; padding: 1mm; }
tbody th { font-weight: 400; text-align: left; padding: 1.2mm 2mm 1.2mm 0; }
tbody tr { border-top: 0.4pt solid #bbb; }
tbody tr:nth-child(even) { background: #f2f2f2; }
td { text-align: center; padding: 1mm; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.linie { display: block; border-bottom: 0.6pt solid #1a1a1a; height: 6mm; margin-left: 7mm; }
.linie-mit-text { display: flex; align-items: flex-end; gap: 2mm; margin: 0 0 1mm 7mm; }
.linie-mit-text .linie { flex: 1; margin-left: 0; }
.feld { margin: 0 0 0 7mm; }
.fuss { margin-top: 8mm; font-size: 9.5pt; }
`;

/** The complete HTML document. */
export function questionnaireHtml(options: QuestionnaireHtmlOptions): string {
  const title = options.title?.trim() || QUESTIONNAIRE_TITLE;
  let n = 0;
  const sections = standardQuestionnaire(options)
    .map(
      (s) =>
        `<section><h2>${esc(s.title)}</h2>${s.questions.map((q) => questionHtml(q, (n += 1))).join('')}</section>`,
    )
    .join('');
  return `<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>${fontFaces(options.fonts)}${CSS}</style></head>
<body><main>
<h1>${esc(title)}</h1>
<p class="einleitung">Ihre Angaben sind freiwillig und anonym. Bitte kreuzen Sie je Frage oder Zeile ein Kästchen an. Wenn Sie eine Frage nicht beantworten möchten, lassen Sie sie einfach aus. Die kleinen Codes (z. B. ${code('sg_wohngegend_nacht')}) dienen nur der Dateneingabe.</p>
${sections}
<p class="fuss">Vielen Dank für Ihre Teilnahme!</p>
</main></body></html>`;
}
