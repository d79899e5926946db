/**
 * The attacker's view for the disclosure tests, built independently of the analysis code: from the
 * raw dataset (respondent by respondent) and from what analysis.json shows or hides, it states every
 * published survey statistic as auditor groups. Counts of shown groups are taken from the raw data
 * (the worst case: an attacker recovers them exactly from the published shares); hidden groups carry
 * only their n. Every shown value is also checked against the raw data, so a published figure that
 * disagrees fails the test.
 *
 * Atoms are the combinations area (or none) × sex × age group (or none), whether or not anyone
 * answered in them: the attacker knows the published group sizes, not where each respondent falls
 * in the joint area × sex × age distribution, which is never published.
 */
import { DELIKTE, SCALES, type ScaleId } from '../../../../src/core/model/codebook.js';
import type { Dataset } from '../../../../src/core/model/dataset.js';
import type { Analysis, GroupStat, TotalStat } from '../../../../src/core/analysis/schema.js';
import type { AuditFamily, AuditGroup } from '../../../../src/core/analysis/disclosure/audit.js';

const SURVEY_MIN_AGE = 16;

interface Attributes {
  readonly area: number[];
  /** 1 = w, 2 = m, after the alternating assignment of d / no answer. */
  readonly sex: number[];
  /** Index into dataset.ageGroups, or -1 (no age, or below the survey's minimum age). */
  readonly age: number[];
}

function attributes(d: Dataset): Attributes {
  const s = d.survey;
  const area: number[] = [];
  const sex: number[] = [];
  const age: number[] = [];
  let other = 0;
  for (let i = 0; i < s.size; i++) {
    const a = s.area[i]!;
    area.push(a >= 0 && a < d.manifest.gebiete.length ? a : -1);
    const x = s.sex[i]!;
    sex.push(x === 1 || x === 2 ? x : other++ % 2 === 0 ? 1 : 2);
    const g = s.ageGroup[i]!;
    const grp = d.ageGroups[g];
    age.push(grp && (grp.max === null || grp.max >= SURVEY_MIN_AGE) ? g : -1);
  }
  return { area, sex, age };
}

/** Per respondent: 0 = no valid answer, 1 = favourable, 2 = unfavourable. */
type Indicator = number[];

function itemIndicator(d: Dataset, code: string, scale: ScaleId): Indicator {
  const col = d.survey.items[code]!;
  const sc = SCALES[scale];
  const k = sc.labels.length;
  const delikt = code.startsWith('anzeige_') ? code.slice('anzeige_'.length) : null;
  const filter = delikt ? d.survey.items[`opfer_${delikt}`] : undefined;
  return Array.from({ length: d.survey.size }, (_, i) => {
    if (filter && filter[i] !== 1) return 0;
    const c = col[i]!;
    if (c < 1 || c > k) return 0;
    return sc.negative.includes(c) ? 2 : 1;
  });
}

function anyIndicator(d: Dataset, codes: readonly string[], scale: ScaleId): Indicator {
  const parts = codes.map((c) => itemIndicator(d, c, scale));
  return Array.from({ length: d.survey.size }, (_, i) => Math.max(0, ...parts.map((p) => p[i]!)));
}

function meanIndicator(d: Dataset, codes: readonly string[]): Indicator {
  return Array.from({ length: d.survey.size }, (_, i) => {
    const v = codes.map((c) => d.survey.items[c]![i]!).filter((x) => x >= 1 && x <= 4);
    if (v.length === 0) return 0;
    return v.reduce((a, b) => a + b, 0) / v.length >= 3 ? 2 : 1;
  });
}

class Family {
  readonly groups: AuditGroup[] = [];
  readonly breakdowns = new Map<string, string[]>();
  constructor(
    readonly key: string,
    readonly indicator: Indicator,
    /** Groups shown in one place and hidden in another (a leak by itself). */
    private readonly conflicts: string[],
  ) {}

