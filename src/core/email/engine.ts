/**
 * Template engines for e-mail: eta (core build, no file system) renders `<name>.mjml` with HTML
 * escaping and `<name>.txt` with plain-text escaping; mjml then turns the MJML into e-mail HTML
 * (strict validation, includes ignored, no web fonts). Both escape functions print strings only:
 * a number, undefined or an object in `<%= %>` is a template bug and throws instead of printing
 * "NaN", "undefined" or "[object Object]" into a mail.
 */
import { Eta } from 'eta/core';
import mjml2html from 'mjml';
import { escapeHtml, TemplateValueError } from '../report/engine.js';
import type { EmailTemplates } from './types.js';

/** Plain text needs no escaping (the view model has removed control characters); only strings print. */
export function plainText(value: unknown): string {
  if (typeof value !== 'string') throw new TemplateValueError(value);
  return value;
}

export interface EmailEngines {
  readonly html: Eta;
  readonly text: Eta;
}

const engines = new WeakMap<EmailTemplates, EmailEngines>();

// No automatic trimming: control tags that should not leave a line break end with `-%>`.
function engine(escapeFunction: (value: unknown) => string): Eta {
  return new Eta({
    autoEscape: true,
    escapeFunction,
    autoTrim: false,
    cache: true,
    useWith: false,
    varName: 'it',
  });
}

/** One pair of compiled engines per templates object: `x.mjml` is `@x.mjml` in the HTML engine, `x.txt` is `@x.txt` in the text engine. */
export function emailEngines(templates: EmailTemplates): EmailEngines {
  const cached = engines.get(templates);
  if (cached) return cached;
  const html = engine(escapeHtml);
  const text = engine(plainText);
  for (const [name, source] of Object.entries(templates)) {
    if (name.endsWith('.mjml')) html.loadTemplate(`@${name}`, source);
    else if (name.endsWith('.txt')) text.loadTemplate(`@${name}`, source);
  }
  const pair = { html, text };
  engines.set(templates, pair);
  return pair;
}

export class MjmlTemplateError extends Error {
  constructor(
    template: string,
    readonly problems: readonly string[],
  ) {
    super(`MJML template ${template} is invalid: ${problems.join('; ')}`);
    this.name = 'MjmlTemplateError';
  }
}

/** MJML → HTML. Strict: any MJML validation problem is a template bug and throws. */
export function compileMjml(source: string, template: string): string {
  let result: ReturnType<typeof mjml2html>;
  try {
    result = mjml2html(source, {
      validationLevel: 'strict',
      ignoreIncludes: true,
      keepComments: false,
      fonts: {},
    });
  } catch (error) {
    const errors = (error as { errors?: { formattedMessage?: string; message?: string }[] }).errors;
    if (Array.isArray(errors))
      throw new MjmlTemplateError(
        template,
        errors.map((e) => e.formattedMessage ?? e.message ?? String(e)),
      );
    throw error;
  }
  if (result.errors.length > 0)
    throw new MjmlTemplateError(
      template,
      result.errors.map((e) => e.formattedMessage),
    );
  return result.html;
}
