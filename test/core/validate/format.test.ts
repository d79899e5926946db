import { describe, expect, it } from 'vitest';
import { formatReport } from '../../../src/core/validate/format.js';
import type { ValidationReport } from '../../../src/core/validate/issues.js';
import { validateUpload } from '../../../src/core/validate/upload.js';
import { file, surveyWith, upload } from './fixtures.js';

const SHA = 'a'.repeat(64);

describe('formatReport', () => {
  it('says that a valid upload is valid', () => {
    const report: ValidationReport = {
      valid: true,
      errorCount: 0,
      warningCount: 0,
      files: [
        {
          name: 'befragung.csv',
          kind: 'befragung',
          bytes: 12345,
          sha256: SHA,
          encoding: 'utf-8',
          delimiter: ';',
          rows: 1,
        },
      ],
      issues: [],
    };
    expect(formatReport(report)).toBe(
      [
        'Prüfbericht: Die Daten sind gültig (0 Fehler, 0 Warnungen).',
        '',
        'Gelesene Dateien:',
        '  befragung.csv (Befragung, 12.345 Bytes, 1 Zeile, utf-8, SHA-256 aaaaaaaaaaaa…)',
        '',
        'Keine Beanstandungen.',
        '',
      ].join('\n'),
    );
  });

  it('prints the counts and the issues grouped by file', async () => {
    const { report } = await validateUpload(
      upload({
        survey: surveyWith(15, 'sg_wohngegend_nacht', '5'),
        extra: [file('notizen.txt', 'x'), file('alt.txt', 'y')],
      }),
    );
    const text = formatReport(report);
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      'Prüfbericht: 1 Fehler, 2 Warnungen – der Bericht kann erst nach Korrektur der Fehler erstellt werden.',
    );
    const start = lines.indexOf('befragung.csv (1 Fehler, 0 Warnungen):');
    expect(start).toBeGreaterThan(0);
    expect(lines[start + 1]).toBe(
      '  Fehler:  Zeile 17, Spalte „sg_wohngegend_nacht“: Wert „5“ ist nicht erlaubt (erlaubt: 1–4, 8, 9 oder leer).',
    );
    expect(lines).toContain('alt.txt (0 Fehler, 1 Warnung):');
    expect(lines.filter((l) => l.startsWith('  Warnung: unbekannte Datei'))).toHaveLength(2);
    // Files come in contract order: the unknown files after the tables.
    expect(lines.indexOf('alt.txt (0 Fehler, 1 Warnung):')).toBeGreaterThan(start);
  });
});
