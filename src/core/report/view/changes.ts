/**
 * Chapter "Änderungen gegenüber Version N", printed right after the Zusammenfassung when the report
 * has a previous version: which files were corrected, which figures moved (the largest per kind, as
 * marked `shown` in the change summary), which recommendations and findings were added or dropped.
 *
 * The chapter heading is unnumbered (it is listed in the table of contents), so the numbers of all
 * other chapters – and the cross references in their text – stay the same in every version.
 */
import type { Analysis } from '../../analysis/schema.js';
import type {
  ChangeSummary,
  CrimeChange,
  CrimeMeasure,
  Delta,
  GroupRef,
  SurveyChange,
  Visibility,
} from '../../changes/schema.js';
import { changeCount } from '../../changes/diff.js';
import {
  formatChange,
  formatNumber,
  formatPercent,
  formatRate,
  formatSigned,
  MISSING,
  NBSP,
} from '../../format/number.js';
import { ageGroupLabel, PRIORITY_LABELS, SEVERITY_LABELS, sexLabel } from '../labels.js';
import { joinGerman } from '../text.js';
import { group, nd, rh, row, SectionBuilder, td, th, type BuildContext } from './builder.js';
import type { Block, Row, Section } from './types.js';

export const CHANGES_CHAPTER_PREFIX = 'Änderungen gegenüber Version';

export function changesChapterTitle(fromVersion: number): string {
  return `${CHANGES_CHAPTER_PREFIX} ${formatNumber(fromVersion)}`;
}

/** A difference of shares in percentage points with sign: "+2,3 Pp." */
export function pointsText(d: number | null): string {
  return d === null ? MISSING : `${formatSigned(d * 100, 1)}${NBSP}Pp.`;
}

const MEASURE_LABELS: Readonly<Record<CrimeMeasure, string>> = {
  cases: 'Fälle',
  rate: 'Häufigkeitszahl',
  clearanceRate: 'Aufklärungsquote',
};

function measureCells(measure: CrimeMeasure, d: Delta): [string, string, string] {
  if (measure === 'cases') return [formatNumber(d.from), formatNumber(d.to), formatSigned(d.delta)];
  if (measure === 'rate')
    return [
      formatRate(d.from),
      formatRate(d.to),
      d.relative === null ? formatSigned(d.delta, 1) : formatChange(d.relative),
    ];
  return [formatPercent(d.from), formatPercent(d.to), pointsText(d.delta)];
}

function groupText(g: GroupRef): string {
  if (g.kind === 'total') return 'alle Befragten';
  if (g.kind === 'sex') return sexLabel(g.key ?? '');
  if (g.kind === 'ageGroup') return ageGroupLabel(g.key ?? '');
  return g.label;
}

const VISIBILITY_TEXT: Readonly<Record<Visibility, string>> = {
  visible: 'ausgewiesen',
  primary: 'nicht ausgewiesen (zu geringe Fallzahl)',
  secondary: 'nicht ausgewiesen (Schutz vor Rückrechnung)',
  total: 'nicht ausgewiesen (zu wenige Antworten insgesamt)',
};

/** "Gezeigt werden die 8 größten von 23 Änderungen; alle stehen in changes.json." */
function shownNote(shown: number, total: number, what = 'Änderungen'): string[] {
  return shown < total
    ? [
        `Gezeigt werden ${formatNumber(shown)} von ${formatNumber(total)} ${what}; die vollständige Liste steht in der Datei changes.json.`,
      ]
    : [];
}

/** An unnumbered sub-section (not in the table of contents): keeps the other chapters' numbers. */
function subsection(ctx: BuildContext, title: string, fill: (b: SectionBuilder) => void): Block {
  const heading = ctx.numbering.plainHeading(2, title);
  const b = new SectionBuilder(ctx);
  fill(b);
  return { kind: 'section', section: { heading, blocks: b.blocks } };
}

