/** Chapter 5: Subjektive Sicherheit — the survey results. */
import type { Analysis, ItemResult } from '../../analysis/schema.js';
import { formatNumber, formatPercent } from '../../format/number.js';
import { findItem, ORTE, REQUIRED_ITEM } from '../../model/codebook.js';
import { ageGroupLabel } from '../labels.js';
import {
  countNoun,
  formatInterval,
  groupShareText,
  isSuppressed,
  joinGerman,
  negativePhrase,
  shareText,
  shareWithCi,
  SUPPRESSED_TEXT,
} from '../text.js';
import { trendObject } from '../../recommend/evaluate.js';
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
import type { Cell, Row, RowGroup, Section } from './types.js';
import type { Slot } from './chart-slots.js';
import {
  ageGroupOrder,
  figureCells,
  itemGroups,
  isShownItem,
  itemsOfDimension,
  reliabilityNotes,
  sharesDiffer,
  shownItem,
  significantSide,
  statFigure,
  surveyBaseNote,
  type ShownItem,
} from './shared.js';

type ShareFigure = Analysis['survey']['placeTime'][number];

/** Items shown side by side in the tables by area and group. */
const BREAKDOWN_ITEMS = [
  'sg_wohngegend_nacht',
  'sg_wohngegend_tag',
  'furcht_nacht',
  'vermeiden_orte',
  'lq_wohnen_gern',
];
const MAX_BREAKDOWN_ITEMS = 4;

const PLACE_PHRASE: Readonly<Record<string, string>> = {
  wohngegend: 'In der Wohngegend',
  wohnung: 'In der eigenen Wohnung',
  innenstadt: 'In der Innenstadt',
  oepnv: 'In Bus und Bahn',
};

/** "31,4 %", or "(21,4 %)" on fewer than 30 answers. */
function totalPct(item: ShownItem, share = item.total.negativeShareWeighted): string {
  return shareText(share, item.total.limited);
}

/** "(95-%-Intervall 26,8–36,4 %)", with the limited mark on fewer than 30 answers. */
function ciPart(item: ShownItem): string {
  const t = item.total;
  return `(95-%-Intervall ${formatInterval(t.ci95)}${t.limited ? `; eingeschränkt aussagekräftig, n = ${formatNumber(t.n)}` : ''})`;
}

/** "In der Wohngegend fühlen sich nachts 31,4 % der Befragten eher oder sehr unsicher (95-%-Intervall 26,8–36,4 %)." */
export function safetySentence(item: ShownItem): string {
  const def = findItem(item.code);
  const place = def?.ort ? PLACE_PHRASE[def.ort] : undefined;
  const time = def?.zeit === 'tag' ? 'tagsüber' : def?.zeit === 'nacht' ? 'nachts' : '';
  if (place)
    return `${place} fühlen sich ${time} ${totalPct(item)} der Befragten ${negativePhrase(item.negativeLabel)} ${ciPart(item)}.`.replace(
      / {2,}/g,
      ' ',
    );
  return itemSentence(item);
}

/** Generic: "Nachbarn helfen einander: 18,2 % der Befragten antworten „trifft eher oder gar nicht zu“ (95-%-Intervall …)." */
export function itemSentence(item: ShownItem): string {
  return `${item.label}: ${totalPct(item)} der Befragten antworten „${negativePhrase(item.negativeLabel)}“ ${ciPart(item)}.`;
}

function dontKnowSentence(all: readonly ItemResult[]): string {
  const items = all.filter(isShownItem);
  const high = items.filter((i) => i.total.dontKnowShare >= 0.15);
  if (high.length === 0) return '';
  return `Auffällig viele Befragte antworten mit „weiß nicht“ bei ${joinGerman(high.map((i) => `„${i.label}“ (${shareText(i.total.dontKnowShare, i.total.limited)})`))}; diese Antworten sind in den Anteilen nicht enthalten, zeigen aber, dass viele sich hier kein Urteil zutrauen.`;
}

