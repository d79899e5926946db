/** Chapter 8: Anhang — table volume, questionnaire items, glossary, lists of figures and tables, provenance. */
import type { Analysis, GroupStat, ItemResult, TotalStat } from '../../analysis/schema.js';
import { formatNumber } from '../../format/number.js';
import { DIMENSION_LABELS, findItem, SCALES, type Dimension, type ScaleId } from '../../model/codebook.js';
import { SCHEMA_VERSION } from '../../analysis/schema.js';
import { germanDateTime } from '../dates.js';
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
import type { Cell, RowGroup, Section } from './types.js';
import { itemGroups, reliabilityNotes } from './shared.js';
import { formatInterval, isSuppressed, joinGerman, shareText, SUPPRESSED_TEXT } from '../text.js';
import { pText } from '../../analysis/comparison/paradox.js';

export interface ProvenanceInfo {
  readonly version: number;
  readonly generatedAt: string;
  readonly engineVersion: string;
  readonly templateVersion: string;
}

function dimensionOrder(a: Analysis): string[] {
  const known = Object.keys(DIMENSION_LABELS);
  const present: string[] = [];
  for (const i of Object.values(a.survey.items))
    if (!present.includes(i.dimension)) present.push(i.dimension);
  return [...known.filter((d) => present.includes(d)), ...present.filter((d) => !known.includes(d))];
}

function dimensionTitle(d: string): string {
  return DIMENSION_LABELS[d as Dimension] ?? d;
}

/** Items side by side in one table of the table volume (3 columns each: n, share, interval). */
export const ITEMS_PER_VOLUME_TABLE = 5;

/** Splits items into the fewest tables of at most ITEMS_PER_VOLUME_TABLE, sizes as even as possible (7 → 4 + 3). */
export function volumeChunks<T>(items: readonly T[]): T[][] {
  const parts = Math.ceil(items.length / ITEMS_PER_VOLUME_TABLE);
  const out: T[][] = [];
  let start = 0;
  for (let p = 0; p < parts; p++) {
    const size = Math.ceil((items.length - start) / (parts - p));
    out.push(items.slice(start, start + size));
    start += size;
  }
  return out;
}

