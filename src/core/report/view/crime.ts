/** Chapter 4: Objektive Sicherheitslage — PKS, regional comparison, PMK, Ordnungswidrigkeiten. */
import type { Analysis, Level } from '../../analysis/schema.js';
import { trendObject } from '../../recommend/evaluate.js';
import { joinGerman } from '../text.js';
import { formatNumber, formatPercent, formatRate, MISSING } from '../../format/number.js';
import { KEY_TOTAL } from '../../model/pks-keys.js';
import { FLAG_LABELS, pmkLabel } from '../labels.js';
import { buildSection, group, nd, rh, row, th, type BuildContext, type SectionBuilder } from './builder.js';
import type { Cell, Row, Section } from './types.js';
import { areaName, yearsText } from './shared.js';

/** Year columns shown in the tables (the latest ones); all years stay in analysis.json. */
export const MAX_YEAR_COLUMNS = 6;
const AREAS_PER_TABLE = 6;

export const PKS_METHODS_SECTION = 'Polizeiliche Daten: Aussagekraft und Grenzen';

const CONTROL_MARK = '¹';
const LOCATION_MARK = '²';

function changeWords(change: number): string {
  const pct = formatNumber(Math.abs(change) * 100, 1);
  if (pct === '0,0') return 'nahezu unverändert geblieben';
  return `um ${pct}\u00A0% ${change > 0 ? 'gestiegen' : 'gesunken'}`;
}

function keyLabel(k: Analysis['crime']['keys'][number]): string {
  return `${k.label}${k.controlOffence ? CONTROL_MARK : ''}${k.locationOftenUnknown ? LOCATION_MARK : ''}`;
}

function keyNotes(keys: Analysis['crime']['keys']): string[] {
  const notes: string[] = [];
  if (keys.some((k) => k.controlOffence))
    notes.push(
      `${CONTROL_MARK} Kontrolldelikt: Die Fallzahl hängt vor allem von der Kontrolltätigkeit der Polizei und des Handels ab, nicht vom tatsächlichen Ausmaß.`,
    );
  if (keys.some((k) => k.locationOftenUnknown))
    notes.push(
      `${LOCATION_MARK} Der Tatort ist oft unbekannt oder liegt außerhalb der Kommune; die örtlichen Fallzahlen sind unvollständig.`,
    );
  return notes;
}

function shownYears(a: Analysis): number[] {
  return [...a.crime.years].sort((x, y) => x - y).slice(-MAX_YEAR_COLUMNS);
}

function developmentSection(s: SectionBuilder, a: Analysis): void {
  const years = [...a.crime.years].sort((x, y) => x - y).filter((y) => a.crime.byYear[String(y)]);
  const first = years[0];
  const last = years[years.length - 1];
  const name = a.meta.kommune.name;
  if (first === undefined || last === undefined) {
    s.p('Für die Kommune liegen keine auswertbaren Fallzahlen der Polizeilichen Kriminalstatistik vor.');
    return;
  }
  const l = a.crime.byYear[String(last)];
  const f = a.crime.byYear[String(first)];
  if (l) {
    const parts = [
      `Im Jahr ${last} registrierte die Polizei in ${name} ${formatNumber(l.total.cases)} Straftaten`,
    ];
    if (l.total.rate !== null)
      parts.push(
        `; das entspricht einer Häufigkeitszahl von ${formatRate(l.total.rate)} Fällen je 100.000 Einwohnerinnen und Einwohner`,
      );
    let text = `${parts.join('')}.`;
    if (l.total.clearanceRate !== null)
      text += ` Die Aufklärungsquote lag bei ${formatPercent(l.total.clearanceRate)}.`;
    if (f && first !== last && f.total.cases > 0) {
      const change = (l.total.cases - f.total.cases) / f.total.cases;
      text += ` ${first} waren es ${formatNumber(f.total.cases)} Fälle (${changeWords(change)}).`;
      const test = a.crime.trends.find((t) => t.key === KEY_TOTAL)?.test;
      if (test?.tested)
        text += ` Ob sich daraus ein Trend ablesen lässt, prüft ein Trendtest über alle Jahre der Reihe (Poisson-Regression${test.onRates ? ' der Häufigkeitszahl' : ''}): Er zeigt ${trendObject(test)}.`;
      else if (test)
        text += ` Einen Trend weist der Bericht nicht aus: Für einen Trendtest reicht die Reihe nicht (${test.reason ?? 'zu wenige Daten'}).`;
    }
    s.p(text);
  }
  const rows: Row[] = years.map((y) => {
    const fig = a.crime.byYear[String(y)];
    return row([
      rh(String(y)),
      nd(fig && fig.population !== null ? formatNumber(fig.population) : MISSING),
      nd(fig ? formatNumber(fig.total.cases) : MISSING),
      nd(fig ? formatRate(fig.total.rate) : MISSING),
      nd(fig ? formatPercent(fig.total.clearanceRate) : MISSING),
    ]);
  });
  s.table({
    caption: `Registrierte Straftaten insgesamt ${yearsText(years)}`,
    head: [
      row([
        th('Jahr'),
        th('Einwohner', { num: true }),
        th('Fälle', { num: true }),
        th('Häufigkeitszahl', { num: true }),
        th('Aufklärungsquote', { num: true }),
      ]),
    ],
    body: [group(rows)],
    notes: [
      'Häufigkeitszahl: Fälle je 100.000 Einwohnerinnen und Einwohner. Quelle: Polizeiliche Kriminalstatistik (PKS), von der Kommune übermittelt.',
    ],
  });
  s.charts('crime.development');
}

