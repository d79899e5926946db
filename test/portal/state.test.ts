/** portal/js/state.js: the status words and the one sentence at the top of an analysis page. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

type Stand = { tone: string; text: string };
const { standOf, missingRequired, STATUS_MEANING, STATUS_TEXT } = (await import(
  pathToFileURL(resolve('portal/js/state.js')).href
)) as {
  standOf(s: Record<string, unknown>): Stand;
  missingRequired(names: string[]): string[];
  STATUS_MEANING: [string, string][];
  STATUS_TEXT: Record<string, string>;
};

describe('where things stand', () => {
  it('says what to do next in every state', () => {
    expect(standOf({ status: 'waiting' })).toEqual({
      tone: 'action',
      text: 'Es wurden noch keine vollständigen Dateien hochgeladen. Nächster Schritt: die Dateien der Analyse unten unter „Dateien hochladen“ auswählen – mindestens analyse.json, befragung, bevoelkerung und kriminalitaet.',
    });
    expect(standOf({ status: 'validating', statusText: 'wird geprüft' }).text).toMatch(
      /^Die Dateien werden verarbeitet \(wird geprüft\)\. Das dauert meist ein bis drei Minuten, höchstens etwa zehn Minuten; Sie müssen nichts tun/,
    );
    expect(standOf({ status: 'ready', currentVersion: 2, problems: { errors: 0, warnings: 1 } }).text).toBe(
      'Der Bericht ist fertig (Version 2). Nächster Schritt: den Bericht unten herunterladen. Die Prüfung hat 1 Warnung ergeben; sie verhindern den Bericht nicht, bitte sehen Sie sie trotzdem durch.',
    );
    expect(standOf({ status: 'invalid', currentVersion: 1, problems: { errors: 3, warnings: 0 } })).toEqual({
      tone: 'action',
      text: 'Die hochgeladenen Dateien enthalten 3 Fehler; es wurde kein neuer Bericht erstellt. Version 1 des Berichts bleibt abrufbar. Nächster Schritt: die Fehler im Prüfbericht unten korrigieren und die Dateien erneut hochladen.',
    });
    expect(standOf({ status: 'failed', reason: 'Zeitüberschreitung.', lpr: true }).text).toBe(
      'Der Bericht konnte aus technischen Gründen nicht erstellt werden (Zeitüberschreitung). Nächster Schritt: den Bericht neu erstellen oder die Kommune bitten, die Dateien erneut hochzuladen.',
    );
  });

  it('puts the transfer before the stored state, and says when the analysis is archived', () => {
    expect(standOf({ status: 'invalid', transfer: 'uploading' }).text).toBe(
      'Die Dateien werden übertragen. Bitte lassen Sie die Seite geöffnet, bis alle Dateien übertragen sind.',
    );
    expect(standOf({ status: 'invalid', transfer: 'pending' }).tone).toBe('busy');
    expect(standOf({ status: 'ready', archived: true }).text).toMatch(
      /^Diese Analyse ist archiviert\. Der Bericht ist fertig\./,
    );
  });

  it('explains every status and knows the required files', () => {
    expect(STATUS_MEANING.map(([s]) => STATUS_TEXT[s])).toEqual([
      'wartet auf Dateien',
      'empfangen',
      'wird geprüft',
      'wird ausgewertet',
      'Bericht wird erstellt',
      'fertig',
      'ungültig',
      'fehlgeschlagen',
    ]);
    expect(missingRequired(['analyse.json', 'Befragung.XLSX', 'pmk.csv'])).toEqual([
      'bevoelkerung',
      'kriminalitaet',
    ]);
    expect(missingRequired([])).toEqual(['analyse.json', 'befragung', 'bevoelkerung', 'kriminalitaet']);
  });
});
