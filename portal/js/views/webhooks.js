/**
 * Webhook endpoints of a municipality: list, register (the signing secret is shown once), rotate the
 * secret, remove, and the deliveries log. LPR staff choose the municipality; a municipality sees its own.
 */
import { api } from '../api.js';
import { announce, errorBox, formatDateTime, h, replace, srOnly, table } from '../dom.js';
import { formErrors } from '../forms.js';
import { gemeindeLabel } from '../gemeinden.js';

const EVENTS = [
  { value: 'report.ready', text: 'Bericht fertig (report.ready)', short: 'Bericht fertig' },
  { value: 'report.failed', text: 'Bericht fehlgeschlagen (report.failed)', short: 'Bericht fehlgeschlagen' },
  { value: 'analysis.invalid', text: 'Dateien ungültig (analysis.invalid)', short: 'Dateien ungültig' },
];

/** @param {string} type */
const eventName = (type) => EVENTS.find((e) => e.value === type)?.short ?? type;

/**
 * @param {HTMLElement} root
 * @param {{ who: import('../session.js').Principal, ags?: string }} options
 */
export async function renderWebhooks(root, { who, ags }) {
  const target = who.kind === 'municipality' ? who.ags : ags;
  /** @type {HTMLElement[]} */
  const heading = h('h1', {}, 'Webhooks');
  const head = [heading];
  if (target) void gemeindeLabel(target).then((label) => (heading.textContent = `Webhooks: ${label}`));
  if (who.kind === 'lpr') head.push(agsChooser(target));
  if (!target) {
    replace(root, ...head, h('p', {}, 'Bitte einen Gemeindeschlüssel wählen.'));
    return;
  }
  const base = `/webhooks/${target}`;
  const feedback = h('div', { id: 'webhook-meldung' });
  const listBox = h('div', { id: 'webhook-liste' });
  const deliveriesBox = h('section', {
    id: 'zustellungen',
    'aria-labelledby': 'h-zustellungen',
    hidden: true,
  });

  /** @param {string} title @param {string} secret */
  function showSecret(title, secret) {
    replace(
      feedback,
      h(
        'div',
        { class: 'meldung ok', role: 'alert', id: 'webhook-geheimnis' },
        h('p', {}, h('strong', {}, title)),
        h(
          'p',
          {},
          'Signaturgeheimnis (wird nur jetzt angezeigt – bitte sicher im empfangenden System hinterlegen):',
        ),
        h('p', {}, h('code', { class: 'geheimnis' }, secret)),
      ),
    );
  }

  async function load() {
    try {
      const { endpoints } = await api(base);
      if (endpoints.length === 0) {
        replace(listBox, h('p', {}, 'Noch keine Webhook-Endpunkte.'));
        return;
      }
      replace(
        listBox,
        table(
          'Registrierte Endpunkte',
          ['Adresse', 'Ereignisse', 'Koordination', 'Aktiv', 'Angelegt', 'Aktionen'],
          endpoints.map((/** @type {any} */ e) => [
            e.url,
            e.events.map(eventName).join(', '),
            e.coordinatorEmail ?? '–',
            e.active === false ? 'nein (abgeschaltet)' : 'ja',
            formatDateTime(e.createdAt),
            h(
              'div',
              { class: 'knoepfe' },
              h(
                'button',
                {
                  type: 'button',
                  class: 'zweitrangig',
                  onclick: () => showDeliveries(e),
                },
                'Zustellungen',
                srOnly(` an ${e.url} anzeigen`),
              ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'zweitrangig',
                  onclick: async () => {
                    try {
                      const res = await api(`${base}/${e.id}/rotate`, { method: 'POST' });
                      showSecret(`Neues Geheimnis für ${e.url}.`, res.secret);
                    } catch (error) {
                      replace(feedback, errorBox(/** @type {Error} */ (error).message));
                    }
                  },
                },
                'Geheimnis erneuern',
                srOnly(` für ${e.url}`),
              ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'gefahr',
                  onclick: async () => {
                    if (!window.confirm(`Endpunkt ${e.url} wirklich entfernen?`)) return;
                    try {
                      await api(`${base}/${e.id}`, { method: 'DELETE' });
                      replace(feedback, h('p', { class: 'meldung ok' }, `Endpunkt ${e.url} entfernt.`));
                      announce(`Endpunkt ${e.url} entfernt.`);
                      await load();
                    } catch (error) {
                      replace(feedback, errorBox(/** @type {Error} */ (error).message));
                    }
                  },
                },
                'Entfernen',
                srOnly(`: ${e.url}`),
              ),
            ),
          ]),
          { id: 'webhook-tabelle' },
        ),
      );
    } catch (error) {
      replace(listBox, errorBox(/** @type {Error} */ (error).message));
    }
  }

  /** @param {any} endpoint */
  async function showDeliveries(endpoint) {
    deliveriesBox.hidden = false;
    replace(
      deliveriesBox,
      h('h2', { id: 'h-zustellungen', tabindex: '-1' }, `Zustellungen an ${endpoint.url}`),
      h('p', {}, 'Wird geladen …'),
    );
    try {
      const { deliveries } = await api(`${base}/${endpoint.id}/deliveries`);
      replace(
        deliveriesBox,
        h('h2', { id: 'h-zustellungen', tabindex: '-1' }, `Zustellungen an ${endpoint.url}`),
        deliveries.length === 0
          ? h('p', {}, 'Noch keine Zustellungen.')
          : table(
              'Zustellungen',
              ['Ereignis', 'Status', 'Versuche', 'Antwort', 'Angelegt', 'Letzter Versuch'],
              deliveries.map((/** @type {any} */ d) => [
                eventName(d.type),
                d.statusText ?? d.status,
                String(d.attempts),
                d.responseStatus === undefined ? '–' : `HTTP ${d.responseStatus}`,
                formatDateTime(d.createdAt),
                formatDateTime(d.lastAttemptAt),
              ]),
              { id: 'zustellungen-tabelle' },
            ),
      );
    } catch (error) {
      replace(
        deliveriesBox,
        h('h2', { id: 'h-zustellungen', tabindex: '-1' }, 'Zustellungen'),
        errorBox(/** @type {Error} */ (error).message),
      );
    }
    /** @type {HTMLElement | null} */ (deliveriesBox.querySelector('h2'))?.focus();
  }

  const url = /** @type {HTMLInputElement} */ (
    h('input', {
      id: 'webhook-url',
      type: 'url',
      'aria-required': 'true',
      placeholder: 'https://…',
      'aria-describedby': 'webhook-url-hilfe',
      'data-entwurf': 'webhook-url',
    })
  );
  const email = /** @type {HTMLInputElement} */ (
    h('input', {
      id: 'webhook-email',
      type: 'email',
      'aria-required': 'true',
      autocomplete: 'email',
      'aria-describedby': 'webhook-email-hilfe',
      'data-entwurf': 'webhook-email',
    })
  );
  const boxes = EVENTS.map(
    (e) =>
      /** @type {HTMLInputElement} */ (
        h('input', { type: 'checkbox', id: `ereignis-${e.value}`, value: e.value, checked: true })
      ),
  );
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      {
        id: 'webhook-form',
        novalidate: true,
        onsubmit: async (/** @type {SubmitEvent} */ ev) => {
          ev.preventDefault();
          const events = boxes.filter((b) => b.checked).map((b) => b.value);
          /** @type {import('../forms.js').Problem[]} */
          const problems = [];
          const address = url.value.trim();
          if (!address)
            problems.push({ field: url, message: 'Bitte geben Sie die Adresse des Webhooks an.' });
          else if (!/^https?:\/\/[^\s/]+/i.test(address))
            problems.push({
              field: url,
              message: 'Die Adresse beginnt mit https:// (z. B. https://system.kommune.de/sia).',
            });
          if (events.length === 0 && boxes[0])
            problems.push({ field: boxes[0], message: 'Bitte wählen Sie mindestens ein Ereignis.' });
          const mail = email.value.trim();
          if (!mail)
            problems.push({
              field: email,
              message: 'Bitte geben Sie die E-Mail-Adresse der Koordination an.',
            });
          else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(mail))
            problems.push({
              field: email,
              message: 'Die E-Mail-Adresse hat nicht die Form name@beispiel.de.',
            });
          replace(feedback);
          if (errors.show(problems)) return;
          try {
            const res = await api(base, {
              method: 'POST',
              body: { url: url.value.trim(), events, coordinatorEmail: email.value.trim() },
            });
            showSecret(`Endpunkt ${res.endpoint.url} registriert.`, res.secret);
            form.reset();
            await load();
          } catch (error) {
            const e = /** @type {import('../api.js').ApiError} */ (error);
            if (e.status === 400 || e.status === 422) errors.show([{ field: url, message: e.message }]);
            else replace(feedback, errorBox(e.message));
          }
        },
      },
      h('h2', {}, 'Endpunkt hinzufügen'),
      h(
        'div',
        { class: 'feld' },
        h('label', { for: 'webhook-url' }, 'Adresse (URL)'),
        h(
          'p',
          { id: 'webhook-url-hilfe', class: 'hilfe' },
          'https-Adresse Ihres Systems, an die das Portal Ereignisse meldet.',
        ),
        url,
      ),
      h(
        'fieldset',
        {},
        h('legend', {}, 'Ereignisse'),
        ...EVENTS.map((e, i) =>
          h('div', { class: 'auswahl' }, boxes[i] ?? '', h('label', { for: `ereignis-${e.value}` }, e.text)),
        ),
      ),
      h(
        'div',
        { class: 'feld' },
        h('label', { for: 'webhook-email' }, 'E-Mail der Koordination'),
        h(
          'p',
          { id: 'webhook-email-hilfe', class: 'hilfe' },
          'Wird benachrichtigt, wenn der Endpunkt wiederholt nicht erreichbar ist.',
        ),
        email,
      ),
      h('button', { type: 'submit' }, 'Endpunkt registrieren'),
    )
  );
  const errors = formErrors(form);

  replace(
    root,
    ...head,
    feedback,
    h('section', { 'aria-labelledby': 'h-endpunkte' }, h('h2', { id: 'h-endpunkte' }, 'Endpunkte'), listBox),
    form,
    deliveriesBox,
  );
  await load();
}

