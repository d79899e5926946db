/** Chapter 2: Auftrag, Methode, Datengrundlagen. */
import type { Analysis } from '../../analysis/schema.js';
import { formatNumber, formatPercent } from '../../format/number.js';
import { joinGerman, marginAtHalf } from '../text.js';
import { ageGroupLabel, sexLabel } from '../labels.js';
import {
  buildSection,
  group,
  nd,
  rh,
  row,
  td,
  th,
  type BuildContext,
  type SectionBuilder,
} from './builder.js';
import type { Row, Section } from './types.js';
import { yearsText } from './shared.js';

/** Groups of warnings printed in the report; the rest are in validation.txt. */
export const MAX_WARNINGS = 40;
/** Row numbers listed per group of warnings. */
const MAX_ROWS_LISTED = 12;

const VARIABLE_LABELS: Readonly<Record<string, string>> = {
  sex: 'Geschlecht',
  geschlecht: 'Geschlecht',
  ageGroup: 'Altersgruppe',
  altersgruppe: 'Altersgruppe',
  age: 'Alter',
  area: 'Gebiet',
  gebiet: 'Gebiet',
};

/** Percentage points with sign and one decimal: "+8,1", "−9,3" (true minus sign). */
function pp(diff: number): string {
  const v = formatNumber(Math.abs(diff) * 100, 1);
  if (v === '0,0') return '0,0';
  return `${diff > 0 ? '+' : '−'}${v}`;
}

function sampleSection(b: SectionBuilder, a: Analysis): void {
  const s = a.survey;
  const sample = s.sample;
  if (s.invited !== null) {
    b.p(
      `Angeschrieben wurden ${formatNumber(s.invited)} zufällig aus dem Melderegister ausgewählte Einwohnerinnen und Einwohner. ${formatNumber(s.respondents)} Fragebögen gingen verwertbar ein${
        s.responseRate !== null
          ? `; das entspricht einer Rücklaufquote von ${formatPercent(s.responseRate)}`
          : ''
      }.`,
    );
  } else {
    b.p(
      `${formatNumber(s.respondents)} Personen haben an der Befragung teilgenommen. Die Zahl der angeschriebenen Personen wurde nicht übermittelt; eine Rücklaufquote lässt sich daher nicht angeben.`,
    );
  }
  const modes = sample.byMode.filter((m) => m.count > 0);
  if (modes.length)
    b.p(
      `Antwortweg: ${joinGerman(modes.map((m) => `${m.label} ${formatNumber(m.count)} (${formatPercent(m.share)})`))}.`,
    );
  const extra: string[] = [];
  if (sample.meanAge !== null)
    extra.push(`Das Durchschnittsalter der Befragten liegt bei ${formatNumber(sample.meanAge, 1)} Jahren.`);
  if (sample.unknownArea > 0)
    extra.push(
      `${formatNumber(sample.unknownArea)} ${sample.unknownArea === 1 ? 'Person hat' : 'Personen haben'} kein Wohngebiet angegeben; sie zählen in allen Gesamtergebnissen, nicht aber in den Ergebnissen nach Gebieten.`,
    );
  b.p(extra.join(' '));

  const dims: { title: string; rows: typeof sample.bySex; label: (k: string, l: string) => string }[] = [
    { title: 'Geschlecht', rows: sample.bySex, label: (k, l) => l || sexLabel(k) },
    { title: 'Altersgruppe', rows: sample.byAgeGroup, label: (k, l) => ageGroupLabel(l || k) },
    { title: 'Gebiet', rows: sample.byArea, label: (k, l) => l || k },
  ];
  const all = dims.flatMap((d) =>
    d.rows.map((r) => ({
      dim: d.title,
      label: d.label(r.key, r.label),
      diff: r.sampleShare - r.populationShare,
    })),
  );
  const weightable = all.filter((r) => r.dim !== 'Gebiet');
  const over = [...weightable].sort((x, y) => y.diff - x.diff)[0];
  const under = [...weightable].sort((x, y) => x.diff - y.diff)[0];
  if (over && under && over.diff > 0.02 && under.diff < -0.02) {
    b.p(
      `Wie in schriftlichen Befragungen üblich, weicht die Zusammensetzung der Befragten von der Bevölkerung ab: Am stärksten überrepräsentiert ist die Gruppe „${over.label}“ (${pp(over.diff)} Prozentpunkte), am stärksten unterrepräsentiert die Gruppe „${under.label}“ (${pp(
        under.diff,
      )} Prozentpunkte). Die Gewichtung (Abschnitt 2.3) gleicht diese Abweichungen aus.`,
    );
  }

  const groups = dims
    .filter((d) => d.rows.length > 0)
    .map((d) =>
      group([
        row([th(d.title, { scope: 'rowgroup', colspan: 5 })]),
        ...d.rows.map((r) =>
          row([
            rh(d.label(r.key, r.label)),
            nd(formatNumber(r.sample)),
            nd(formatPercent(r.sampleShare)),
            nd(formatPercent(r.populationShare)),
            nd(pp(r.sampleShare - r.populationShare)),
          ]),
        ),
      ]),
    );
  if (groups.length) {
    b.table({
      caption: 'Zusammensetzung der Befragten im Vergleich zur Bevölkerung',
      head: [
        row([
          th('Merkmal'),
          th('Befragte', { num: true }),
          th('Anteil Befragte', { num: true }),
          th('Anteil Bevölkerung', { num: true }),
          th('Differenz (Prozentpunkte)', { num: true }),
        ]),
      ],
      body: groups,
      notes: [
        'Anteile ungewichtet; Bevölkerung laut übermittelter Einwohnerstatistik. Befragte ohne Angabe zum jeweiligen Merkmal sind nicht enthalten.',
      ],
    });
  }
}

