/** The German README of the example folder, with a few figures of the generated data. */
import { germanNumber } from './csv.js';

export interface ReadmeFacts {
  readonly seed: number;
  readonly respondents: number;
  readonly invited: number;
  readonly population2025: number;
  readonly crimeTotal2025: number;
}

export function buildReadme(f: ReadmeFacts): string {
  const rate = germanNumber((100 * f.respondents) / f.invited, 1);
  return `# Beispieldatensatz „Musterstadt“

**Alle Daten in diesem Ordner sind frei erfunden (synthetisch).** Musterstadt, ihre Ortsteile,
die Befragten, die Fallzahlen und die Kreiswerte gibt es so nicht. Namen, Adressen, Telefonnummern
und E-Mail-Adressen in den Freitexten sind fiktiv und nur enthalten, damit die Bereinigung von
Freitexten geprüft werden kann. Es sind keine personenbezogenen Daten realer Personen enthalten.

Der Ordner zeigt, wie eine Kommune die Dateien für eine Sicherheitsanalyse hochlädt
(nach der Spezifikation des Eingabeformats, \`input-format.md\`). Er dient als Demo (\`npm run demo\`) und als
Testfall für alle Einleseroutinen.

## Dateien

| Datei | Inhalt | Format |
|---|---|---|
| \`analyse.json\` | Manifest: Kommune (AGS 14522999, Landkreis Mittelsachsen), Berichtsjahr 2025, 8 Ortsteile, Befragungszeitraum, Branding, Mindestfallzahl 10 | JSON, UTF-8 |
| \`logo.svg\` | fiktives Stadtwappen (Schild mit Stadtmauer und „M“) | SVG ohne Skripte und externe Verweise |
| \`befragung.csv\` | Bürgerbefragung: ${f.respondents} Befragte von ${germanNumber(f.invited, 0)} Angeschriebenen (Rücklauf ${rate} %), alle Standardfragen, Angsträume als Freitext | UTF-8 mit BOM, \`;\`, CRLF (wie ein Excel-Export) |
| \`bevoelkerung.xlsx\` | Einwohner aller Altersgruppen (0-15 bis 75+) nach Ortsteil, Geschlecht und Altersgruppe, Jahre 2021–2025 (2025: ${germanNumber(f.population2025, 0)}) | Excel, Blatt „bevoelkerung“, Titelzeilen über der Kopfzeile |
| \`kriminalitaet.csv\` | PKS der Kommune 2021–2025 je Ortsteil und \`gesamt\` für den Standard-Schlüsselsatz (2025: ${germanNumber(f.crimeTotal2025, 0)} Straftaten insgesamt) | UTF-8 ohne BOM, \`;\` |
| \`pks-kreise-2025.csv\` | BKA-Tabelle „Fälle – Kreise“ (KR-F-01-T01) im Originalformat mit erfundenen Zahlen für die 13 sächsischen Kreise und zwei Kreise aus Schleswig-Holstein | Latin-1, \`;\`, Zeile 1 = Spaltennummern, \`,\` als Tausendertrennzeichen, \`#DIV/0!\` |
| \`pmk.csv\` | Politisch motivierte Kriminalität 2021–2025 (gesamte Stadt), teils mit den amtlichen Bezeichnungen („PMK -rechts-“) | UTF-8, \`,\` |
| \`gebietsprofil.csv\` | Gebietsprofil 2025: Fläche, Arbeitslose, Arbeitslosen- und SGB-II-Quote, Ausländeranteil, Durchschnittsalter, Einpersonenhaushalte, Leerstand, Wahlbeteiligung | Windows-1252, \`;\`, Dezimalkomma |
| \`ordnungswidrigkeiten.csv\` | Ordnungswidrigkeiten 2021–2025 je Ortsteil (Müll, Lärm, Hunde, Parken, Alkoholkonsumverbot ab 2023); Ortsteile mit Namen statt Nummer | UTF-8, Tabulator |

## Was die Daten zeigen sollen

- Bahnhofsviertel und Altstadt haben die meisten Incivilities, die höchste Häufigkeitszahl und das
  geringste Sicherheitsgefühl; Waldsiedlung und Dorf Eichenau sind ruhig.
- Frauen und ältere Menschen äußern mehr Kriminalitätsfurcht (affektiv und konativ), junge Männer
  werden häufiger Opfer von Körperverletzung und Raub (Kriminalitätsfurcht-Paradox).
- Ältere sind in der Stichprobe überrepräsentiert (Gewichtung nötig); online antworten vor allem Jüngere.
- Gewerbegebiet Ost hat weniger als 10 Befragte (Ergebnisse werden unterdrückt), Dorf Eichenau
  zwischen 10 und 29 (eingeschränkt aussagekräftig). Einige Befragte haben keinen Ortsteil angegeben
  oder den Namen statt der Nummer eingetragen.
- Codes 8 („trifft nicht zu“, z. B. kein Auto, keine Nutzung von Bus und Bahn), 9 („weiß nicht“) und
  leere Zellen (keine Angabe) kommen in realistischem Umfang vor; \`anzeige_*\` ist nur bei Opfern ausgefüllt.
- PKS: Graffiti (899500) steigt jedes Jahr, Cybercrime springt 2024 durch ein Sammelverfahren
  (Tatort meist unbekannt, daher liegt die Zeile \`gesamt\` über der Summe der Ortsteile).

## Erzeugung

Die Dateien werden deterministisch aus einem festen Startwert (Seed ${f.seed}) erzeugt:

\`\`\`
npm run generate:example
# oder: npx tsx scripts/generate-musterstadt.ts [--out <Ordner>] [--seed <Zahl>]
\`\`\`

Der Generator (\`scripts/generate-musterstadt.ts\`, Modelle in \`scripts/lib/musterstadt/\`) zieht die
Befragten aus der Bevölkerung je Ortsteil und erzeugt die Antworten über latente Variablen
(Kriminalitätsfurcht, Vermeideverhalten, Risikoeinschätzung), die vom Ortsteil, vom Geschlecht, vom
Alter und von eigenen Opfererfahrungen abhängen. Zwei Läufe mit demselben Seed liefern
byte-identische Dateien.
`;
}
