/**
 * View models of the e-mails: every user-supplied string cleaned (control and bidi characters
 * removed, whitespace flattened, length capped), numbers and dates formatted German, links checked
 * to be http(s). The templates only place these strings; the HTML and the plain-text part are
 * rendered from the same view model.
 */
import { germanDateTime } from '../report/dates.js';
import type { ValidationIssue, ValidationReport } from '../validate/issues.js';
import { countText } from '../validate/format.js';
import { formatInt, q, shorten } from '../validate/message.js';
import { emailBrand, type EmailBrand } from './brand.js';
import type {
  EmailData,
  EmailKind,
  EndpointDisabledData,
  ReportFailedData,
  ReportReadyData,
} from './types.js';

/** At most this many validation problems are listed in a mail; the rest are in the Prüfbericht. */
export const MAX_PROBLEMS = 10;

/** Fields every layout uses. */
export interface FrameView {
  readonly subject: string;
  readonly preview: string;
  readonly heading: string;
  readonly footer: string;
  readonly brand: EmailBrand;
}

export interface Field {
  readonly label: string;
  readonly value: string;
}

export interface ProblemView {
  readonly severity: string;
  /** Datei, Zeile, Spalte (those that apply). */
  readonly where: readonly Field[];
  /** Wert and Erwartet, or the message when neither applies. */
  readonly details: readonly Field[];
}

export interface SummaryView {
  readonly counts: string;
  readonly shown: boolean;
  readonly shownText: string;
  readonly problems: readonly ProblemView[];
  readonly more: string;
}

// Control characters (tabs and line breaks included: values become one line), bidi embeddings,
// overrides and isolates, zero-width characters, line/paragraph separators and the BOM.
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]+/g;

