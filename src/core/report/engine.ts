/**
 * The template engine: eta (core build, no file system) with auto-escaping. Templates come from
 * ReportAssets and are registered by name: `report.eta` → `@report`, `partials/table.eta` →
 * `@partials/table`.
 *
 * The escape function is stricter than eta's default: it prints strings only (escaped). A number,
 * null, undefined or an object in `<%= %>` is a template bug (numbers must be formatted German
 * first, missing values must be "–"), so it throws instead of printing "1234.5", "null",
 * "undefined" or "[object Object]" into a municipality's report.
 */
import { Eta } from 'eta/core';
import type { ReportAssets } from '../ports.js';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export class TemplateValueError extends Error {
  constructor(value: unknown) {
    super(
      `Template printed a non-string value (${value === null ? 'null' : typeof value}); format it in the view model.`,
    );
    this.name = 'TemplateValueError';
  }
}

export function escapeHtml(value: unknown): string {
  if (typeof value !== 'string') throw new TemplateValueError(value);
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Template name for a path relative to templates/report/, or undefined for non-templates. */
export function templateName(path: string): string | undefined {
  const m = /^([a-z0-9/_-]+)\.eta$/i.exec(path);
  return m ? `@${m[1]}` : undefined;
}

const engines = new WeakMap<ReportAssets, Eta>();

/** One compiled engine per assets object (templates compile once per process). */
export function engineFor(assets: ReportAssets): Eta {
  const cached = engines.get(assets);
  if (cached) return cached;
  const eta = new Eta({
    autoEscape: true,
    escapeFunction: escapeHtml,
    autoTrim: [false, 'nl'],
    cache: true,
    useWith: false,
    varName: 'it',
  });
  for (const [path, text] of Object.entries(assets.templates)) {
    const name = templateName(path);
    if (name) eta.loadTemplate(name, text);
  }
  engines.set(assets, eta);
  return eta;
}