/** Table "Frage | ungünstige Antwort | Anteil | 95-%-Intervall | n" for items. */
function itemTable(b: SectionBuilder, a: Analysis, caption: string, items: readonly ItemResult[]): void {
  if (items.length === 0) return;
  const rows = items.map((i) =>
    row([
      rh(i.label),
      td(i.negativeLabel),
      ...(isShownItem(i)
        ? figureCells(statFigure(i.total))
        : [nd(SUPPRESSED_TEXT, { colspan: 3, cls: 'suppressed' })]),
    ]),
  );
  b.table({
    caption,
    head: [
      row([
        th('Frage'),
        th('ungünstige Antwort'),
        th('Anteil', { num: true }),
        th('95-%-Intervall', { num: true }),
        th('n', { num: true }),
      ]),
    ],
    body: [group(rows)],
    notes: [
      surveyBaseNote(),
      ...reliabilityNotes(
        a,
        items.some((i) => isShownItem(i) && i.total.limited),
        items.some((i) => !isShownItem(i)),
      ),
    ],
  });
}

/** Table for chart rows (ShareFigure) with the unfavourable label looked up from the items. */
function figureTable(
  b: SectionBuilder,
  a: Analysis,
  caption: string,
  first: string,
  figures: readonly ShareFigure[] | readonly Omit<ShareFigure, 'place' | 'time'>[],
  rank = false,
): void {
  if (figures.length === 0) return;
  const rows = figures.map((f, i) =>
    row([
      ...(rank ? [nd(`${i + 1}.`)] : []),
      rh(f.label),
      td(a.survey.items[f.item]?.negativeLabel ?? '–'),
      ...figureCells(f),
    ]),
  );
  b.table({
    caption,
    head: [
      row([
        ...(rank ? [th('Rang', { num: true })] : []),
        th(first),
        th('ungünstige Antwort'),
        th('Anteil', { num: true }),
        th('95-%-Intervall', { num: true }),
        th('n', { num: true }),
      ]),
    ],
    body: [group(rows)],
    notes: [
      surveyBaseNote(),
      ...reliabilityNotes(
        a,
        figures.some((f) => f.limited && !f.suppressed),
        figures.some((f) => f.suppressed),
      ),
    ],
  });
}

function qualitySection(s: SectionBuilder, a: Analysis): void {
  const items = itemsOfDimension(a, 'lebensqualitaet');
  const name = a.meta.kommune.name;
  if (items.length === 0) {
    s.p('Fragen zur Lebensqualität waren nicht Teil dieser Befragung.');
    return;
  }
  const gern = shownItem(a, 'lq_wohnen_gern');
  if (gern) {
    const pos = 1 - gern.total.negativeShareWeighted;
    s.p(
      `${totalPct(gern, pos)} der Befragten wohnen gern oder sehr gern in ${name}; ${totalPct(gern)} antworten „${negativePhrase(gern.negativeLabel)}“ ${ciPart(gern)}. Die Wohnzufriedenheit ist der Hintergrund, vor dem Sicherheit erlebt wird: Wer gern an einem Ort lebt, bewertet ihn meist auch sicherer.`,
    );
  }
  const dev = shownItem(a, 'lq_entwicklung');
  if (dev) {
    const better = dev.total.distribution.find((c) => c.code === 1);
    s.p(
      `Nach der Entwicklung der Lebensqualität in den letzten zwölf Monaten gefragt, sehen ${totalPct(dev)} eine Verschlechterung${better ? ` und ${totalPct(dev, better.shareWeighted)} eine Verbesserung` : ''}.`,
    );
  }
  for (const i of items)
    if (i.code !== 'lq_wohnen_gern' && i.code !== 'lq_entwicklung' && isShownItem(i)) s.p(itemSentence(i));
  itemTable(s, a, 'Lebensqualität', items);
  s.charts('survey.quality');
}

