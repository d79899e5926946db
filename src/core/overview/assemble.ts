/**
 * The "Landesüberblick" as a short HTML document for the printer (and its tables for the XLSX export),
 * built with the report's own blocks, numbering, stylesheet and fonts (templates/report/landesueberblick.eta).
 */
import { formatNumber, formatPercent, formatRate, MISSING } from '../format/number.js';
import type { ReportAssets } from '../ports.js';
import { assembleCss, DEFAULT_BRANDING } from '../report/css.js';
import { germanDate } from '../report/dates.js';
import { engineFor } from '../report/engine.js';
import { DocNumbering } from '../report/numbering.js';
import type { ReportTable } from '../report/assemble.js';
import { shareText } from '../report/text.js';
import { buildSection, BuildContext, group, nd, rh, row, td, th } from '../report/view/builder.js';
import type { Block, Section, Table } from '../report/view/types.js';
import {
  MIN_CONTRIBUTORS,
  type IndicatorDef,
  type MunicipalityRow,
  type Overview,
  type Position,
  type Reference,
} from './schema.js';
import { SAFETY_ITEM } from './build.js';

export const OVERVIEW_TITLE = 'Landesüberblick Sicherheitsanalysen';
export const OVERVIEW_PUBLISHER = 'Landespräventionsrat Sachsen';

export const POSITION_LABELS: Readonly<Record<Position, string>> = {
  'unteres-viertel': 'unteres Viertel',
  'unter-median': 'unter dem Median',
  'ueber-median': 'über dem Median',
  'oberes-viertel': 'oberes Viertel',
};

export interface AssembledOverview {
  readonly html: string;
  readonly title: string;
  readonly author: string;
  readonly headerTemplate: string;
  readonly footerTemplate: string;
  /** Every table (the printed ones and the full indicator table), for the XLSX export. */
  readonly tables: readonly ReportTable[];
}

function formatValue(ind: IndicatorDef | undefined, value: number | null, limited = false): string {
  if (value === null) return MISSING;
  if (!ind || ind.kind === 'share') return shareText(value, limited);
  if (ind.kind === 'rate') return formatRate(value);
  return formatNumber(value, 2);
}

const valueOf = (r: MunicipalityRow, id: string) => r.values.find((v) => v.indicator === id);
const positionText = (p: Position | null | undefined): string => (p ? POSITION_LABELS[p] : MISSING);

function wavesText(r: MunicipalityRow): string {
  const years = r.waves.map((w) => (w.surveyYear !== null ? String(w.surveyYear) : `BJ ${w.berichtsjahr}`));
  return years.join(', ');
}

function mainTable(ctx: BuildContext, o: Overview): Table {
  const ind = new Map(o.indicators.map((i) => [i.id, i]));
  const safety = `survey:${SAFETY_ITEM}`;
  return ctx.table({
    caption: 'Kernindikatoren der Kommunen (jeweils letzte Analyse)',
    head: [
      row([
        th('Kommune'),
        th('Kreis'),
        th('Befragung'),
        th('Nachts unsicher', { num: true }),
        th('Lage'),
        th('Häufigstes Problem'),
        th('Häufigste Opfererfahrung'),
        th('HZ', { num: true }),
        th('Lage'),
        th('HZ ÷ Kreis', { num: true }),
        th('HZ ÷ Land', { num: true }),
        th('Befragungen'),
      ]),
    ],
    body: [
      group(
        o.rows.map((r) => {
          const s = valueOf(r, safety);
          const hz = valueOf(r, 'crime:hz');
          const top = r.topIncivilities[0];
          const victims = r.values
            .filter((v) => v.indicator.startsWith('victim:'))
            .sort((x, y) => y.value - x.value || (x.indicator < y.indicator ? -1 : 1))[0];
          return row([
            rh(r.name),
            td(r.kreis.name ?? r.kreis.key),
            td(r.surveyYear !== null ? String(r.surveyYear) : `BJ ${r.berichtsjahr}`),
            nd(formatValue(ind.get(safety), s?.value ?? null, s?.limited)),
            td(positionText(s?.position)),
            td(top ? `${top.label} (${shareText(top.share, top.limited)})` : MISSING),
            td(
              victims
                ? `${(ind.get(victims.indicator)?.label ?? victims.indicator).replace(/^Opfer in 12 Monaten: /, '')} (${shareText(victims.value, victims.limited)})`
                : MISSING,
            ),
            nd(formatRate(hz?.value ?? null)),
            td(positionText(hz?.position)),
            nd(formatValue(ind.get('crime:hz-kreis'), valueOf(r, 'crime:hz-kreis')?.value ?? null)),
            nd(formatValue(ind.get('crime:hz-land'), valueOf(r, 'crime:hz-land')?.value ?? null)),
            td(wavesText(r)),
          ]);
        }),
      ),
    ],
    notes: [
      '„Nachts unsicher“: gewichteter Anteil „eher/sehr unsicher“ nachts in der Wohngegend; Werte in Klammern: eingeschränkt aussagekräftig (weniger als 30 gültige Antworten), nicht in den Referenzwerten.',
      `„Lage“: Stellung gegenüber den sächsischen Referenzwerten (Quartile über die Kommunen), nur wo mindestens ${MIN_CONTRIBUTORS} Kommunen beitragen. HZ: Häufigkeitszahl Straftaten insgesamt (Fälle je 100.000 Einwohner) im letzten Jahr; HZ ÷ Kreis bzw. Land: Verhältnis zur Häufigkeitszahl des Landkreises bzw. Sachsens.`,
    ],
    cls: 'compact',
  });
}

