import type {
  ReportFailedData,
  ReportReadyData,
  EndpointDisabledData,
} from '../../../src/core/email/types.js';
import type { ValidationIssue, ValidationReport } from '../../../src/core/validate/issues.js';

export const AT = '2026-05-12T08:30:00Z'; // 10:30 MESZ

export const ready: ReportReadyData = {
  gemeinde: 'Großenhain',
  version: 3,
  at: AT,
  reportUrl: 'https://portal.example/portal/#/analyse/14627060/sia-2026/version/3',
  primaryColor: '#7A1E48',
};

function issue(n: number): ValidationIssue {
  return {
    severity: 'error',
    code: 'value-out-of-range',
    file: 'befragung.csv',
    row: 17 + n * 1000,
    column: 'sg_wohngegend_nacht',
    value: n === 0 ? '<img src=x onerror=alert(1)>' : String(5 + n),
    expected: '1–4, 8, 9 oder leer',
    message: `befragung.csv, Zeile ${17 + n * 1000}, Spalte „sg_wohngegend_nacht“: Wert ist nicht erlaubt (erlaubt: 1–4, 8, 9 oder leer).`,
  };
}

/** 11 errors and 2 warnings; the first warning comes before the errors in report order. */
export const validation: ValidationReport = {
  valid: false,
  errorCount: 11,
  warningCount: 2,
  files: [],
  issues: [
    {
      severity: 'warning',
      code: 'unknown-key',
      file: 'analyse.json',
      message: 'analyse.json: Unbekannter Schlüssel „farbe“ wird ignoriert.',
    },
    ...Array.from({ length: 11 }, (_, n) => issue(n)),
    {
      severity: 'warning',
      code: 'missing-optional',
      file: 'pmk.csv',
      message: 'pmk.csv: Die Datei ist leer; das Kapitel PMK entfällt.',
    },
  ],
};

export const invalid: ReportFailedData = {
  event: 'analysis.invalid',
  gemeinde: 'Großenhain',
  at: AT,
  reason: 'Die Daten enthalten 11 Fehler; siehe Prüfbericht.',
  validation,
  pruefberichtUrl: 'https://portal.example/portal/#/analyse/14627060/sia-2026/pruefbericht/job-1?x=1&y=2',
  portalUrl: 'https://portal.example/portal/#/analyse/14627060/sia-2026',
  primaryColor: '#7A1E48',
};

export const failed: ReportFailedData = {
  event: 'report.failed',
  gemeinde: 'Großenhain',
  at: AT,
  reason:
    'Der Bericht konnte wegen eines internen Fehlers nicht erstellt werden. Das LPR-Team wurde informiert.',
  portalUrl: 'https://portal.example/portal/#/analyse/14627060/sia-2026',
};

export const disabled: EndpointDisabledData = {
  url: 'https://hooks.grossenhain.example/sia?token=abc',
  ags: '14627060',
  gemeinde: 'Großenhain',
  cause: 'retries-exhausted',
  reason: 'zuletzt HTTP 503 (Service Unavailable) nach 8 Versuchen',
  at: AT,
  settingsUrl: 'https://portal.example/portal/#/webhooks/14627060',
};