/** "die Altersgruppen 60-74 und 75+ zu „60+“ (18 Befragte)" */
function mergedText(w: Analysis['survey']['weighting']): string {
  return joinGerman(
    w.mergedCategories.map(
      (c) =>
        `die Altersgruppen ${joinGerman(c.groups.map((g) => ageGroupLabel(g)))} zu „${ageGroupLabel(c.label)}“ (${formatNumber(c.respondents)} Befragte)`,
    ),
  );
}

const METHOD_LABELS: Readonly<Record<Analysis['survey']['weighting']['method'], string>> = {
  'logit-calibration': 'Kalibrierung mit begrenzten Gewichten (Logit-Distanz, R survey: calibrate)',
  raking: 'Randanpassung ohne Begrenzung (Raking), weil die Grenzen nicht einzuhalten waren',
  none: 'keine Gewichtung (keine Bevölkerungszahlen)',
};

function weightingSection(b: SectionBuilder, a: Analysis): void {
  const w = a.survey.weighting;
  const vars = joinGerman(w.variables.map((v) => VARIABLE_LABELS[v] ?? v));
  const u = w.unweightedRespondents;
  const dot = (x: number) => String(Math.round(x * 100) / 100);
  b.text('gewichtung', {
    method: w.method,
    variables: vars || 'Geschlecht und Altersgruppe',
    iterations: formatNumber(w.iterations),
    converged: w.converged ? 'ja' : 'nein',
    maxMarginError: formatNumber(w.maxMarginError * 100, 2),
    boundsLow: formatNumber(w.bounds[0], 1),
    boundsHigh: formatNumber(w.bounds[1], 1),
    boundsLowDot: dot(w.bounds[0]),
    boundsHighDot: dot(w.bounds[1]),
    weightMin: formatNumber(w.weightMin, 2),
    weightMax: formatNumber(w.weightMax, 2),
    designEffect: formatNumber(w.designEffect, 2),
    effectiveN: formatNumber(w.effectiveN, 0),
    respondents: formatNumber(a.survey.respondents),
    minCategory: formatNumber(w.minCategorySize),
    merged: mergedText(w),
    sexDropped: w.method !== 'none' && !w.variables.includes('geschlecht') ? 'ja' : 'nein',
    sexMissing: formatNumber(u.sexMissing),
    sexDiverse: formatNumber(u.sexDiverse),
    ageMissing: formatNumber(u.ageMissing),
    anyUnweighted: u.sexMissing + u.sexDiverse + u.ageMissing > 0 ? 'ja' : 'nein',
  });
  const rows: Row[] = [
    row([rh('Verfahren'), td(METHOD_LABELS[w.method])]),
    row([rh('Gewichtungsmerkmale'), td(vars || '–')]),
    row([rh('zusammengefasste Gruppen'), td(mergedText(w) || 'keine')]),
    row([
      rh('Iterationen'),
      td(`${formatNumber(w.iterations)} (${w.converged ? 'konvergiert' : 'nicht konvergiert'})`),
    ]),
    row([
      rh('größte Restabweichung eines Randes'),
      td(`${formatNumber(w.maxMarginError * 100, 2)} Prozentpunkte`),
    ]),
    row([
      rh('Grenzen der Gewichte (× mittleres Gewicht)'),
      td(
        `${formatNumber(w.bounds[0], 2)} bis ${formatNumber(w.bounds[1], 2)}${w.boundsHeld ? ' (eingehalten)' : ' (nicht einzuhalten)'}`,
      ),
    ]),
    row([
      rh('tatsächliche Spannweite der Gewichte'),
      td(`${formatNumber(w.weightMin, 2)} bis ${formatNumber(w.weightMax, 2)}`),
    ]),
    row([rh('Designeffekt (Kish)'), td(formatNumber(w.designEffect, 2))]),
    row([
      rh('effektive Fallzahl'),
      td(`${formatNumber(w.effectiveN, 0)} (von ${formatNumber(a.survey.respondents)} Befragten)`),
    ]),
    row([
      rh('mit Gewicht 1 einbezogen'),
      td(
        `${formatNumber(u.sexMissing)} ohne Angabe zum Geschlecht, ${formatNumber(u.sexDiverse)} „divers“, ${formatNumber(u.ageMissing)} ohne Altersangabe`,
      ),
    ]),
  ];
  b.table({
    caption: 'Kennzahlen der Gewichtung',
    head: [row([th('Kennzahl'), th('Wert')])],
    body: [group(rows)],
    cls: 'compact',
  });

  const m = w.margins;
  if (m.sex.length || m.ageGroup.length) {
    const mg = (title: string, list: typeof m.sex, label: (k: string, l: string) => string) =>
      group([
        row([th(title, { scope: 'rowgroup', colspan: 3 })]),
        ...list.map((r) =>
          row([rh(label(r.key, r.label)), nd(formatNumber(r.count)), nd(formatPercent(r.share))]),
        ),
      ]);
    b.table({
      caption: 'Bevölkerungsränder der Gewichtung',
      head: [row([th('Merkmal'), th('Einwohner', { num: true }), th('Anteil', { num: true })])],
      body: [
        ...(m.sex.length ? [mg('Geschlecht', m.sex, (k, l) => l || sexLabel(k))] : []),
        ...(m.ageGroup.length ? [mg('Altersgruppe', m.ageGroup, (k, l) => ageGroupLabel(l || k))] : []),
      ],
      cls: 'compact',
    });
  }
}