function referenceTable(ctx: BuildContext, o: Overview): Table {
  const refOf = new Map(o.references.map((r) => [r.indicator, r]));
  const fmt = (ind: IndicatorDef, r: Reference, v: number | null) =>
    r.median === null ? MISSING : formatValue(ind, v);
  return ctx.table({
    caption: 'Sächsische Referenzwerte: Median und Quartile über die Kommunen',
    head: [
      row([
        th('Kennzahl'),
        th('Kommunen', { num: true }),
        th('unteres Quartil', { num: true }),
        th('Median', { num: true }),
        th('oberes Quartil', { num: true }),
      ]),
    ],
    body: [
      group(
        o.indicators.map((ind) => {
          const r = refOf.get(ind.id) ?? {
            indicator: ind.id,
            contributors: 0,
            q1: null,
            median: null,
            q3: null,
          };
          return r.median === null
            ? row([
                rh(ind.label),
                nd(formatNumber(r.contributors)),
                td(`weniger als ${MIN_CONTRIBUTORS} Kommunen: nicht ausgewiesen`, {
                  colspan: 3,
                  cls: 'suppressed',
                }),
              ])
            : row([
                rh(ind.label),
                nd(formatNumber(r.contributors)),
                nd(fmt(ind, r, r.q1)),
                nd(fmt(ind, r, r.median)),
                nd(fmt(ind, r, r.q3)),
              ]);
        }),
      ),
    ],
    notes: [
      `Quartile wie Excel QUARTIL.INKL über die Kommunen mit einem ausgewiesenen Wert (ohne eingeschränkt aussagekräftige Werte); ein Referenzwert wird erst ab ${MIN_CONTRIBUTORS} beitragenden Kommunen gezeigt. Jede Kommune zählt einmal, gleich wie groß sie ist.`,
    ],
    cls: 'compact',
  });
}

function recommendationsTable(ctx: BuildContext, o: Overview): Table {
  return ctx.table({
    caption: 'Handlungsempfehlungen nach Häufigkeit',
    head: [row([th('Empfehlung'), th('Kommunen', { num: true }), th('Anteil', { num: true })])],
    body: [
      group(
        o.recommendations.map((r) =>
          row([rh(r.title), nd(formatNumber(r.count)), nd(formatPercent(r.share))]),
        ),
      ),
    ],
    notes: [
      'Empfehlungen der jeweils letzten Analyse jeder Kommune; Anteil an allen Kommunen des Überblicks.',
    ],
    cls: 'compact',
  });
}

function wavesTable(ctx: BuildContext, o: Overview): Table | undefined {
  const rows = o.rows.filter((r) => r.waves.length > 1 || r.development !== null);
  if (rows.length === 0) return undefined;
  return ctx.table({
    caption: 'Wiederholte Befragungen',
    head: [
      row([
        th('Kommune'),
        th('Befragungen'),
        th('Nachts unsicher: Änderung', { num: true }),
        th('Bewertung'),
        th('gesichert gesunken', { num: true }),
        th('gesichert gestiegen', { num: true }),
      ]),
    ],
    body: [
      group(
        rows.map((r) => {
          const d = r.development;
          const s = d?.safetyNight ?? null;
          return row([
            rh(r.name),
            td(wavesText(r)),
            nd(
              s
                ? `${s.difference > 0 ? '+' : s.difference < 0 ? '−' : ''}${formatNumber(Math.abs(s.difference) * 100, 1)} Pp.`
                : MISSING,
            ),
            td(
              s
                ? s.significant
                  ? s.difference < 0
                    ? 'gesunken (gesichert)'
                    : 'gestiegen (gesichert)'
                  : 'keine gesicherte Veränderung'
                : MISSING,
            ),
            nd(d ? formatNumber(d.improved) : MISSING),
            nd(d ? formatNumber(d.worsened) : MISSING),
          ]);
        }),
      ),
    ],
    notes: [
      'Aus dem Kapitel „Entwicklung seit der Befragung …“ der letzten Analyse: Änderung des Anteils „nachts unsicher“ aller Befragten und die Zahl der gesichert gesunkenen bzw. gestiegenen Werte (Anteile ungünstiger Antworten).',
    ],
    cls: 'compact',
  });
}

