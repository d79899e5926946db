/**
 * The human-readable German validation report for the CLI: a header line with the counts, the
 * files read, then the issues grouped by file. The ValidationReport itself stays plain JSON
 * (`--json` prints it with JSON.stringify).
 */
import type { FileSummary, ValidationIssue, ValidationReport } from './issues.js';
import { formatInt } from './message.js';

const KIND_LABELS: Readonly<Record<string, string>> = {
  analyse: 'Manifest',
  zuordnung: 'Zuordnung der Befragung',
  befragung: 'Befragung',
  bevoelkerung: 'Bevölkerung',
  kriminalitaet: 'Kriminalität (PKS)',
  'pks-kreise': 'PKS Kreise (BKA)',
  pmk: 'PMK',
  gebietsprofil: 'Gebietsprofil',
  ordnungswidrigkeiten: 'Ordnungswidrigkeiten',
  logo: 'Logo',
  unbekannt: 'unbekannt',
};

export function countText(errors: number, warnings: number): string {
  return `${formatInt(errors)} Fehler, ${formatInt(warnings)} ${warnings === 1 ? 'Warnung' : 'Warnungen'}`;
}

function fileLine(f: FileSummary): string {
  const parts = [KIND_LABELS[f.kind] ?? f.kind, `${formatInt(f.bytes)} Bytes`];
  if (f.rows !== undefined) parts.push(`${formatInt(f.rows)} ${f.rows === 1 ? 'Zeile' : 'Zeilen'}`);
  if (f.encoding) parts.push(f.encoding);
  if (f.sheet) parts.push(`Blatt „${f.sheet}“`);
  parts.push(`SHA-256 ${f.sha256.slice(0, 12)}…`);
  return `  ${f.name} (${parts.join(', ')})`;
}

/** The message without its leading `<datei>, ` / `<datei>: ` (the file is the group heading). */
function withoutFile(issue: ValidationIssue): string {
  const m = issue.message;
  if (m.startsWith(`${issue.file}, `)) return m.slice(issue.file.length + 2);
  if (m.startsWith(`${issue.file}: `)) return m.slice(issue.file.length + 2);
  return m;
}

export function formatReport(report: ValidationReport): string {
  const lines: string[] = [];
  const counts = countText(report.errorCount, report.warningCount);
  if (report.valid) {
    lines.push(`Prüfbericht: Die Daten sind gültig (${counts}).`);
  } else {
    lines.push(`Prüfbericht: ${counts} – der Bericht kann erst nach Korrektur der Fehler erstellt werden.`);
  }
  if (report.files.length > 0) {
    lines.push('', 'Gelesene Dateien:');
    for (const f of report.files) lines.push(fileLine(f));
  }
  const groups = new Map<string, ValidationIssue[]>();
  for (const i of report.issues) {
    const g = groups.get(i.file);
    if (g) g.push(i);
    else groups.set(i.file, [i]);
  }
  for (const [file, list] of groups) {
    const e = list.filter((i) => i.severity === 'error').length;
    const w = list.length - e;
    lines.push('', `${file} (${countText(e, w)}):`);
    for (const i of list)
      lines.push(`  ${i.severity === 'error' ? 'Fehler: ' : 'Warnung:'} ${withoutFile(i)}`);
  }
  if (report.valid && report.issues.length === 0) lines.push('', 'Keine Beanstandungen.');
  return `${lines.join('\n')}\n`;
}
