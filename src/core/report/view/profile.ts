/** Chapter 3: Gebietsprofil — population, areas, structural indicators. */
import type { Analysis } from '../../analysis/schema.js';
import { formatNumber, formatPercent, MISSING, NBSP } from '../../format/number.js';
import { ageGroupLabel, ageGroupNoun } from '../labels.js';
import { buildSection, group, nd, rh, row, td, th, type BuildContext } from './builder.js';
import type { Cell, Section } from './types.js';
import { areaName } from './shared.js';

/** Areas per table of area indicators (so the table fits the page width). */
const AREAS_PER_TABLE = 6;

function valueText(value: number | null | undefined, unit: string | null): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  const digits = Number.isInteger(value) ? 0 : Math.abs(value) < 10 ? 2 : 1;
  const v = formatNumber(value, digits);
  return unit ? `${v}${NBSP}${unit}` : v;
}

export function profileChapter(ctx: BuildContext, a: Analysis): Section {
  return buildSection(ctx, 1, 'Gebietsprofil', (b) => {
    const pop = a.profile.population;
    const name = a.meta.kommune.name;
    b.p(
      `Das Gebietsprofil beschreibt die Rahmenbedingungen, unter denen Sicherheit in ${name} entsteht und wahrgenommen wird: die Bevölkerung und ihre Altersstruktur, die Teilgebiete und ausgewählte Strukturdaten. Es ist der Hintergrund, vor dem die folgenden Kapitel zu lesen sind.`,
    );

    b.section(2, 'Bevölkerung', (s) => {
      s.p(
        `In ${name} lebten${pop.year !== null ? ` im Jahr ${pop.year}` : ''} ${formatNumber(pop.total)} Menschen.`,
      );
      const ages: string[] = [];
      for (const p of pop.pyramid) if (!ages.includes(p.ageGroup)) ages.push(p.ageGroup);
      const sexes = (['w', 'm', 'd'] as const).filter((x) =>
        pop.pyramid.some((p) => p.sex === x && p.count > 0),
      );
      if (ages.length) {
        const count = (ag: string, sx: string) =>
          pop.pyramid.filter((p) => p.ageGroup === ag && p.sex === sx).reduce((t, p) => t + p.count, 0);
        const totals = ages.map((ag) => ({ ag, n: sexes.reduce((t, sx) => t + count(ag, sx), 0) }));
        const biggest = [...totals].sort((x, y) => y.n - x.n)[0];
        const oldest = totals[totals.length - 1];
        if (biggest && oldest && pop.total > 0) {
          s.p(
            `Die größte Altersgruppe bilden die ${ageGroupNoun(biggest.ag)} (${formatPercent(biggest.n / pop.total)}); ${formatPercent(oldest.n / pop.total)} der Einwohnerinnen und Einwohner gehören zur ältesten Gruppe (${ageGroupLabel(oldest.ag)}).`,
          );
        }
        const sexHead: Record<string, string> = { w: 'weiblich', m: 'männlich', d: 'divers' };
        s.table({
          caption: `Bevölkerung nach Altersgruppe und Geschlecht${pop.year !== null ? ` (${pop.year})` : ''}`,
          head: [
            row([
              th('Altersgruppe'),
              ...sexes.map((x) => th(sexHead[x] ?? x, { num: true })),
              th('insgesamt', { num: true }),
              th('Anteil', { num: true }),
            ]),
          ],
          body: [
            group([
              ...totals.map(({ ag, n }) =>
                row([
                  rh(ageGroupLabel(ag)),
                  ...sexes.map((x) => nd(formatNumber(count(ag, x)))),
                  nd(formatNumber(n)),
                  nd(pop.total > 0 ? formatPercent(n / pop.total) : MISSING),
                ]),
              ),
              row(
                [
                  rh('insgesamt'),
                  ...sexes.map((x) => nd(formatNumber(ages.reduce((t, ag) => t + count(ag, x), 0)))),
                  nd(formatNumber(pop.total)),
                  nd(formatPercent(1)),
                ],
                'total',
              ),
            ]),
          ],
          notes: ['Quelle: von der Kommune übermittelte Einwohnerstatistik.'],
        });
      }
      s.charts('profile.population');
    });

    b.section(2, 'Teilgebiete', (s) => {
      if (pop.byArea.length === 0) {
        s.p('Die Analyse unterscheidet keine Teilgebiete.');
        return;
      }
      const largest = [...pop.byArea].sort((x, y) => y.population - x.population)[0];
      s.p(
        `Die Analyse unterscheidet ${formatNumber(pop.byArea.length)} Teilgebiete.${largest ? ` Das einwohnerstärkste ist ${largest.name} mit ${formatNumber(largest.population)} Einwohnerinnen und Einwohnern (${formatPercent(largest.share)}).` : ''}`,
      );
      s.table({
        caption: 'Einwohner nach Teilgebieten',
        head: [row([th('Gebiet'), th('Einwohner', { num: true }), th('Anteil', { num: true })])],
        body: [
          group(
            pop.byArea.map((g) =>
              row([rh(g.name), nd(formatNumber(g.population)), nd(formatPercent(g.share))]),
            ),
          ),
        ],
      });
      s.charts('profile.areas');
    });

    b.section(2, 'Strukturdaten', (s) => {
      const ind = a.profile.indicators;
      if (ind.length === 0) {
        s.p(
          'Weitere Strukturdaten (etwa Arbeitslosigkeit, Leerstand oder Wahlbeteiligung) wurden nicht übermittelt. Sie können das Bild ergänzen, wenn sie in einer späteren Fassung vorliegen.',
        );
        return;
      }
      s.p(
        'Die folgenden Kennzahlen hat die Kommune für das Gebietsprofil übermittelt; sie stammen aus den jeweils genannten Quellen.',
      );
      s.table({
        caption: 'Strukturdaten der Kommune',
        head: [row([th('Kennzahl'), th('Wert', { num: true }), th('Stand', { num: true }), th('Quelle')])],
        body: [
          group(
            ind.map((i) =>
              row([
                rh(i.label),
                nd(valueText(i.municipality, i.unit)),
                nd(i.year !== null ? String(i.year) : MISSING),
                td(i.source ?? MISSING),
              ]),
            ),
          ),
        ],
      });
      const withAreas = ind.filter((i) => Object.keys(i.byArea).length > 0);
      const areaIds = a.meta.gebiete
        .map((g) => g.id)
        .filter((id) => withAreas.some((i) => i.byArea[id] !== undefined));
      for (let start = 0; start < areaIds.length; start += AREAS_PER_TABLE) {
        const ids = areaIds.slice(start, start + AREAS_PER_TABLE);
        const part =
          areaIds.length > AREAS_PER_TABLE ? ` (Teil ${formatNumber(start / AREAS_PER_TABLE + 1)})` : '';
        s.table({
          caption: `Strukturdaten nach Teilgebieten${part}`,
          head: [row([th('Kennzahl'), ...ids.map((id) => th(areaName(a, id), { num: true }))])],
          body: [
            group(
              withAreas.map((i) =>
                row([rh(i.label), ...ids.map((id): Cell => nd(valueText(i.byArea[id], i.unit)))]),
              ),
            ),
          ],
          cls: 'compact',
        });
      }
      s.charts('profile.indicators');
    });
    b.remainingCharts('profile');
  });
}