function volumeTable(x: SectionBuilder, a: Analysis, title: string, items: readonly ItemResult[]): void {
  const groups = items.map((i) => itemGroups(a, i));
  const first = groups[0];
  if (!first) return;
  let limited = false;
  let suppressed = false;
  const cells = (g: GroupStat | TotalStat | undefined): Cell[] => {
    if (!g) return [nd('–'), nd('–'), nd('–')];
    if (isSuppressed(g)) {
      suppressed = true;
      return [td(SUPPRESSED_TEXT, { colspan: 3, cls: 'suppressed' })];
    }
    if (g.limited) limited = true;
    const cls = g.limited ? { cls: 'limited' } : {};
    return [
      nd(formatNumber(g.n)),
      nd(shareText(g.negativeShareWeighted, g.limited), cls),
      nd(g.limited ? `(${formatInterval(g.ci95)})` : formatInterval(g.ci95), cls),
    ];
  };
  const span = 1 + 3 * items.length;
  const dims: { label: string; key: 'area' | 'sex' | 'age' }[] = [
    { label: 'nach Gebiet', key: 'area' },
    { label: 'nach Geschlecht', key: 'sex' },
    { label: 'nach Altersgruppe (Jahre)', key: 'age' },
  ];
  const body: RowGroup[] = [
    group([
      row([rh('insgesamt'), ...items.flatMap((i) => cells(i.total))], 'total'),
      row([
        rh('„weiß nicht“'),
        ...items.flatMap((i) =>
          'suppressed' in i.total
            ? [td('', { colspan: 2 }), nd('–')]
            : [
                td('', { colspan: 2 }),
                nd(
                  shareText(i.total.dontKnowShare, i.total.limited),
                  i.total.limited ? { cls: 'limited' } : {},
                ),
              ],
        ),
      ]),
    ]),
  ];
  const hiddenEverywhere: string[] = [];
  for (const d of dims) {
    // a group too small for every item of the table gets no row of its own, only a note below
    const refs = first[d.key].filter((r) => {
      const shown = groups.some((g) => {
        const stat = g[d.key].find((z) => z.key === r.key)?.stat;
        return stat !== undefined && !isSuppressed(stat);
      });
      if (!shown) hiddenEverywhere.push(r.label);
      return shown;
    });
    if (refs.length === 0) continue;
    body.push(
      group([
        row([th(d.label, { scope: 'rowgroup', colspan: span })]),
        ...refs.map((r) =>
          row([
            rh(d.key === 'age' ? r.key.replace('-', '–') : r.label),
            ...groups.flatMap((g) => cells(g[d.key].find((z) => z.key === r.key)?.stat)),
          ]),
        ),
      ]),
    );
  }
  const hiddenNote = hiddenEverywhere.length
    ? [
        `Ohne eigene Zeile, weil bei allen Fragen dieser Tabelle zu wenige Antworten vorliegen: ${joinGerman(hiddenEverywhere)}.`,
      ]
    : [];
  x.table({
    caption: `Tabellenband: ${title}`,
    head: [
      row([
        th('Gruppe', { rowspan: 2 }),
        ...items.map((i) => th(`${i.label}: ${i.negativeLabel}`, { scope: 'colgroup', colspan: 3 })),
      ]),
      row(
        items.flatMap(() => [
          th('n', { num: true }),
          th('Anteil', { num: true }),
          th('95-%-Intervall', { num: true }),
        ]),
      ),
    ],
    body,
    notes: [...hiddenNote, ...reliabilityNotes(a, limited, suppressed || hiddenEverywhere.length > 0)],
    cls: `compact volume volume-${items.length}`,
  });
}

function tableVolume(s: SectionBuilder, a: Analysis): void {
  s.p(
    'Der Tabellenband ist das Nachschlagewerk zu den Kapiteln 5 und 6. Er enthält für jede ausgewertete Frage, insgesamt und nach Gebiet, Geschlecht und Altersgruppe, die ungewichtete Zahl der gültigen Antworten (n), den gewichteten Anteil der ungünstigen Antwort an den gültigen Antworten (Anteil) mit seinem 95-%-Intervall und den Anteil „weiß nicht“ an allen Antworten. Bis zu fünf Fragen stehen nebeneinander.',
  );
  for (const d of dimensionOrder(a)) {
    const items = Object.values(a.survey.items).filter((i) => i.dimension === d);
    if (items.length === 0) continue;
    s.section(3, dimensionTitle(d), (x) => {
      const chunks = volumeChunks(items);
      chunks.forEach((chunk, p) =>
        volumeTable(
          x,
          a,
          chunks.length > 1 ? `${dimensionTitle(d)} (${p + 1}/${chunks.length})` : dimensionTitle(d),
          chunk,
        ),
      );
    });
  }
}

function scaleLabels(item: ItemResult): readonly string[] {
  const scale = SCALES[item.scale as ScaleId];
  return scale ? scale.labels : 'suppressed' in item.total ? [] : item.total.distribution.map((c) => c.label);
}

/** "sehr sicher … sehr unsicher (4 Stufen)" */
function scaleShort(labels: readonly string[]): string {
  if (labels.length <= 2) return labels.join(' / ');
  return `${labels[0]} … ${labels[labels.length - 1]} (${labels.length} Stufen)`;
}

