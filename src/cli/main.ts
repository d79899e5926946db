/**
 * `sia`: the command line of the Sicherheitsanalyse. A thin wrapper over the library: it parses
 * arguments, reads and writes folders, and prints German messages; all work happens in the core.
 */
import { parseArgs } from 'node:util';
import { stat } from 'node:fs/promises';
import { ENGINE_VERSION } from '../core/version.js';
import { EXIT_ERROR, UsageError } from './exit-codes.js';
import { validateCommand } from './commands/validate.js';
import { reportCommand } from './commands/report.js';
import { landesueberblickCommand } from './commands/landesueberblick.js';
import { vorlageCommand } from './commands/vorlage.js';
import { uploadCommand, uploadOptionsFrom } from './commands/upload.js';
import { statusCommand } from './commands/status.js';
import { versionsCommand } from './commands/versions.js';
import { regenerateAllCommand, regenerateCommand } from './commands/regenerate.js';
import { webhooksCommand } from './commands/webhooks.js';
import { FIRST_MILE_COMMANDS, FIRST_MILE_HELP, firstMileCommand } from './commands/first-mile.js';

const HELP = `sia – Sicherheitsanalyse für Kommunen (Version ${ENGINE_VERSION})

Aufruf:
  sia validate <ordner> [--json]        Prüft die Dateien einer Analyse und zeigt alle Probleme.
  sia report <ordner> --out <ziel>      Erstellt den Bericht (PDF, HTML, analysis.json, Diagramme).
        [--version <n>]                 Versionsnummer des Berichts (Standard: 1).
        [--vorgaenger <ordner|datei>]   Frühere Befragung derselben Kommune (Ordner mit Daten oder
                                        Bericht, oder deren analysis.json): Kapitel „Entwicklung seit
                                        der Befragung <Jahr>“. Ohne Angabe: der in analyse.json unter
                                        „vorgaenger“ genannte Ordner neben diesem.
  sia landesueberblick <ordner> --out <ziel>
                                        Landesüberblick aller Kommunen aus den Analysen im Ordner
                                        (analysis.json oder Datenordner): PDF, HTML, XLSX und JSON.
  sia vorlage <ziel>                    Schreibt leere Erfassungsvorlagen (XLSX) mit Erläuterungen.
${FIRST_MILE_HELP}  sia upload <ordner>                   Lädt eine Analyse in die Pipeline hoch (lokal oder AWS),
                                        wartet auf das Ergebnis und lädt den Bericht herunter.
        [--endpoint <url>]              S3-Endpunkt, lokal z. B. http://127.0.0.1:4569 (npm run local).
        [--dynamodb-endpoint <url>]     DynamoDB-Endpunkt (lokal Standard: gleicher Rechner, Port 4567).
        [--profile <name>]              AWS-Profil (sonst die übliche AWS-Anmeldung).
        [--uploads-bucket <name>] [--reports-bucket <name>] [--table <name>]
                                        Namen aus den Ausgaben des Stacks (lokal nicht nötig).
        [--ags <8 Ziffern>]             Gemeindeschlüssel (Standard: aus analyse.json).
        [--id <analyse-id>]             Analyse-ID (Standard: Ordnername).
        [--out <ziel>]                  Zielordner (Standard: ./bericht-<id>-v<n>).
        [--timeout <s>]                 Höchstens so lange warten (Standard: 900 s).

Über die HTTP-API (--api <url>, sonst SIA_API_URL, sonst die lokale Pipeline http://127.0.0.1:4570;
Zugangstoken mit --token oder SIA_TOKEN; --json gibt die Antwort als JSON aus):
  sia status <ags>/<id>                 Status der Analyse: letzter Auftrag, Verlauf, Grund, aktuelle Version.
                                        Rückgabewert 0 = fertig oder in Arbeit, 1 = ungültig, 2 = fehlgeschlagen.
  sia versions <ags>/<id>               Berichtsversionen der Analyse.
        [--download <n>] [--file <datei>]
                                        Link (5 Minuten gültig) zu report.pdf bzw. <datei> der Version n.
  sia regenerate <ags>/<id>             Bericht aus dem aktuellen Upload neu erstellen (nur LPR-Team).
        [--wait <s>]                    Auf das Ergebnis warten (höchstens so viele Sekunden).
  sia regenerate --alle                 Alle aktuellen Berichte neu erstellen (nur LPR-Team), z. B. nach einer
                                        Änderung der Vorlage oder des Maßnahmenkatalogs; mit --wait <s> Fortschritt
        [--auftrag <id>]                und Zusammenfassung (fertig / ungültig / fehlgeschlagen); --auftrag verfolgt
                                        einen Auftrag weiter.
  sia webhooks add <ags> --url <url> --email <koordination> [--events report.ready,report.failed,analysis.invalid]
  sia webhooks list <ags>               Registrierte Webhooks.
  sia webhooks rotate <ags> <id>        Neues Signaturgeheimnis (wird nur einmal angezeigt).
  sia webhooks remove <ags> <id>        Webhook entfernen.
  sia webhooks deliveries <ags> <id>    Zustellungen an einen Webhook.

  sia help                              Zeigt diese Hilfe.

Ein Ordner enthält analyse.json, befragung, bevoelkerung und kriminalitaet (CSV oder XLSX) und
optional pks-kreise-<jahr>, pmk, gebietsprofil, ordnungswidrigkeiten und ein Logo.
Beispiel: sia report examples/musterstadt --out bericht

Rückgabewerte: 0 = gültig (Warnungen erlaubt), 1 = Daten ungültig, 2 = Aufruf- oder Systemfehler.
`;

