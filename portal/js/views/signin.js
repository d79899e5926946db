/** Sign-in: locally with an access token (`npm run local` prints them); on AWS with Cognito's managed login (auth/cognito.js, docs/portal.md). */
import { api } from '../api.js';
import { startSignIn } from '../auth/cognito.js';
import { announce, errorBox, h, replace } from '../dom.js';
import { formErrors } from '../forms.js';
import { describePrincipal, signIn } from '../session.js';

const INTRO =
  'Im Portal laden Kommunen ihre Befragungs- und Kriminalitätsdaten hoch und erhalten den Bericht der Sicherheitsanalyse. Das Team des Landespräventionsrats sieht alle Kommunen.';

/**
 * @param {HTMLElement} root
 * @param {{ config: import('../config.js').PortalConfig, onSignedIn: () => void, notice?: string }} options
 *   notice: a German message to show first (failed sign-in, session expired)
 */
export async function renderSignIn(root, { config, onSignedIn, notice }) {
  if (config.auth === 'cognito') {
    renderCognitoSignIn(root, config, notice);
    return;
  }
  const feedback = h('div', { id: 'anmelde-meldung' }, notice ? errorBox(notice) : null);
  const input = /** @type {HTMLInputElement} */ (
    h('input', {
      id: 'token',
      name: 'token',
      type: 'password',
      autocomplete: 'off',
      spellcheck: 'false',
      required: true,
      'aria-required': 'true',
      'aria-describedby': 'token-hilfe',
    })
  );
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      {
        id: 'anmelden-form',
        novalidate: true,
        onsubmit: async (/** @type {SubmitEvent} */ e) => {
          e.preventDefault();
          const token = input.value.trim();
          replace(feedback);
          if (
            errors.show(
              token === '' ? [{ field: input, message: 'Bitte geben Sie Ihr Zugangstoken ein.' }] : [],
            )
          )
            return;
          try {
            const who = await api('/me', { token });
            signIn(token, who);
            announce(`Angemeldet als ${describePrincipal(who)}.`);
            onSignedIn();
          } catch (error) {
            const status = /** @type {{ status?: number }} */ (error).status;
            errors.show([
              {
                field: input,
                message:
                  status === 401
                    ? 'Dieses Zugangstoken wurde nicht angenommen. Bitte prüfen Sie die Eingabe.'
                    : /** @type {Error} */ (error).message,
              },
            ]);
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
    )
  );
  const errors = formErrors(form);
  replace(root, h('h1', {}, 'Anmelden'), h('p', {}, INTRO), feedback, form, helpLine());
}

function helpLine() {
  return h(
    'p',
    {},
    'Noch kein Zugang oder Fragen? ',
    h('a', { href: '#/hilfe' }, 'Hilfe und Kontakt zum LPR-Team'),
  );
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
    helpLine(),
  );
}