  /**
   * One publication of a group. `derived`: a view that repeats values published elsewhere (figures,
   * comparison, paradox rows); it only adds what it shows — a value it leaves out is not hidden.
   */
  add(
    dimension: string,
    id: string,
    members: readonly number[],
    atoms: readonly number[],
    shown: boolean,
    published?: { n: number; share?: number | null },
    derived = false,
  ): void {
    if (derived && !shown) return;
    let n = 0;
    let count = 0;
    for (const i of members) {
      if (this.indicator[i]! > 0) n++;
      if (this.indicator[i] === 2) count++;
    }
    if (published && published.n !== n)
      throw new Error(`${this.key} ${id}: published n ${published.n}, raw data ${n}`);
    if (
      published &&
      shown &&
      published.share != null &&
      n > 0 &&
      Math.abs(published.share - count / n) > 1e-9
    )
      throw new Error(`${this.key} ${id}: published share ${published.share}, raw data ${count / n}`);
    const prev = this.groups.find((g) => g.id === id);
    if (prev && (prev.count !== null) !== shown)
      this.conflicts.push(
        `${this.key} ${id}: ${shown ? 'shown' : 'hidden'} here, ${prev.count !== null ? 'shown' : 'hidden'} elsewhere`,
      );
    this.groups.push({ id, atoms, n, count: shown ? count : null });
    if (dimension) {
      const list = this.breakdowns.get(dimension) ?? [];
      if (!list.includes(id)) list.push(id);
      this.breakdowns.set(dimension, list);
    }
  }

  toAudit(): AuditFamily {
    return { key: this.key, groups: this.groups, breakdowns: [...this.breakdowns.values()] };
  }
}

const isHidden = (g: GroupStat | TotalStat | undefined) => g === undefined || 'suppressed' in g;

export interface Publication {
  readonly families: AuditFamily[];
  /** Groups shown in one place and hidden in another. */
  readonly conflicts: string[];
}