function feelingSection(s: SectionBuilder, a: Analysis): void {
  const std = shownItem(a, REQUIRED_ITEM);
  if (std) {
    s.p(
      `${safetySentence(std)} Die Frage nach dem Sicherheitsgefühl nachts allein in der eigenen Wohngegend ist das international gebräuchliche Standardmaß des subjektiven Sicherheitsgefühls.`,
    );
    const day = shownItem(a, 'sg_wohngegend_tag');
    if (day) {
      // "deutlich kleiner" only where the two intervals do not overlap.
      const clearly = day.total.ci95[1] < std.total.ci95[0];
      s.p(
        `Tagsüber ist der Anteil ${clearly ? 'deutlich ' : ''}kleiner: ${safetySentence(day).replace(/^In der Wohngegend fühlen sich tagsüber /, '')}`,
      );
    }
    const w = std.bySex['w'];
    const m = std.bySex['m'];
    if (w && m && !isSuppressed(w) && !isSuppressed(m)) {
      const diff = w.negativeShareWeighted - m.negativeShareWeighted;
      const more = sharesDiffer(w, m) ? (diff > 0 ? 'Frauen' : 'Männer') : null;
      const wt = shareText(w.negativeShareWeighted, w.limited);
      const mt = shareText(m.negativeShareWeighted, m.limited);
      s.p(
        more
          ? `${more} fühlen sich nachts in der Wohngegend häufiger unsicher (Frauen ${wt}, Männer ${mt}; der Unterschied ist statistisch gesichert).`
          : `Frauen (${wt}) und Männer (${mt}) unterscheiden sich nicht statistisch gesichert.`,
      );
    }
  }
  const pt = a.survey.placeTime;
  if (pt.length) {
    const places: string[] = [];
    for (const f of pt) if (!places.includes(f.place)) places.push(f.place);
    const cell = (place: string, time: 'tag' | 'nacht'): Cell[] => {
      const f = pt.find((x) => x.place === place && x.time === time);
      return f ? figureCells(f, false) : [td('nicht gefragt', { colspan: 2, cls: 'suppressed' })];
    };
    const night = pt
      .filter((f) => f.time === 'nacht' && !f.suppressed && f.negativeShareWeighted !== null)
      .sort((x, y) => (y.negativeShareWeighted ?? 0) - (x.negativeShareWeighted ?? 0));
    const worst = night[0];
    if (worst && night.length > 1) {
      s.p(
        `Nachts fühlen sich die Befragten am häufigsten ${placeName(worst.place)} unsicher (${shareText(worst.negativeShareWeighted, worst.limited)}).`,
      );
    }
    s.table({
      caption: 'Unsicherheitsgefühl nach Ort und Tageszeit',
      head: [
        row([
          th('Ort', { rowspan: 2 }),
          th('tagsüber', { scope: 'colgroup', colspan: 2 }),
          th('nachts', { scope: 'colgroup', colspan: 2 }),
        ]),
        row([
          th('eher/sehr unsicher', { num: true }),
          th('95-%-Intervall', { num: true }),
          th('eher/sehr unsicher', { num: true }),
          th('95-%-Intervall', { num: true }),
        ]),
      ],
      body: [
        group(
          places.map((p) =>
            row([rh(ORTE[p as keyof typeof ORTE] ?? p), ...cell(p, 'tag'), ...cell(p, 'nacht')]),
          ),
        ),
      ],
      notes: [
        surveyBaseNote(),
        ...reliabilityNotes(
          a,
          pt.some((f) => f.limited && !f.suppressed),
          pt.some((f) => f.suppressed),
        ),
      ],
    });
  }
  s.charts('survey.feeling');
}

function placeName(place: string): string {
  return (
    {
      wohngegend: 'in der Wohngegend',
      wohnung: 'in der eigenen Wohnung',
      innenstadt: 'in der Innenstadt',
      oepnv: 'in Bus und Bahn',
    }[place] ?? `am Ort „${place}“`
  );
}