function introParagraphs(b: SectionBuilder, s: ChangeSummary): void {
  const from = formatNumber(s.fromVersion);
  b.p(
    `Dies ist Version ${formatNumber(s.toVersion)} des Berichts. Dieses Kapitel fasst zusammen, was sich gegenüber Version ${from} geändert hat; Version ${from} bleibt unverändert erhalten.`,
    'lead',
  );

  const basis: string[] = [];
  const inputs = s.inputs;
  if (inputs === null)
    basis.push(`Welche Dateien gegenüber Version ${from} geändert wurden, ist nicht bekannt.`);
  else if (inputs.changed.length + inputs.added.length + inputs.removed.length === 0)
    basis.push('Die übermittelten Dateien sind unverändert; der Bericht wurde neu erstellt.');
  else {
    if (inputs.changed.length)
      basis.push(
        `Korrigiert ${inputs.changed.length === 1 ? 'wurde die Datei' : 'wurden die Dateien'} ${joinGerman(inputs.changed)}.`,
      );
    if (inputs.added.length)
      basis.push(
        `Neu übermittelt ${inputs.added.length === 1 ? 'wurde' : 'wurden'} ${joinGerman(inputs.added)}.`,
      );
    if (inputs.removed.length)
      basis.push(
        `Nicht mehr enthalten ${inputs.removed.length === 1 ? 'ist' : 'sind'} ${joinGerman(inputs.removed)}.`,
      );
  }
  const v = s.versions;
  if (v.engine.changed)
    basis.push(
      `Die Auswertung wurde mit einer anderen Programmversion erstellt (bisher ${v.engine.from ?? MISSING}, jetzt ${v.engine.to ?? MISSING}).`,
    );
  if (v.template.changed) basis.push('Die Berichtsvorlage wurde überarbeitet.');
  const st = s.structure;
  if (st.crimeYears.added.length)
    basis.push(
      `Neu ausgewertet ${st.crimeYears.added.length === 1 ? 'ist das PKS-Jahr' : 'sind die PKS-Jahre'} ${joinGerman(st.crimeYears.added)}.`,
    );
  if (st.crimeYears.removed.length)
    basis.push(
      `Nicht mehr ausgewertet ${st.crimeYears.removed.length === 1 ? 'ist das PKS-Jahr' : 'sind die PKS-Jahre'} ${joinGerman(st.crimeYears.removed)}.`,
    );
  if (st.areas.added.length || st.areas.removed.length)
    basis.push('Die Einteilung der Gebiete wurde geändert.');
  if (
    st.items.added.length ||
    st.items.removed.length ||
    st.crimeKeys.added.length ||
    st.crimeKeys.removed.length
  )
    basis.push('Die ausgewerteten Fragen oder Deliktsschlüssel wurden geändert.');
  b.p(basis.join(' '));

  if (s.overview.length) {
    b.list(
      s.overview.map((o) => {
        const fmt =
          o.field === 'responseRate'
            ? formatPercent
            : o.field === 'berichtsjahr'
              ? (x: number | null) => (x === null ? MISSING : String(x))
              : (x: number | null) => formatNumber(x);
        return `${o.label}: ${fmt(o.value.from)} in Version ${from}, jetzt ${fmt(o.value.to)}`;
      }),
    );
  }
}

function factsBlock(b: SectionBuilder, s: ChangeSummary): void {
  const added = s.recommendations.filter((r) => r.change === 'added').length;
  const dropped = s.recommendations.filter((r) => r.change === 'dropped').length;
  const facts: { value: string; label: string }[] = [];
  if (s.crime.length)
    facts.push({ value: formatNumber(s.crime.length), label: 'Kennzahlen der Kriminalstatistik verändert' });
  if (s.survey.length)
    facts.push({ value: formatNumber(s.survey.length), label: 'Befragungsergebnisse verändert' });
  if (s.suppression.length)
    facts.push({ value: formatNumber(s.suppression.length), label: 'Gruppen neu ausgewiesen oder verdeckt' });
  if (added || dropped)
    facts.push({
      value: `+${formatNumber(added)} / −${formatNumber(dropped)}`,
      label: 'Handlungsempfehlungen neu / entfallen',
    });
  if (facts.length) b.push({ kind: 'facts', items: facts });
}

function crimeTable(b: SectionBuilder, a: Analysis, s: ChangeSummary): void {
  const shown = s.crime.filter((c) => c.shown);
  const place = (c: CrimeChange): string => c.areaName ?? `${a.meta.kommune.name} insgesamt`;
  b.table({
    caption: `Größte Änderungen der polizeilich registrierten Kriminalität gegenüber Version ${formatNumber(s.fromVersion)}`,
    head: [
      row([
        th('Delikt'),
        th('Gebiet'),
        th('Jahr'),
        th('Kennzahl'),
        th(`Version ${formatNumber(s.fromVersion)}`, { num: true }),
        th(`Version ${formatNumber(s.toVersion)}`, { num: true }),
        th('Änderung', { num: true }),
      ]),
    ],
    body: shown.map((c) =>
      group(
        c.changed.map((m, i): Row => {
          const [before, after, change] = measureCells(m, c[m]);
          const lead =
            i === 0
              ? [
                  rh(c.label, { rowspan: c.changed.length }),
                  td(place(c), { rowspan: c.changed.length }),
                  td(String(c.year), { rowspan: c.changed.length }),
                ]
              : [];
          return row([...lead, td(MEASURE_LABELS[m]), nd(before), nd(after), nd(change)]);
        }),
        true,
      ),
    ),
    notes: [
      'Fälle: jede Änderung; Häufigkeitszahl (Fälle je 100.000 Einwohner): Änderungen ab 1 %; Aufklärungsquote: Änderungen ab 1 Prozentpunkt (Pp.). Sortiert nach der relativen Größe der Änderung.',
      ...shownNote(shown.length, s.crime.length),
    ],
    cls: 'compact',
  });
}

