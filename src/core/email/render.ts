/**
 * renderEmail: one e-mail (subject, HTML, plain text) from its kind, data and the templates in
 * `templates/email/`. Pure: no I/O, no clock. The HTML part is `<kind>.mjml` (in `layout.mjml`)
 * through eta and mjml; the plain-text part is `<kind>.txt` (in `layout.txt`) rendered from the
 * same view model, so both say the same.
 *
 * Throws only for bugs (a missing or invalid template, a non-http(s) link, a template printing a
 * non-string); callers that must not fail (the notifier) catch and report them.
 */
import { compileMjml, emailEngines } from './engine.js';
import { tidyText } from './text.js';
import type { EmailData, EmailKind, EmailTemplates, MailContent } from './types.js';
import { viewFor } from './view.js';

export class MissingTemplateError extends Error {
  constructor(name: string) {
    super(`E-mail template ${name} is missing (expected in templates/email/).`);
    this.name = 'MissingTemplateError';
  }
}

/** Header-safe subject: one line, at most 200 characters. */
function subjectLine(subject: string): string {
  const flat = subject.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

export function renderEmail<K extends EmailKind>(
  kind: K,
  data: EmailData[K],
  templates: EmailTemplates,
): MailContent {
  for (const name of [`${kind}.mjml`, `${kind}.txt`, 'layout.mjml', 'layout.txt']) {
    if (templates[name] === undefined) throw new MissingTemplateError(name);
  }
  const view = viewFor(kind, data);
  const { html, text } = emailEngines(templates);
  const mjml = html.render(`@${kind}.mjml`, view);
  return {
    subject: subjectLine(view.subject),
    html: compileMjml(mjml, `${kind}.mjml`),
    text: tidyText(text.render(`@${kind}.txt`, view)),
  };
}