function fearSection(s: SectionBuilder, a: Analysis): void {
  const fear = a.survey.fear;
  s.text('furcht-dimensionen', {});
  s.charts('survey.fear');
  const dims = [
    {
      key: 'affektiv',
      title: 'Affektive Dimension: Angst und Beunruhigung',
      caption: 'Kriminalitätsfurcht (affektiv)',
    },
    {
      key: 'kognitiv',
      title: 'Kognitive Dimension: Einschätzung des Risikos',
      caption: 'Risikoeinschätzung (kognitiv)',
    },
    {
      key: 'konativ',
      title: 'Konative Dimension: Vermeide- und Schutzverhalten',
      caption: 'Vermeideverhalten (konativ)',
    },
  ] as const;
  for (const d of dims) {
    const items = fear.items[d.key]
      .map((code) => a.survey.items[code])
      .filter((i): i is ItemResult => i !== undefined);
    s.section(3, d.title, (x) => {
      if (items.length === 0) {
        x.p('Fragen zu dieser Dimension waren nicht Teil der Befragung.');
        return;
      }
      const ranked = items
        .filter(isShownItem)
        .sort((p, q) => q.total.negativeShareWeighted - p.total.negativeShareWeighted);
      const top = ranked.slice(0, 3);
      if (d.key === 'affektiv') {
        const nacht = shownItem(a, 'furcht_nacht');
        if (nacht)
          x.p(
            `${totalPct(nacht)} der Befragten haben nachts draußen allein ${negativePhrase(nacht.negativeLabel)} Angst, Opfer einer Straftat zu werden ${ciPart(nacht)}.`,
          );
        const worries = ranked.filter((i) => i.code.startsWith('beunruhigt_')).slice(0, 3);
        if (worries.length)
          x.p(
            `Am stärksten beunruhigt die Befragten der Gedanke, Opfer von ${joinGerman(worries.map((i) => `${i.label} (${totalPct(i)})`))} zu werden.`,
          );
      } else if (d.key === 'kognitiv' && top.length) {
        x.p(
          `Für am wahrscheinlichsten halten die Befragten, in den nächsten zwölf Monaten Opfer von ${joinGerman(top.map((i) => `${i.label} (${totalPct(i)})`))} zu werden.`,
        );
      } else if (top.length) {
        x.p(
          `Am häufigsten verändern die Befragten ihr Verhalten aus Angst vor Kriminalität so: ${joinGerman(top.map((i) => `${i.label} (${totalPct(i)} ${negativePhrase(i.negativeLabel)})`))}. Vermeideverhalten schränkt die Lebensqualität ein, auch wenn es das Risiko senkt.`,
        );
      }
      const dk = dontKnowSentence(items);
      if (dk) x.p(dk);
      itemTable(x, a, d.caption, items);
    });
  }
  s.section(3, 'Kriminalitätsfurcht nach Geschlecht und Alter', (x) => {
    const cells = fear.bySexAge;
    if (cells.length === 0) {
      x.p('Eine Aufgliederung nach Geschlecht und Alter ist mit den vorliegenden Daten nicht möglich.');
      return;
    }
    x.p(
      'Die Tabelle zeigt für jede Dimension den Anteil der Befragten mit ungünstigen Werten, getrennt nach Geschlecht und Altersgruppe. Sie ist die Grundlage für die Prüfung des Kriminalitätsfurcht-Paradoxes in Kapitel 6.',
    );
    const ages = ageGroupOrder(a).filter((g) => cells.some((c) => c.ageGroup === g));
    for (const c of cells) if (!ages.includes(c.ageGroup)) ages.push(c.ageGroup);
    const dimKeys = (['affektiv', 'kognitiv', 'konativ'] as const).filter((k) =>
      cells.some((c) => c.dimension === k),
    );
    const value = (dim: string, sex: 'w' | 'm', ag: string): Cell => {
      const c = cells.find((z) => z.dimension === dim && z.sex === sex && z.ageGroup === ag);
      if (!c) return nd('–');
      if (c.suppressed || c.share === null) return td(SUPPRESSED_TEXT, { cls: 'suppressed' });
      return nd(
        c.limited ? `(${formatPercent(c.share)})` : formatPercent(c.share),
        c.limited ? { cls: 'limited' } : {},
      );
    };
    x.table({
      caption: 'Ungünstige Werte nach Dimension, Geschlecht und Altersgruppe',
      head: [
        row([
          th('Altersgruppe', { rowspan: 2 }),
          ...dimKeys.map((k) => th(k, { scope: 'colgroup', colspan: 2 })),
        ]),
        row(dimKeys.flatMap(() => [th('Frauen', { num: true }), th('Männer', { num: true })])),
      ],
      body: [
        group(
          ages.map((ag) =>
            row([rh(ageGroupLabel(ag)), ...dimKeys.flatMap((k) => [value(k, 'w', ag), value(k, 'm', ag)])]),
          ),
        ),
      ],
      notes: [
        'Anteil der Befragten mit ungünstigem Wert auf dem Index der jeweiligen Dimension (gewichtet).',
        ...reliabilityNotes(
          a,
          cells.some((c) => c.limited && !c.suppressed),
          cells.some((c) => c.suppressed),
        ),
      ],
      cls: 'compact',
    });
    x.charts('survey.fear.groups');
  });
}

function incivilitySection(s: SectionBuilder, a: Analysis): void {
  const r = a.survey.incivilityRanking;
  s.text('incivilities', {});
  if (r.length === 0) {
    s.p('Fragen zu Problemen im Wohnumfeld waren nicht Teil der Befragung.');
    return;
  }
  const top = r.filter((f) => !f.suppressed && f.negativeShareWeighted !== null).slice(0, 3);
  if (top.length)
    s.p(
      `Als ziemliches oder großes Problem in der eigenen Wohngegend nennen die Befragten am häufigsten ${joinGerman(top.map((f) => `${f.label} (${shareText(f.negativeShareWeighted, f.limited)})`))}.`,
    );
  figureTable(s, a, 'Probleme im Wohnumfeld (Rangfolge)', 'Problem', r, true);
  s.charts('survey.incivilities');
}