/** @param {string | undefined} current */
function agsChooser(current) {
  const input = /** @type {HTMLInputElement} */ (
    h('input', {
      id: 'webhook-ags',
      type: 'text',
      inputmode: 'numeric',
      maxlength: 8,
      autocomplete: 'off',
      value: current ?? '',
      'aria-describedby': 'webhook-ags-hilfe',
    })
  );
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { id: 'webhook-ags-form', novalidate: true },
      h(
        'div',
        { class: 'feld-reihe' },
        h(
          'div',
          { class: 'feld' },
          h('label', { for: 'webhook-ags' }, 'Gemeindeschlüssel (AGS)'),
          h('p', { id: 'webhook-ags-hilfe', class: 'hilfe' }, '8 Ziffern, z. B. 14522999.'),
          input,
        ),
        h('div', { class: 'feld' }, h('button', { type: 'submit' }, 'Webhooks anzeigen')),
      ),
    )
  );
  const errors = formErrors(form);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const value = input.value.trim();
    if (
      errors.show(
        /^\d{8}$/.test(value)
          ? []
          : [{ field: input, message: 'Der Gemeindeschlüssel (AGS) besteht aus genau 8 Ziffern.' }],
      )
    )
      return;
    location.hash = `#/webhooks/${value}`;
  });
  return form;
}
