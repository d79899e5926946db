/** German words for job statuses, as the API, the CLI and the e-mails show them to people. */
import type { JobStatus } from './ports.js';

export const STATUS_TEXT: Readonly<Record<JobStatus, string>> = {
  received: 'empfangen',
  validating: 'wird geprüft',
  analysing: 'wird ausgewertet',
  rendering: 'Bericht wird erstellt',
  ready: 'fertig',
  invalid: 'ungültig',
  failed: 'fehlgeschlagen',
};
