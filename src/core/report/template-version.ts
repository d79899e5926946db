/**
 * The template version recorded in every report's provenance: a short SHA-256 over all template
 * files (path and content, sorted by path). It changes exactly when a template, partial, text
 * snippet or the stylesheet changes, with nothing to bump by hand.
 */
import { createHash } from 'node:crypto';

export function templateVersionOf(templates: Readonly<Record<string, string>>): string {
  const hash = createHash('sha256');
  for (const path of Object.keys(templates).sort()) {
    hash
      .update(path)
      .update('\0')
      .update(templates[path] ?? '')
      .update('\0');
  }
  return `tpl-${hash.digest('hex').slice(0, 12)}`;
}
