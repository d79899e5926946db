/**
 * The first-mile commands (`sia init`, `sia zuordnung`, `sia fragebogen`) with their own flags, so
 * the main dispatcher stays small.
 */
import { parseArgs } from 'node:util';
import { stat } from 'node:fs/promises';
import { UsageError } from '../exit-codes.js';
import { fragebogenCommand } from './fragebogen.js';
import { initCommand } from './init.js';
import { zuordnungCommand } from './zuordnung.js';

export const FIRST_MILE_COMMANDS: readonly string[] = ['init', 'zuordnung', 'fragebogen'];

export const FIRST_MILE_HELP = `  sia init <ordner>                     Legt analyse.json an (fragt nach, was fehlt).
        [--name <kommune>] [--ags <8 Ziffern>] [--jahr <berichtsjahr>] [--titel <text>]
        [--von <TT.MM.JJJJ>] [--bis <TT.MM.JJJJ>] [--modus <text>] [--angeschrieben <n>]
        [--gebiet 01=Altstadt …] [--logo <datei>] [--primaerfarbe #RRGGBB] [--akzentfarbe #RRGGBB]
        [--kontakt <name>] [--email <adresse>] [--ja] [--ueberschreiben]
  sia zuordnung <ordner>                Ordnet die Spalten der Befragung (CSV, XLSX, LimeSurvey, SPSS)
                                        den Standardcodes zu und speichert befragung-zuordnung.json.
        [--ja] [--schwelle 0.8]         Vorschläge ab der Schwelle ohne Rückfrage übernehmen.
        [--json]                        Nur den Vorschlag als JSON ausgeben.
  sia fragebogen <ziel> [--analyse <ordner>]
                                        Schreibt den Standardfragebogen als fragebogen.pdf und fragebogen.lss.
`;

async function folder(path: string | undefined): Promise<string> {
  if (!path) throw new UsageError('Bitte den Ordner der Analyse angeben.');
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`Ordner nicht gefunden: ${path}`);
  return path;
}

export async function firstMileCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean', default: false },
      ja: { type: 'boolean', default: false },
      ueberschreiben: { type: 'boolean', default: false },
      schwelle: { type: 'string' },
      analyse: { type: 'string' },
      name: { type: 'string' },
      ags: { type: 'string' },
      jahr: { type: 'string' },
      titel: { type: 'string' },
      von: { type: 'string' },
      bis: { type: 'string' },
      modus: { type: 'string' },
      angeschrieben: { type: 'string' },
      gebiet: { type: 'string', multiple: true },
      logo: { type: 'string' },
      primaerfarbe: { type: 'string' },
      akzentfarbe: { type: 'string' },
      kontakt: { type: 'string' },
      email: { type: 'string' },
    },
  });
  const [command, target] = positionals;
  switch (command) {
    case 'zuordnung': {
      const threshold = values.schwelle === undefined ? undefined : Number(values.schwelle.replace(',', '.'));
      if (threshold !== undefined && !(threshold > 0 && threshold <= 1))
        throw new UsageError(`--schwelle erwartet eine Zahl zwischen 0 und 1, nicht „${values.schwelle}“.`);
      return zuordnungCommand(await folder(target), {
        json: values.json,
        yes: values.ja,
        ...(threshold !== undefined && { threshold }),
      });
    }
    case 'init': {
      if (!target) throw new UsageError('Bitte den Ordner der Analyse angeben.');
      const { json: _json, schwelle: _s, analyse: _a, ...flags } = values;
      return initCommand(target, flags);
    }
    case 'fragebogen':
      if (!target) throw new UsageError('Bitte den Zielordner für den Fragebogen angeben.');
      return fragebogenCommand(target, values.analyse === undefined ? {} : { analyse: values.analyse });
    default:
      throw new UsageError(`Unbekannter Befehl „${command}“. Hilfe: sia help`);
  }
}
