/**
 * Form checks with German messages instead of the browser's own bubbles (forms carry `novalidate`):
 * a wrong field gets `aria-invalid="true"` and its message right above it (joined to the field with
 * `aria-describedby`), and the form gets an error summary at its top – read at once (role=alert),
 * focused, with a link to each field.
 */
import { h, replace } from './dom.js';

/**
 * @typedef {object} Problem
 * @property {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} field
 * @property {string} message  German
 */

/**
 * The checker of one form.
 * @param {HTMLFormElement} form
 */
export function formErrors(form) {
  const summary = h('div', {
    class: 'meldung fehler fehlerliste',
    id: `${form.id}-fehler`,
    tabindex: '-1',
    hidden: true,
  });
  form.prepend(summary);
  /** @type {{ field: HTMLElement, note: HTMLElement, describedBy: string | null }[]} */
  let marked = [];

  function clear() {
    for (const m of marked) {
      m.field.removeAttribute('aria-invalid');
      if (m.describedBy === null) m.field.removeAttribute('aria-describedby');
      else m.field.setAttribute('aria-describedby', m.describedBy);
      m.note.remove();
    }
    marked = [];
    summary.hidden = true;
    summary.removeAttribute('role');
    replace(summary);
  }

  /**
   * Shows the problems (or clears the form when there are none); returns true if there were any.
   * @param {Problem[]} problems
   */
  function show(problems) {
    clear();
    if (problems.length === 0) return false;
    for (const { field, message } of problems) {
      const noteId = `${field.id}-fehler`;
      const note = h('p', { class: 'feldfehler', id: noteId }, message);
      field.before(note);
      const describedBy = field.getAttribute('aria-describedby');
      field.setAttribute('aria-describedby', describedBy ? `${noteId} ${describedBy}` : noteId);
      field.setAttribute('aria-invalid', 'true');
      marked.push({ field, note, describedBy });
    }
    replace(
      summary,
      h(
        'p',
        {},
        h(
          'strong',
          {},
          problems.length === 1
            ? 'Bitte korrigieren Sie eine Angabe:'
            : `Bitte korrigieren Sie ${problems.length} Angaben:`,
        ),
      ),
      h(
        'ul',
        {},
        ...problems.map(({ field, message }) =>
          h(
            'li',
            {},
            h(
              'a',
              {
                href: `#${field.id}`,
                onclick: (/** @type {MouseEvent} */ e) => {
                  // Not a route: move to the field.
                  e.preventDefault();
                  field.focus();
                },
              },
              message,
            ),
          ),
        ),
      ),
    );
    summary.hidden = false;
    summary.setAttribute('role', 'alert');
    summary.focus();
    return true;
  }

  return { show, clear };
}
