/**
 * Sample composition: respondents vs population by sex, age group and area (unweighted), mean age,
 * unknown area, and mode. Sample shares are over the respondents who gave the attribute (the
 * report says so); population shares are over the weighting population (population.ts: the
 * berichtsjahr's population, age groups from 16). Age groups below 16 are not listed; respondents
 * in them count as without age here.
 */
import { SEXES, SEX_LABELS, type Dataset } from '../../model/dataset.js';
import type { SurveyResult } from '../schema.js';
import type { WeightingPopulation } from './population.js';

type Sample = SurveyResult['sample'];

const share = (a: number, b: number): number => (b > 0 ? Math.min(1, a / b) : 0);

export const MODE_LABELS = { papier: 'Papier', online: 'online', unbekannt: 'keine Angabe' } as const;

export function sampleComposition(dataset: Dataset, pop: WeightingPopulation): Sample {
  const s = dataset.survey;
  const n = s.size;
  const ageCount = dataset.ageGroups.length;
  const areaCount = dataset.manifest.gebiete.length;
  const sex = [0, 0, 0, 0];
  const age = new Array<number>(ageCount).fill(0);
  const area = new Array<number>(areaCount).fill(0);
  const mode = [0, 0, 0];
  let unknownArea = 0;
  let ageSum = 0;
  let ageN = 0;
  for (let i = 0; i < n; i++) {
    const x = s.sex[i]!;
    sex[x <= 3 ? x : 0]!++;
    const g = s.ageGroup[i]!;
    if (g >= 0 && g < ageCount && pop.ageIncluded[g]) age[g]!++;
    const a = s.area[i]!;
    if (a >= 0 && a < areaCount) area[a]!++;
    else unknownArea++;
    const m = s.mode[i]!;
    mode[m <= 2 ? m : 0]!++;
    const y = s.age[i]!;
    if (y > 0) {
      ageSum += y;
      ageN++;
    }
  }
  const sexKnown = sex[1]! + sex[2]! + sex[3]!;
  const ageKnown = age.reduce((a, b) => a + b, 0);
  const areaKnown = n - unknownArea;
  const popAreas = pop.byArea.reduce((a, b) => a + b, 0);
  const modes: Sample['byMode'] =
    mode[1]! + mode[2]! === 0
      ? []
      : [
          { key: 'papier', label: MODE_LABELS.papier, count: mode[1]!, share: share(mode[1]!, n) },
          { key: 'online', label: MODE_LABELS.online, count: mode[2]!, share: share(mode[2]!, n) },
          ...(mode[0]! > 0
            ? [{ key: 'unbekannt', label: MODE_LABELS.unbekannt, count: mode[0]!, share: share(mode[0]!, n) }]
            : []),
        ];
  return {
    bySex: SEXES.map((k, i) => ({
      key: k,
      label: SEX_LABELS[k],
      sample: sex[i + 1]!,
      sampleShare: share(sex[i + 1]!, sexKnown),
      populationShare: share(pop.bySex[k], pop.total),
    })),
    byAgeGroup: dataset.ageGroups.flatMap((g, i) =>
      pop.ageIncluded[i]
        ? [
            {
              key: g.label,
              label: g.label,
              sample: age[i]!,
              sampleShare: share(age[i]!, ageKnown),
              populationShare: share(pop.byAge[i]!, pop.total),
            },
          ]
        : [],
    ),
    byArea: dataset.manifest.gebiete.map((g, i) => ({
      key: g.id,
      label: g.name,
      sample: area[i]!,
      sampleShare: share(area[i]!, areaKnown),
      populationShare: share(pop.byArea[i]!, popAreas),
    })),
    meanAge: ageN > 0 ? ageSum / ageN : null,
    unknownArea,
    byMode: modes,
  };
}