function angstSection(s: SectionBuilder, a: Analysis): void {
  const list = a.survey.angstraeume;
  const removed = a.survey.angstraeumeRemoved;
  if (list.length === 0) {
    s.p(
      `Die Befragten konnten bis zu drei Orte nennen, an denen sie sich unsicher fühlen. Kein Ort wurde mindestens dreimal genannt${removed > 0 ? `; ${countNoun(removed, 'Nennung wurde', 'Nennungen wurden')} aus Datenschutzgründen nicht ausgewertet` : ''}.`,
    );
    return;
  }
  const total = list.reduce((t, x) => t + x.mentions, 0);
  s.p(
    `Die Befragten konnten bis zu drei Orte nennen, an denen sie sich unsicher fühlen (Angsträume). Ausgewiesen sind Orte mit mindestens drei Nennungen, zusammen ${countNoun(total, 'Nennung', 'Nennungen')}. Die Schreibweisen wurden vereinheitlicht; Angaben, die Personen erkennbar machen könnten, wurden entfernt${
      removed > 0 ? ` (${countNoun(removed, 'Nennung', 'Nennungen')})` : ''
    }.`,
  );
  s.table({
    caption: 'Genannte Angsträume',
    head: [row([th('Ort'), th('Nennungen', { num: true })])],
    body: [group(list.map((x) => row([rh(x.place), nd(formatNumber(x.mentions))])))],
    notes: [
      'Freitextangaben, vereinheitlicht; nur Orte mit mindestens drei Nennungen. Mehrfachnennungen möglich.',
    ],
  });
  s.p(
    'Angsträume sind Anknüpfungspunkte für Ortsbegehungen mit Polizei, Ordnungsamt und Stadtplanung: Beleuchtung, Sichtachsen, Pflege und Belebung entscheiden oft mehr über das Sicherheitsgefühl als die registrierte Kriminalität am Ort.',
  );
  s.charts('survey.angst');
}

function victimSection(s: SectionBuilder, a: Analysis): void {
  const v = a.survey.victimisation;
  s.text('dunkelfeld', {});
  if (v.length === 0) {
    s.p('Fragen zu Opfererfahrungen waren nicht Teil der Befragung.');
    return;
  }
  const ranked = v
    .filter((r) => !r.prevalence.suppressed && r.prevalence.negativeShareWeighted !== null)
    .sort((x, y) => (y.prevalence.negativeShareWeighted ?? 0) - (x.prevalence.negativeShareWeighted ?? 0));
  const top = ranked.slice(0, 3);
  if (top.length)
    s.p(
      `Am häufigsten berichten die Befragten, in den letzten zwölf Monaten Opfer von ${joinGerman(top.map((r) => `${r.label} (${shareText(r.prevalence.negativeShareWeighted, r.prevalence.limited)})`))} geworden zu sein.`,
    );
  const rows: Row[] = v.map((r) => {
    const rep = r.reportingRate;
    const repCells: Cell[] = rep === null ? [td('–', { colspan: 3, cls: 'suppressed' })] : figureCells(rep);
    return row([rh(r.label), ...figureCells(r.prevalence), ...repCells]);
  });
  s.table({
    caption: 'Opfererfahrungen in den letzten zwölf Monaten und Anzeigeverhalten',
    head: [
      row([
        th('Delikt', { rowspan: 2 }),
        th('Opfer in den letzten 12 Monaten', { scope: 'colgroup', colspan: 3 }),
        th('davon der Polizei gemeldet', { scope: 'colgroup', colspan: 3 }),
      ]),
      row([
        th('Anteil', { num: true }),
        th('95-%-Intervall', { num: true }),
        th('n', { num: true }),
        th('Anteil', { num: true }),
        th('95-%-Intervall', { num: true }),
        th('n', { num: true }),
      ]),
    ],
    body: [group(rows)],
    notes: [
      'Anteil der Befragten (gewichtet), die angeben, in den letzten zwölf Monaten Opfer geworden zu sein; der Polizei gemeldet: Anteil unter den Opfern, die die Tat angezeigt haben. „–“: nicht gefragt.',
      ...reliabilityNotes(
        a,
        v.some(
          (r) =>
            (r.prevalence.limited && !r.prevalence.suppressed) ||
            (r.reportingRate?.limited === true && !r.reportingRate.suppressed),
        ),
        v.some((r) => r.prevalence.suppressed || r.reportingRate?.suppressed === true),
      ),
    ],
    cls: 'compact',
  });
  s.charts('survey.victims');
}

