/** Accessibility checks shared by the portal's e2e tests: axe-core (WCAG 2.1 A/AA) and the names of controls. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';

const require = createRequire(import.meta.url);
let axeSource: Promise<string> | undefined;

/**
 * axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is now; returns the violations as
 * `rule: target` lines (empty = none). axe is evaluated through the DevTools protocol, which the
 * page's CSP does not govern, so the CSP stays in force for the portal itself.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  const source = await axeSource;
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source);
  // Let pending layout work (ResizeObserver callbacks on scrolling tables) settle first.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } }).axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    })) as { violations: { id: string; nodes: { target: string[] }[] }[] };
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  });
  return violations;
}

/** Interactive nodes of the accessibility tree without a name. */
export async function unnamedControls(page: Page): Promise<string[]> {
  const tree = await page.accessibility.snapshot({ interestingOnly: false });
  const roles = new Set([
    'button',
    'textbox',
    'checkbox',
    'combobox',
    'link',
    'radio',
    'spinbutton',
    'searchbox',
    'listbox',
  ]);
  const out: string[] = [];
  const walk = (node: { role?: string; name?: string; children?: unknown[] } | null | undefined): void => {
    if (!node) return;
    if (node.role && roles.has(node.role) && !(node.name ?? '').trim()) out.push(node.role);
    for (const child of node.children ?? []) walk(child as typeof node);
  };
  walk(tree as Parameters<typeof walk>[0]);
  // Also the DOM: every input/select/textarea/button has a label or an aria-label.
  const dom = await page.$$eval('input:not([type=hidden]), select, textarea, button', (els) =>
    els
      .filter(
        (el) =>
          !(
            (el as HTMLInputElement).labels?.length ||
            el.getAttribute('aria-label') ||
            (el.tagName === 'BUTTON' && el.textContent?.trim())
          ),
      )
      .map((el) => el.id || el.tagName),
  );
  return [...out, ...dom];
}