function keysSection(s: SectionBuilder, a: Analysis): void {
  const years = shownYears(a);
  const keys = a.crime.keys.filter((k) => k.key !== KEY_TOTAL);
  if (keys.length === 0 || years.length === 0) {
    s.p('Fallzahlen nach Deliktsbereichen wurden nicht übermittelt.');
    return;
  }
  s.p(
    'Die folgenden Tabellen zeigen die Deliktsbereiche, die für das Sicherheitsempfinden besonders bedeutsam sind: Fallzahlen, Häufigkeitszahlen und Aufklärungsquoten. Bei kleinen Fallzahlen verändern schon wenige Taten die Häufigkeitszahl deutlich; die absoluten Zahlen stehen deshalb immer daneben.',
  );
  const yearHead = (label: string) => [row([th(label), ...years.map((y) => th(String(y), { num: true }))])];
  const fig = (key: string, y: number) => a.crime.byYear[String(y)]?.byKey[key];
  const notes = keyNotes(keys);
  const totalRow = (value: (y: number) => string): Row =>
    row([rh('Straftaten insgesamt'), ...years.map((y): Cell => nd(value(y)))], 'total');
  const tot = (y: number) => a.crime.byYear[String(y)]?.total;
  s.table({
    caption: `Registrierte Fälle nach Deliktsbereichen ${yearsText(years)}`,
    head: yearHead('Deliktsbereich'),
    body: [
      group([
        ...keys.map((k) =>
          row([
            rh(keyLabel(k)),
            ...years.map((y): Cell => nd(fig(k.key, y) ? formatNumber(fig(k.key, y)?.cases) : MISSING)),
          ]),
        ),
        totalRow((y) => formatNumber(tot(y)?.cases)),
      ]),
    ],
    notes,
    cls: 'compact',
  });
  s.table({
    caption: `Häufigkeitszahlen nach Deliktsbereichen ${yearsText(years)}`,
    head: yearHead('Deliktsbereich'),
    body: [
      group([
        ...keys.map((k) =>
          row([rh(keyLabel(k)), ...years.map((y): Cell => nd(formatRate(fig(k.key, y)?.rate)))]),
        ),
        totalRow((y) => formatRate(tot(y)?.rate)),
      ]),
    ],
    notes: ['Häufigkeitszahl: Fälle je 100.000 Einwohnerinnen und Einwohner.', ...notes],
    cls: 'compact',
  });
  s.table({
    caption: `Aufklärungsquoten nach Deliktsbereichen ${yearsText(years)}`,
    head: yearHead('Deliktsbereich'),
    body: [
      group([
        ...keys.map((k) =>
          row([rh(keyLabel(k)), ...years.map((y): Cell => nd(formatPercent(fig(k.key, y)?.clearanceRate)))]),
        ),
        totalRow((y) => formatPercent(tot(y)?.clearanceRate)),
      ]),
    ],
    notes: [
      'Aufklärungsquote: Anteil der aufgeklärten an den registrierten Fällen. „–“: keine Angabe.',
      ...notes,
    ],
    cls: 'compact',
  });

  const trends = a.crime.trends.filter((t) => t.points.some((p) => p.index !== null));
  if (trends.length && years.length > 1) {
    const base = trends[0]?.points[0]?.year;
    s.table({
      caption: `Entwicklung der Fallzahlen als Index${base !== undefined ? ` (${base} = 100)` : ''}`,
      head: yearHead('Deliktsbereich'),
      body: [
        group(
          trends.map((t) =>
            row([
              rh(t.key === KEY_TOTAL ? 'Straftaten insgesamt' : t.label),
              ...years.map((y): Cell =>
                nd(formatNumber(t.points.find((p) => p.year === y)?.index ?? null, 0)),
              ),
            ]),
          ),
        ),
      ],
      notes: [
        'Index: Fallzahl im Verhältnis zum ersten Jahr der Reihe (= 100). „–“: im ersten Jahr keine Fälle, kein Index berechenbar.',
      ],
      cls: 'compact',
    });
  }
  if (a.crime.structure.length) {
    const latest = years[years.length - 1];
    s.table({
      caption: `Deliktsstruktur ${latest ?? ''}: Anteile an allen registrierten Straftaten`.trim(),
      head: [row([th('Deliktsbereich'), th('Fälle', { num: true }), th('Anteil', { num: true })])],
      body: [
        group(
          a.crime.structure.map((c) =>
            row([rh(c.label), nd(formatNumber(c.count)), nd(formatPercent(c.share))]),
          ),
        ),
      ],
      notes: [
        'Die Bereiche überschneiden sich teilweise (z. B. Straßenkriminalität und Sachbeschädigung); die Anteile ergeben daher nicht 100\u00A0%.',
      ],
    });
  }
  s.charts('crime.keys');
}