function figureSection(
  s: SectionBuilder,
  a: Analysis,
  figures: readonly Omit<ShareFigure, 'place' | 'time'>[],
  caption: string,
  first: string,
  intro: string,
  slot: Slot,
): void {
  if (figures.length === 0) {
    s.p('Fragen zu diesem Thema waren nicht Teil der Befragung.');
    return;
  }
  s.p(intro);
  const sentences = figures
    .filter((f) => !f.suppressed && f.negativeShareWeighted !== null)
    .map((f) => {
      const item = shownItem(a, f.item);
      return item ? itemSentence(item) : '';
    })
    .filter(Boolean);
  s.p(sentences.join(' '));
  const items = figures.map((f) => a.survey.items[f.item]).filter((i): i is ItemResult => i !== undefined);
  const dk = dontKnowSentence(items);
  if (dk) s.p(dk);
  figureTable(s, a, caption, first, figures);
  s.charts(slot);
}

function trendSection(s: SectionBuilder, a: Analysis): void {
  const t = a.survey.perceivedTrend;
  const name = a.meta.kommune.name;
  if (!t) {
    s.p('Die Frage nach der wahrgenommenen Kriminalitätsentwicklung war nicht Teil der Befragung.');
    return;
  }
  const perceived = t.item.suppressed ? null : t.item.negativeShareWeighted;
  const parts: string[] = [];
  if (perceived !== null) {
    parts.push(
      `${t.item.limited ? `(${shareWithCi(perceived, t.item.ci95)}; eingeschränkt aussagekräftig)` : shareWithCi(perceived, t.item.ci95)} der Befragten meinen, die Kriminalität in ${name} sei in den letzten fünf Jahren etwas oder deutlich gestiegen.`,
    );
  }
  const test = t.recordedTest;
  if (t.recordedChange !== null && t.fromYear !== null && t.toYear !== null) {
    const pct = formatNumber(Math.abs(t.recordedChange) * 100, 1);
    const dir =
      pct === '0,0'
        ? 'kaum verändert'
        : t.recordedChange > 0
          ? `um ${pct}\u00A0% gestiegen`
          : `um ${pct}\u00A0% gesunken`;
    parts.push(
      `Die Zahl der polizeilich registrierten Straftaten ist von ${t.fromYear} bis ${t.toYear} ${dir}${test?.tested ? `; über alle Jahre dieses Zeitraums zeigt der Trendtest ${trendObject(test)}` : ''}.`,
    );
    const rising = test?.tested === true && test.significant && (test.annualChange ?? 0) > 0;
    const falling = test?.tested === true && test.significant && (test.annualChange ?? 0) < 0;
    if (perceived !== null && perceived >= 0.4 && test?.tested && !rising) {
      parts.push(
        `Wahrnehmung und Hellfeld fallen hier auseinander: Viele erleben eine Zunahme, die sich in den registrierten Zahlen nicht zeigt${falling ? ' – sie sind sogar gesichert gesunken' : ''}. Das ist ein häufiger Befund; er spricht für eine offensive Kommunikation über die tatsächliche Entwicklung.`,
      );
    } else if (perceived !== null && perceived < 0.25 && rising) {
      parts.push('Die gesicherte registrierte Zunahme wird von der Bevölkerung kaum wahrgenommen.');
    }
  } else {
    parts.push('Eine Zeitreihe der registrierten Straftaten über denselben Zeitraum liegt nicht vor.');
  }
  s.p(parts.join(' '));
  s.charts('survey.trend');
}

