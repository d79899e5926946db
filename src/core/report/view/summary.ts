/** Chapter 1: Zusammenfassung — key figures, key findings, the most urgent recommendations. */
import type { Analysis } from '../../analysis/schema.js';
import { formatNumber, formatPercent, formatRate } from '../../format/number.js';
import { PRIORITY_ORDER, SEVERITY_LABELS } from '../labels.js';
import { negativePhrase, shareText, shareWithCi } from '../text.js';
import { buildSection, group, row, rh, td, th, type BuildContext } from './builder.js';
import type { Section } from './types.js';
import { REQUIRED_ITEM } from '../../model/codebook.js';
import { shownItem, yearsText } from './shared.js';

const SEVERITY_ORDER = { kritisch: 0, auffaellig: 1, hinweis: 2 } as const;
export const TOP_RECOMMENDATIONS = 5;

export function latestCrimeYear(a: Analysis): number | null {
  const years = a.crime.years.filter((y) => a.crime.byYear[String(y)] !== undefined);
  return years.length ? Math.max(...years) : null;
}

export function summaryChapter(ctx: BuildContext, a: Analysis): Section {
  return buildSection(ctx, 1, 'Zusammenfassung', (b) => {
    const s = a.survey;
    const name = a.meta.kommune.name;
    const std = shownItem(a, REQUIRED_ITEM);
    const latest = latestCrimeYear(a);
    const latestFig = latest === null ? undefined : a.crime.byYear[String(latest)];

    const basis = [
      `Diese Sicherheitsanalyse beschreibt die Sicherheitslage in ${name} aus zwei Blickwinkeln: aus Sicht der Bürgerinnen und Bürger, die an der Befragung teilgenommen haben (${formatNumber(s.respondents)} Befragte${
        s.responseRate !== null ? `, Rücklaufquote ${formatPercent(s.responseRate)}` : ''
      }), und aus den polizeilich registrierten Straftaten${a.crime.years.length ? ` der Jahre ${yearsText(a.crime.years)}` : ''}.`,
      'Sie führt beide Perspektiven zusammen, zeigt, wo sie auseinanderfallen, und leitet daraus Handlungsempfehlungen für die kommunale Kriminalprävention ab.',
    ].join(' ');
    b.p(basis, 'lead');

    const facts: { value: string; label: string }[] = [
      { value: formatNumber(s.respondents), label: 'Befragte' },
    ];
    if (s.responseRate !== null) facts.push({ value: formatPercent(s.responseRate), label: 'Rücklaufquote' });
    if (std)
      facts.push({
        value: shareText(std.total.negativeShareWeighted, std.total.limited),
        label: `fühlen sich nachts in der Wohngegend ${negativePhrase(std.negativeLabel)}`,
      });
    if (latestFig && latest !== null) {
      facts.push({ value: formatNumber(latestFig.total.cases), label: `registrierte Straftaten ${latest}` });
      if (latestFig.total.rate !== null)
        facts.push({
          value: formatRate(latestFig.total.rate),
          label: `Häufigkeitszahl ${latest} (Fälle je 100.000 Einwohner)`,
        });
      if (latestFig.total.clearanceRate !== null)
        facts.push({
          value: formatPercent(latestFig.total.clearanceRate),
          label: `Aufklärungsquote ${latest}`,
        });
    }
    b.push({ kind: 'facts', items: facts });

    if (std) {
      b.p(
        `Das Standardmaß des subjektiven Sicherheitsgefühls ist die Frage, wie sicher man sich nachts ohne Begleitung in der eigenen Wohngegend fühlt: ${shareWithCi(
          std.total.negativeShareWeighted,
          std.total.ci95,
        )} der Befragten fühlen sich dort ${negativePhrase(std.negativeLabel)}${std.total.limited ? ' (eingeschränkt aussagekräftig)' : ''}.`,
      );
    }

    b.section(2, 'Kernbefunde', (k) => {
      if (a.keyFindings.length === 0) {
        k.p('Die Auswertung ergab keine Befunde, die besonders hervorzuheben wären.');
        return;
      }
      const findings = [...a.keyFindings].sort(
        (x, y) => SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity],
      );
      k.push({
        kind: 'findings',
        items: findings.map((f) => ({
          text: f.text,
          severity: f.severity,
          severityLabel: SEVERITY_LABELS[f.severity],
        })),
      });
      k.p(
        'Die Einstufung „kritisch“, „auffällig“ oder „Hinweis“ beschreibt, wie deutlich ein Befund vom Vergleichswert abweicht; sie ist keine Bewertung der Arbeit einzelner Stellen.',
        'small',
      );
    });

    b.section(2, 'Vorrangige Handlungsempfehlungen', (r) => {
      const ranked = a.recommendations
        .map((rec, i) => ({ rec, i }))
        .sort((x, y) => PRIORITY_ORDER[x.rec.priority] - PRIORITY_ORDER[y.rec.priority] || x.i - y.i)
        .slice(0, TOP_RECOMMENDATIONS)
        .map((x) => x.rec);
      if (ranked.length === 0) {
        r.p(
          'Aus den Befunden ergeben sich keine Handlungsempfehlungen, deren Auslöser erfüllt sind. Kapitel 7 erläutert allgemeine Ansätze.',
        );
        return;
      }
      r.p(
        `Kapitel 7 begründet ${a.recommendations.length === 1 ? 'die Empfehlung' : `alle ${formatNumber(a.recommendations.length)} Empfehlungen`} mit den auslösenden Befunden und nennt Akteure und Indikatoren für die Evaluation. Die folgende Übersicht zeigt die ${
          ranked.length === 1 ? 'vordringlichste' : `${formatNumber(ranked.length)} vordringlichsten`
        }.`,
      );
      r.table({
        caption: 'Vorrangige Handlungsempfehlungen',
        head: [row([th('Empfehlung'), th('Handlungsfeld'), th('Priorität'), th('Akteure')])],
        body: [
          group(
            ranked.map((rec) =>
              row([rh(rec.title), td(rec.field), td(rec.priority), td(rec.actors.join(', ') || '–')]),
            ),
          ),
        ],
      });
    });
  });
}
