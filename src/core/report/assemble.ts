/**
 * Phase 5 of the pipeline: the Analysis, the charts and the branding become one self-contained
 * HTML document (fonts, logo and charts embedded, no scripts, no external URL), plus the header and
 * footer templates for the printer.
 *
 * One print: the table of contents carries placeholder digits in slots of fixed width (toc.ts); the printer
 * fills them with the pages of the links' targets (PrintOptions.tocPageNumbers), and the caller puts the same
 * pages into the HTML with `fillTocPages`.
 */
import type { Analysis } from '../analysis/schema.js';
import type { ChangeSummary } from '../changes/schema.js';
import type { Chart } from '../charts/index.js';
import type { Logo } from '../model/dataset.js';
import type { ReportAssets } from '../ports.js';
import { formatNumber } from '../format/number.js';
import { assembleCss, templateFontFaces, type Branding } from './css.js';
import { germanDate } from './dates.js';
import { engineFor } from './engine.js';
import { logoDataUri } from './logo.js';
import { DocNumbering, type Heading } from './numbering.js';
import { tocPlaceholders } from './toc.js';
import { BuildContext } from './view/builder.js';
import { summaryChapter } from './view/summary.js';
import { changesChapter } from './view/changes.js';
import { developmentChapter } from './view/development.js';
import { methodsChapter } from './view/methods.js';
import { profileChapter } from './view/profile.js';
import { crimeChapter } from './view/crime.js';
import { surveyChapter } from './view/survey.js';
import { comparisonChapter } from './view/comparison.js';
import { recommendationsChapter } from './view/recommendations.js';
import { appendixChapter } from './view/appendix.js';
import type { Block, Section, Table } from './view/types.js';

export { fillTocPages } from './toc.js';

export interface ReportInput {
  readonly analysis: Analysis;
  readonly charts: readonly Chart[];
  readonly assets: ReportAssets;
  readonly logo: Logo | null;
  readonly branding: Branding;
  readonly meta: {
    readonly version: number;
    /** ISO timestamp, given by the caller. */
    readonly generatedAt: string;
    readonly engineVersion: string;
    readonly templateVersion: string;
  };
  /** Changes against the previous version: adds the chapter "Änderungen gegenüber Version N" after the summary. */
  readonly changes?: ChangeSummary;
  /** A predecessor was named but could not be compared: the development chapter says why. */
  readonly developmentSkipped?: { readonly predecessor: string | null; readonly reason: string };
}

export interface AssembledReport {
  readonly html: string;
  readonly headerTemplate: string;
  readonly footerTemplate: string;
  readonly title: string;
  readonly author: string;
  readonly headings: readonly { readonly id: string; readonly title: string; readonly level: number }[];
  /** Every numbered table as printed, in document order (for the spreadsheet export). */
  readonly tables: readonly ReportTable[];
}

/** A numbered table of the report with the h1/h2 section it sits in. */
export interface ReportTable {
  /** 1 for "Tabelle 1". */
  readonly number: number;
  /** Title of the section, e.g. "5.2 Sicherheitsgefühl". */
  readonly section: string;
  readonly table: Table;
}

export const PUBLISHER = 'Landespräventionsrat Sachsen';

/** Template files the assembly needs; the adapter's test checks they exist. */
export const REQUIRED_TEMPLATES = ['report.eta', 'report.css', 'header.eta', 'footer.eta'] as const;

export interface TocEntry {
  readonly id: string;
  readonly title: string;
  readonly level: number;
  readonly page: string;
}

export function assembleReport(input: ReportInput): AssembledReport {
  const { analysis: a, assets, meta } = input;
  const numbering = new DocNumbering();
  const ctx = new BuildContext(numbering, input.charts);

  const tocHeading = numbering.plainHeading(1, 'Inhalt');
  const summary = summaryChapter(ctx, a);
  const changes = input.changes && changesChapter(ctx, a, input.changes);
  const development = developmentChapter(ctx, a, input.developmentSkipped);
  const chapters: Record<string, Section> = {
    summary,
    ...(changes && { changes }),
    ...(development && { development }),
    methods: methodsChapter(ctx, a),
    profile: profileChapter(ctx, a),
    crime: crimeChapter(ctx, a),
    survey: surveyChapter(ctx, a),
    comparison: comparisonChapter(ctx, a),
    recommendations: recommendationsChapter(ctx, a),
    appendix: appendixChapter(ctx, a, meta),
  };

  const listed = numbering.headings.filter((h: Heading) => h.inToc);
  const placeholders = tocPlaceholders(listed.map((h) => h.level));
  const toc: TocEntry[] = listed.map((h, i) => ({
    id: h.id,
    title: h.title,
    level: h.level,
    page: placeholders[i] as string,
  }));

  const title = a.meta.titel.trim() || `Sicherheitsanalyse ${a.meta.kommune.name} ${a.meta.berichtsjahr}`;
  const author = `${PUBLISHER} / ${a.meta.kommune.name}`;
  const logo = logoDataUri(input.logo);
  const staticCss = assets.templates['report.css'] ?? '';

  const eta = engineFor(assets);
  const view = {
    doc: {
      title,
      author,
      description: `Kommunale Sicherheitsanalyse für ${a.meta.kommune.name}: Befragung, Polizeiliche Kriminalstatistik, Zusammenführung und Handlungsempfehlungen.`,
      generator: `sia ${meta.engineVersion}`,
    },
    css: assembleCss(staticCss, assets.fonts, input.branding),
    cover: {
      title,
      kommune: a.meta.kommune.name,
      stand: `Stand: ${germanDate(meta.generatedAt)}`,
      version: `Version ${formatNumber(meta.version)}`,
      berichtsjahr: `Berichtsjahr ${a.meta.berichtsjahr}`,
      publisher: PUBLISHER,
      logo,
    },
    toc: { heading: tocHeading, entries: toc },
    chapters,
  };
  const html = eta.render('@report', view);
  // Header and footer are documents of their own: the report's @font-face rules do not reach them.
  const fonts = templateFontFaces(assets.fonts);
  const headerTemplate = eta.render('@header', { title, kommune: a.meta.kommune.name, logo, fonts });
  const footerTemplate = eta.render('@footer', { title, fonts });

  return {
    html,
    headerTemplate,
    footerTemplate,
    title,
    author,
    headings: numbering.headings.map((h) => ({ id: h.id, title: h.title, level: h.level })),
    tables: reportTables(Object.values(chapters), numbering.tables),
  };
}

/** The tables of the sections (nested sections included), matched with their numbers. */
function reportTables(sections: readonly Section[], numbered: DocNumbering['tables']): ReportTable[] {
  const byId = new Map<string, Table>();
  const walk = (blocks: readonly Block[]): void => {
    for (const b of blocks) {
      if (b.kind === 'table') byId.set(b.table.id, b.table);
      else if (b.kind === 'section') walk(b.section.blocks);
    }
  };
  for (const s of sections) walk(s.blocks);
  return numbered.flatMap((n) => {
    const table = byId.get(n.id);
    return table ? [{ number: n.number, section: n.section, table }] : [];
  });
}