function flagsSection(s: SectionBuilder, a: Analysis): void {
  const flags = a.crime.flags;
  if (flags.length === 0) {
    s.p('Die Prüfung der Zeitreihen ergab keine Sprünge, Sondereffekte oder auffällig kleinen Fallzahlen.');
    return;
  }
  s.p(
    'Die Auswertung prüft die Zeitreihen automatisch auf starke Veränderungen (mehr als ±30\u00A0% zum Vorjahr), auf sehr kleine Fallzahlen und auf mögliche Sondereffekte wie Sammelverfahren. Solche Stellen sollten vor einer Interpretation mit der Polizei besprochen werden.',
  );
  const kinds = ['sondereffekt', 'sprung', 'kleine-fallzahl', 'gesamt-abweichung'] as const;
  for (const kind of kinds) {
    const list = flags.filter((f) => f.kind === kind);
    if (list.length === 0) continue;
    s.p(
      `${FLAG_LABELS[kind]} (${list.length === 1 ? '1 Stelle' : `${formatNumber(list.length)} Stellen`}):`,
      'list-title',
    );
    s.list(
      list.map((f) => {
        const area = f.areaId ? areaName(a, f.areaId) : '';
        return area && !f.message.includes(area) ? `${area}: ${f.message}` : f.message;
      }),
    );
  }
}

