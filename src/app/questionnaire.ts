/**
 * The standard questionnaire as files: `fragebogen.pdf` (printed by the PdfPrinter, tagged, with
 * the report's font) and `fragebogen.lss` (LimeSurvey). Used by `sia fragebogen` and to build the
 * portal's download.
 */
import type { Area } from '../core/model/dataset.js';
import type { OutputFile, PdfPrinter } from '../core/ports.js';
import { questionnaireHtml, QUESTIONNAIRE_TITLE } from '../core/questionnaire/html.js';
import { buildLss } from '../core/questionnaire/lss.js';

export const QUESTIONNAIRE_PDF = 'fragebogen.pdf';
export const QUESTIONNAIRE_LSS = 'fragebogen.lss';

export interface QuestionnaireFiles {
  readonly files: readonly OutputFile[];
  readonly pageCount: number;
}

export async function produceQuestionnaire(
  printer: PdfPrinter,
  fonts: Readonly<Record<string, Uint8Array>>,
  options: { readonly areas?: readonly Area[] } = {},
): Promise<QuestionnaireFiles> {
  const areas = options.areas ?? [];
  const html = questionnaireHtml({ fonts, areas });
  const pdf = await printer.print(html, {
    title: QUESTIONNAIRE_TITLE,
    author: 'Landespräventionsrat Sachsen – Sicherheitsanalyse',
    timeoutMs: 60_000,
  });
  return {
    pageCount: pdf.pageCount,
    files: [
      { path: QUESTIONNAIRE_PDF, contentType: 'application/pdf', bytes: pdf.bytes },
      {
        path: QUESTIONNAIRE_LSS,
        contentType: 'application/xml',
        bytes: new TextEncoder().encode(buildLss({ areas })),
      },
    ],
  };
}
