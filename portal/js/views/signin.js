/** Sign-in: locally with an access token (`npm run local` prints them); on AWS Cognito (docs/portal.md). */
import { api } from '../api.js';
import { announce, errorBox, h, replace } from '../dom.js';
import { describePrincipal, signIn } from '../session.js';

/**
 * @param {HTMLElement} root
 * @param {{ config: import('../config.js').PortalConfig, onSignedIn: () => void }} options
 */
export async function renderSignIn(root, { config, onSignedIn }) {
  if (config.auth === 'cognito') {
    replace(
      root,
      h('h1', {}, 'Anmelden'),
      errorBox('Die Anmeldung über Cognito ist in dieser Fassung des Portals noch nicht eingebaut. Bitte wenden Sie sich an das LPR-Team.'),
    );
    return;
  }
  const feedback = h('div', { id: 'anmelde-meldung' });
  const input = /** @type {HTMLInputElement} */ (
    h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-describedby': 'token-hilfe' })
  );
  const form = h(
    'form',
    {
      id: 'anmelden-form',
      novalidate: true,
      onsubmit: async (/** @type {SubmitEvent} */ e) => {
        e.preventDefault();
        const token = input.value.trim();
        replace(feedback);
        if (token === '') {
          input.setAttribute('aria-invalid', 'true');
          feedback.append(errorBox('Bitte ein Zugangstoken eingeben.'));
          input.focus();
          return;
        }
        try {
          const who = await api('/me', { token });
          signIn(token, who);
          announce(`Angemeldet als ${describePrincipal(who)}.`);
          onSignedIn();
        } catch (error) {
          input.setAttribute('aria-invalid', 'true');
          const status = /** @type {{ status?: number }} */ (error).status;
          feedback.append(errorBox(status === 401 ? 'Dieses Zugangstoken wurde nicht angenommen. Bitte prüfen Sie die Eingabe.' : /** @type {Error} */ (error).message));
          input.focus();
        }
      },
    },
    h(
      'div',
      { class: 'feld' },
      h('label', { for: 'token' }, 'Zugangstoken'),
      h('p', { id: 'token-hilfe', class: 'hilfe' }, 'Ihr persönliches Token (lokal: eines der Tokens, die „npm run local“ ausgibt). Es wird nur in diesem Browser-Tab gespeichert und beim Schließen gelöscht.'),
      input,
    ),
    h('button', { type: 'submit' }, 'Anmelden'),
  );
  replace(
    root,
    h('h1', {}, 'Anmelden'),
    h('p', {}, 'Im Portal laden Kommunen ihre Befragungs- und Kriminalitätsdaten hoch und erhalten den Bericht der Sicherheitsanalyse. Das Team des Landespräventionsrats sieht alle Kommunen.'),
    feedback,
    form,
  );
}