function areasSection(s: SectionBuilder, a: Analysis): void {
  const ids = a.meta.gebiete.map((g) => g.id).filter((id) => a.crime.byArea[id]);
  if (ids.length === 0) {
    s.p('Fallzahlen nach Teilgebieten wurden nicht übermittelt.');
    return;
  }
  const years = shownYears(a);
  const latest = years[years.length - 1];
  const avgYears = a.crime.byArea[ids[0] as string]?.average.years ?? [];
  s.p(
    `In kleinen Teilgebieten schwanken die Fallzahlen von Jahr zu Jahr stark. Neben dem letzten Jahr zeigt die Tabelle deshalb den Durchschnitt der Jahre ${yearsText(avgYears)}, der ein stabileres Bild gibt.`,
  );
  s.table({
    caption: 'Registrierte Straftaten nach Teilgebieten',
    head: [
      row([
        th('Gebiet'),
        th('Einwohner', { num: true }),
        th(`Fälle ${latest ?? ''}`.trim(), { num: true }),
        th(`HZ ${latest ?? ''}`.trim(), { num: true }),
        th(`Ø Fälle ${yearsText(avgYears)}`, { num: true }),
        th('Ø HZ', { num: true }),
      ]),
    ],
    body: [
      group(
        ids.map((id) => {
          const ar = a.crime.byArea[id];
          const l = latest !== undefined ? ar?.byYear[String(latest)] : undefined;
          return row([
            rh(areaName(a, id)),
            nd(ar && ar.population !== null ? formatNumber(ar.population) : MISSING),
            nd(l ? formatNumber(l.cases) : MISSING),
            nd(formatRate(l?.rate)),
            nd(ar ? formatNumber(ar.average.cases, 1) : MISSING),
            nd(formatRate(ar?.average.rate)),
          ]);
        }),
      ),
    ],
    notes: [
      'HZ: Häufigkeitszahl (Fälle je 100.000 Einwohnerinnen und Einwohner). Taten ohne bekannten Tatort im Gebiet sind nur in der Summe der Kommune enthalten.',
    ],
    cls: 'compact',
  });
  const keys = a.crime.keys.filter(
    (k) => k.key !== KEY_TOTAL && ids.some((id) => a.crime.byArea[id]?.byKeyLatest[k.key]),
  );
  for (let start = 0; keys.length && start < ids.length; start += AREAS_PER_TABLE) {
    const part = ids.slice(start, start + AREAS_PER_TABLE);
    s.table({
      caption:
        `Registrierte Fälle nach Deliktsbereichen und Teilgebieten ${latest ?? ''}${ids.length > AREAS_PER_TABLE ? ` (Teil ${formatNumber(start / AREAS_PER_TABLE + 1)})` : ''}`.replace(
          /\s+\(/,
          ' (',
        ),
      head: [row([th('Deliktsbereich'), ...part.map((id) => th(areaName(a, id), { num: true }))])],
      body: [
        group(
          keys.map((k) =>
            row([
              rh(keyLabel(k)),
              ...part.map((id): Cell =>
                nd(formatNumber(a.crime.byArea[id]?.byKeyLatest[k.key]?.cases ?? null)),
              ),
            ]),
          ),
        ),
      ],
      notes: keyNotes(keys),
      cls: 'compact',
    });
  }
  s.charts('crime.areas');
}

function regionalSection(s: SectionBuilder, a: Analysis): void {
  const r = a.crime.regional;
  if (!r) {
    s.p(
      'Für einen Vergleich mit Landkreis und Land wurde keine Kreistabelle des Bundeskriminalamts (PKS „Fälle – Kreise“) übermittelt.',
    );
    return;
  }
  const total = r.rows.find((x) => x.key === KEY_TOTAL);
  if (total && total.municipalityRate !== null) {
    // "über"/"unter" only where the exact Poisson interval of the municipal rate excludes the other rate.
    const cmp = (own: number, other: number | null, level: Level | null, where: string) => {
      if (other === null || other <= 0) return '';
      const ratio = own / other;
      if (level === 'ueber' || level === 'unter')
        return `${formatNumber(Math.abs(ratio - 1) * 100, 0)}\u00A0% ${level === 'ueber' ? 'über' : 'unter'} dem Wert ${where} (${formatRate(other)})`;
      return `im Rahmen der Zufallsschwankung gleichauf mit dem Wert ${where} (${formatRate(other)})`;
    };
    const parts = [
      cmp(total.municipalityRate, total.kreisRate, total.kreisLevel, `des Kreises ${r.kreis.name}`),
      cmp(total.municipalityRate, total.landRate, total.landLevel, `des Landes ${r.land.name}`),
    ].filter(Boolean);
    s.p(
      `Mit einer Häufigkeitszahl von ${formatRate(total.municipalityRate)} (95-%-Intervall ${formatRate(total.municipalityRateCi95?.[0])}–${formatRate(total.municipalityRateCi95?.[1])}) lag ${a.meta.kommune.name} im Jahr ${r.year} ${parts.length ? parts.join(' und ') : 'ohne Vergleichswert'}. Als höher oder niedriger gilt die Häufigkeitszahl nur, wenn ihr exaktes 95-%-Intervall (Poisson) den Vergleichswert ausschließt und ihr mindestens 10 Fälle zugrunde liegen.`,
    );
    const above = r.rows.filter((x) => x.key !== KEY_TOTAL && x.kreisLevel === 'ueber');
    if (above.length)
      s.p(
        `Gesichert über dem Wert des Kreises liegen außerdem: ${joinGerman(above.map((x) => `${x.label} (${formatRate(x.municipalityRate)} gegenüber ${formatRate(x.kreisRate)})`))}.`,
      );
  }
  s.p(
    'Vergleiche zwischen Gebieten sind nur eingeschränkt aussagekräftig: Nach dem Tatortprinzip zählen Taten dort, wo sie begangen wurden, die Häufigkeitszahl bezieht sie aber nur auf die Wohnbevölkerung. Orte mit vielen Pendlerinnen, Pendlern und Gästen, Einkaufszentren oder Bahnhöfen erscheinen deshalb stärker belastet.',
  );
  s.table({
    caption: `Häufigkeitszahlen und Aufklärungsquoten im Vergleich ${r.year}`,
    head: [
      row([
        th('Deliktsbereich', { rowspan: 2 }),
        th('Häufigkeitszahl', { scope: 'colgroup', colspan: 3 }),
        th('Aufklärungsquote', { scope: 'colgroup', colspan: 3 }),
      ]),
      row([
        th(a.meta.kommune.name, { num: true }),
        th('Kreis', { num: true }),
        th('Land', { num: true }),
        th(a.meta.kommune.name, { num: true }),
        th('Kreis', { num: true }),
        th('Land', { num: true }),
      ]),
    ],
    body: [
      group(
        r.rows.map((x) =>
          row([
            rh(x.key === KEY_TOTAL ? 'Straftaten insgesamt' : x.label),
            nd(formatRate(x.municipalityRate)),
            nd(formatRate(x.kreisRate)),
            nd(formatRate(x.landRate)),
            nd(formatPercent(x.municipalityClearance)),
            nd(formatPercent(x.kreisClearance)),
            nd(formatPercent(x.landClearance)),
          ]),
        ),
      ),
    ],
    notes: [
      `Kreis: ${r.kreis.name}; Land: ${r.land.name} (Summe seiner Kreise). Quelle: Bundeskriminalamt, PKS-Tabelle „Fälle – Kreise“ ${r.year}; Kommune: eigene Berechnung aus den übermittelten Fallzahlen.`,
    ],
    cls: 'compact',
  });
  s.charts('crime.regional');
}

function pmkSection(s: SectionBuilder, a: Analysis): void {
  const p = a.pmk;
  s.text('pmk-hinweis', { stand: p?.stand ?? '', hasData: p && p.rows.length ? 'ja' : 'nein' });
  if (!p || p.rows.length === 0) return;
  const years = [...p.years].sort((x, y) => x - y).slice(-MAX_YEAR_COLUMNS);
  const bereiche: { bereich: string; label: string }[] = [];
  for (const r of p.rows)
    if (!bereiche.some((b) => b.bereich === r.bereich))
      bereiche.push({ bereich: r.bereich, label: pmkLabel(r.bereich, r.label) });
  const cell = (bereich: string, y: number): Cell => {
    const r = p.rows.find((x) => x.bereich === bereich && x.year === y);
    if (!r) return nd(MISSING);
    return nd(
      r.violent !== null ? `${formatNumber(r.cases)} (${formatNumber(r.violent)})` : formatNumber(r.cases),
    );
  };
  const sum = (y: number) => p.rows.filter((x) => x.year === y).reduce((t, x) => t + x.cases, 0);
  s.table({
    caption: `Politisch motivierte Kriminalität nach Phänomenbereichen ${yearsText(years)}`,
    head: [row([th('Phänomenbereich'), ...years.map((y) => th(String(y), { num: true }))])],
    body: [
      group([
        ...bereiche.map((b) => row([rh(b.label), ...years.map((y) => cell(b.bereich, y))])),
        row([rh('insgesamt'), ...years.map((y) => nd(formatNumber(sum(y))))], 'total'),
      ]),
    ],
    notes: [
      'Fälle; in Klammern: davon Gewaltdelikte, soweit übermittelt.',
      `Quelle: Kriminalpolizeilicher Meldedienst – Politisch motivierte Kriminalität (KPMD-PMK), Eingangsstatistik${p.stand ? `, Stand ${p.stand}` : ''}. Nicht mit den Zahlen der PKS addierbar.`,
    ],
    cls: 'compact',
  });
  s.charts('crime.pmk');
}

function owiSection(s: SectionBuilder, a: Analysis): void {
  const o = a.owi;
  if (!o || o.rows.length === 0) {
    s.p(
      'Daten des Ordnungsamts zu Ordnungswidrigkeiten wurden nicht übermittelt. Sie können zeigen, wo Alltagsprobleme wie Müll, Lärm oder Falschparken die Behörden beschäftigen, und ergänzen so die Befragungsergebnisse zu Problemen im Wohnumfeld.',
    );
    return;
  }
  const years = [...o.years].sort((x, y) => x - y).slice(-MAX_YEAR_COLUMNS);
  const cats: string[] = [];
  for (const r of o.rows) if (!cats.includes(r.category)) cats.push(r.category);
  s.p(
    'Ordnungswidrigkeiten sind keine Straftaten und erscheinen nicht in der PKS. Die vom Ordnungsamt registrierten Fälle zeigen, wo Alltagsprobleme die Behörden beschäftigen; wie die PKS hängen sie stark von der Kontrolltätigkeit ab.',
  );
  s.table({
    caption: `Vom Ordnungsamt registrierte Ordnungswidrigkeiten ${yearsText(years)}`,
    head: [row([th('Kategorie'), ...years.map((y) => th(String(y), { num: true }))])],
    body: [
      group(
        cats.map((c) =>
          row([
            rh(c),
            ...years.map((y): Cell =>
              nd(
                formatNumber(
                  o.rows.filter((r) => r.category === c && r.year === y).reduce((t, r) => t + r.count, 0),
                ),
              ),
            ),
          ]),
        ),
      ),
    ],
    notes: ['Quelle: von der Kommune übermittelte Fallzahlen des Ordnungsamts.'],
    cls: 'compact',
  });
  s.charts('crime.owi');
}

export function crimeChapter(ctx: BuildContext, a: Analysis): Section {
  return buildSection(ctx, 1, 'Objektive Sicherheitslage', (b) => {
    const ref = ctx.numbering.numberOf(PKS_METHODS_SECTION);
    b.p(
      `Dieses Kapitel beschreibt die Kriminalität, die der Polizei bekannt geworden ist, auf Grundlage der Polizeilichen Kriminalstatistik (PKS)${a.crime.years.length ? ` der Jahre ${yearsText(a.crime.years)}` : ''}. Ergänzend folgen, soweit übermittelt, die politisch motivierte Kriminalität und die Ordnungswidrigkeiten.`,
    );
    b.note('Hellfeld, nicht Kriminalitätswirklichkeit', [
      `Die PKS zählt nur Straftaten, die angezeigt oder von der Polizei selbst festgestellt wurden (Hellfeld). Wie viel im Dunkelfeld bleibt, hängt von Delikt und Anzeigebereitschaft ab. Veränderungen der Zahlen können deshalb auch auf verändertes Anzeigeverhalten, Kontrollschwerpunkte, Gesetzesänderungen oder einzelne Großverfahren zurückgehen${ref ? ` (siehe Abschnitt ${ref})` : ''}.`,
    ]);
    b.section(2, 'Entwicklung der registrierten Kriminalität', (s) => developmentSection(s, a));
    b.section(2, 'Deliktsbereiche', (s) => keysSection(s, a));
    b.section(2, 'Auffälligkeiten in den Zeitreihen', (s) => flagsSection(s, a));
    b.section(2, 'Registrierte Kriminalität in den Teilgebieten', (s) => areasSection(s, a));
    b.section(2, 'Vergleich mit Kreis und Land', (s) => regionalSection(s, a));
    b.section(2, 'Politisch motivierte Kriminalität', (s) => pmkSection(s, a));
    b.section(2, 'Ordnungswidrigkeiten', (s) => owiSection(s, a));
    b.remainingCharts('crime');
  });
}