function surveyRow(c: SurveyChange): Row {
  const n = c.changed.includes('n')
    ? `${formatNumber(c.n.from)} / ${formatNumber(c.n.to)}`
    : formatNumber(c.n.to);
  return row([
    rh(`${c.label} (${c.negativeLabel})`),
    td(groupText(c.group)),
    nd(formatPercent(c.share.from)),
    nd(formatPercent(c.share.to)),
    nd(pointsText(c.share.delta)),
    nd(n),
  ]);
}

function surveyTable(b: SectionBuilder, s: ChangeSummary): void {
  const shown = s.survey.filter((c) => c.shown);
  b.table({
    caption: `Größte Änderungen der Befragungsergebnisse gegenüber Version ${formatNumber(s.fromVersion)}`,
    head: [
      row([
        th('Frage (ungünstige Antwort)'),
        th('Gruppe'),
        th(`Version ${formatNumber(s.fromVersion)}`, { num: true }),
        th(`Version ${formatNumber(s.toVersion)}`, { num: true }),
        th('Änderung', { num: true }),
        th('n', { num: true }),
      ]),
    ],
    body: [group(shown.map(surveyRow))],
    notes: [
      `Gewichteter Anteil ungünstiger Antworten; Änderungen ab 1 Prozentpunkt (Pp.) und jede Änderung der Zahl gültiger Antworten (n; bei einer Änderung „Version ${formatNumber(s.fromVersion)} / Version ${formatNumber(s.toVersion)}“). Sortiert nach der Größe der Änderung.`,
      ...shownNote(shown.length, s.survey.length),
    ],
    cls: 'compact',
  });
}

function suppressionTable(b: SectionBuilder, s: ChangeSummary): void {
  const shown = s.suppression.filter((c) => c.shown);
  b.table({
    caption: `Geänderte Ausweisung von Gruppen gegenüber Version ${formatNumber(s.fromVersion)}`,
    head: [
      row([
        th('Frage'),
        th('Gruppe'),
        th(`Version ${formatNumber(s.fromVersion)}`),
        th(`Version ${formatNumber(s.toVersion)}`),
      ]),
    ],
    body: [
      group(
        shown.map((c) =>
          row([rh(c.label), td(groupText(c.group)), td(VISIBILITY_TEXT[c.from]), td(VISIBILITY_TEXT[c.to])]),
        ),
      ),
    ],
    notes: [
      'Gruppen unter der Mindestfallzahl werden zum Schutz der Befragten nicht ausgewiesen.',
      ...shownNote(shown.length, s.suppression.length),
    ],
    cls: 'compact',
  });
}

function recommendationsTable(b: SectionBuilder, s: ChangeSummary): void {
  const shown = s.recommendations.filter((c) => c.shown);
  const text = (c: ChangeSummary['recommendations'][number]): string =>
    c.change === 'added'
      ? `neu (${PRIORITY_LABELS[c.priorityTo ?? 'niedrig']})`
      : c.change === 'dropped'
        ? 'entfallen'
        : `Priorität bisher ${c.priorityFrom ?? MISSING}, jetzt ${c.priorityTo ?? MISSING}`;
  b.table({
    caption: `Geänderte Handlungsempfehlungen gegenüber Version ${formatNumber(s.fromVersion)}`,
    head: [row([th('Empfehlung'), th('Handlungsfeld'), th('Änderung')])],
    body: [group(shown.map((c) => row([rh(c.title), td(c.field), td(text(c))])))],
    notes: shownNote(shown.length, s.recommendations.length),
    cls: 'compact',
  });
}