/** Every indicator of every municipality (value and position): for the spreadsheet only. */
function fullTable(ctx: BuildContext, o: Overview): Table {
  return ctx.table({
    caption: 'Alle Kennzahlen der Kommunen mit Lage gegenüber den Referenzwerten',
    head: [
      row([th('Kommune'), th('Gemeindeschlüssel'), th('Kennzahl'), th('Wert', { num: true }), th('Lage')]),
    ],
    body: o.rows.map((r) =>
      group(
        o.indicators.map((ind) => {
          const v = valueOf(r, ind.id);
          return row([
            rh(r.name),
            td(r.ags),
            td(ind.label),
            nd(formatValue(ind, v?.value ?? null, v?.limited)),
            td(positionText(v?.position)),
          ]);
        }),
      ),
    ),
    notes: ['Werte in Klammern: eingeschränkt aussagekräftig; „–“: nicht ausgewiesen oder nicht erhoben.'],
    cls: 'compact',
  });
}

function reportTables(
  sections: readonly Section[],
  extra: readonly Table[],
  numbering: DocNumbering,
): ReportTable[] {
  const byId = new Map<string, { table: Table }>();
  const walk = (blocks: readonly Block[]) => {
    for (const b of blocks) {
      if (b.kind === 'table') byId.set(b.table.id, { table: b.table });
      else if (b.kind === 'section') walk(b.section.blocks);
    }
  };
  for (const s of sections) walk(s.blocks);
  for (const t of extra) byId.set(t.id, { table: t });
  return numbering.tables.flatMap((n) => {
    const t = byId.get(n.id);
    return t ? [{ number: n.number, section: n.section, table: t.table }] : [];
  });
}

/** The overview's sections (printed) and its full indicator table (spreadsheet only), numbered in order. */
function overviewContent(o: Overview): { sections: Section[]; tables: ReportTable[] } {
  const numbering = new DocNumbering();
  const ctx = new BuildContext(numbering, []);
  const stand = germanDate(o.generatedAt);
  const sections: Section[] = [
    buildSection(ctx, 1, 'Kommunen im Vergleich', (b) => {
      b.p(
        `Der Landesüberblick stellt die jeweils letzte Sicherheitsanalyse von ${countText(o)} nebeneinander (Stand ${stand}): das Sicherheitsgefühl nachts, die wichtigsten Probleme im Wohnumfeld (Incivilities), Opfererfahrungen und die polizeilich registrierte Kriminalität im Verhältnis zu Kreis und Land. Referenzwerte sind Median und Quartile über die Kommunen.`,
        'lead',
      );
      b.push({ kind: 'table', table: mainTable(ctx, o) });
    }),
    buildSection(ctx, 1, 'Sächsische Referenzwerte', (b) =>
      b.push({ kind: 'table', table: referenceTable(ctx, o) }),
    ),
    buildSection(ctx, 1, 'Empfehlungen und Befragungswellen', (b) => {
      b.push({ kind: 'table', table: recommendationsTable(ctx, o) });
      const waves = wavesTable(ctx, o);
      if (waves) b.push({ kind: 'table', table: waves });
      else b.p('Bisher hat keine Kommune eine Befragung wiederholt.');
      if (o.skipped.length)
        b.note(
          'Nicht berücksichtigt',
          ['Diese Analysen ließen sich nicht lesen und fehlen im Überblick:'],
          o.skipped.map((s) => `${s.source}: ${s.reason}`),
        );
    }),
  ];
  const full = fullTable(ctx, o);
  return { sections, tables: reportTables(sections, [full], numbering) };
}

const countText = (o: Overview): string =>
  `${formatNumber(o.municipalities)} ${o.municipalities === 1 ? 'Kommune' : 'Kommunen'}`;

/** Every table of the overview, for the spreadsheet (no templates needed). */
export function overviewTables(o: Overview): readonly ReportTable[] {
  return overviewContent(o).tables;
}

export function assembleOverview(o: Overview, assets: ReportAssets): AssembledOverview {
  const { sections, tables } = overviewContent(o);
  const stand = germanDate(o.generatedAt);
  const eta = engineFor(assets);
  const css = assembleCss(assets.templates['report.css'] ?? '', assets.fonts, DEFAULT_BRANDING);
  const title = OVERVIEW_TITLE;
  const author = OVERVIEW_PUBLISHER;
  const html = eta.render('@landesueberblick', {
    doc: {
      title,
      author,
      description: `Landesüberblick über ${countText(o)} mit kommunaler Sicherheitsanalyse in Sachsen (Stand ${stand}).`,
    },
    css,
    cover: { title, stand: `Stand: ${stand}`, publisher: author, count: countText(o) },
    sections,
  });
  return {
    html,
    title,
    author,
    headerTemplate: eta.render('@header', { title, kommune: author, logo: null }),
    footerTemplate: eta.render('@footer', { title }),
    tables,
  };
}
