/**
 * `sia init <ordner>`: writes analyse.json by asking (readline) for what flags did not give. The
 * municipality is chosen from the list (name or AGS; Kreis from the list), the draft is checked
 * with the manifest's schema before anything is written, and an existing analyse.json is never
 * overwritten without --ueberschreiben.
 */
import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadGemeinden } from '../../adapters/gemeinden-file.js';
import {
  checkManifestDraft,
  findGemeinden,
  MANIFEST_FILE,
  parseAreaLine,
  parseDate,
} from '../../core/init/manifest-draft.js';
import type { Gemeinde } from '../../core/model/gemeinden.js';
import { DEFAULT_ACCENT, DEFAULT_PRIMARY } from '../../core/validate/manifest.js';
import { EXIT_INVALID, EXIT_OK, UsageError } from '../exit-codes.js';
import { Prompt } from '../prompt.js';

export interface InitFlags {
  readonly name?: string;
  readonly ags?: string;
  readonly jahr?: string;
  readonly titel?: string;
  readonly von?: string;
  readonly bis?: string;
  readonly modus?: string;
  readonly angeschrieben?: string;
  readonly gebiet?: readonly string[];
  readonly logo?: string;
  readonly primaerfarbe?: string;
  readonly akzentfarbe?: string;
  readonly kontakt?: string;
  readonly email?: string;
  /** Ask nothing: what is missing stays missing (and required gaps are errors). */
  readonly ja: boolean;
  readonly ueberschreiben: boolean;
}

class Asker {
  private prompt: Prompt | undefined;
  constructor(private readonly quiet: boolean) {}
  async ask(question: string, fallback = ''): Promise<string> {
    if (this.quiet) return fallback;
    this.prompt ??= new Prompt();
    const answer = await this.prompt.ask(question);
    if (answer === null) throw new UsageError('Die Eingabe endete vorzeitig; nichts geschrieben.');
    return answer === '' ? fallback : answer;
  }
  close(): void {
    this.prompt?.close();
  }
}

async function chooseGemeinde(
  asker: Asker,
  flags: InitFlags,
  list: readonly Gemeinde[],
): Promise<{ name: string; ags: string; kreis?: string }> {
  let query = flags.ags ?? flags.name ?? '';
  for (;;) {
    if (query === '') query = await asker.ask('Kommune (Name oder 8-stelliger Gemeindeschlüssel): ');
    if (query === '') throw new UsageError('Bitte die Kommune angeben (--name oder --ags).');
    const hits = findGemeinden(query, list);
    if (hits.length === 1) {
      const g = hits[0]!;
      process.stdout.write(`  → ${g.name} (AGS ${g.ags}, ${g.kreis})\n`);
      // a name given next to --ags wins; a name that was the search term gives way to the list's spelling
      const name = flags.ags !== undefined && flags.name ? flags.name : g.name.replace(/, Stadt$/, '');
      return { name, ags: g.ags, kreis: g.kreisKey };
    }
    if (hits.length > 1) {
      const shown = hits.slice(0, 12);
      shown.forEach((g, i) => process.stdout.write(`  ${i + 1}. ${g.name} (AGS ${g.ags}, ${g.kreis})\n`));
      const pick = await asker.ask(`Nummer wählen (1–${shown.length}) oder neu suchen: `);
      const n = Number(pick);
      if (Number.isInteger(n) && n >= 1 && n <= shown.length) {
        const g = shown[n - 1]!;
        return { name: g.name.replace(/, Stadt$/, ''), ags: g.ags, kreis: g.kreisKey };
      }
      if (flags.ja) throw new UsageError(`„${query}“ passt auf mehrere Gemeinden; bitte --ags angeben.`);
      query = pick;
      continue;
    }
    // Not in the list: an 8-digit key is taken with a warning (municipalities merge, lists age).
    if (/^\d{8}$/.test(query)) {
      const name = flags.name ?? (await asker.ask('Name der Kommune: '));
      return { name, ags: query };
    }
    process.stdout.write(`  „${query}“ steht nicht in der Gemeindeliste.\n`);
    if (flags.ja) {
      if (flags.ags) return { name: flags.name ?? query, ags: flags.ags };
      throw new UsageError(`„${query}“ steht nicht in der Gemeindeliste; bitte --ags angeben.`);
    }
    const ags = await asker.ask('8-stelliger Gemeindeschlüssel (AGS): ');
    if (/^\d{8}$/.test(ags)) return { name: query, ags };
    query = '';
  }
}

