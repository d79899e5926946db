/**
 * Webhook endpoints of a municipality: list, register (the signing secret is shown once), rotate the
 * secret, remove, and the deliveries log. LPR staff choose the municipality; a municipality sees its own.
 */
import { api } from '../api.js';
import { announce, errorBox, formatDateTime, h, replace, table } from '../dom.js';

const EVENTS = [
  { value: 'report.ready', text: 'Bericht fertig (report.ready)' },
  { value: 'report.failed', text: 'Bericht fehlgeschlagen (report.failed)' },
  { value: 'analysis.invalid', text: 'Dateien ungültig (analysis.invalid)' },
];

/**
 * @param {HTMLElement} root
 * @param {{ who: import('../session.js').Principal, ags?: string }} options
 */
export async function renderWebhooks(root, { who, ags }) {
  const target = who.kind === 'municipality' ? who.ags : ags;
  /** @type {HTMLElement[]} */
  const head = [h('h1', {}, target ? `Webhooks der Kommune ${target}` : 'Webhooks')];
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
            e.events.join(', '),
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
                  'aria-label': `Zustellungen an ${e.url} anzeigen`,
                  onclick: () => showDeliveries(e),
                },
                'Zustellungen',
              ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'zweitrangig',
                  'aria-label': `Geheimnis für ${e.url} erneuern`,
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
              ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'gefahr',
                  'aria-label': `Endpunkt ${e.url} entfernen`,
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
                d.type,
                d.status,
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
      required: true,
      placeholder: 'https://…',
      'aria-describedby': 'webhook-url-hilfe',
    })
  );
  const email = /** @type {HTMLInputElement} */ (
    h('input', {
      id: 'webhook-email',
      type: 'email',
      required: true,
      autocomplete: 'email',
      'aria-describedby': 'webhook-email-hilfe',
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
          const problems = [];
          if (!url.value.trim()) problems.push('Bitte die Adresse des Webhooks angeben.');
          if (events.length === 0) problems.push('Bitte mindestens ein Ereignis wählen.');
          if (!email.value.trim()) problems.push('Bitte die E-Mail-Adresse der Koordination angeben.');
          if (problems.length > 0) {
            replace(feedback, errorBox(problems.join(' ')));
            return;
          }
          try {
            const res = await api(base, {
              method: 'POST',
              body: { url: url.value.trim(), events, coordinatorEmail: email.value.trim() },
            });
            showSecret(`Endpunkt ${res.endpoint.url} registriert.`, res.secret);
            form.reset();
            await load();
          } catch (error) {
            replace(feedback, errorBox(/** @type {Error} */ (error).message));
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
      pattern: '\\d{8}',
      maxlength: 8,
      value: current ?? '',
    })
  );
  return h(
    'form',
    {
      id: 'webhook-ags-form',
      onsubmit: (/** @type {SubmitEvent} */ e) => {
        e.preventDefault();
        if (/^\d{8}$/.test(input.value.trim())) location.hash = `#/webhooks/${input.value.trim()}`;
        else input.setAttribute('aria-invalid', 'true');
      },
    },
    h(
      'div',
      { class: 'feld-reihe' },
      h('div', { class: 'feld' }, h('label', { for: 'webhook-ags' }, 'Gemeindeschlüssel (AGS)'), input),
      h('div', { class: 'feld' }, h('button', { type: 'submit' }, 'Webhooks anzeigen')),
    ),
  );
}
