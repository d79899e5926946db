/**
 * The bad-input corpus: each case breaks the otherwise clean synthetic upload in exactly one way
 * and asserts the one German message that comes back (file, row as Excel numbers it, column as
 * written, the value, what was expected).
 */
import { describe, expect, it } from 'vitest';
import type { InputFile } from '../../../src/core/ports.js';
import { validateUpload } from '../../../src/core/validate/upload.js';
import {
  AGE_GROUPS,
  CRIME_HEADER,
  crimeRows,
  crimeWith,
  csv,
  file,
  MANIFEST,
  POPULATION_HEADER,
  populationRows,
  SURVEY_HEADER,
  surveyRows,
  surveyWith,
  upload,
} from './fixtures.js';

const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

const BKA_HEADER =
  'Schluessel;Straftat;Gemeindeschluessel;Stadt-/Landkreis;Kreisart;Anzahl erfasste Faelle;Haeufigkeitszahl;erfasste Faelle, davon Versuche - Anzahl;erfasste Faelle, davon Versuche - Anteil in %;mit Schusswaffe gedroht;mit Schusswaffe geschossen;Auffklaerung - Anzahl Faelle;Aufklaerungsquote;Tatverdaechtige insgesamt;Tatverdaechtige - maennlich;Tatverdaechtige - weiblich;Nichtdeutsche Tatverdaechtige - Anzahl;Nichtdeutsche Tatverdaechtige - Anteil in % an der Gesamtzahl';

export function bkaTable(kreise: readonly [string, string][]): Uint8Array {
  const lines = [Array.from({ length: 18 }, (_, i) => i + 1).join(';'), BKA_HEADER];
  for (const [key, name] of kreise) {
    lines.push(
      `------;Straftaten insgesamt;${key};${name};LK;10,957;3,661;601;5.5;7;21;6,717;61.3;4,986;3,802;1,184;816;16.4`,
    );
    lines.push(`216000;Handtaschenraub;${key};${name};LK;0;0;0;#DIV/0!;0;0;0;#DIV/0!;0;0;0;0;#DIV/0!`);
  }
  return latin1(`${lines.join('\r\n')}\r\n`);
}

const withoutColumn = (name: string): string => {
  const c = SURVEY_HEADER.indexOf(name as (typeof SURVEY_HEADER)[number]);
  return csv(
    SURVEY_HEADER.filter((_, i) => i !== c),
    surveyRows().map((r) => r.filter((_, i) => i !== c)),
  );
};

const SVG_OK_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">';
const withLogo = (svg: string): InputFile[] =>
  upload({ manifest: { ...MANIFEST, branding: { logo: 'logo.svg' } }, extra: [file('logo.svg', svg)] });