function itemList(s: SectionBuilder, a: Analysis): void {
  s.p(
    'Die Übersicht nennt alle ausgewerteten Fragen mit ihrem Code und Wortlaut; die Antwortskalen stehen einmal in der ersten Tabelle. Alle Fragen konnten zusätzlich mit „weiß nicht“ (Code 9) und, wo passend, mit „trifft nicht zu“ (Code 8) beantwortet werden.',
  );
  const items = Object.values(a.survey.items);
  const scales: { labels: readonly string[]; negative: string }[] = [];
  for (const i of items) {
    const labels = scaleLabels(i);
    if (!scales.some((x) => x.labels.join('|') === labels.join('|') && x.negative === i.negativeLabel))
      scales.push({ labels, negative: i.negativeLabel });
  }
  s.table({
    caption: 'Antwortskalen',
    head: [row([th('Antwortskala'), th('ungünstige Antwort')])],
    body: [
      group(
        scales.map((x) => row([rh(x.labels.map((l, k) => `${k + 1} ${l}`).join(' · ')), td(x.negative)])),
      ),
    ],
    cls: 'compact',
  });
  const rows = items.map((i) =>
    row([
      rh(i.code, { cls: 'code' }),
      td(findItem(i.code)?.question ?? i.question ?? i.label),
      td(scaleShort(scaleLabels(i)), { cls: 'item-scale' }),
    ]),
  );
  const extra = a.survey.extra.map((q) =>
    row([
      rh(q.code, { cls: 'code' }),
      td(q.question),
      td(
        'suppressed' in q.total ? '–' : q.total.distribution.map((c) => `${c.code} ${c.label}`).join(' · '),
        { cls: 'item-scale' },
      ),
    ]),
  );
  s.table({
    caption: 'Ausgewertete Fragen',
    head: [row([th('Code'), th('Frage'), th('Antwortskala')])],
    body: [
      group(rows),
      ...(extra.length
        ? [group([row([th('Zusätzliche Fragen der Kommune', { scope: 'rowgroup', colspan: 3 })]), ...extra])]
        : []),
    ],
    cls: 'compact',
  });
}

function registers(s: SectionBuilder, ctx: BuildContext): void {
  const { figures, tables } = ctx.numbering;
  s.p(
    'Die Verzeichnisse nennen die Abbildungen und Tabellen mit der Nummer des Abschnitts, in dem sie stehen.',
  );
  if (figures.length)
    s.list(
      figures.map((f) => `Abbildung ${f.number}: ${f.caption} (${f.section.replace(/ .*/, '')})`),
      false,
      'lists',
    );
  else s.p('Dieser Bericht enthält keine Abbildungen.');
  // the table volume's tables are found by its sections; listing each of them again adds pages, not help
  const listed = tables.filter((t) => !t.caption.startsWith('Tabellenband'));
  s.list(
    listed.map((t) => `Tabelle ${t.number}: ${t.caption} (${t.section.replace(/ .*/, '')})`),
    false,
    'lists',
  );
  if (listed.length < tables.length)
    s.p(
      `Die ${formatNumber(tables.length - listed.length)} Tabellen des Tabellenbands (Abschnitt 8.1) sind hier nicht einzeln aufgeführt.`,
    );
}

const RULE_TEXT: Readonly<Record<string, string>> = {
  primary: 'weniger Antworten als die Mindestfallzahl (primäre Sperrung)',
  total: 'Frage insgesamt mit zu wenigen Antworten (überall gesperrt)',
  'secondary-size': 'Rest der verborgenen Gruppen zu klein (sekundäre Sperrung)',
  'secondary-homogeneous': 'Rest der verborgenen Gruppen einheitlich (sekundäre Sperrung)',
  'secondary-table': 'Schutz in Tabellen nach Geschlecht und Alter (sekundäre Sperrung)',
  audit: 'vom Prüfprogramm nachträglich gesperrt',
};

