import { describe, expect, it } from 'vitest';
import { attachmentDisposition, downloadName } from '../../src/api/download-name.js';

const base = { ags: '14522999', createdAt: '2026-03-04T10:00:00.000Z', version: 2 };

describe('download names', () => {
  it('names the report after the municipality, the year and the version', () => {
    expect(downloadName({ ...base, gemeinde: 'Talheim', file: 'report.pdf' })).toBe(
      'Sicherheitsanalyse-Talheim-2026-v2.pdf',
    );
    expect(downloadName({ ...base, gemeinde: 'Annaberg-Buchholz, Stadt', file: 'tabellen.xlsx' })).toBe(
      'Sicherheitsanalyse-Annaberg-Buchholz-2026-v2-Tabellen.xlsx',
    );
    expect(downloadName({ ...base, gemeinde: 'Bad Düben', file: 'charts/sicherheit.svg' })).toBe(
      'Sicherheitsanalyse-Bad-Düben-2026-v2-charts-sicherheit.svg',
    );
    expect(downloadName({ ...base, file: 'analysis.json' })).toBe(
      'Sicherheitsanalyse-14522999-2026-v2-analysis.json',
    );
  });

  it('gives an ASCII filename and the exact name as filename*', () => {
    expect(attachmentDisposition('Sicherheitsanalyse-Großenhain-Öhringen-2026-v1.pdf')).toBe(
      `attachment; filename="Sicherheitsanalyse-Grossenhain-Oehringen-2026-v1.pdf"; filename*=UTF-8''Sicherheitsanalyse-Gro%C3%9Fenhain-%C3%96hringen-2026-v1.pdf`,
    );
  });
});