export async function initCommand(folder: string, flags: InitFlags): Promise<number> {
  const path = join(folder, MANIFEST_FILE);
  if (
    !flags.ueberschreiben &&
    (await access(path).then(
      () => true,
      () => false,
    ))
  )
    throw new UsageError(`${path} gibt es schon; mit --ueberschreiben ersetzen.`);
  const list = loadGemeinden().gemeinden;
  const asker = new Asker(flags.ja);
  try {
    if (!flags.ja)
      process.stdout.write(
        `Neue Analyse in ${folder} – Eingabetaste übernimmt den Vorschlag in [Klammern].\n`,
      );
    const kommune = await chooseGemeinde(asker, flags, list);
    const jahr = Number(flags.jahr ?? (await asker.ask('Berichtsjahr (z. B. 2025): ')));
    const titel = flags.titel ?? (await asker.ask(`Titel [Sicherheitsanalyse ${kommune.name} ${jahr}]: `));
    const vonText = flags.von ?? (await asker.ask('Befragung von (TT.MM.JJJJ, leer = ohne): '));
    const bisText = vonText === '' ? '' : (flags.bis ?? (await asker.ask('Befragung bis (TT.MM.JJJJ): ')));
    const von = vonText === '' ? null : parseDate(vonText);
    const bis = bisText === '' ? null : parseDate(bisText);
    if (vonText !== '' && von === null)
      throw new UsageError(`„${vonText}“ ist kein Datum (erwartet: TT.MM.JJJJ).`);
    if (bisText !== '' && bis === null)
      throw new UsageError(`„${bisText}“ ist kein Datum (erwartet: TT.MM.JJJJ).`);
    const modus =
      flags.modus ??
      (await asker.ask('Befragungsart (Papier, online oder Papier und online; leer = ohne): '));
    const angeschriebenText =
      flags.angeschrieben ?? (await asker.ask('Anzahl angeschriebener Personen (leer = ohne): '));
    const gebiete: { id: string; name: string }[] = [];
    for (const g of flags.gebiet ?? []) {
      const a = parseAreaLine(g);
      if (!a) throw new UsageError(`--gebiet „${g}“: erwartet „Kennung=Name“, z. B. „01=Altstadt“.`);
      gebiete.push(a);
    }
    if (gebiete.length === 0 && !flags.ja) {
      process.stdout.write(
        'Gebiete (Orts-/Stadtteile), je Zeile „Kennung Name“, z. B. „01 Altstadt“; leere Zeile beendet:\n',
      );
      for (;;) {
        const line = await asker.ask(`  Gebiet ${gebiete.length + 1}: `);
        if (line === '') break;
        const a = parseAreaLine(line);
        if (a) gebiete.push(a);
        else process.stdout.write('  Bitte „Kennung Name“ eingeben, z. B. „01 Altstadt“.\n');
      }
    }
    const logo = flags.logo ?? (await asker.ask('Logo-Datei im Ordner (.svg oder .png; leer = ohne): '));
    const primaer =
      flags.primaerfarbe ?? (await asker.ask(`Primärfarbe [${DEFAULT_PRIMARY}]: `, DEFAULT_PRIMARY));
    const akzent =
      flags.akzentfarbe ?? (await asker.ask(`Akzentfarbe [${DEFAULT_ACCENT}]: `, DEFAULT_ACCENT));
    const kontakt = flags.kontakt ?? (await asker.ask('Kontakt für Rückfragen (Name; leer = ohne): '));
    const email =
      kontakt === '' ? '' : (flags.email ?? (await asker.ask('E-Mail des Kontakts (leer = ohne): ')));

    const draft = {
      kommune: { name: kommune.name, ags: kommune.ags },
      ...(titel !== '' && { titel }),
      berichtsjahr: jahr,
      ...((von || modus !== '' || angeschriebenText !== '') && {
        befragung: {
          ...(von && { zeitraum: `${von}/${bis ?? von}` }),
          ...(angeschriebenText !== '' && { angeschrieben: Number(angeschriebenText) }),
          ...(modus !== '' && { modus }),
        },
      }),
      gebiete,
      ...(kommune.kreis &&
        kommune.kreis !== kommune.ags.slice(0, 5) && { vergleich: { kreis: kommune.kreis } }),
      branding: {
        ...(logo !== '' && { logo }),
        primaerfarbe: primaer,
        akzentfarbe: akzent,
      },
      ...(kontakt !== '' && { kontakte: [{ name: kontakt, ...(email !== '' && { email }) }] }),
    };
    const check = checkManifestDraft(draft, list);
    for (const i of check.issues)
      process.stderr.write(`${i.severity === 'error' ? 'Fehler' : 'Warnung'}: ${i.message}\n`);
    if (!check.valid) {
      process.stderr.write(`Nichts geschrieben: ${MANIFEST_FILE} wäre ungültig.\n`);
      return EXIT_INVALID;
    }
    await mkdir(folder, { recursive: true });
    await writeFile(path, `${JSON.stringify(draft, null, 2)}\n`);
    process.stdout.write(
      `Geschrieben: ${path}\nWeiter: Daten in den Ordner legen, dann sia zuordnung ${folder} und sia report ${folder} --out bericht\n`,
    );
    return EXIT_OK;
  } finally {
    asker.close();
  }
}