/** Appendix section "Statistische Qualitätssicherung": what was hidden and why, the tests behind every kind of claim, the weighting outcome. */
function qualitySection(s: SectionBuilder, a: Analysis): void {
  const d = a.survey.disclosure;
  const total = Object.values(d.suppressed).reduce((x, y) => x + y, 0);
  const m = formatNumber(a.meta.mindestfallzahl);
  s.p(
    `Dieser Abschnitt fasst zusammen, wie der Bericht die Befragten schützt und wann er einen Unterschied als gesichert bezeichnet. Er nennt nur Anzahlen, nie verborgene Werte.`,
  );
  s.table({
    caption: 'Gesperrte Werte nach Regel',
    head: [row([th('Regel'), th('Werte', { num: true })])],
    body: [
      group([
        ...Object.entries(d.suppressed)
          .filter(([, n]) => n > 0)
          .map(([rule, n]) => row([rh(RULE_TEXT[rule] ?? rule), nd(formatNumber(n))])),
        row([rh('insgesamt'), nd(formatNumber(total))], 'total'),
      ]),
    ],
    notes: [
      `Gezählt sind die Werte aller Fragen nach Gebiet, Geschlecht und Altersgruppe, die Gesamtwerte von Fragen sowie die Zellen der Tabellen nach Geschlecht und Alter; Mindestfallzahl ${m}. Das Prüfprogramm hat ${formatNumber(d.auditedGroups)} veröffentlichte Werte in ${formatNumber(d.auditedFamilies)} Statistiken geprüft und danach ${d.findings === 0 ? 'keinen' : formatNumber(d.findings)} verborgenen Wert mehr zurückrechnen können.`,
    ],
    cls: 'compact',
  });
  const pairs = a.comparison.pairs.flatMap((p) => p.areas.filter((x) => !x.suppressed));
  const placed = pairs.filter((x) => x.quadrant !== null && x.quadrant !== 'unauffaellig').length;
  const unplaced = pairs.filter((x) => x.quadrant === null).length;
  const trends = a.crime.trends.filter((t) => t.test.tested);
  const px = a.comparison.paradox;
  s.table({
    caption: 'Prüfungen hinter den Aussagen des Berichts',
    head: [row([th('Aussage'), th('Prüfung'), th('Ergebnis in diesem Bericht')])],
    body: [
      group([
        row([
          rh('Gebiet oder Gruppe „über/unter dem Durchschnitt“ (Befragung)'),
          td('95-%-Intervall nach Wilson mit effektiver Fallzahl schließt den Wert der Kommune aus'),
          td(
            `in der Diskrepanzmatrix ${formatNumber(placed)} von ${formatNumber(pairs.length)} Einordnungen auffällig`,
          ),
        ]),
        row([
          rh('Frauen und Männer unterscheiden sich'),
          td('Zwei-Stichproben-Test (Wald) mit effektiven Fallzahlen, 5\u00A0%'),
          td('siehe Kapitel 5'),
        ]),
        row([
          rh('Häufigkeitszahl „über/unter“ dem Vergleichswert'),
          td(
            'exaktes 95-%-Intervall (Poisson) schließt den Vergleichswert aus; mindestens 10 Fälle; Gebiet und Kommune im selben Zeitraum',
          ),
          td(`${formatNumber(unplaced)} Gebietswerte mangels Fällen nicht eingeordnet`),
        ]),
        row([
          rh('Trend der registrierten Fälle'),
          td(
            'Poisson-Regression über alle Jahre, bei Überdispersion (φ > 1) quasi-Poisson; mindestens 4 Jahre und im Mittel 10 Fälle je Jahr; 5\u00A0%',
          ),
          td(
            `${formatNumber(trends.filter((t) => t.test.significant).length)} von ${formatNumber(trends.length)} geprüften Deliktsbereichen mit gesichertem Trend`,
          ),
        ]),
        row([
          rh('Kriminalitätsfurcht-Paradox'),
          td(
            `Rangkorrelation nach Spearman über Gruppen mit mindestens ${formatNumber(px.minCellN)} Befragten (mindestens 5 Gruppen), 5\u00A0%`,
          ),
          td(
            px.rho === null || px.p === null
              ? 'nicht prüfbar'
              : `ρ = ${formatNumber(px.rho, 2)}, ${formatNumber(px.cells)} Gruppen, ${pText(px.p)}: ${px.present ? 'nachgewiesen' : 'nicht nachgewiesen'}`,
          ),
        ]),
        row([
          rh('Werte auf weniger als 30 Antworten'),
          td('in Klammern, „eingeschränkt aussagekräftig“'),
          td('überall, auch in Befunden und Diagrammen'),
        ]),
      ]),
    ],
    cls: 'compact',
  });
  if (pairs.length > 0)
    s.p(
      `Viele Prüfungen: Jede Einordnung ist ein eigener Test zum Niveau 5\u00A0%, ohne Korrektur für die Zahl der Tests. Auch wenn sich in Wahrheit kein Gebiet unterschiede, wären unter ${formatNumber(pairs.length)} Einordnungen etwa ${formatNumber(Math.round(pairs.length * 0.05))} zufällig auffällig zu erwarten. Ein einzelner auffälliger Wert ist deshalb ein Hinweis, dem die Kommune vor Ort nachgehen sollte, kein Beweis; wo sich mehrere Befunde gegenseitig stützen (Befragung und Hellfeld, mehrere Fragen desselben Themas), ist die Aussage belastbarer.`,
    );
  const w = a.survey.weighting;
  const weightingRef = s.ctx.numbering.numberOf('Gewichtung');
  s.p(
    w.method === 'none'
      ? 'Gewichtung: Ohne Bevölkerungszahlen wurde nicht gewichtet.'
      : `Gewichtung: ${w.boundsHeld ? `Alle Gewichte liegen innerhalb der Grenzen ${formatNumber(w.bounds[0], 1)} bis ${formatNumber(w.bounds[1], 1)}` : `Die Grenzen ${formatNumber(w.bounds[0], 1)} bis ${formatNumber(w.bounds[1], 1)} ließen sich nicht einhalten`} (tatsächlich ${formatNumber(w.weightMin, 2)} bis ${formatNumber(w.weightMax, 2)}); Designeffekt ${formatNumber(w.designEffect, 2)}, effektive Fallzahl ${formatNumber(w.effectiveN, 0)}; ${w.mergedCategories.length ? `${formatNumber(w.mergedCategories.length)} Gruppe${w.mergedCategories.length === 1 ? '' : 'n'} vor der Gewichtung zusammengefasst` : 'keine Gruppe zusammengefasst'}${weightingRef ? ` (Abschnitt ${weightingRef})` : ''}.`,
  );
}

