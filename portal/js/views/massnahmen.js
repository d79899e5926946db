/**
 * Measures and survey waves (issue 16). `#/massnahmen`: choose an analysis; `#/massnahmen/<ags>/<id>`:
 * record which recommendations of its report were implemented, with the date (and where), and choose the
 * earlier analysis of the same municipality this one repeats (its predecessor). A later wave's report
 * then shows, for each earlier recommendation, its measure and whether its indicator moved.
 */
import { analysisPath, api } from '../api.js';
import { announce, errorBox, formatDateTime, h, replace, table } from '../dom.js';

/** `2027-06-30` → `30.06.2027` */
const germanDate = (/** @type {string} */ iso) => iso.split('-').reverse().join('.');

/**
 * The list of analyses to choose from (a municipality: its own; the LPR: all).
 * @param {HTMLElement} root
 * @param {{ who: { kind: 'lpr' } | { kind: 'municipality', ags: string } }} options
 */
async function renderChooser(root, { who }) {
  replace(root, h('h1', {}, 'Maßnahmen und Befragungswellen'), h('p', {}, 'Analysen werden geladen …'));
  try {
    const { analyses } = await api(who.kind === 'lpr' ? '/analyses' : `/analyses?ags=${who.ags}`);
    const ready = analyses.filter((/** @type {any} */ a) => a.currentVersion !== undefined);
    replace(
      root,
      h('h1', {}, 'Maßnahmen und Befragungswellen'),
      h(
        'p',
        {},
        'Erfassen Sie, welche Empfehlungen eines Berichts umgesetzt wurden und seit wann. Wird die Befragung wiederholt, zeigt der neue Bericht im Kapitel „Entwicklung seit der Befragung …“ für jede frühere Empfehlung die Maßnahme und ob sich ihr Indikator verändert hat.',
      ),
      ready.length === 0
        ? h('p', {}, 'Es gibt noch keine Analyse mit fertigem Bericht.')
        : table(
            'Analysen mit fertigem Bericht',
            ['Gemeindeschlüssel', 'Analyse', 'Berichtsversion', 'Zuletzt geändert'],
            ready.map((/** @type {any} */ a) => [
              a.ags,
              h('a', { href: `#/massnahmen/${a.ags}/${encodeURIComponent(a.analysisId)}` }, a.analysisId),
              String(a.currentVersion),
              formatDateTime(a.updatedAt),
            ]),
            { id: 'massnahmen-analysen' },
          ),
    );
  } catch (error) {
    replace(
      root,
      h('h1', {}, 'Maßnahmen und Befragungswellen'),
      errorBox(/** @type {Error} */ (error).message),
    );
  }
}

/**
 * One form per recommendation: date, areas (where the recommendation named some), note.
 * @param {any} rec
 * @param {any} measure
 * @param {{ id: string, name: string }[]} areas
 * @param {(body: any | null) => Promise<void>} save  null = remove
 * @param {string} today
 */
function recommendationForm(rec, measure, areas, save, today) {
  const key = rec.id;
  const date = /** @type {HTMLInputElement} */ (
    h('input', {
      id: `datum-${key}`,
      type: 'date',
      required: true,
      max: today,
      value: measure?.implementedOn ?? '',
      'aria-describedby': `datum-hilfe-${key}`,
    })
  );
  const note = /** @type {HTMLInputElement} */ (
    h('input', { id: `notiz-${key}`, type: 'text', maxlength: 500, value: measure?.note ?? '' })
  );
  const offered = areas.filter((a) => rec.areas.includes(a.id));
  const boxes = offered.map((a) => {
    const box = /** @type {HTMLInputElement} */ (
      h('input', { type: 'checkbox', id: `gebiet-${key}-${a.id}`, value: a.id })
    );
    box.checked = measure ? measure.areas.includes(a.id) : true;
    return h('div', { class: 'auswahl' }, box, h('label', { for: box.id }, a.name));
  });
  const feedback = h('div', { 'aria-live': 'polite' });
  const status = h(
    'p',
    { class: measure ? 'meldung ok' : 'hilfe' },
    measure
      ? `Umgesetzt seit ${germanDate(measure.implementedOn)} (erfasst ${formatDateTime(measure.recordedAt)}).`
      : 'Noch nicht als umgesetzt erfasst.',
  );
  return h(
    'form',
    {
      class: 'massnahme',
      'aria-labelledby': `titel-${key}`,
      onsubmit: async (/** @type {SubmitEvent} */ e) => {
        e.preventDefault();
        replace(feedback);
        if (!date.value) {
          date.setAttribute('aria-invalid', 'true');
          feedback.append(errorBox('Bitte das Datum der Umsetzung angeben (TT.MM.JJJJ).'));
          date.focus();
          return;
        }
        date.removeAttribute('aria-invalid');
        const chosen = boxes
          .map((b) => /** @type {HTMLInputElement} */ (b.querySelector('input')))
          .filter((b) => b.checked)
          .map((b) => b.value);
        await save({
          implementedOn: date.value,
          areas: chosen,
          ...(note.value.trim() && { note: note.value.trim() }),
        }).catch((/** @type {Error} */ error) => feedback.append(errorBox(error.message)));
      },
    },
    h('h3', { id: `titel-${key}` }, rec.title),
    status,
    h(
      'div',
      { class: 'feld-reihe' },
      h(
        'div',
        { class: 'feld' },
        h('label', { for: date.id }, 'Umgesetzt am'),
        h('p', { id: `datum-hilfe-${key}`, class: 'hilfe' }, 'Datum, seit dem die Maßnahme wirkt.'),
        date,
      ),
      h('div', { class: 'feld' }, h('label', { for: note.id }, 'Was wurde umgesetzt? (freiwillig)'), note),
    ),
    boxes.length ? h('fieldset', {}, h('legend', {}, 'Umgesetzt in'), ...boxes) : false,
    feedback,
    h(
      'div',
      { class: 'knoepfe' },
      h('button', { type: 'submit' }, measure ? 'Änderung speichern' : 'Als umgesetzt erfassen'),
      measure
        ? h(
            'button',
            {
              type: 'button',
              class: 'zweitrangig',
              onclick: () =>
                void save(null).catch((/** @type {Error} */ error) =>
                  feedback.append(errorBox(error.message)),
                ),
            },
            'Erfassung entfernen',
          )
        : false,
    ),
  );
}