interface Case {
  readonly name: string;
  readonly files: () => InputFile[];
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

const CASES: readonly Case[] = [
  // --- files ---
  {
    name: 'missing required file',
    files: () => upload({ omit: ['kriminalitaet.csv'] }),
    severity: 'error',
    message: 'kriminalitaet: Pflichtdatei fehlt (erwartet: „kriminalitaet.csv“ oder „kriminalitaet.xlsx“).',
  },
  {
    name: 'missing manifest',
    files: () => upload({ omit: ['analyse.json'] }),
    severity: 'error',
    message:
      'analyse.json: Pflichtdatei fehlt (erwartet: das Manifest der Analyse mit Kommune, Berichtsjahr und Gebieten).',
  },
  {
    name: 'two befragung files',
    files: () => upload({ extra: [file('befragung.xlsx', 'not read')] }),
    severity: 'error',
    message:
      'befragung.xlsx: Es gibt bereits „befragung.csv“; je Art ist nur eine Datei erlaubt (erwartet: befragung.csv oder befragung.xlsx).',
  },
  {
    name: 'unknown file (warning)',
    files: () => upload({ extra: [file('notizen.txt', 'hallo')] }),
    severity: 'warning',
    message:
      'notizen.txt: unbekannte Datei – wird nicht verwendet (erwartet: analyse.json, befragung, bevoelkerung, kriminalitaet, pks-kreise-<Jahr>, pmk, gebietsprofil, ordnungswidrigkeiten (je .csv oder .xlsx), befragung-zuordnung.json und das Logo aus analyse.json).',
  },
  {
    name: 'unsupported format of a known kind',
    files: () => upload({ extra: [file('pmk.ods', 'x')] }),
    severity: 'error',
    message: 'pmk.ods: Dateiformat „.ods“ nicht unterstützt (erwartet: pmk.csv oder pmk.xlsx).',
  },
  {
    name: 'pks-kreise without a year',
    files: () => upload({ extra: [file('pks-kreise.csv', bkaTable([['14522', 'Mittelsachsen']]))] }),
    severity: 'error',
    message:
      'pks-kreise.csv: Der Dateiname nennt kein Berichtsjahr (erwartet: pks-kreise-<Jahr>, z. B. pks-kreise-2024.csv).',
  },
  // --- analyse.json ---
  {
    name: 'invalid JSON with position',
    files: () => upload({ manifest: '{\n  "kommune": { "name": "Teststadt", "ags": "14522999" },\n}\n' }),
    severity: 'error',
    message:
      'analyse.json: kein gültiges JSON – unerwartetes Zeichen „}“ in Zeile 3, Spalte 1 (vermutlich ein Komma zu viel vor der schließenden Klammer).',
  },
  {
    name: 'missing required manifest key',
    files: () => upload({ manifest: { ...MANIFEST, kommune: { name: 'Teststadt' } } }),
    severity: 'error',
    message: 'analyse.json, Feld „kommune.ags“: Pflichtangabe fehlt (erwartet: Text in Anführungszeichen).',
  },
  {
    name: 'missing gebiete',
    files: () => upload({ manifest: { kommune: MANIFEST.kommune, berichtsjahr: 2025 } }),
    severity: 'error',
    message: 'analyse.json, Feld „gebiete“: Pflichtangabe fehlt (erwartet: Liste [ … ]).',
  },
  {
    name: 'AGS with 7 digits',
    files: () => upload({ manifest: { ...MANIFEST, kommune: { name: 'Teststadt', ags: '1452299' } } }),
    severity: 'error',
    message:
      'analyse.json, Feld „kommune.ags“: Wert „1452299“ ist kein 8-stelliger Amtlicher Gemeindeschlüssel (z. B. „14522999“).',
  },
  {
    name: 'AGS written as a number',
    files: () => upload({ manifest: { ...MANIFEST, kommune: { name: 'Teststadt', ags: 14522999 } } }),
    severity: 'error',
    message:
      'analyse.json, Feld „kommune.ags“: Wert „14522999“ hat den falschen Typ (erwartet: Text in Anführungszeichen). Den Schlüssel in Anführungszeichen schreiben, damit führende Nullen erhalten bleiben.',
  },
  {
    name: 'implausible berichtsjahr',
    files: () => upload({ manifest: { ...MANIFEST, berichtsjahr: 1999 } }),
    severity: 'error',
    message:
      'analyse.json, Feld „berichtsjahr“: Wert „1999“ ist kein plausibles Berichtsjahr (erwartet: 2000 bis 2100).',
  },
  {
    name: 'mindestfallzahl 3',
    files: () => upload({ manifest: { ...MANIFEST, optionen: { mindestfallzahl: 3 } } }),
    severity: 'error',
    message:
      'analyse.json, Feld „optionen.mindestfallzahl“: Wert „3“ ist zu klein (erwartet: ganze Zahl ab 5; Standard 10).',
  },
  {
    name: 'colour not #RRGGBB',
    files: () => upload({ manifest: { ...MANIFEST, branding: { primaerfarbe: 'blau' } } }),
    severity: 'error',
    message:
      'analyse.json, Feld „branding.primaerfarbe“: Wert „blau“ ist keine Farbe im Format #RRGGBB (z. B. „#005CA9“).',
  },
  {
    name: 'duplicate area id',
    files: () =>
      upload({ manifest: { ...MANIFEST, gebiete: [...MANIFEST.gebiete, { id: '01', name: 'Südstadt' }] } }),
    severity: 'error',
    message: 'analyse.json, Feld „gebiete[3].id“: Kennung „01“ kommt doppelt vor (auch in gebiete[1]).',
  },
  {
    name: 'unknown manifest key (warning)',
    files: () => upload({ manifest: { ...MANIFEST, farbe: 'blau' } }),
    severity: 'warning',
    message: 'analyse.json, Feld „farbe“: unbekannter Schlüssel – wird ignoriert.',
  },
  // --- befragung ---
  {
    name: 'out-of-range code (the contract example)',
    files: () => upload({ survey: surveyWith(15, 'sg_wohngegend_nacht', '5') }),
    severity: 'error',
    message:
      'befragung.csv, Zeile 17, Spalte „sg_wohngegend_nacht“: Wert „5“ ist nicht erlaubt (erlaubt: 1–4, 8, 9 oder leer).',
  },
  {
    name: 'out-of-range code on a yes/no item',
    files: () => upload({ survey: surveyWith(1, 'opfer_raub', '3') }),
    severity: 'error',
    message:
      'befragung.csv, Zeile 3, Spalte „opfer_raub“: Wert „3“ ist nicht erlaubt (erlaubt: 1, 2, 8, 9 oder leer).',
  },
  {
    name: 'text answer that is not a code',
    files: () => upload({ survey: surveyWith(0, 'furcht_nacht', 'manchmal') }),
    severity: 'error',
    message:
      'befragung.csv, Zeile 2, Spalte „furcht_nacht“: Wert „manchmal“ ist nicht erlaubt (erlaubt: 1–5, 8, 9 oder leer).',
  },
  {
    name: 'unknown area',
    files: () => upload({ survey: surveyWith(3, 'gebiet', 'Südstadt') }),
    severity: 'error',
    message:
      'befragung.csv, Zeile 5, Spalte „gebiet“: Gebiet „Südstadt“ ist in analyse.json nicht angelegt (erlaubt: Kennung oder Name eines Gebiets (01 Altstadt, 02 Nordviertel) oder leer).',
  },
  {
    name: 'area name in the wrong case',
    files: () => upload({ survey: surveyWith(3, 'gebiet', 'altstadt') }),
    severity: 'error',
    message:
      'befragung.csv, Zeile 5, Spalte „gebiet“: Gebiet „altstadt“ ist in analyse.json nicht angelegt (erlaubt: Kennung oder Name eines Gebiets (01 Altstadt, 02 Nordviertel) oder leer). Gemeint ist vielleicht „Altstadt“ (Groß-/Kleinschreibung beachten).',
  },
  {
    name: 'duplicate id',
    files: () => upload({ survey: surveyWith(10, 'id', '7') }),
    severity: 'error',
    message:
      'befragung.csv, Zeile 12, Spalte „id“: Kennung „7“ kommt doppelt vor (auch in Zeile 8); jede Kennung darf nur einmal vorkommen.',
  },
  {
    name: 'missing required column sg_wohngegend_nacht',
    files: () => upload({ survey: withoutColumn('sg_wohngegend_nacht') }),
    severity: 'error',
    message: 'befragung.csv, Spalte „sg_wohngegend_nacht“: Pflichtspalte fehlt.',
  },
  {
    name: 'missing required column gebiet',
    files: () => upload({ survey: withoutColumn('gebiet') }),
    severity: 'error',
    message: 'befragung.csv, Spalte „gebiet“: Pflichtspalte fehlt.',
  },
  {
    name: 'standard indicator column without a single answer',
    files: () =>
      upload({
        survey: csv(
          SURVEY_HEADER,
          surveyRows().map((r) => r.map((v, i) => (i === 5 ? '' : v))),
        ),
      }),
    severity: 'error',
    message:
      'befragung.csv, Spalte „sg_wohngegend_nacht“: Die Pflichtspalte enthält keine einzige Antwort (erwartet: Antworten des Standardindikators).',
  },
  {
    name: 'neither alter nor altersgruppe',
    files: () => upload({ survey: withoutColumn('alter') }),
    severity: 'error',
    message: 'befragung.csv, Spalte „alter“: Pflichtspalte fehlt (erwartet: „alter“ oder „altersgruppe“).',
  },
  {
    name: 'age 7',
    files: () => upload({ survey: surveyWith(2, 'alter', '7') }),
    severity: 'error',
    message:
      'befragung.csv, Zeile 4, Spalte „alter“: Wert „7“ ist nicht erlaubt (erlaubt: ganze Jahre von 14 bis 110 oder leer).',
  },
  {
    name: 'age 15 in the population group 0-15 (warning: below the survey age)',
    files: () => upload({ survey: surveyWith(2, 'alter', '15') }),
    severity: 'warning',
    message:
      'befragung.csv, Zeile 4, Spalte „alter“: Alter 15 liegt unter dem Mindestalter der Befragung (16 Jahre); die Person zählt in den Gesamtergebnissen, aber in keiner Altersgruppe.',
  },
  {
    name: 'population starting at 16 (warning: rates overstated)',
    files: () => upload({ population: csv(POPULATION_HEADER, populationRows(AGE_GROUPS)) }),
    severity: 'warning',
    message:
      'bevoelkerung.csv, Zeile 2, Spalte „altersgruppe“: Die Altersgruppen beginnen erst bei 16 Jahren; Kinder und Jugendliche fehlen. Die Häufigkeitszahl wird dann nur auf die Einwohnerinnen und Einwohner ab 16 Jahren bezogen und fällt im Vergleich mit Kreis und Land, die alle Einwohner zählen, zu hoch aus. Bitte die Altersgruppe „0-15“ ergänzen.',
  },
  {
    name: 'age group not in the population',
    files: () =>
      upload({
        survey: csv(
          ['gebiet', 'geschlecht', 'altersgruppe', 'sg_wohngegend_nacht'],
          [
            ['01', 'w', '16-29', '1'],
            ['02', 'm', '18-25', '2'],
          ],
        ),
      }),
    severity: 'error',
    message:
      'befragung.csv, Zeile 3, Spalte „altersgruppe“: Wert „18-25“ ist keine Altersgruppe aus bevoelkerung.csv (erlaubt: 0-15, 16-29, 30-44, 45-59, 60-74, 75+ oder leer).',
  },
  {
    name: 'invalid geschlecht',
    files: () => upload({ survey: surveyWith(0, 'geschlecht', 'x') }),
    severity: 'error',
    message:
      'befragung.csv, Zeile 2, Spalte „geschlecht“: Wert „x“ ist nicht erlaubt (erlaubt: w/weiblich/1, m/männlich/2, d/divers/3 oder leer).',
  },
  {
    name: 'invalid modus',
    files: () => upload({ survey: surveyWith(0, 'modus', 'telefon') }),
    severity: 'error',
    message:
      'befragung.csv, Zeile 2, Spalte „modus“: Wert „telefon“ ist nicht erlaubt (erlaubt: papier, online oder leer).',
  },
  {
    name: 'anzeige without opfer',
    files: () => upload({ survey: surveyWith(1, 'anzeige_raub', '1') }),
    severity: 'error',
    message:
      'befragung.csv, Zeile 3, Spalte „anzeige_raub“: Wert „1“ ist angegeben, obwohl in Spalte „opfer_raub“ nicht 1 (ja) steht (Wert „2“); die Anzeige wird nur bei Opfern erfragt (erlaubt hier: 8, 9 oder leer).',
  },
  {
    name: 'unknown column (warning)',
    files: () =>
      upload({
        survey: csv(
          [...SURVEY_HEADER, 'Lieblingsfarbe'],
          surveyRows().map((r) => [...r, 'blau']),
        ),
      }),
    severity: 'warning',
    message:
      'befragung.csv, Spalte „Lieblingsfarbe“: unbekannte Spalte – wird nicht ausgewertet (Zusatzfragen in befragung-zuordnung.json anmelden).',
  },
  // --- bevoelkerung ---
  {
    name: 'overlapping age groups',
    files: () =>
      upload({
        population: csv(POPULATION_HEADER, populationRows(['16-29', '25-44', '45-59', '60-74', '75+'])),
      }),
    severity: 'error',
    message:
      'bevoelkerung.csv, Zeile 3, Spalte „altersgruppe“: Altersgruppen „16-29“ und „25-44“ überschneiden sich (erwartet: lückenlose, überschneidungsfreie Gruppen wie 16-29, 30-44, …, 75+).',
  },
  {
    name: 'gap between age groups',
    files: () =>
      upload({
        population: csv(POPULATION_HEADER, populationRows(['16-29', '35-44', '45-59', '60-74', '75+'])),
      }),
    severity: 'error',
    message:
      'bevoelkerung.csv, Zeile 3, Spalte „altersgruppe“: Zwischen den Altersgruppen „16-29“ und „35-44“ fehlen die Alter 30–34 (erwartet: lückenlose, überschneidungsfreie Gruppen wie 16-29, 30-44, …, 75+).',
  },
  {
    name: 'age groups differ between areas',
    files: () =>
      upload({
        population: csv(
          POPULATION_HEADER,
          populationRows().filter((r) => !(r[0] === '02' && r[2] === '75+')),
        ),
      }),
    severity: 'error',
    message:
      'bevoelkerung.csv, Spalte „altersgruppe“: Für Gebiet „02“ fehlen die Altersgruppen „75+“ (jedes Gebiet braucht dieselben Altersgruppen: 0-15, 16-29, 30-44, 45-59, 60-74, 75+).',
  },
  {
    name: 'area without population',
    files: () =>
      upload({
        population: csv(
          POPULATION_HEADER,
          populationRows().filter((r) => r[0] === '01'),
        ),
      }),
    severity: 'error',
    message:
      'bevoelkerung.csv, Spalte „gebiet“: Für Gebiet „02 Nordviertel“ aus analyse.json fehlen Einwohnerzahlen (erwartet: Zeilen für jedes Gebiet, Geschlecht und jede Altersgruppe).',
  },
  {
    name: 'duplicate population row',
    files: () =>
      upload({ population: csv(POPULATION_HEADER, [...populationRows(), ['01', 'w', '16-29', '5']]) }),
    severity: 'error',
    message:
      'bevoelkerung.csv, Zeile 26: Zeile doppelt: Gebiet „01“, Geschlecht „w“, Altersgruppe „16-29“ steht schon in Zeile 3.',
  },
  {
    name: 'crime year without population of that year (warning, nearest year)',
    files: () =>
      upload({
        population: csv(
          [...POPULATION_HEADER, 'jahr'],
          populationRows().map((r) => [...r, '2025']),
        ),
      }),
    severity: 'warning',
    message:
      'bevoelkerung.csv, Spalte „jahr“: Für das Jahr 2024 aus kriminalitaet.csv fehlen Einwohnerzahlen; für die Häufigkeitszahl wird das nächstgelegene Jahr 2025 verwendet.',
  },
  // --- kriminalitaet ---
  {
    name: 'negative faelle',
    files: () => upload({ crime: crimeWith(5, 'faelle', '-5') }),
    severity: 'error',
    message:
      'kriminalitaet.csv, Zeile 7, Spalte „faelle“: Wert „-5“ ist nicht erlaubt (erwartet: ganze Zahl ≥ 0).',
  },
  {
    name: 'aufgeklaert > faelle',
    files: () => upload({ crime: crimeWith(6, 'aufgeklaert', '16') }),
    severity: 'error',
    message:
      'kriminalitaet.csv, Zeile 8, Spalte „aufgeklaert“: Wert „16“ ist größer als die erfassten Fälle (15) in Spalte „faelle“ (erwartet: aufgeklärte Fälle ≤ Fälle).',
  },
  {
    name: 'versuche > faelle',
    files: () => upload({ crime: crimeWith(5, 'versuche', '8') }),
    severity: 'error',
    message:
      'kriminalitaet.csv, Zeile 7, Spalte „versuche“: Wert „8“ ist größer als die erfassten Fälle (7) in Spalte „faelle“ (erwartet: Versuche ≤ Fälle).',
  },
  {
    name: 'implausible year after the Berichtsjahr',
    files: () => upload({ crime: crimeWith(5, 'jahr', '2030') }),
    severity: 'error',
    message:
      'kriminalitaet.csv, Zeile 7, Spalte „jahr“: Jahr 2030 liegt nach dem Berichtsjahr 2025 aus analyse.json (erlaubt: 2016 bis 2025).',
  },
  {
    name: 'year more than 10 years back',
    files: () => upload({ crime: crimeWith(5, 'jahr', '2010') }),
    severity: 'error',
    message:
      'kriminalitaet.csv, Zeile 7, Spalte „jahr“: Jahr 2010 liegt mehr als 10 Jahre vor dem Berichtsjahr 2025 (erlaubt: 2016 bis 2025).',
  },
  {
    name: 'latest year is not the Berichtsjahr (warning)',
    files: () => upload({ manifest: { ...MANIFEST, berichtsjahr: 2026 } }),
    severity: 'warning',
    message:
      'kriminalitaet.csv, Spalte „jahr“: Das jüngste Jahr ist 2025, das Berichtsjahr in analyse.json ist 2026 (erwartet: Zahlen bis zum Berichtsjahr).',
  },
  {
    name: 'bad PKS key',
    files: () => upload({ crime: crimeWith(5, 'schluessel', '22A000') }),
    severity: 'error',
    message:
      'kriminalitaet.csv, Zeile 7, Spalte „schluessel“: Wert „22A000“ ist kein PKS-Straftatenschlüssel (erwartet: 6 Zeichen aus Ziffern und *, z. B. „224000“ oder „435*00“; „------“ für Straftaten insgesamt).',
  },
  {
    name: 'faelle not a number',
    files: () => upload({ crime: crimeWith(6, 'faelle', 'viele') }),
    severity: 'error',
    message:
      'kriminalitaet.csv, Zeile 8, Spalte „faelle“: Wert „viele“ ist keine Zahl; erwartet: eine ganze Zahl.',
  },
  {
    name: 'gesamt differs from the sum of the areas (warning)',
    files: () => upload({ crime: crimeWith(2, 'faelle', '210') }),
    severity: 'warning',
    message:
      'kriminalitaet.csv, Zeile 4, Spalte „faelle“: Der Wert für „gesamt“ (210) weicht von der Summe der Gebiete (200) ab (Jahr 2024, Schlüssel „------“). Das ist zulässig, denn Fälle mit unbekanntem Tatort gehören zu keinem Gebiet; der Bericht verwendet den Gesamtwert. Keine Korrektur nötig.',
  },
  {
    name: 'duplicate crime row',
    files: () =>
      upload({
        crime: csv(CRIME_HEADER, [...crimeRows(), ['2025', 'Altstadt', '------', '', '1', '', '', '']]),
      }),
    severity: 'error',
    message:
      'kriminalitaet.csv, Zeile 9: Zeile doppelt: Jahr 2025, Gebiet „01“, Schlüssel „------“ steht schon in Zeile 5.',
  },
  // --- optional files ---
  {
    name: 'unknown PMK Phänomenbereich',
    files: () =>
      upload({
        extra: [
          file(
            'pmk.csv',
            csv(['jahr', 'gebiet', 'phaenomenbereich', 'faelle'], [['2025', 'gesamt', 'PMK -mitte-', '3']]),
          ),
        ],
      }),
    severity: 'error',
    message:
      'pmk.csv, Zeile 2, Spalte „phaenomenbereich“: Wert „PMK -mitte-“ ist kein Phänomenbereich der PMK (erlaubt: rechts, links, auslaendische_ideologie, religioese_ideologie, sonstige oder die amtlichen Bezeichnungen („PMK -rechts-“, „PMK -links-“, „PMK -ausländische Ideologie-“, „PMK -religiöse Ideologie-“, „PMK -sonstige Zuordnung-“; auch „nicht zuzuordnen“)).',
  },
  {
    name: 'BKA table without the comparison Kreis',
    files: () => upload({ extra: [file('pks-kreise-2024.csv', bkaTable([['14521', 'Erzgebirgskreis']]))] }),
    severity: 'error',
    message:
      'pks-kreise-2024.csv: Der Vergleichskreis „14522“ (vergleich.kreis bzw. die ersten 5 Ziffern des AGS) kommt in der Tabelle nicht vor (erwartet: die vollständige BKA-Tabelle oder ein Auszug mit diesem Kreis).',
  },
  {
    name: 'BKA table of a year after the Berichtsjahr',
    files: () => upload({ extra: [file('pks-kreise-2026.csv', bkaTable([['14522', 'Mittelsachsen']]))] }),
    severity: 'error',
    message:
      'pks-kreise-2026.csv: Jahr 2026 im Dateinamen liegt nach dem Berichtsjahr 2025 aus analyse.json (erwartet: pks-kreise-<Jahr> mit einem Jahr bis 2025).',
  },
  {
    name: 'mapping to an unknown code',
    files: () =>
      upload({ extra: [file('befragung-zuordnung.json', JSON.stringify({ spalten: { Q7: 'sg_nacht' } }))] }),
    severity: 'error',
    message:
      'befragung-zuordnung.json, Feld „spalten.Q7“: Ziel „sg_nacht“ ist kein Standardcode (erwartet: Code aus der Eingabebeschreibung, z. B. „sg_wohngegend_nacht“, „gebiet“, oder ein Code aus „zusatzfragen“).',
  },
  // --- logo ---
  {
    name: 'logo with <script>',
    files: () => withLogo(`${SVG_OK_HEAD}<script>alert(1)</script></svg>`),
    severity: 'error',
    message:
      'logo.svg: Das SVG-Logo enthält ein <script>-Element und wird aus Sicherheitsgründen abgelehnt (erwartet: reine Grafik ohne Skripte und externe Verweise).',
  },
  {
    name: 'logo with an event handler',
    files: () => withLogo(`${SVG_OK_HEAD}<rect width="10" height="10" onload="x()"/></svg>`),
    severity: 'error',
    message:
      'logo.svg: Das SVG-Logo enthält einen Ereignis-Handler (on…=) und wird aus Sicherheitsgründen abgelehnt (erwartet: reine Grafik ohne Skripte und externe Verweise).',
  },
  {
    name: 'logo with an external reference',
    files: () =>
      withLogo(`${SVG_OK_HEAD}<image href="https://example.org/x.png" width="10" height="10"/></svg>`),
    severity: 'error',
    message:
      'logo.svg: Das SVG-Logo enthält einen externen Verweis (http:, https:, file: oder //) und wird aus Sicherheitsgründen abgelehnt (erwartet: reine Grafik ohne Skripte und externe Verweise).',
  },
  {
    name: 'logo that is not an image',
    files: () => withLogo('hallo'),
    severity: 'error',
    message: 'logo.svg: Die Datei ist kein SVG-Dokument (erwartet: SVG oder PNG, erkannt am Inhalt).',
  },
  {
    name: 'logo larger than 1 MB',
    files: () => withLogo(`${SVG_OK_HEAD}<!--${'x'.repeat(1024 * 1024)}--></svg>`),
    severity: 'error',
    message: 'logo.svg: Das Logo ist 1.025 KB groß (erlaubt: höchstens 1 MB).',
  },
  {
    name: 'logo named in the manifest but not uploaded',
    files: () => upload({ manifest: { ...MANIFEST, branding: { logo: 'logo.svg' } } }),
    severity: 'error',
    message: 'analyse.json, Feld „branding.logo“: Die Logo-Datei „logo.svg“ fehlt im Upload.',
  },
];

describe('bad-input corpus: one problem, one exact German message', () => {
  it('has at least 25 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(CASES)('$name', async (c) => {
    const { report, dataset } = await validateUpload(c.files());
    expect(report.issues.map((i) => i.message)).toEqual([c.message]);
    expect(report.issues[0]!.severity).toBe(c.severity);
    expect(report.errorCount).toBe(c.severity === 'error' ? 1 : 0);
    expect(report.warningCount).toBe(c.severity === 'warning' ? 1 : 0);
    expect(report.valid).toBe(c.severity === 'warning');
    expect(dataset === null).toBe(c.severity === 'error');
  });

  it('age 15 below the youngest group of a population starting at 16: both warnings', async () => {
    const { report } = await validateUpload(
      upload({
        survey: surveyWith(2, 'alter', '15'),
        population: csv(POPULATION_HEADER, populationRows(AGE_GROUPS)),
      }),
    );
    expect(report.issues.map((i) => [i.severity, i.code])).toEqual([
      ['warning', 'age-outside-groups'],
      ['warning', 'population-without-children'],
    ]);
    expect(report.issues[0]!.message).toBe(
      'befragung.csv, Zeile 4, Spalte „alter“: Alter 15 liegt unter der jüngsten Altersgruppe „16-29“ aus bevoelkerung.csv; die Person wird keiner Altersgruppe zugeordnet.',
    );
  });
});

