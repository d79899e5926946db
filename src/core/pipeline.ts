/**
 * The Sicherheitsanalyse pipeline: one pure core, called the same way by the CLI, the local stack
 * and the Lambda functions. Its phases:
 *
 * 1. **read and validate** (`validate/upload.ts`): classify the uploaded files, decode CSV/XLSX,
 *    check every cell and every cross-file rule, collect all problems at once → ValidationReport,
 *    and, when there is no error, the typed Dataset.
 * 2. **analyse** (`analysis/analyse.ts`): weighted survey statistics with intervals and
 *    suppression, PKS/PMK figures, area profile, subjective–objective comparison → Analysis.
 * 3. **recommend** (`recommend/`): measures from the reviewed catalogue whose trigger rules fire,
 *    each with the findings that triggered it (part of the Analysis).
 * 4. **chart** (`charts/`): Vega-Lite specs from the Analysis, rendered to SVG server-side.
 * 5. **assemble HTML** (`report/`): German templates, escaped data, embedded fonts and charts.
 *    Given the analysis's previous report version, the change summary (`changes/`) adds the chapter
 *    "Änderungen gegenüber Version N" after the summary and becomes changes.json.
 *
 * Printing the HTML to PDF is not part of the core: it goes through the PdfPrinter port
 * (see src/app/produce-report.ts). The core reads no clock and no environment: the caller passes
 * the time and the assets in.
 */
import type { InputFile, ReportAssets } from './ports.js';
import type { ValidationReport } from './validate/issues.js';
import type { Analysis } from './analysis/schema.js';
import type { Dataset } from './model/dataset.js';
import type { Chart } from './charts/index.js';
import type { AssembledReport } from './report/assemble.js';
import type { ChangeSummary } from './changes/schema.js';
import { diffWithPrevious, type PreviousVersion } from './changes/diff.js';
import { validateUpload } from './validate/upload.js';
import { analyse } from './analysis/analyse.js';
import { buildCharts } from './charts/index.js';
import { assembleReport } from './report/assemble.js';
import { err, ok, type Result } from './result.js';
import { developmentFor, measuresOf, waveOf, type PredecessorLookup } from './waves/index.js';

export type Phase = 'validate' | 'analyse' | 'charts' | 'html';

/** German progress labels for the phases, for CLI output and job status. */
export const PHASE_LABELS: Readonly<Record<Phase | 'print', string>> = {
  validate: 'Dateien lesen und prüfen',
  analyse: 'Auswertung berechnen',
  charts: 'Diagramme erzeugen',
  html: 'Bericht setzen',
  print: 'PDF drucken',
};

export interface PrepareOptions {
  readonly assets: ReportAssets;
  readonly engineVersion: string;
  readonly templateVersion: string;
  /** ISO timestamp of this run, given by the caller (the core has no clock). */
  readonly generatedAt: string;
  readonly onPhase?: (phase: Phase) => void;
  /** The analysis's current report version: adds the chapter "Änderungen gegenüber Version N" and a change summary. */
  readonly previous?: PreviousVersion;
  /**
   * Finds the predecessor wave (issue 16), given the id analyse.json names (or null): undefined when there
   * is none. A found predecessor adds the `development` block and the chapter "Entwicklung seit der Befragung".
   */
  readonly predecessor?: (named: string | null) => Promise<PredecessorLookup | undefined>;
  /** This analysis's own id (storage id or folder name), recorded in the development block. */
  readonly analysisId?: string;
}

/** Whether the report compares with a predecessor wave, and why not where one was named. */
export type DevelopmentOutcome =
  | { readonly status: 'none' }
  | { readonly status: 'compared'; readonly predecessor: string | null }
  | { readonly status: 'skipped'; readonly predecessor: string | null; readonly reason: string };

export interface PreparedReport {
  readonly validation: ValidationReport;
  readonly dataset: Dataset;
  readonly analysis: Analysis;
  readonly charts: readonly Chart[];
  readonly development: DevelopmentOutcome;
  /** Assembles the HTML for a report version (its TOC page numbers are filled in by the printer, see report/toc.ts). */
  assemble(options: { readonly version: number }): AssembledReport;
  /**
   * The changes of report version `version` against `options.previous` (changes.json), or undefined without a
   * previous version or when it is not older than `version` (a retry of the same version).
   */
  changes(version: number): ChangeSummary | undefined;
}

