/**
 * `sia zuordnung <ordner>`: the mapping assistant on the command line. For each column of the
 * survey file it shows the proposed standard code, its confidence, the reason and what the values
 * become, asks for confirmation (readline), and saves befragung-zuordnung.json in the folder.
 * An existing befragung-zuordnung.json is the starting point. `--ja` takes the proposals at or
 * above the threshold without asking; `--json` only prints the proposal.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readInputFolder } from '../../adapters/fs-input.js';
import { formatInt } from '../../core/input/messages.js';
import { buildZuordnung, type Decision } from '../../core/mapping/build.js';
import { proposeForUpload, ZUORDNUNG_FILE } from '../../core/mapping/from-upload.js';
import { ACCEPT_THRESHOLD, type ColumnProposal } from '../../core/mapping/propose.js';
import { findTarget } from '../../core/mapping/targets.js';
import { EXIT_INVALID, EXIT_OK, UsageError } from '../exit-codes.js';
import { Prompt } from '../prompt.js';

export interface ZuordnungOptions {
  readonly json: boolean;
  readonly yes: boolean;
  readonly threshold?: number;
}

const percent = (n: number): string => `${Math.round(n * 100)} %`;

function describe(c: ColumnProposal, index: number, total: number): string {
  const lines = [`[${index + 1}/${total}] Spalte „${c.column}“${c.label ? ` – ${c.label}` : ''}`];
  if (c.ignore) lines.push(`      Vorschlag: ignorieren (${c.reason})`);
  else if (c.target)
    lines.push(
      `      Vorschlag: ${c.target} – ${c.targetTitle} (Übereinstimmung ${percent(c.confidence)})`,
      `      Grund: ${c.reason}`,
    );
  else {
    lines.push(`      Kein Vorschlag: ${c.reason}.`);
    if (c.alternatives.length > 0)
      lines.push(
        `      Möglich wären: ${c.alternatives.map((a) => `${a.code} (${percent(a.confidence)})`).join(', ')}`,
      );
  }
  if (!c.ignore && c.values.length > 0) {
    const shown = c.values
      .slice(0, 8)
      .map((v) => `„${v.value}“ (${formatInt(v.count)}×) → ${v.meaning}${v.ok ? '' : ' ⚠'}`);
    const more = c.distinct > shown.length ? ` … und ${formatInt(c.distinct - shown.length)} weitere` : '';
    lines.push(`      Werte: ${shown.join(' · ')}${more}`);
  }
  return lines.join('\n');
}

export async function zuordnungCommand(folder: string, options: ZuordnungOptions): Promise<number> {
  const threshold = options.threshold ?? ACCEPT_THRESHOLD;
  const files = await readInputFolder(folder);
  const result = await proposeForUpload(files);
  if (!result.ok) {
    for (const i of result.issues) process.stderr.write(`${i.message}\n`);
    return EXIT_INVALID;
  }
  const { file, rows, proposal, start } = result.value;
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ datei: file, zeilen: rows, ausgangspunkt: start, spalten: proposal.columns, nichtZugeordnet: proposal.unmapped }, null, 2)}\n`,
    );
    return EXIT_OK;
  }
  const out = process.stdout;
  out.write(
    `Befragungsdatei: ${file} (${formatInt(proposal.columns.length)} Spalten, ${formatInt(rows)} Zeilen)\n`,
  );
  if (start === 'upload') out.write(`Ausgangspunkt: die vorhandene ${ZUORDNUNG_FILE}\n`);
  out.write('\n');

  const decisions: Decision[] = [];
  const total = proposal.columns.length;
  const prompt = options.yes ? undefined : new Prompt();
  try {
    for (const [i, c] of proposal.columns.entries()) {
      const proposed: Decision = { column: c.column, target: c.target, ignore: c.ignore, recode: c.recode };
      if (options.yes) {
        const take = c.ignore || (c.target !== null && c.confidence >= threshold);
        decisions.push(take ? proposed : { column: c.column, target: null });
        continue;
      }
      out.write(`${describe(c, i, total)}\n`);
      for (;;) {
        const raw = await prompt!.ask(
          c.target || c.ignore
            ? '      Übernehmen? [Enter = ja, Code = anderer Standardcode, - = nicht zuordnen, i = ignorieren] '
            : '      [Enter = nicht zuordnen, Code = Standardcode, i = ignorieren] ',
        );
        if (raw === null)
          throw new UsageError('Die Eingabe endete vor der letzten Spalte; nichts gespeichert.');
        const answer = raw;
        if (answer === '') {
          decisions.push(c.target || c.ignore ? proposed : { column: c.column, target: null });
          break;
        }
        if (answer === '-') {
          decisions.push({ column: c.column, target: null });
          break;
        }
        if (answer.toLowerCase() === 'i') {
          decisions.push({ column: c.column, target: null, ignore: true });
          break;
        }
        const code = answer.toLowerCase();
        const known = findTarget(code) !== undefined || proposal.zusatzfragen.some((x) => x.code === code);
        const used = decisions.find((d) => d.target === code);
        if (!known)
          out.write(`      „${answer}“ ist kein Standardcode (z. B. sg_wohngegend_nacht, gebiet, alter).\n`);
        else if (used) out.write(`      ${code} ist schon der Spalte „${used.column}“ zugeordnet.\n`);
        else {
          decisions.push({ column: c.column, target: code, recode: code === c.target ? c.recode : {} });
          break;
        }
      }
      out.write('\n');
    }
  } finally {
    prompt?.close();
  }
  if (decisions.length < total)
    throw new UsageError('Die Eingabe endete vor der letzten Spalte; nichts gespeichert.');

  const { zuordnung, unmapped } = buildZuordnung(decisions, { zusatzfragen: proposal.zusatzfragen });
  const path = join(folder, ZUORDNUNG_FILE);
  await writeFile(path, `${JSON.stringify(zuordnung, null, 2)}\n`);
  const mapped = decisions.filter((d) => d.target !== null).length;
  out.write(
    `Gespeichert: ${path} (${formatInt(mapped)} Spalten zugeordnet, ${formatInt(decisions.filter((d) => d.ignore).length)} ignoriert).\n`,
  );
  if (unmapped.length > 0) {
    out.write(
      `Nicht zugeordnet (werden als unbekannte Spalten gemeldet): ${unmapped.map((u) => `„${u}“`).join(', ')}\n`,
    );
    const below = proposal.columns.filter((c) => unmapped.includes(c.column) && c.target !== null);
    for (const c of below)
      out.write(
        `  „${c.column}“: Vorschlag ${c.target} nur ${percent(c.confidence)} – mit „sia zuordnung ${folder}“ einzeln bestätigen.\n`,
      );
  }
  out.write(`Weiter: sia validate ${folder}\n`);
  return EXIT_OK;
}
