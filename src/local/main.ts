/**
 * `npm run local`: the serverless pipeline on this machine (s3rver, dynalite, the real handlers),
 * until Ctrl-C. Then `sia upload <ordner> --endpoint http://127.0.0.1:4569` sends an analysis to it.
 *
 * Flags: --s3-port <n> (4569), --dynamodb-port <n> (4567), --data-dir <ordner> (.local/data: objects,
 * table, queue journals and e-mails, kept across restarts; a folder with content the stack did not
 * create is refused, src/local/data-dir.ts), --visibility <s> (2),
 * --log-level DEBUG|INFO|WARN|ERROR|SILENT (INFO), --api-port <n> (4570), --tokens <datei>
 * (.local/api-tokens.json; created with random tokens for the LPR team and Musterstadt 14522999
 * when missing).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_API_PORT,
  DEFAULT_DYNAMODB_PORT,
  DEFAULT_S3_PORT,
  startLocalStack,
  type LocalStackOptions,
} from './stack.js';
import { parseTokens, type TokenTable } from '../api/auth.js';
import { LocalStackError } from './data-dir.js';

/** The local API's tokens: read from `path`, or created there (LPR team and Musterstadt) on first start. */
async function loadTokens(path: string): Promise<{ tokens: TokenTable; created: boolean }> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text !== undefined) return { tokens: parseTokens(text), created: false };
  const token = (who: string) => `${who}-${randomBytes(16).toString('hex')}`;
  const tokens: TokenTable = {
    [token('lpr')]: { kind: 'lpr' },
    [token('kommune-14522999')]: { kind: 'municipality', ags: '14522999' },
  };
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
  return { tokens, created: true };
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'] as const;

function port(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new Error(`${flag} erwartet eine Portnummer (1–65535), nicht „${value}“.`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      's3-port': { type: 'string' },
      'dynamodb-port': { type: 'string' },
      'data-dir': { type: 'string' },
      visibility: { type: 'string' },
      'log-level': { type: 'string' },
      'api-port': { type: 'string' },
      tokens: { type: 'string' },
    },
    strict: true,
  });
  const s3Port = port(values['s3-port'], DEFAULT_S3_PORT, '--s3-port');
  const dynamodbPort = port(values['dynamodb-port'], DEFAULT_DYNAMODB_PORT, '--dynamodb-port');
  const dataDir = resolve(values['data-dir'] ?? '.local/data');
  const visibility = values.visibility === undefined ? 2 : Number(values.visibility);
  if (!Number.isFinite(visibility) || visibility < 0)
    throw new Error(`--visibility erwartet Sekunden, nicht „${values.visibility}“.`);
  const logLevel = (values['log-level'] ?? 'INFO').toUpperCase() as (typeof LOG_LEVELS)[number];
  if (!LOG_LEVELS.includes(logLevel)) throw new Error(`--log-level erwartet ${LOG_LEVELS.join(', ')}.`);

  const apiPort = port(values['api-port'], DEFAULT_API_PORT, '--api-port');
  const tokensPath = resolve(values.tokens ?? '.local/api-tokens.json');
  const { tokens, created } = await loadTokens(tokensPath);

  const options: LocalStackOptions = {
    port: s3Port,
    dynamodbPort,
    dataDir,
    visibilityMs: visibility * 1000,
    logLevel,
    api: {
      port: apiPort,
      tokens,
      onError: (error) =>
        process.stderr.write(
          `[lokal] API-Fehler: ${error instanceof Error ? error.message : String(error)}\n`,
        ),
    },
    notifications: {},
    onDelivery: (queue, message, result) => {
      const what = queue === 'jobs' ? 'Auftrag' : 'Dead Letter';
      process.stderr.write(
        `[lokal] ${what} ${message.messageId.slice(0, 8)} Zustellung ${message.receiveCount}: ${result === 'ok' ? 'erledigt' : result === 'timeout' ? 'Zeitüberschreitung, wird erneut zugestellt' : 'fehlgeschlagen, wird erneut zugestellt'}\n`,
      );
    },
  };
  const stack = await startLocalStack(options);
  process.stdout.write(
    [
      'Sicherheitsanalyse – lokale Pipeline läuft.',
      '',
      `  Daten:              ${stack.dataDir} (bleiben über Neustarts erhalten)`,
      ...(stack.restored.messages + stack.restored.failed > 0
        ? [
            `  Übernommen:         ${stack.restored.messages} unerledigte Nachrichten, ${stack.restored.resumed} Aufträge fortgesetzt, ${stack.restored.failed} als fehlgeschlagen markiert`,
          ]
        : []),
      `  S3 (s3rver):        ${stack.s3Endpoint}`,
      `  DynamoDB (dynalite): ${stack.dynamodbEndpoint}`,
      `  Upload-Bucket:      ${stack.uploadsBucket}`,
      `  Berichts-Bucket:    ${stack.reportsBucket}`,
      `  Tabelle:            ${stack.tableName}`,
      `  Zugangsdaten:       ${stack.credentials.accessKeyId} / ${stack.credentials.secretAccessKey}, Region ${stack.region}`,
      `  HTTP-API:           ${stack.apiUrl ?? '–'}   Tokens in ${tokensPath}${created ? ' (neu angelegt)' : ''}`,
      ...Object.entries(tokens).map(
        ([token, p]) =>
          `                      ${p.kind === 'lpr' ? 'LPR-Team' : `Kommune ${p.ags}`}: ${token}`,
      ),
      `  E-Mails:            ${stack.outboxDir ?? '–'} (statt Versand)   Webhooks: nur an http://127.0.0.1`,
      '',
      'Über die API (Token der Kommune oder des LPR-Teams):',
      `  SIA_TOKEN=<token> npx sia status 14522999/musterstadt${apiPort === DEFAULT_API_PORT ? '' : ` --api ${stack.apiUrl ?? ''}`}`,
      '',
      'Analyse hochladen und Bericht abholen:',
      `  npx sia upload examples/musterstadt --endpoint ${stack.s3Endpoint}${dynamodbPort === DEFAULT_DYNAMODB_PORT ? '' : ` --dynamodb-endpoint ${stack.dynamodbEndpoint}`}`,
      '',
      'Beenden mit Strg+C.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nLokale Pipeline wird beendet …\n');
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(
          `Fehler beim Beenden: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${startProblem(error)}\n`);
  process.exit(2);
});

/** Why the stack did not start, in German, without a stack trace. */
function startProblem(error: unknown): string {
  const e = error as { code?: string; port?: number; message?: string } | undefined;
  if (e?.code === 'EADDRINUSE')
    return `Port ${e.port ?? '?'} ist belegt. Läuft die lokale Pipeline schon? Andere Ports wählen: --s3-port, --dynamodb-port, --api-port.`;
  if (e?.code === 'EACCES') return `Port ${e.port ?? '?'} darf nicht verwendet werden (Zugriff verweigert).`;
  if (error instanceof LocalStackError) return error.message;
  return `Die lokale Pipeline konnte nicht starten: ${e?.message ?? String(error)}`;
}
