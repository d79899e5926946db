/** German dates for the report, from an ISO timestamp given by the caller (the core has no clock). */

const LONG = new Intl.DateTimeFormat('de-DE', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Berlin',
});
const WITH_TIME = new Intl.DateTimeFormat('de-DE', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Berlin',
  timeZoneName: 'short',
});

function parse(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "2026-11-25T09:00:00Z" → "25. November 2026" (Berlin time); "–" for an invalid timestamp. */
export function germanDate(iso: string): string {
  const d = parse(iso);
  return d ? LONG.format(d) : '–';
}

/** "25.11.2026, 10:00 MEZ" */
export function germanDateTime(iso: string): string {
  const d = parse(iso);
  return d ? WITH_TIME.format(d) : '–';
}