function breakdownSection(s: SectionBuilder, a: Analysis): void {
  const items = BREAKDOWN_ITEMS.map((c) => shownItem(a, c))
    .filter((i): i is ShownItem => i !== undefined)
    .slice(0, MAX_BREAKDOWN_ITEMS);
  if (items.length === 0) return;
  s.p(
    `Die folgenden Tabellen zeigen zentrale Fragen nach Teilgebieten, Geschlecht und Altersgruppe. Bei ${formatNumber(a.survey.respondents)} Befragten insgesamt sind Ergebnisse für einzelne Gebiete nur Hinweise: Gruppen mit weniger als ${formatNumber(
      a.meta.mindestfallzahl,
    )} gültigen Antworten werden nicht ausgewiesen, Werte für Gruppen mit weniger als ${formatNumber(a.meta.limitedBelow)} Antworten stehen in Klammern.`,
  );
  const head = [
    row([th('Gruppe'), ...items.map((i) => th(`${i.label}: ${i.negativeLabel}`, { num: true }))]),
  ];
  const groupsOf = (i: ItemResult) => itemGroups(a, i);
  const first = items[0] as ItemResult;
  let limited = false;
  let suppressed = false;
  const cellsFor = (dim: 'area' | 'sex' | 'age', key: string): Cell[] =>
    items.map((i) => {
      const g = groupsOf(i)[dim].find((x) => x.key === key)?.stat;
      if (!g) return nd('–');
      if (isSuppressed(g)) {
        suppressed = true;
        return td(SUPPRESSED_TEXT, { cls: 'suppressed' });
      }
      if (g.limited) limited = true;
      return nd(groupShareText(g), g.limited ? { cls: 'limited' } : {});
    });

  const areaGroups = groupsOf(first).area;
  if (areaGroups.length) {
    const rows = areaGroups.map((g) => row([rh(g.label), ...cellsFor('area', g.key)]));
    const total = row(
      [rh('insgesamt'), ...items.map((i) => nd(shareText(i.total.negativeShareWeighted, i.total.limited)))],
      'total',
    );
    s.table({
      caption: 'Zentrale Ergebnisse nach Teilgebieten',
      head,
      body: [group([...rows, total])],
      notes: [surveyBaseNote(), ...reliabilityNotes(a, limited, suppressed)],
      cls: 'compact',
    });
    const std = shownItem(a, REQUIRED_ITEM);
    if (std) {
      // Areas are called above or below average only where their interval excludes the municipal value.
      const ref = std.total.negativeShareWeighted;
      const side = (want: 'über' | 'unter') =>
        itemGroups(a, std).area.flatMap((g) =>
          !isSuppressed(g.stat) && g.stat.n > 0 && significantSide(g.stat.ci95, ref) === want
            ? [`„${g.label}“ (${shareText(g.stat.negativeShareWeighted, g.stat.limited)})`]
            : [],
        );
      const above = side('über');
      const below = side('unter');
      const parts: string[] = [];
      if (above.length)
        parts.push(
          `häufiger als im Durchschnitt der Kommune (${formatPercent(ref)}) fühlen sich die Befragten aus ${above.length === 1 ? 'dem Gebiet' : 'den Gebieten'} ${joinGerman(above)} unsicher`,
        );
      if (below.length)
        parts.push(
          `seltener die aus ${below.length === 1 ? 'dem Gebiet' : 'den Gebieten'} ${joinGerman(below)}`,
        );
      s.p(
        parts.length
          ? `Nachts in der Wohngegend ${parts.join('; ')}. Nur diese Unterschiede sind statistisch gesichert (das 95-%-Intervall des Gebiets schließt den Wert der Kommune aus); die übrigen Gebiete unterscheiden sich nicht gesichert vom Durchschnitt.`
          : `Beim Sicherheitsgefühl nachts in der Wohngegend weicht kein Gebiet statistisch gesichert vom Durchschnitt der Kommune (${formatPercent(ref)}) ab: Bei jedem Gebiet schließt das 95-%-Intervall den Wert der Kommune ein. Die Unterschiede in der Tabelle können Zufall sein.`,
      );
    }
  }
  limited = false;
  suppressed = false;
  const sexGroups = groupsOf(first).sex;
  const ageGroups = groupsOf(first).age;
  const bodies: RowGroup[] = [];
  if (sexGroups.length)
    bodies.push(
      group([
        row([th('Geschlecht', { scope: 'rowgroup', colspan: items.length + 1 })]),
        ...sexGroups.map((g) => row([rh(g.label), ...cellsFor('sex', g.key)])),
      ]),
    );
  if (ageGroups.length)
    bodies.push(
      group([
        row([th('Altersgruppe', { scope: 'rowgroup', colspan: items.length + 1 })]),
        ...ageGroups.map((g) => row([rh(g.label), ...cellsFor('age', g.key)])),
      ]),
    );
  if (bodies.length)
    s.table({
      caption: 'Zentrale Ergebnisse nach Geschlecht und Altersgruppe',
      head,
      body: bodies,
      notes: [surveyBaseNote(), ...reliabilityNotes(a, limited, suppressed)],
      cls: 'compact',
    });
  s.charts('survey.breakdown');
}

