/**
 * `sia webhooks add|list|rotate|remove|deliveries` through the API. Municipalities manage their own
 * AGS, LPR staff any. The signing secret is shown once (add, rotate).
 */
import { EXIT_OK, UsageError } from '../exit-codes.js';
import { table } from './versions.js';
import {
  callApi,
  defaultIo,
  germanDateTime,
  parseAgsArg,
  resolveApi,
  withApiErrors,
  type ApiOptions,
  type CliIo,
} from './api-client.js';

export interface WebhookOptions extends ApiOptions {
  readonly url?: string;
  /** Comma-separated: report.ready, report.failed, analysis.invalid. */
  readonly events?: string;
  readonly email?: string;
}

interface Endpoint {
  id: string;
  url: string;
  events: string[];
  coordinatorEmail?: string;
  createdAt?: string;
  active?: boolean;
}

const ALL_EVENTS = ['report.ready', 'report.failed', 'analysis.invalid'];

export async function webhooksCommand(
  args: readonly string[],
  options: WebhookOptions,
  io: CliIo = defaultIo(),
): Promise<number> {
  const [action, agsArg, id] = args;
  if (!action || !['add', 'list', 'rotate', 'remove', 'deliveries'].includes(action)) {
    throw new UsageError(
      'Bitte eine Aktion angeben: sia webhooks add|list|rotate|remove|deliveries <ags> [<id>]. Hilfe: sia help',
    );
  }
  const ags = parseAgsArg(agsArg);
  const needsId = action !== 'add' && action !== 'list';
  if (needsId && !id)
    throw new UsageError(
      `Bitte die Id des Webhooks angeben: sia webhooks ${action} ${ags} <id> (Ids: sia webhooks list ${ags}).`,
    );
  const target = resolveApi(options, io.env);
  const print = (value: unknown) => io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  return withApiErrors(io, async () => {
    switch (action) {
      case 'add': {
        if (!options.url) throw new UsageError('Bitte mit --url die Adresse des Webhooks angeben.');
        if (!options.email)
          throw new UsageError(
            'Bitte mit --email die E-Mail-Adresse der Koordination angeben (sie wird bei Zustellproblemen benachrichtigt).',
          );
        const events = (options.events ?? ALL_EVENTS.join(','))
          .split(',')
          .map((e) => e.trim())
          .filter((e) => e !== '');
        const unknown = events.filter((e) => !ALL_EVENTS.includes(e));
        if (unknown.length > 0)
          throw new UsageError(
            `Unbekannte Ereignisse: ${unknown.join(', ')}. Erlaubt: ${ALL_EVENTS.join(', ')}.`,
          );
        const { body } = await callApi<{ endpoint: Endpoint; secret: string }>(
          target,
          'POST',
          `/webhooks/${ags}`,
          { url: options.url, events, coordinatorEmail: options.email },
        );
        if (options.json) print(body);
        else {
          io.stdout.write(
            `Webhook ${body.endpoint.id} registriert für ${body.endpoint.url} (${body.endpoint.events.join(', ')}).\n`,
          );
          io.stdout.write(`Signaturgeheimnis: ${body.secret}\n`);
          io.stderr.write('Das Geheimnis wird nur jetzt angezeigt. Bitte sicher aufbewahren.\n');
        }
        return EXIT_OK;
      }
      case 'list': {
        const { body } = await callApi<{ endpoints: Endpoint[] }>(target, 'GET', `/webhooks/${ags}`);
        if (options.json) print(body);
        else if (body.endpoints.length === 0)
          io.stdout.write(`Für ${ags} sind keine Webhooks registriert.\n`);
        else
          io.stdout.write(
            table(
              ['Id', 'Adresse', 'Ereignisse', 'Koordination', 'Aktiv'],
              body.endpoints.map((e) => [
                e.id,
                e.url,
                e.events.join(', '),
                e.coordinatorEmail ?? '',
                e.active === false ? 'nein' : 'ja',
              ]),
            ),
          );
        return EXIT_OK;
      }
      case 'rotate': {
        const { body } = await callApi<{ secret: string }>(
          target,
          'POST',
          `/webhooks/${ags}/${encodeURIComponent(id ?? '')}/rotate`,
        );
        if (options.json) print(body);
        else {
          io.stdout.write(`Neues Signaturgeheimnis für Webhook ${id}: ${body.secret}\n`);
          io.stderr.write('Das Geheimnis wird nur jetzt angezeigt. Bitte beim Empfänger hinterlegen.\n');
        }
        return EXIT_OK;
      }
      case 'remove': {
        await callApi(target, 'DELETE', `/webhooks/${ags}/${encodeURIComponent(id ?? '')}`);
        io.stdout.write(`Webhook ${id} entfernt.\n`);
        return EXIT_OK;
      }
      default: {
        const { body } = await callApi<{
          deliveries: {
            id: string;
            type: string;
            status: string;
            attempts: number;
            createdAt?: string;
            responseStatus?: number;
          }[];
        }>(target, 'GET', `/webhooks/${ags}/${encodeURIComponent(id ?? '')}/deliveries`);
        if (options.json) print(body);
        else if (body.deliveries.length === 0) io.stdout.write(`Webhook ${id}: noch keine Zustellungen.\n`);
        else
          io.stdout.write(
            table(
              ['Zeit', 'Ereignis', 'Status', 'Versuche', 'HTTP'],
              body.deliveries.map((d) => [
                germanDateTime(d.createdAt),
                d.type,
                d.status,
                String(d.attempts),
                d.responseStatus !== undefined ? String(d.responseStatus) : '',
              ]),
            ),
          );
        return EXIT_OK;
      }
    }
  });
}
