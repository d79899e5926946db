/** Accessibility checks shared by the portal's e2e tests. */
import type { Page } from 'puppeteer-core';

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