function extraSection(s: SectionBuilder, a: Analysis): void {
  s.p(
    'Die Kommune hat dem Standardfragebogen eigene Fragen hinzugefügt. Sie werden hier mit ihrer Antwortverteilung wiedergegeben.',
  );
  for (const q of a.survey.extra) {
    const t = q.total;
    if ('suppressed' in t) {
      s.p(
        `„${q.question}“: ${SUPPRESSED_TEXT} (weniger als ${formatNumber(a.meta.mindestfallzahl)} gültige Antworten); die Antworten werden nicht ausgewiesen.`,
      );
      continue;
    }
    const lim = t.limited;
    s.table({
      caption: q.question,
      head: [
        row([
          th('Antwort'),
          th('Anteil (gewichtet)', { num: true }),
          th('Anteil (ungewichtet)', { num: true }),
        ]),
      ],
      body: [
        group(
          t.distribution.map((c) =>
            row([
              rh(c.label),
              nd(shareText(c.shareWeighted, lim), lim ? { cls: 'limited' } : {}),
              nd(shareText(c.share, lim), lim ? { cls: 'limited' } : {}),
            ]),
          ),
        ),
      ],
      notes: [
        `n = ${formatNumber(t.n)} gültige Antworten; „weiß nicht“: ${shareText(t.dontKnowShare, lim)}.`,
        ...reliabilityNotes(a, lim, false),
      ],
      cls: 'compact',
    });
  }
}

export function surveyChapter(ctx: BuildContext, a: Analysis): Section {
  return buildSection(ctx, 1, 'Subjektive Sicherheit', (b) => {
    b.p(
      `Dieses Kapitel fasst die Ergebnisse der Bürgerbefragung zusammen: wie gern die Menschen in ${a.meta.kommune.name} leben, wie sicher sie sich fühlen, wovor sie sich fürchten, welche Probleme sie im Wohnumfeld sehen, welche Erfahrungen sie als Opfer gemacht haben und wie sie Polizei, Ordnungsamt und Nachbarschaft erleben. Alle Anteile sind gewichtet; die 95-%-Intervalle geben an, in welchem Bereich der Wert für die gesamte Bevölkerung mit hoher Wahrscheinlichkeit liegt.`,
    );
    b.section(2, 'Lebensqualität', (s) => qualitySection(s, a));
    b.section(2, 'Sicherheitsgefühl', (s) => feelingSection(s, a));
    b.section(2, 'Kriminalitätsfurcht', (s) => fearSection(s, a));
    b.section(2, 'Probleme im Wohnumfeld (Incivilities)', (s) => incivilitySection(s, a));
    b.section(2, 'Angsträume', (s) => angstSection(s, a));
    b.section(2, 'Opfererfahrungen und Anzeigeverhalten', (s) => victimSection(s, a));
    b.section(2, 'Polizei, Ordnungsamt und Verwaltung', (s) =>
      figureSection(
        s,
        a,
        a.survey.institutions,
        'Bewertung von Polizei, Ordnungsamt und Verwaltung',
        'Frage',
        'Zufriedenheit mit Polizei, Ordnungsamt und Verwaltung und die wahrgenommene Präsenz im öffentlichen Raum zeigen, wie die Befragten die Institutionen erleben, die für Sicherheit und Ordnung zuständig sind.',
        'survey.institutions',
      ),
    );
    b.section(2, 'Nachbarschaft', (s) =>
      figureSection(
        s,
        a,
        a.survey.neighbourhood,
        'Nachbarschaft und sozialer Zusammenhalt',
        'Aussage',
        'Eine funktionierende Nachbarschaft – man hilft einander und vertraut sich – stärkt das Sicherheitsgefühl und die informelle soziale Kontrolle.',
        'survey.neighbourhood',
      ),
    );
    b.section(2, 'Wahrgenommene und registrierte Kriminalitätsentwicklung', (s) => trendSection(s, a));
    b.section(2, 'Ergebnisse nach Teilgebieten und Gruppen', (s) => breakdownSection(s, a));
    if (a.survey.extra.length) b.section(2, 'Weitere Fragen der Kommune', (s) => extraSection(s, a));
    b.remainingCharts('survey');
  });
}