describe('reader problems surface in the report', () => {
  // The wording of these messages belongs to the readers (src/core/input); here only that they arrive.
  const readerCases: readonly { name: string; content: string | Uint8Array; code: string }[] = [
    { name: 'empty befragung', content: '', code: 'empty-file' },
    { name: 'header-only befragung', content: `${SURVEY_HEADER.join(';')}\n`, code: 'no-data-rows' },
    {
      name: 'UTF-16 big endian befragung',
      content: new Uint8Array([0xfe, 0xff, 0, 0x61, 0, 0x3b, 0, 0x62]),
      code: 'not-text',
    },
  ];
  it.each(readerCases)('$name', async (c) => {
    const { report, dataset } = await validateUpload(
      upload({ survey: typeof c.content === 'string' ? c.content : 'x' }).map((f) =>
        f.name === 'befragung.csv' ? file(f.name, c.content) : f,
      ),
    );
    expect(dataset).toBeNull();
    expect(report.issues).toHaveLength(1);
    expect(report.issues[0]).toMatchObject({ severity: 'error', code: c.code, file: 'befragung.csv' });
    expect(report.issues[0]!.message).toMatch(/^befragung\.csv(, Zeile 1)?: /);
  });
});

describe('every problem at once', () => {
  it('reports three different errors in one file as three issues, sorted by row and column', async () => {
    const rows = surveyRows();
    rows[9]![3] = '200'; // alter, Zeile 11
    rows[4]![5] = '7'; // sg_wohngegend_nacht, Zeile 6
    rows[4]![1] = 'Mond'; // gebiet, Zeile 6
    const { report, dataset } = await validateUpload(upload({ survey: csv(SURVEY_HEADER, rows) }));
    expect(dataset).toBeNull();
    expect(report.errorCount).toBe(3);
    expect(report.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [6, 'gebiet', 'unknown-area'],
      [6, 'sg_wohngegend_nacht', 'value-not-allowed'],
      [11, 'alter', 'value-not-allowed'],
    ]);
  });

  it('reports problems in several files at once, sorted by file in contract order', async () => {
    const files = upload({
      manifest: { ...MANIFEST, optionen: { mindestfallzahl: 2 } },
      survey: surveyWith(0, 'sg_wohngegend_nacht', '0'),
      crime: crimeWith(0, 'schluessel', 'X'),
      extra: [file('zzz.txt', '')],
    });
    const { report } = await validateUpload(files.reverse());
    expect(report.issues.map((i) => `${i.file}:${i.severity}`)).toEqual([
      'analyse.json:error',
      'befragung.csv:error',
      'kriminalitaet.csv:error',
      'zzz.txt:warning',
    ]);
    expect(report.errorCount).toBe(3);
    expect(report.warningCount).toBe(1);
  });

  it('checks the other files against the valid parts of a manifest that has errors', async () => {
    const { report } = await validateUpload(
      upload({
        manifest: { ...MANIFEST, branding: { akzentfarbe: 'orange' } },
        survey: surveyWith(0, 'gebiet', 'Mond'),
        crime: crimeWith(5, 'jahr', '2031'),
      }),
    );
    expect(report.issues.map((i) => [i.file, i.code])).toEqual([
      ['analyse.json', 'key-invalid'],
      ['befragung.csv', 'unknown-area'],
      ['kriminalitaet.csv', 'year-implausible'],
    ]);
  });

  it('lists at most 100 issues per file, code and column and counts the rest', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => ['01', 'w', '40', i < 150 ? '6' : '1']);
    const { report } = await validateUpload(
      upload({ survey: csv(['gebiet', 'geschlecht', 'alter', 'sg_wohngegend_nacht'], rows) }),
    );
    expect(report.errorCount).toBe(150);
    expect(report.issues).toHaveLength(101);
    expect(report.issues[0]!.message).toBe(
      'befragung.csv, Zeile 2, Spalte „sg_wohngegend_nacht“: Wert „6“ ist nicht erlaubt (erlaubt: 1–4, 8, 9 oder leer).',
    );
    expect(report.issues[100]!.message).toBe(
      'befragung.csv, Spalte „sg_wohngegend_nacht“: 50 weitere gleichartige Fehler (nicht einzeln aufgeführt).',
    );
  });

  it('shortens long values to 80 characters', async () => {
    const long = 'ä'.repeat(200);
    const { report } = await validateUpload(upload({ survey: surveyWith(0, 'modus', long) }));
    expect(report.issues[0]!.value).toBe(`${'ä'.repeat(79)}…`);
    expect(report.issues[0]!.message).toContain(`Wert „${'ä'.repeat(79)}…“ ist nicht erlaubt`);
  });
});
