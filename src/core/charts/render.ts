/**
 * Server-side rendering of a Vega-Lite spec to SVG: vl.compile → vega.parse → View with
 * `renderer: 'none'` → toSVG. One View per spec, finalized afterwards. The compiled and parsed
 * Vega is cached by the spec's shape (its inline data taken out, see splitInlineData).
 *
 * Safety: charts carry their data inline. A spec that names a URL anywhere (`url`, image marks) is
 * refused before compiling, and the View gets a loader whose every method rejects, so Vega cannot
 * fetch or read anything even if a URL slipped through. Any error Vega logs while running the
 * dataflow (e.g. a refused load) fails the render instead of yielding a silently empty chart.
 */
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import './locale.js';
import './text-metrics.js';
import { GERMAN_NUMBER_LOCALE, GERMAN_TIME_LOCALE } from './locale.js';

export class ChartRenderError extends Error {
  override name = 'ChartRenderError';
}

const refuse = (what: string) => (uri?: unknown) =>
  Promise.reject(
    new ChartRenderError(
      `Laden externer Ressourcen ist für Diagramme gesperrt (${what}: ${String(uri ?? '')})`,
    ),
  );

/** A Vega loader that refuses every load, sanitize, http and file request. */
export function refusingLoader(): vega.Loader {
  return {
    load: refuse('load'),
    sanitize: refuse('sanitize'),
    http: refuse('http'),
    file: refuse('file'),
  } as unknown as vega.Loader;
}

/** Keys that point at outside resources in Vega / Vega-Lite specs. */
const EXTERNAL_KEYS: ReadonlySet<string> = new Set(['url', 'href', 'src']);

/** Paths of properties in `spec` that would load something from outside (empty = inline only). */
export function externalReferences(spec: unknown, path = '$'): string[] {
  const out: string[] = [];
  if (Array.isArray(spec)) spec.forEach((v, i) => out.push(...externalReferences(v, `${path}[${i}]`)));
  else if (spec !== null && typeof spec === 'object') {
    for (const [k, v] of Object.entries(spec as Record<string, unknown>)) {
      // `values` arrays are data rows: their field names are data, not spec keywords.
      if (k === 'values') continue;
      if (EXTERNAL_KEYS.has(k)) out.push(`${path}.${k}`);
      else if (
        k === 'mark' &&
        (v === 'image' || (typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'image'))
      )
        out.push(`${path}.mark`);
      else out.push(...externalReferences(v, `${path}.${k}`));
    }
  }
  return out;
}

let formatters: vega.LocaleFormatters | undefined;
/** Vega's formatters for the German locale (built once). */
function germanFormatters(): vega.LocaleFormatters {
  formatters ??= (vega as unknown as { locale: (n: unknown, t: unknown) => vega.LocaleFormatters }).locale(
    GERMAN_NUMBER_LOCALE,
    GERMAN_TIME_LOCALE,
  );
  return formatters;
}

interface CollectingLogger {
  readonly errors: string[];
  readonly warnings: string[];
}

function collectingLogger(): CollectingLogger & Record<string, unknown> {
  const errors: string[] = [];
  const warnings: string[] = [];
  let lvl = vega.Warn;
  const text = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
  const logger = {
    errors,
    warnings,
    level(l?: number) {
      if (l === undefined) return lvl;
      lvl = l;
      return logger;
    },
    error(...args: unknown[]) {
      errors.push(text(args));
      return logger;
    },
    warn(...args: unknown[]) {
      warnings.push(text(args));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger;
}

/** Compiles a Vega-Lite spec; returns the Vega spec and Vega-Lite's warnings. */
export function compileSpec(spec: object): { vega: vega.Spec; warnings: string[] } {
  const log = collectingLogger();
  const compiled = vl.compile(spec as TopLevelSpec, {
    logger: log as unknown as Parameters<typeof vl.compile>[1] extends infer O
      ? O extends { logger?: infer L }
        ? L
        : never
      : never,
  });
  return { vega: compiled.spec, warnings: [...log.warnings, ...log.errors] };
}

export interface RenderResult {
  readonly svg: string;
  /** Vega's warnings while running the dataflow (the catalogue's charts render without any). */
  readonly warnings: readonly string[];
}

/** Vega reports a refused or failed load as a warning ("Loading failed …"); for charts it is an error. */
const FATAL_WARNING = /^Loading failed/;

/**
 * A spec with its inline datasets taken out: each `data: { values }` becomes `data: { name }` with an
 * empty top-level dataset of that name. Charts of the same kind differ only in their data, so the
 * compiled and parsed Vega of the shape is cached and the values are fed to each new View. Specs
 * that use `datasets` or data objects with more than `values` are not split (rendered uncached).
 */
export function splitInlineData(
  spec: object,
): { readonly shape: object; readonly data: Readonly<Record<string, unknown[]>> } | undefined {
  const data: Record<string, unknown[]> = {};
  let splittable = true;
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'datasets') splittable = false;
      if (
        key === 'data' &&
        child !== null &&
        typeof child === 'object' &&
        !Array.isArray(child) &&
        'values' in child
      ) {
        const values = (child as { values: unknown }).values;
        if (Array.isArray(values) && Object.keys(child).length === 1) {
          const name = `sia_data_${Object.keys(data).length}`;
          data[name] = values;
          out[key] = { name };
          continue;
        }
        splittable = false;
      }
      out[key] = walk(child);
    }
    return out;
  };
  const shape = walk(spec) as Record<string, unknown>;
  if (!splittable) return undefined;
  return {
    shape: { ...shape, datasets: Object.fromEntries(Object.keys(data).map((name) => [name, []])) },
    data,
  };
}