export function appendixChapter(ctx: BuildContext, a: Analysis, info: ProvenanceInfo): Section {
  return buildSection(ctx, 1, 'Anhang', (b) => {
    b.section(2, 'Tabellenband', (s) => tableVolume(s, a));
    b.section(2, 'Statistische Qualitätssicherung', (s) => qualitySection(s, a));
    b.section(2, 'Fragen und Antwortskalen', (s) => itemList(s, a));
    b.section(2, 'Glossar', (s) => s.text('glossar', {}));
    b.section(2, 'Abbildungs- und Tabellenverzeichnis', (s) => registers(s, ctx));
    b.section(2, 'Angaben zur Erstellung', (s) => {
      s.p(
        'Dieser Bericht wurde automatisch aus den von der Kommune übermittelten Daten erstellt. Die folgenden Angaben machen ihn nachvollziehbar; alle Zahlen stehen zusätzlich maschinenlesbar in der Datei analysis.json.',
      );
      s.push({
        kind: 'defs',
        cls: 'provenance',
        items: [
          { term: 'Berichtsversion', desc: formatNumber(info.version) },
          { term: 'erstellt am', desc: germanDateTime(info.generatedAt) },
          { term: 'Auswertungsprogramm', desc: `sia ${info.engineVersion}` },
          { term: 'Berichtsvorlage', desc: info.templateVersion },
          { term: 'Datenschema', desc: `analysis.json ${a.schemaVersion || SCHEMA_VERSION}` },
          { term: 'Kommune', desc: `${a.meta.kommune.name} (AGS ${a.meta.kommune.ags})` },
          { term: 'Berichtsjahr', desc: String(a.meta.berichtsjahr) },
        ],
      });
    });
  });
}
