/**
 * Nothing typed is lost when the sign-in ends: before the portal signs out because the session
 * expired (or leaves for the sign-in page), it keeps the values of the fields marked
 * `data-entwurf` in sessionStorage with the page's address; after the next sign-in, when that page
 * is shown again, the values are put back and the user is told. Passwords and tokens are never kept
 * (such fields carry no `data-entwurf`). Chosen files cannot be kept by a browser: the notice says so.
 */

export const DRAFT_KEY = 'sia.entwurf';

/** Keeps the marked fields of the page (if any has a value). */
export function saveDrafts() {
  /** @type {Record<string, string>} */
  const fields = {};
  for (const el of document.querySelectorAll('[data-entwurf]')) {
    const field = /** @type {HTMLInputElement | HTMLTextAreaElement} */ (el);
    if (field.type === 'password' || field.type === 'file') continue;
    const value = field.type === 'checkbox' ? String(field.checked) : field.value;
    if (value !== '' && value !== field.defaultValue) fields[field.dataset.entwurf ?? ''] = value;
  }
  if (Object.keys(fields).length === 0) return false;
  try {
    window.sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ hash: location.hash || '#/', fields }));
  } catch {
    return false;
  }
  return true;
}

/**
 * Puts kept values back into the page when it is the page they were typed on; returns how many.
 * @param {ParentNode} root
 */
export function restoreDrafts(root) {
  let saved;
  try {
    saved = JSON.parse(window.sessionStorage.getItem(DRAFT_KEY) ?? 'null');
  } catch {
    saved = null;
  }
  if (!saved || saved.hash !== (location.hash || '#/')) return 0;
  window.sessionStorage.removeItem(DRAFT_KEY);
  let restored = 0;
  for (const [key, value] of Object.entries(/** @type {Record<string, string>} */ (saved.fields ?? {}))) {
    const field = /** @type {HTMLInputElement | null} */ (
      root.querySelector(`[data-entwurf="${CSS.escape(key)}"]`)
    );
    if (!field) continue;
    if (field.type === 'checkbox') field.checked = value === 'true';
    else field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    restored += 1;
  }
  return restored;
}