export function publishedFamilies(d: Dataset, a: Analysis): Publication {
  const conflicts: string[] = [];
  const attr = attributes(d);
  const all = Array.from({ length: d.survey.size }, (_, i) => i);
  const where = (pred: (i: number) => boolean) => all.filter(pred);
  // Atom = (area + 1) · 3 · (G + 1) + sex · (G + 1) + (age + 1), with −1 = none for area and age.
  const G = d.ageGroups.length;
  const A = d.manifest.gebiete.length;
  const atomsWhere = (area: number | null, sex: number | null, age: number | null) => {
    const out: number[] = [];
    for (let a = -1; a < A; a++)
      for (let x = 1; x <= 2; x++)
        for (let g = -1; g < G; g++)
          if ((area === null || a === area) && (sex === null || x === sex) && (age === null || g === age))
            out.push((a + 1) * 3 * (G + 1) + x * (G + 1) + (g + 1));
    return out;
  };
  const everyAtom = atomsWhere(null, null, null);
  const families = new Map<string, Family>();
  const family = (key: string, indicator: () => Indicator) => {
    let f = families.get(key);
    if (!f) families.set(key, (f = new Family(key, indicator(), conflicts)));
    return f;
  };
  const itemFamily = (code: string) => {
    const item = a.survey.items[code]!;
    return family(`${code}|neg`, () => itemIndicator(d, code, item.scale as ScaleId));
  };

  // Items: total and breakdowns.
  for (const [code, item] of Object.entries(a.survey.items)) {
    const f = itemFamily(code);
    const t = item.total;
    f.add('', 'total', all, everyAtom, !isHidden(t), {
      n: t.n,
      share: 'suppressed' in t ? null : t.negativeShare,
    });
    d.manifest.gebiete.forEach((g, ai) => {
      const s = item.byArea[g.id];
      f.add(
        'area',
        `area:${g.id}`,
        where((i) => attr.area[i] === ai),
        atomsWhere(ai, null, null),
        !isHidden(s),
        s && { n: s.n, share: 'suppressed' in s ? null : s.negativeShare },
      );
    });
    (['w', 'm'] as const).forEach((key, si) => {
      const s = item.bySex[key];
      f.add(
        'sex',
        `sex:${key}`,
        where((i) => attr.sex[i] === si + 1),
        atomsWhere(null, si + 1, null),
        !isHidden(s),
        s && { n: s.n, share: 'suppressed' in s ? null : s.negativeShare },
      );
    });
    d.ageGroups.forEach((g, gi) => {
      const s = item.byAgeGroup[g.label];
      if (!s) return;
      f.add(
        'age',
        `age:${g.label}`,
        where((i) => attr.age[i] === gi),
        atomsWhere(null, null, gi),
        !isHidden(s),
        { n: s.n, share: 'suppressed' in s ? null : s.negativeShare },
      );
    });
  }

  // Figures repeat item totals: a figure shown where the total is hidden is a leak.
  const figures = [
    ...a.survey.placeTime,
    ...a.survey.incivilityRanking,
    ...a.survey.institutions,
    ...a.survey.neighbourhood,
    ...(a.survey.perceivedTrend ? [a.survey.perceivedTrend.item] : []),
    ...a.survey.victimisation.flatMap((v) => [v.prevalence, ...(v.reportingRate ? [v.reportingRate] : [])]),
  ];
  for (const fig of figures)
    itemFamily(fig.item).add('', 'total', all, everyAtom, !fig.suppressed, undefined, true);

  // Comparison: an area's share is the item's area group.
  for (const p of a.comparison.pairs)
    for (const ar of p.areas) {
      const ai = d.manifest.gebiete.findIndex((g) => g.id === ar.areaId);
      itemFamily(p.surveyItem).add(
        'area',
        `area:${ar.areaId}`,
        where((i) => attr.area[i] === ai),
        atomsWhere(ai, null, null),
        ar.negativeShare !== null,
        undefined,
        true,
      );
    }

  // Sex × age tables (fear dimensions, paradox rows), joined to the item they equal.
  const present = (prefix: string) =>
    Object.keys(d.survey.items)
      .filter((c) => c.startsWith(prefix))
      .sort();
  const fearFamily = (dim: string): Family | null => {
    if (dim === 'affektiv') {
      if (d.survey.items['furcht_nacht']) return itemFamily('furcht_nacht');
      const codes = present('beunruhigt_');
      if (codes.length === 0) return null;
      return codes.length === 1
        ? itemFamily(codes[0]!)
        : family('fear:affektiv', () => meanIndicator(d, codes));
    }
    const [prefix, scale] =
      dim === 'kognitiv' ? (['risiko_', 'risiko4'] as const) : (['vermeiden_', 'vermeiden5'] as const);
    const codes = present(prefix);
    if (codes.length === 0) return null;
    return codes.length === 1
      ? itemFamily(codes[0]!)
      : family(`fear:${dim}`, () => anyIndicator(d, codes, scale));
  };
  const opfer = Object.keys(DELIKTE)
    .map((x) => `opfer_${x}`)
    .filter((c) => d.survey.items[c]);
  const victimFamily =
    opfer.length === 0
      ? null
      : opfer.length === 1
        ? itemFamily(opfer[0]!)
        : family('victimisation:any', () => anyIndicator(d, opfer, 'janein'));
  const cell = (f: Family, sex: 'w' | 'm', ageGroup: string, shown: boolean, n?: number, derived = false) => {
    const gi = d.ageGroups.findIndex((g) => g.label === ageGroup);
    f.add(
      'cell',
      `cell:${sex}:${ageGroup}`,
      where((i) => attr.sex[i] === (sex === 'w' ? 1 : 2) && attr.age[i] === gi),
      atomsWhere(null, sex === 'w' ? 1 : 2, gi),
      shown,
      n === undefined ? undefined : { n },
      derived,
    );
  };
  for (const c of a.survey.fear.bySexAge) {
    const f = fearFamily(c.dimension);
    if (!f) throw new Error(`fear cell without items: ${c.dimension}`);
    cell(f, c.sex, c.ageGroup, !c.suppressed, c.n);
  }
  for (const r of a.comparison.paradox.rows) {
    const fear = fearFamily('affektiv');
    // The fear side repeats the fear table; the victimisation side is published only here.
    if (fear) cell(fear, r.sex, r.ageGroup, r.fear !== null, undefined, true);
    if (victimFamily)
      cell(victimFamily, r.sex, r.ageGroup, r.victimisation !== null, undefined, !r.suppressed);
  }
  return { families: [...families.values()].map((f) => f.toAudit()), conflicts };
}