/** Parsed Vega runtimes by chart shape (bounded; a warm process renders the same kinds of chart again and again). */
const runtimes = new Map<string, vega.Runtime>();
const RUNTIME_CACHE_SIZE = 256;

function runtimeOf(shape: object): vega.Runtime {
  const key = JSON.stringify(shape);
  let runtime = runtimes.get(key);
  if (!runtime) {
    runtime = vega.parse(compileSpec(shape).vega);
    if (runtimes.size >= RUNTIME_CACHE_SIZE) runtimes.delete(runtimes.keys().next().value as string);
    runtimes.set(key, runtime);
  }
  return runtime;
}

/** Renders one Vega-Lite spec to SVG and returns Vega's warnings too. */
export async function renderWithLog(spec: object): Promise<RenderResult> {
  const external = externalReferences(spec);
  if (external.length > 0)
    throw new ChartRenderError(
      `Diagramm verweist auf externe Ressourcen (${external.join(', ')}); nur eingebettete Daten sind erlaubt.`,
    );
  // Vega tags ingested data objects with ids: render copies so the caller's spec stays untouched.
  const split = splitInlineData(structuredClone(spec));
  const log = collectingLogger();
  const options: vega.ViewOptions = {
    renderer: 'none',
    loader: refusingLoader(),
    logger: log as unknown as vega.LoggerInterface,
    logLevel: vega.Warn,
    locale: germanFormatters(),
  };
  const view = new vega.View(
    split ? runtimeOf(split.shape) : vega.parse(compileSpec(structuredClone(spec)).vega),
    options,
  );
  try {
    if (split) for (const [name, values] of Object.entries(split.data)) view.data(name, values);
    const svg = await view.toSVG();
    const fatal = [...log.errors, ...log.warnings.filter((w) => FATAL_WARNING.test(w))];
    if (fatal.length > 0)
      throw new ChartRenderError(`Diagramm konnte nicht gezeichnet werden: ${fatal.join('; ')}`);
    return { svg, warnings: [...log.warnings] };
  } finally {
    view.finalize();
  }
}

function xmlText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The chart as a standalone accessible SVG file: `role="img"`, `<title>` (the caption) and `<desc>` (the
 * text alternative) as its first children, named by `aria-labelledby`. `id` scopes the two element ids.
 */
export function describedSvg(svg: string, id: string, title: string, desc: string): string {
  const open = /<svg\b[^>]*>/i.exec(svg);
  if (!open) return svg;
  const safe = id.replace(/[^A-Za-z0-9_-]/g, '-');
  const tag = open[0].replace(/^<svg/i, `<svg role="img" aria-labelledby="${safe}-title ${safe}-desc"`);
  const head = `<title id="${safe}-title">${xmlText(title)}</title><desc id="${safe}-desc">${xmlText(desc)}</desc>`;
  return svg.slice(0, open.index) + tag + head + svg.slice(open.index + open[0].length);
}

/** Renders one Vega-Lite spec to an SVG string. Rejects specs with external references and failed loads or dataflows. */
export async function renderSvg(spec: object): Promise<string> {
  return (await renderWithLog(spec)).svg;
}