/**
 * @param {HTMLElement} root
 * @param {{ ags?: string, id?: string, who: { kind: 'lpr' } | { kind: 'municipality', ags: string } }} options
 */
export async function renderMassnahmen(root, { ags, id, who }) {
  if (!ags || !id) return renderChooser(root, { who });
  const base = `${analysisPath(ags, id)}`;
  const title = `Maßnahmen und Vorgänger: ${id}`;
  const back = h(
    'p',
    {},
    h('a', { href: `#/analyse/${ags}/${encodeURIComponent(id)}` }, `Zur Analyse ${id}`),
  );
  replace(root, h('h1', {}, title), back, h('p', {}, 'Wird geladen …'));

  const load = async () => {
    /** @type {any} */
    let data;
    /** @type {any[]} */
    let others = [];
    try {
      data = await api(`${base}/measures`);
      others = (await api(`/analyses?ags=${ags}`)).analyses.filter(
        (/** @type {any} */ a) => a.analysisId !== id,
      );
    } catch (error) {
      replace(root, h('h1', {}, title), back, errorBox(/** @type {Error} */ (error).message));
      return;
    }
    const today = new Date().toISOString().slice(0, 10);
    const save = (/** @type {string} */ rec) => async (/** @type {any} */ body) => {
      if (body === null) await api(`${base}/measures/${encodeURIComponent(rec)}`, { method: 'DELETE' });
      else await api(`${base}/measures/${encodeURIComponent(rec)}`, { method: 'PUT', body });
      announce(body === null ? 'Erfassung entfernt.' : 'Maßnahme gespeichert.');
      await load();
    };

    const select = /** @type {HTMLSelectElement} */ (
      h(
        'select',
        { id: 'vorgaenger' },
        h('option', { value: '' }, '– keiner –'),
        ...others.map((/** @type {any} */ a) => h('option', { value: a.analysisId }, a.analysisId)),
      )
    );
    select.value = data.predecessor ?? '';
    const predecessorFeedback = h('div', { 'aria-live': 'polite' });
    const predecessorForm = h(
      'form',
      {
        id: 'vorgaenger-form',
        onsubmit: async (/** @type {SubmitEvent} */ e) => {
          e.preventDefault();
          replace(predecessorFeedback);
          try {
            await api(`${base}/predecessor`, { method: 'PUT', body: { predecessor: select.value || null } });
            predecessorFeedback.append(
              h(
                'p',
                { class: 'meldung ok' },
                select.value
                  ? `Vorgänger „${select.value}“ gespeichert. Er gilt für den nächsten Bericht dieser Analyse, wenn analyse.json keinen anderen nennt.`
                  : 'Kein Vorgänger gewählt.',
              ),
            );
            announce('Vorgänger gespeichert.');
          } catch (error) {
            predecessorFeedback.append(errorBox(/** @type {Error} */ (error).message));
          }
        },
      },
      h(
        'div',
        { class: 'feld' },
        h('label', { for: 'vorgaenger' }, 'Frühere Analyse dieser Kommune'),
        h(
          'p',
          { class: 'hilfe' },
          'Wiederholt diese Analyse eine frühere Befragung, wählen Sie die frühere Analyse: Der Bericht erhält dann das Kapitel „Entwicklung seit der Befragung …“.',
        ),
        select,
      ),
      predecessorFeedback,
      h('button', { type: 'submit' }, 'Vorgänger speichern'),
    );

    /** @type {Map<string, any>} */
    const measures = new Map(data.measures.map((/** @type {any} */ m) => [m.recommendationId, m]));
    const recommendations = data.recommendations ?? [];
    replace(
      root,
      h('h1', {}, title),
      back,
      h(
        'section',
        { 'aria-labelledby': 'h-vorgaenger' },
        h('h2', { id: 'h-vorgaenger' }, 'Befragungswelle'),
        predecessorForm,
      ),
      h(
        'section',
        { 'aria-labelledby': 'h-massnahmen' },
        h('h2', { id: 'h-massnahmen' }, 'Umgesetzte Empfehlungen'),
        data.recommendations === null
          ? h('p', {}, 'Maßnahmen lassen sich erfassen, sobald ein Bericht dieser Analyse vorliegt.')
          : recommendations.length === 0
            ? h('p', {}, 'Der Bericht enthält keine Handlungsempfehlungen.')
            : h(
                'div',
                { id: 'massnahmen' },
                ...recommendations.map((/** @type {any} */ r) =>
                  recommendationForm(r, measures.get(r.id), data.areas ?? [], save(r.id), today),
                ),
              ),
      ),
      who.kind === 'lpr' ? h('p', { class: 'hilfe' }, `Kommune ${ags}`) : false,
    );
  };
  await load();
}