async function requireFolder(path: string | undefined, what: string): Promise<string> {
  if (!path) throw new UsageError(`Bitte ${what} angeben.`);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`Ordner nicht gefunden: ${path}`);
  return path;
}

export async function main(argv: readonly string[]): Promise<number> {
  if (FIRST_MILE_COMMANDS.includes(argv[0] ?? '')) return firstMileCommand(argv);
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean', default: false },
      out: { type: 'string', short: 'o' },
      version: { type: 'string' },
      endpoint: { type: 'string' },
      'dynamodb-endpoint': { type: 'string' },
      profile: { type: 'string' },
      region: { type: 'string' },
      'uploads-bucket': { type: 'string' },
      'reports-bucket': { type: 'string' },
      table: { type: 'string' },
      ags: { type: 'string' },
      id: { type: 'string' },
      timeout: { type: 'string' },
      api: { type: 'string' },
      token: { type: 'string' },
      url: { type: 'string' },
      events: { type: 'string' },
      email: { type: 'string' },
      download: { type: 'string' },
      file: { type: 'string' },
      wait: { type: 'string' },
      alle: { type: 'boolean', default: false },
      auftrag: { type: 'string' },
      vorgaenger: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...args] = positionals;
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(HELP);
    return command === undefined && !values.help ? EXIT_ERROR : 0;
  }
  switch (command) {
    case 'validate':
      return validateCommand(await requireFolder(args[0], 'den Ordner mit den Daten'), { json: values.json });
    case 'report': {
      const folder = await requireFolder(args[0], 'den Ordner mit den Daten');
      if (!values.out) throw new UsageError('Bitte mit --out den Zielordner für den Bericht angeben.');
      const version = values.version === undefined ? 1 : Number(values.version);
      if (!Number.isInteger(version) || version < 1)
        throw new UsageError(`--version erwartet eine ganze Zahl ab 1, nicht „${values.version}“.`);
      return reportCommand(folder, {
        out: values.out,
        version,
        ...(values.vorgaenger !== undefined && { vorgaenger: values.vorgaenger }),
      });
    }
    case 'landesueberblick': {
      const folder = await requireFolder(args[0], 'den Ordner mit den Analysen');
      if (!values.out)
        throw new UsageError('Bitte mit --out den Zielordner für den Landesüberblick angeben.');
      return landesueberblickCommand(folder, { out: values.out });
    }
    case 'vorlage':
      if (!args[0]) throw new UsageError('Bitte den Zielordner für die Vorlagen angeben.');
      return vorlageCommand(args[0]);
    case 'upload':
      return uploadCommand(
        await requireFolder(args[0], 'den Ordner mit den Daten'),
        uploadOptionsFrom(values),
      );
    case 'status':
      return statusCommand(args[0], apiOptions(values));
    case 'versions':
      return versionsCommand(args[0], {
        ...apiOptions(values),
        ...(values.download !== undefined && { download: values.download }),
        ...(values.file !== undefined && { file: values.file }),
      });
    case 'regenerate': {
      const waitSeconds = values.wait === undefined ? undefined : Number(values.wait);
      if (waitSeconds !== undefined && !(Number.isFinite(waitSeconds) && waitSeconds > 0))
        throw new UsageError(`--wait erwartet Sekunden (eine Zahl größer 0), nicht „${values.wait}“.`);
      const regenerateOptions = { ...apiOptions(values), ...(waitSeconds !== undefined && { waitSeconds }) };
      if (values.alle) {
        if (args[0] !== undefined)
          throw new UsageError('--alle erstellt alle Berichte neu: bitte ohne <ags>/<id> aufrufen.');
        return regenerateAllCommand({
          ...regenerateOptions,
          ...(values.auftrag !== undefined && { batchId: values.auftrag }),
        });
      }
      return regenerateCommand(args[0], regenerateOptions);
    }
    case 'webhooks':
      return webhooksCommand(args, {
        ...apiOptions(values),
        ...(values.url !== undefined && { url: values.url }),
        ...(values.events !== undefined && { events: values.events }),
        ...(values.email !== undefined && { email: values.email }),
      });
    default:
      throw new UsageError(`Unbekannter Befehl „${command}“. Hilfe: sia help`);
  }
}

function apiOptions(values: { api?: string; token?: string; json?: boolean }): {
  api?: string;
  token?: string;
  json: boolean;
} {
  return {
    ...(values.api !== undefined && { api: values.api }),
    ...(values.token !== undefined && { token: values.token }),
    json: values.json === true,
  };
}

function describe(error: unknown): string {
  if (error instanceof UsageError) return error.message;
  if (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('ERR_PARSE_ARGS')
  ) {
    return `Ungültiger Aufruf: ${error.message}. Hilfe: sia help`;
  }
  const detail = error instanceof Error ? error.message : String(error);
  return `Systemfehler: ${detail}. Bitte erneut versuchen; bleibt der Fehler, wenden Sie sich an das LPR-Team.`;
}

/** Entry point of the `sia` binary: never prints a stack trace unless SIA_DEBUG is set. */
export async function run(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  try {
    process.exitCode = await main(argv);
  } catch (error) {
    process.stderr.write(`${describe(error)}\n`);
    if (process.env.SIA_DEBUG) console.error(error);
    process.exitCode = EXIT_ERROR;
  }
}
