/** Sign-in: locally with an access token (`npm run local` prints them); on AWS with Cognito's managed login (auth/cognito.js, docs/portal.md). */
import { api } from '../api.js';
import { startSignIn } from '../auth/cognito.js';
import { announce, errorBox, h, replace } from '../dom.js';
import { describePrincipal, signIn } from '../session.js';

const INTRO =
  'Im Portal laden Kommunen ihre Befragungs- und Kriminalitätsdaten hoch und erhalten den Bericht der Sicherheitsanalyse. Das Team des Landespräventionsrats sieht alle Kommunen.';

/**
 * @param {HTMLElement} root
 * @param {{ config: import('../config.js').PortalConfig, onSignedIn: () => void, notice?: string }} options
 *   notice: a German message to show first (Cognito: failed sign-in, session expired)
 */
export async function renderSignIn(root, { config, onSignedIn, notice }) {
  if (config.auth === 'cognito') {
    renderCognitoSignIn(root, config, notice);
    return;
  }
  const feedback = h('div', { id: 'anmelde-meldung' });
  const input = /** @type {HTMLInputElement} */ (
    h('input', {
      id: 'token',
      name: 'token',
      type: 'password',
      autocomplete: 'off',
      spellcheck: 'false',
      required: true,
      'aria-describedby': 'token-hilfe',
    })
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
          feedback.append(
            errorBox(
              status === 401
                ? 'Dieses Zugangstoken wurde nicht angenommen. Bitte prüfen Sie die Eingabe.'
                : /** @type {Error} */ (error).message,
            ),
          );
          input.focus();
        }
      },
    },
    h(
      'div',
      { class: 'feld' },
      h('label', { for: 'token' }, 'Zugangstoken'),
      h(
        'p',
        { id: 'token-hilfe', class: 'hilfe' },
        'Ihr persönliches Token (lokal: eines der Tokens, die „npm run local“ ausgibt). Es wird nur in diesem Browser-Tab gespeichert und beim Schließen gelöscht.',
      ),
      input,
    ),
    h('button', { type: 'submit' }, 'Anmelden'),
  );
  replace(root, h('h1', {}, 'Anmelden'), h('p', {}, INTRO), feedback, form);
}

/**
 * With Cognito: one button that leads to the managed login (e-mail, password, MFA code) and back.
 * @param {HTMLElement} root
 * @param {import('../config.js').PortalConfig} config
 * @param {string | undefined} notice
 */
function renderCognitoSignIn(root, config, notice) {
  const feedback = h('div', { id: 'anmelde-meldung' }, notice ? errorBox(notice) : null);
  const button = /** @type {HTMLButtonElement} */ (
    h(
      'button',
      {
        id: 'cognito-anmelden',
        type: 'button',
        'aria-describedby': 'anmelden-hilfe',
        onclick: async () => {
          button.disabled = true;
          replace(feedback);
          announce('Weiterleitung zum Anmeldedienst …');
          const started = await startSignIn(config.cognito);
          if (!started.ok) {
            feedback.append(errorBox(started.message));
            button.disabled = false;
            button.focus();
          }
        },
      },
      'Anmelden',
    )
  );
  replace(
    root,
    h('h1', {}, 'Anmelden'),
    h('p', {}, INTRO),
    feedback,
    h(
      'p',
      { id: 'anmelden-hilfe', class: 'hilfe' },
      'Sie melden sich auf der Anmeldeseite des Landespräventionsrats mit E-Mail-Adresse, Passwort und dem Bestätigungscode Ihrer Authenticator-App an und kommen danach hierher zurück. Die Anmeldung gilt nur in diesem Browser-Tab.',
    ),
    button,
  );
}