function findingsTable(b: SectionBuilder, s: ChangeSummary): void {
  const shown = s.keyFindings.filter((c) => c.shown);
  const change = (c: ChangeSummary['keyFindings'][number]): string => {
    if (c.change === 'added') return `neu (${SEVERITY_LABELS[c.severityTo ?? 'hinweis']})`;
    if (c.change === 'dropped') return 'entfallen';
    return c.severityFrom !== c.severityTo
      ? `geändert (bisher ${SEVERITY_LABELS[c.severityFrom ?? 'hinweis']}, jetzt ${SEVERITY_LABELS[c.severityTo ?? 'hinweis']})`
      : 'geändert';
  };
  b.table({
    caption: `Geänderte Kernbefunde gegenüber Version ${formatNumber(s.fromVersion)}`,
    head: [
      row([
        th('Änderung'),
        th(`Version ${formatNumber(s.toVersion)}`),
        th(`Version ${formatNumber(s.fromVersion)}`),
      ]),
    ],
    body: [group(shown.map((c) => row([td(change(c)), td(c.textTo ?? MISSING), td(c.textFrom ?? MISSING)])))],
    notes: shownNote(shown.length, s.keyFindings.length),
    cls: 'compact',
  });
}

/** The message without its "datei, Zeile n, Spalte „x“: " prefix (those are columns of the table). */
function warningMessage(w: { file: string; message: string }): string {
  if (!w.message.startsWith(w.file)) return w.message;
  const i = w.message.indexOf(': ');
  return i > 0 ? w.message.slice(i + 2) : w.message;
}

function warningsTable(b: SectionBuilder, s: ChangeSummary): void {
  const added = s.warnings.filter((w) => w.change === 'added').length;
  const resolved = s.warnings.length - added;
  const parts = [
    added
      ? `die Datenprüfung ergab ${added === 1 ? 'einen neuen Hinweis' : `${formatNumber(added)} neue Hinweise`}`
      : '',
    resolved
      ? `${resolved === 1 ? 'ein Hinweis' : `${formatNumber(resolved)} Hinweise`} aus Version ${formatNumber(s.fromVersion)} ${resolved === 1 ? 'ist' : 'sind'} entfallen`
      : '',
  ].filter(Boolean);
  const sentence = `${parts.join('; ')}.`;
  b.p(sentence.charAt(0).toUpperCase() + sentence.slice(1));
  const shown = s.warnings.filter((w) => w.shown);
  b.table({
    caption: `Geänderte Hinweise aus der Datenprüfung gegenüber Version ${formatNumber(s.fromVersion)}`,
    head: [row([th('Datei'), th('Zeile', { num: true }), th('Hinweis'), th('Änderung')])],
    body: [
      group(
        shown.map((w) =>
          row([
            td(w.file),
            nd(w.row === undefined ? MISSING : String(w.row)),
            td(warningMessage(w)),
            td(w.change === 'added' ? 'neu' : 'entfallen'),
          ]),
        ),
      ),
    ],
    notes: shownNote(shown.length, s.warnings.length, 'geänderten Hinweisen'),
    cls: 'compact',
  });
}

export function changesChapter(ctx: BuildContext, a: Analysis, s: ChangeSummary): Section {
  const heading = ctx.numbering.plainHeading(1, changesChapterTitle(s.fromVersion), true);
  const b = new SectionBuilder(ctx);
  introParagraphs(b, s);

  if (changeCount(s) === 0) {
    b.p(
      `Gegenüber Version ${formatNumber(s.fromVersion)} hat sich keine der im Bericht ausgewiesenen Kennzahlen über die Schwellen hinaus verändert (Anteile um mindestens 1 Prozentpunkt, Häufigkeitszahlen um mindestens 1 %, Fallzahlen um mindestens einen Fall); auch Kernbefunde, Handlungsempfehlungen und Hinweise aus der Datenprüfung sind unverändert.`,
    );
    return { heading, blocks: b.blocks };
  }

  factsBlock(b, s);
  b.p(
    'Die folgenden Tabellen zeigen je Bereich die größten Änderungen. Berücksichtigt sind Änderungen von Anteilen ab 1 Prozentpunkt, von Häufigkeitszahlen ab 1 % und jede Änderung einer Fallzahl. Die vollständige Liste aller Änderungen steht maschinenlesbar in der Datei changes.json.',
    'small',
  );

  if (s.crime.length) b.push(subsection(ctx, 'Polizeiliche Kriminalstatistik', (x) => crimeTable(x, a, s)));
  if (s.survey.length || s.suppression.length)
    b.push(
      subsection(ctx, 'Befragung', (x) => {
        if (s.survey.length) surveyTable(x, s);
        if (s.suppression.length) suppressionTable(x, s);
      }),
    );
  if (s.recommendations.length || s.keyFindings.length)
    b.push(
      subsection(ctx, 'Kernbefunde und Handlungsempfehlungen', (x) => {
        if (s.keyFindings.length) findingsTable(x, s);
        if (s.recommendations.length) recommendationsTable(x, s);
      }),
    );
  if (s.warnings.length) b.push(subsection(ctx, 'Datenprüfung', (x) => warningsTable(x, s)));
  return { heading, blocks: b.blocks };
}