/** A user-supplied string made safe to place in a line of text: one line, no invisible characters, capped. */
export function clean(value: string, max = 200): string {
  const flat = value.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A link for a button: must be an absolute http(s) URL (a configuration error otherwise). */
export function safeUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`E-mail ${what} is not a URL: ${JSON.stringify(clean(value, 80))}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TypeError(`E-mail ${what} must be http(s): ${JSON.stringify(clean(value, 80))}`);
  if (url.username || url.password) throw new TypeError(`E-mail ${what} must not carry credentials.`);
  return url.href;
}

function positiveInt(n: number, what: string): string {
  if (!Number.isInteger(n) || n < 1)
    throw new TypeError(`E-mail ${what} must be a positive integer, got ${String(n)}.`);
  return formatInt(n);
}

const gemeindeOf = (name: string) => clean(name, 120) || 'Ihre Kommune';

const CONTACT_FOOTER = (g: string) =>
  `Sie erhalten sie, weil Ihre Adresse in der Datei analyse.json der Sicherheitsanalyse ${g} als Kontakt eingetragen ist.`;

export interface ReportReadyView extends FrameView {
  readonly gemeinde: string;
  readonly version: string;
  readonly at: string;
  readonly reportUrl: string;
}

export function reportReadyView(d: ReportReadyData): ReportReadyView {
  const gemeinde = gemeindeOf(d.gemeinde);
  const version = positiveInt(d.version, 'report version');
  return {
    subject: `Sicherheitsanalyse ${gemeinde}: Bericht (Version ${version}) ist fertig`,
    preview: `Version ${version} des Berichts für ${gemeinde} steht im Portal bereit.`,
    heading: `Sicherheitsanalyse ${gemeinde}`,
    footer: CONTACT_FOOTER(gemeinde),
    brand: emailBrand(d.primaryColor),
    gemeinde,
    version,
    at: germanDateTime(d.at),
    reportUrl: safeUrl(d.reportUrl, 'report link'),
  };
}

function problemView(issue: ValidationIssue): ProblemView {
  const where: Field[] = [{ label: 'Datei', value: clean(issue.file, 120) }];
  if (issue.row !== undefined && Number.isFinite(issue.row))
    where.push({ label: 'Zeile', value: formatInt(issue.row) });
  if (issue.column !== undefined && issue.column !== '')
    where.push({ label: 'Spalte', value: q(clean(issue.column, 80)) });
  const details: Field[] = [];
  if (issue.value !== undefined) details.push({ label: 'Wert', value: q(clean(shorten(issue.value), 80)) });
  if (issue.expected !== undefined && issue.expected !== '')
    details.push({ label: 'Erwartet', value: clean(issue.expected, 200) });
  if (details.length === 0) details.push({ label: 'Meldung', value: clean(issue.message, 300) });
  return { severity: issue.severity === 'error' ? 'Fehler' : 'Warnung', where, details };
}

/** The counts and the first problems (errors before warnings, each in report order). */
export function summaryView(report: ValidationReport): SummaryView {
  const ordered = [
    ...report.issues.filter((i) => i.severity === 'error'),
    ...report.issues.filter((i) => i.severity !== 'error'),
  ];
  const problems = ordered.slice(0, MAX_PROBLEMS).map(problemView);
  const rest = ordered.length - problems.length;
  const shownText =
    rest > 0
      ? `Die ersten ${formatInt(problems.length)} Beanstandungen`
      : problems.length === 1
        ? 'Die Beanstandung'
        : `Alle ${formatInt(problems.length)} Beanstandungen`;
  return {
    counts: countText(report.errorCount, report.warningCount),
    shown: problems.length > 0,
    shownText,
    problems,
    more:
      rest > 0
        ? `${rest === 1 ? 'Eine weitere Beanstandung steht' : `Weitere ${formatInt(rest)} Beanstandungen stehen`} im vollständigen Prüfbericht.`
        : '',
  };
}

export interface ReportFailedView extends FrameView {
  readonly invalid: boolean;
  readonly gemeinde: string;
  readonly at: string;
  readonly reason: string;
  readonly summary: SummaryView | undefined;
  readonly actionUrl: string;
  readonly actionLabel: string;
}

export function reportFailedView(d: ReportFailedData): ReportFailedView {
  const gemeinde = gemeindeOf(d.gemeinde);
  const invalid = d.event === 'analysis.invalid';
  const summary = invalid && d.validation ? summaryView(d.validation) : undefined;
  const pruefbericht =
    invalid && d.pruefberichtUrl !== undefined ? safeUrl(d.pruefberichtUrl, 'Prüfbericht link') : undefined;
  const counts = summary ? ` (${summary.counts})` : '';
  return {
    subject: invalid
      ? `Sicherheitsanalyse ${gemeinde}: Daten fehlerhaft, Bericht nicht erstellt${counts}`
      : `Sicherheitsanalyse ${gemeinde}: Bericht konnte nicht erstellt werden`,
    preview: invalid
      ? `Die Prüfung der hochgeladenen Daten hat ${summary ? summary.counts : 'Fehler'} ergeben.`
      : `Der Bericht für ${gemeinde} konnte nicht erstellt werden.`,
    heading: `Sicherheitsanalyse ${gemeinde}`,
    footer: CONTACT_FOOTER(gemeinde),
    brand: emailBrand(d.primaryColor),
    invalid,
    gemeinde,
    at: germanDateTime(d.at),
    reason: d.reason === undefined ? '' : clean(d.reason, 500),
    summary,
    actionUrl: pruefbericht ?? safeUrl(d.portalUrl, 'portal link'),
    actionLabel: pruefbericht ? 'Vollständigen Prüfbericht öffnen' : 'Analyse im Portal öffnen',
  };
}

export interface EndpointDisabledView extends FrameView {
  readonly url: string;
  readonly ags: string;
  readonly owner: string;
  readonly cause: EndpointDisabledData['cause'];
  readonly reason: string;
  readonly at: string;
  readonly settingsUrl: string;
}

function hostOf(url: string): string {
  try {
    return clean(new URL(url).host, 100) || clean(url, 100);
  } catch {
    return clean(url, 100);
  }
}

export function endpointDisabledView(d: EndpointDisabledData): EndpointDisabledView {
  const ags = clean(d.ags, 20);
  const gemeinde = d.gemeinde === undefined ? '' : clean(d.gemeinde, 120);
  const host = hostOf(d.url);
  return {
    subject: `Webhook-Endpunkt deaktiviert: ${host}`,
    preview: `Der Endpunkt ${host} erhält keine Benachrichtigungen mehr, bis er wieder aktiviert wird.`,
    heading: 'Webhook-Endpunkt deaktiviert',
    footer:
      'Sie erhalten sie, weil Ihre Adresse für diesen Webhook-Endpunkt als Ansprechpartner hinterlegt ist.',
    brand: emailBrand(d.primaryColor),
    url: clean(d.url, 300),
    ags,
    owner: gemeinde ? `${gemeinde} (AGS ${ags})` : `AGS ${ags}`,
    cause: d.cause,
    reason: d.reason === undefined ? '' : clean(d.reason, 500),
    at: germanDateTime(d.at),
    settingsUrl: safeUrl(d.settingsUrl, 'webhook settings link'),
  };
}

export type EmailView = ReportReadyView | ReportFailedView | EndpointDisabledView;

export function viewFor<K extends EmailKind>(kind: K, data: EmailData[K]): EmailView {
  switch (kind) {
    case 'report-ready':
      return reportReadyView(data as ReportReadyData);
    case 'report-failed':
      return reportFailedView(data as ReportFailedData);
    case 'endpoint-disabled':
      return endpointDisabledView(data as EndpointDisabledData);
    default:
      throw new TypeError(`Unknown e-mail kind: ${String(kind)}`);
  }
}