/** The message without its "datei, Zeile n, Spalte „x“: " prefix (those are columns of the table). */
function warningText(w: Analysis['warnings'][number]): string {
  if (!w.message.startsWith(w.file)) return w.message;
  const i = w.message.indexOf(': ');
  return i > 0 ? w.message.slice(i + 2) : w.message;
}

export function methodsChapter(ctx: BuildContext, a: Analysis): Section {
  return buildSection(ctx, 1, 'Auftrag, Methode, Datengrundlagen', (b) => {
    const nEff = a.survey.weighting.effectiveN;
    b.section(2, 'Auftrag und Vorgehen', (s) =>
      s.text('auftrag', {
        kommune: a.meta.kommune.name,
        berichtsjahr: String(a.meta.berichtsjahr),
        jahre: yearsText(a.crime.years),
        gebiete: formatNumber(a.meta.gebiete.length),
      }),
    );
    b.section(2, 'Befragung und Stichprobe', (s) => sampleSection(s, a));
    b.section(2, 'Gewichtung', (s) => weightingSection(s, a));
    b.section(2, 'Statistische Genauigkeit', (s) =>
      s.text('intervalle', {
        effectiveN: formatNumber(nEff, 0),
        marginTotal: marginAtHalf(nEff),
        margin100: marginAtHalf(100),
        margin30: marginAtHalf(30),
      }),
    );
    b.section(2, 'Datenschutz und Mindestfallzahlen', (s) =>
      s.text('datenschutz', {
        mindestfallzahl: formatNumber(a.meta.mindestfallzahl),
        limitedBelow: formatNumber(a.meta.limitedBelow),
        angstraeumeRemoved: formatNumber(a.survey.angstraeumeRemoved),
      }),
    );
    b.section(2, 'Umgang mit „weiß nicht“ und fehlenden Angaben', (s) => s.text('weiss-nicht', {}));
    b.section(2, 'Polizeiliche Daten: Aussagekraft und Grenzen', (s) =>
      s.text('pks-grenzen', {
        jahre: yearsText(a.crime.years),
        hasPmk: a.pmk ? 'ja' : 'nein',
        hasRegional: a.crime.regional ? 'ja' : 'nein',
      }),
    );
    b.section(2, 'Hinweise aus der Datenprüfung', (s) => {
      const ws = a.warnings;
      if (ws.length === 0) {
        s.p(
          'Die Prüfung der übermittelten Dateien ergab keine Hinweise; alle Werte konnten wie geliefert verwendet werden.',
        );
        return;
      }
      s.p(
        `Die Prüfung der übermittelten Dateien ergab ${ws.length === 1 ? 'einen Hinweis' : `${formatNumber(ws.length)} Hinweise`}, aber keine Fehler. Hinweise verhindern die Auswertung nicht; sie zeigen, wo Angaben ergänzt, ersetzt oder nicht verwendet wurden.`,
      );
      // Warnings of the same kind in the same file and column are shown once, with all their rows.
      const groups: {
        file: string;
        column: string | undefined;
        code: string;
        rows: number[];
        first: Analysis['warnings'][number];
        count: number;
      }[] = [];
      for (const w of ws) {
        const g = groups.find((x) => x.code === w.code && x.file === w.file && x.column === w.column);
        if (g) {
          g.count += 1;
          if (w.row !== undefined) g.rows.push(w.row);
        } else
          groups.push({
            file: w.file,
            column: w.column,
            code: w.code,
            rows: w.row !== undefined ? [w.row] : [],
            first: w,
            count: 1,
          });
      }
      const shown = groups.slice(0, MAX_WARNINGS);
      const rowsText = (rows: readonly number[]) =>
        rows.length === 0
          ? '–'
          : rows.length <= MAX_ROWS_LISTED
            ? rows.join(', ')
            : `${rows.slice(0, MAX_ROWS_LISTED).join(', ')} und ${formatNumber(rows.length - MAX_ROWS_LISTED)} weitere`;
      s.table({
        caption: 'Hinweise aus der Datenprüfung',
        head: [row([th('Datei'), th('Zeile'), th('Spalte'), th('Hinweis')])],
        body: [
          group(
            shown.map((g) =>
              row([
                td(g.file),
                td(rowsText(g.rows)),
                td(g.column ?? '–'),
                td(
                  g.count > 1
                    ? `${warningText(g.first)} (${formatNumber(g.count)} gleichartige Hinweise; gezeigt ist der erste)`
                    : warningText(g.first),
                ),
              ]),
            ),
          ),
        ],
        notes:
          groups.length > shown.length
            ? [
                `Gezeigt werden ${formatNumber(shown.length)} von ${formatNumber(groups.length)} Arten von Hinweisen; die vollständige Liste steht im Prüfbericht (validation.txt).`,
              ]
            : [],
        cls: 'compact',
      });
    });
  });
}
