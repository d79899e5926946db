/**
 * Small DOM helpers: element creation without innerHTML (no markup from data ever reaches the page
 * as HTML), the live regions, and German number and date formats.
 */

/**
 * Creates an element. `attrs`: attributes, except `on*` functions (event listeners) and `text`.
 * `children`: nodes or strings (strings become text nodes); null/undefined/false are skipped.
 * @param {string} tag
 * @param {Record<string, unknown>} [attrs]
 * @param {...(Node | string | number | null | undefined | false)} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function')
      el.addEventListener(name.slice(2), /** @type {EventListener} */ (value));
    else if (name === 'text') el.textContent = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'number' ? String(child) : child);
  }
  return el;
}

/**
 * Replaces an element's children (false/null/undefined are skipped).
 * @param {Element} el
 * @param {...(Node | string | null | undefined | false)} children
 */
export function replace(el, ...children) {
  el.replaceChildren(...children.filter((c) => c !== null && c !== undefined && c !== false));
}

/**
 * Says something in the polite live region (status changes, completed actions).
 * @param {string} message
 */
export function announce(message) {
  const region = document.getElementById('live');
  if (!region) return;
  // Re-setting the same text would not be read again: clear first.
  region.textContent = '';
  window.setTimeout(() => {
    region.textContent = message;
  }, 30);
}

/**
 * A German error box (role=alert: read at once).
 * @param {string} message
 * @returns {HTMLElement}
 */
export function errorBox(message) {
  return h('div', { class: 'meldung fehler', role: 'alert' }, message);
}

const numberFormats = new Map();
/**
 * German number format (decimal comma, thousands dot).
 * @param {number | null | undefined} value
 * @param {number} [digits]
 * @returns {string}
 */
export function formatNumber(value, digits = 0) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  let f = numberFormats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    numberFormats.set(digits, f);
  }
  return f.format(value);
}

/**
 * A share (0.231) as percent with one decimal („23,1 %“).
 * @param {number | null | undefined} value
 */
export function formatPercent(value) {
  return value === null || value === undefined ? '–' : `${formatNumber(value * 100, 1)} %`;
}

/**
 * A difference of shares in percentage points, signed („+2,3 Pp.“).
 * @param {number | null | undefined} value
 */
export function formatPoints(value) {
  if (value === null || value === undefined) return '–';
  return `${formatSigned(value * 100, 1)} Pp.`;
}

/**
 * A signed number („+12“, „−3“ with a real minus sign for screen readers and print).
 * @param {number | null | undefined} value
 * @param {number} [digits]
 */
export function formatSigned(value, digits = 0) {
  if (value === null || value === undefined) return '–';
  const text = formatNumber(Math.abs(value), digits);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

/**
 * An ISO date-time as German local date and time („03.05.2026, 14:07“).
 * @param {string | undefined} iso
 */
export function formatDateTime(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('de-DE', { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * Bytes as German KB/MB.
 * @param {number} bytes
 */
export function formatBytes(bytes) {
  if (bytes < 1024) return `${formatNumber(bytes)} Byte`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, 1)} KB`;
  return `${formatNumber(bytes / (1024 * 1024), 1)} MB`;
}

/**
 * „1 Fehler“, „2 Warnungen“: the number with the singular or plural noun (German format).
 * @param {number} n @param {string} one @param {string} many
 */
export function plural(n, one, many) {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/** Text only screen readers read (e.g. which row a button in a table acts on). @param {string} text */
export function srOnly(text) {
  return h('span', { class: 'nur-vorlesen' }, text);
}

/**
 * Replaces an element's children and keeps the keyboard focus: if it was on an element with an id
 * inside, the element with the same id in the new content gets it back (polling re-renders).
 * @param {Element} el
 * @param {...(Node | string | null | undefined | false)} children
 */
export function replaceKeepingFocus(el, ...children) {
  const active = document.activeElement;
  const id = active && el.contains(active) ? active.id : '';
  replace(el, ...children);
  if (id) /** @type {HTMLElement | null} */ (document.getElementById(id))?.focus();
}

/**
 * Scrolling table wrappers become a named, keyboard-focusable region (WCAG 2.1.1: the table can be
 * scrolled with the arrow keys) while their content overflows, and a plain box otherwise. Checked
 * when a wrapper changes size and when a `details` element around it opens.
 * @param {Element} target
 */
function checkScrolling(target) {
  const scrolls = target.scrollWidth > target.clientWidth + 1;
  const caption = target.querySelector('caption');
  if (scrolls && caption) {
    target.setAttribute('tabindex', '0');
    target.setAttribute('role', 'region');
    target.setAttribute('aria-labelledby', caption.id);
  } else {
    for (const a of ['tabindex', 'role', 'aria-labelledby']) target.removeAttribute(a);
  }
}

const scrollables =
  typeof ResizeObserver === 'undefined'
    ? undefined
    : new ResizeObserver((entries) => {
        for (const { target } of entries) checkScrolling(target);
      });
if (typeof document !== 'undefined')
  document.addEventListener(
    'toggle',
    (e) => {
      for (const el of /** @type {Element} */ (e.target).querySelectorAll('.tabelle')) checkScrolling(el);
    },
    true,
  );

let tableCount = 0;
/**
 * A table with a caption, header row and body rows (cells: nodes or text). On narrow screens the
 * wrapper scrolls sideways and can then be scrolled with the keyboard (see `scrollables`).
 * @param {string} caption
 * @param {(string | Node)[]} head
 * @param {(Node | string)[][]} rows
 * @param {Record<string, unknown>} [attrs]
 */
export function table(caption, head, rows, attrs = {}) {
  const captionId = `tabelle-${++tableCount}`;
  const wrapper = h(
    'div',
    { class: 'tabelle' },
    h(
      'table',
      attrs,
      h('caption', { id: captionId }, caption),
      h('thead', {}, h('tr', {}, ...head.map((cell) => h('th', { scope: 'col' }, cell)))),
      h('tbody', {}, ...rows.map((cells) => h('tr', {}, ...cells.map((cell) => h('td', {}, cell))))),
    ),
  );
  scrollables?.observe(wrapper);
  return wrapper;
}