/** Finding the predecessor wave and naming this analysis: the part of PrepareOptions phase 2 uses. */
export type WaveOptions = Pick<PrepareOptions, 'predecessor' | 'analysisId'>;

/** Phase 2: the analysis with its wave and, where a predecessor is found, its development block. */
async function analyseWave(
  dataset: Dataset,
  validation: ValidationReport,
  options: WaveOptions & { readonly engineVersion: string },
): Promise<{ analysis: Analysis; development: DevelopmentOutcome }> {
  const warnings = validation.issues.filter((i) => i.severity === 'warning');
  const wave = waveOf(dataset.manifest);
  const analysis: Analysis = {
    ...analyse(dataset, { engineVersion: options.engineVersion, warnings }),
    wave,
  };
  const lookup = options.predecessor ? await options.predecessor(wave.predecessor) : undefined;
  if (!lookup) return { analysis, development: { status: 'none' } };
  if (lookup.status === 'missing')
    return {
      analysis,
      development: { status: 'skipped', predecessor: wave.predecessor, reason: lookup.reason },
    };
  const compared = developmentFor(analysis, options.analysisId ?? null, lookup, measuresOf(dataset.manifest));
  return compared.ok
    ? {
        analysis: { ...analysis, development: compared.value },
        development: { status: 'compared', predecessor: lookup.analysisId },
      }
    : {
        analysis,
        development: { status: 'skipped', predecessor: lookup.analysisId, reason: compared.error },
      };
}

/**
 * Phases 1–2 only: the analysis of an upload (with its wave and, given a predecessor, its development),
 * without charts or report. Used where an earlier wave or many municipalities are read from their folders.
 */
export async function analyseUpload(
  files: readonly InputFile[],
  options: WaveOptions & { readonly engineVersion: string },
): Promise<Result<{ analysis: Analysis; development: DevelopmentOutcome }, ValidationReport>> {
  const { report, dataset } = await validateUpload(files);
  if (!report.valid || dataset === null) return err(report);
  return ok(await analyseWave(dataset, report, options));
}

/** Phases 1–5. An upload with errors yields its validation report and nothing else. */
export async function prepareReport(
  files: readonly InputFile[],
  options: PrepareOptions,
): Promise<Result<PreparedReport, ValidationReport>> {
  options.onPhase?.('validate');
  const { report: validation, dataset } = await validateUpload(files);
  if (!validation.valid || dataset === null) return err(validation);

  options.onPhase?.('analyse');
  const { analysis, development } = await analyseWave(dataset, validation, {
    engineVersion: options.engineVersion,
    ...(options.predecessor && { predecessor: options.predecessor }),
    ...(options.analysisId !== undefined && { analysisId: options.analysisId }),
  });

  options.onPhase?.('charts');
  const branding = {
    primary: dataset.manifest.branding.primaerfarbe,
    accent: dataset.manifest.branding.akzentfarbe,
  };
  const charts = await buildCharts(analysis, branding);

  options.onPhase?.('html');
  const inputHashes = Object.fromEntries(validation.files.map((f) => [f.name, f.sha256]));
  const summaries = new Map<number, ChangeSummary>();
  const changes = (version: number): ChangeSummary | undefined => {
    const previous = options.previous;
    if (!previous || previous.version >= version) return undefined;
    let summary = summaries.get(version);
    if (!summary) {
      summary = {
        ...diffWithPrevious(previous, analysis, {
          toVersion: version,
          inputHashes,
          templateVersion: options.templateVersion,
        }),
        ...(analysis.development && { development: analysis.development }),
      };
      summaries.set(version, summary);
    }
    return summary;
  };
  const assemble = ({ version }: { readonly version: number }): AssembledReport => {
    const summary = changes(version);
    return assembleReport({
      analysis,
      charts,
      assets: options.assets,
      logo: dataset.logo,
      branding,
      meta: {
        version,
        generatedAt: options.generatedAt,
        engineVersion: options.engineVersion,
        templateVersion: options.templateVersion,
      },
      ...(summary && { changes: summary }),
      ...(development.status === 'skipped' && { developmentSkipped: development }),
    });
  };
  return ok({ validation, dataset, analysis, charts, development, assemble, changes });
}
