/**
 * The disclosure guard: after suppression has decided what each breakdown and table hides, it
 * states everything the survey section will publish as auditor families (audit.ts) — per item its
 * total and groups by area, sex and age group, per sex × age table its cells, a table joined to the
 * family of the item whose statistic it is — and runs the independent auditor. Where the auditor
 * still derives a hidden value (bounds meeting across a table's rows and columns, say), more is
 * hidden (rule `audit`): first the sex × age tables of the statistic, which give the attacker the
 * most equations; when they are hidden already, the whole breakdown of the finding (all areas, both
 * sexes or all age groups of the item). This repeats until the auditor finds nothing. Finally every hidden value is counted by
 * rule for the report's quality section (counts only, never values).
 *
 * Atoms are the cells of the respondent layout (cells.ts): area slot × sex slot × age slot.
 */
import type { z } from 'zod';
import type { Disclosure as DisclosureSchema } from '../schema.js';
import { AUDIT, SUPPRESSION_RULES, type Hidden, type SuppressionRule } from '../stats/suppression.js';
import { SEX_SLOTS, type CellLayout, type GroupSums } from '../survey/cells.js';
import type { BreakdownPlan, ItemPlan } from '../survey/item-stats.js';
import { INDEX_SCALE, TABLE_SEXES, type TablePlan } from '../survey/sex-age.js';
import { negativeCount, validN, type ScaleInfo } from '../survey/share-stat.js';
import { audit, type AuditFamily, type AuditGroup, type Finding } from './audit.js';

export type DisclosureSummary = z.infer<typeof DisclosureSchema>;

/** Sex group (1 = w, 2 = m) of each sex slot of a layout cell (see cells.ts). */
const SEX_GROUP_OF_SLOT = [1, 1, 2, 1, 2, 2] as const;

interface Atoms {
  readonly all: number[];
  readonly area: number[][];
  readonly sex: number[][];
  readonly age: number[][];
  /** [sex group][age slot] */
  readonly cell: number[][][];
}

function atomsOf(layout: CellLayout): Atoms {
  const ageSlots = layout.ages + 1;
  const out: Atoms = {
    all: [],
    area: Array.from({ length: layout.areas + 1 }, () => []),
    sex: [[], [], []],
    age: Array.from({ length: ageSlots }, () => []),
    cell: [0, 1, 2].map(() => Array.from({ length: ageSlots }, () => [])),
  };
  for (let c = 0; c < layout.cells; c++) {
    const ageSlot = c % ageSlots;
    const rest = (c - ageSlot) / ageSlots;
    const slot = rest % SEX_SLOTS;
    const area = (rest - slot) / SEX_SLOTS;
    const sex = SEX_GROUP_OF_SLOT[slot]!;
    out.all.push(c);
    out.area[area]!.push(c);
    out.sex[sex]!.push(c);
    out.age[ageSlot]!.push(c);
    out.cell[sex]![ageSlot]!.push(c);
  }
  return out;
}

function group(id: string, atoms: number[], sums: GroupSums, scale: ScaleInfo, hidden: boolean): AuditGroup {
  return {
    id,
    atoms,
    n: validN(sums, scale.labels.length),
    count: hidden ? null : negativeCount(sums, scale),
  };
}

interface Draft {
  groups: AuditGroup[];
  breakdowns: string[][];
}

function families(
  atoms: Atoms,
  items: readonly ItemPlan[],
  tables: readonly TablePlan[],
  ageSlotOf: (label: string) => number,
): AuditFamily[] {
  const drafts = new Map<string, Draft>();
  const draft = (key: string): Draft => {
    let d = drafts.get(key);
    if (!d) drafts.set(key, (d = { groups: [], breakdowns: [] }));
    return d;
  };
  for (const p of items) {
    const d = draft(`${p.code}|neg`);
    d.groups.push(group('total', atoms.all, p.sums.total, p.scale, p.total !== null));
    const dim = (prefix: string, plan: BreakdownPlan, atomsOfGroup: (i: number) => number[]) => {
      const ids = plan.groups.map((g, i) => {
        const id = `${prefix}:${g.key}`;
        d.groups.push(group(id, atomsOfGroup(i), g.sums, p.scale, plan.hidden[i] !== null));
        return id;
      });
      d.breakdowns.push(ids);
    };
    dim('area', p.area, (i) => atoms.area[i + 1]!);
    dim('sex', p.sex, (i) => atoms.sex[i + 1]!);
    dim('age', p.age, (i) => atoms.age[ageSlotOf(p.age.groups[i]!.key)]!);
  }
  for (const t of tables) {
    const d = draft(t.key);
    const ids: string[] = [];
    TABLE_SEXES.forEach((s, r) => {
      t.hidden[r]!.forEach((h, c) => {
        const slot = t.ageSlots[c]!;
        const id = `cell:${s.key}:${slot}`;
        ids.push(id);
        d.groups.push(
          group(id, atoms.cell[s.slot]![slot]!, t.sums.sexAge[s.slot]![slot]!, INDEX_SCALE, h !== null),
        );
      });
    });
    d.breakdowns.push(ids);
  }
  return [...drafts].map(([key, d]) => ({ key, groups: d.groups, breakdowns: d.breakdowns }));
}

function hideAll(list: (Hidden | null)[]): void {
  list.forEach((h, i) => {
    if (h === null) list[i] = AUDIT;
  });
}

function escalate(f: Finding, items: readonly ItemPlan[], tables: readonly TablePlan[]): void {
  const item = items.find((p) => `${p.code}|neg` === f.family);
  const ownTables = tables.filter((t) => t.key === f.family);
  // A sex × age table gives the attacker the most equations: hide it first; only when the family's
  // tables are hidden already does the finding's own breakdown go.
  if (ownTables.some((t) => t.hidden.some((row) => row.some((h) => h === null)))) {
    for (const t of ownTables) t.hidden.forEach(hideAll);
    return;
  }
  const kind = f.group.split(':')[0];
  if (item && kind === 'area') hideAll(item.area.hidden);
  if (item && kind === 'sex') hideAll(item.sex.hidden);
  if (item && kind === 'age') hideAll(item.age.hidden);
}

/** Maximum guard rounds; each hides at least one whole breakdown, so few are ever needed. */
const MAX_ROUNDS = 50;

/**
 * Audits what the plans will publish and hides further until nothing is derivable. Mutates the
 * plans' `hidden` arrays. `extraHidden` counts hidden totals of local extra questions.
 */
export function guardDisclosure(
  layout: CellLayout,
  /** Labels of all dataset age groups, in layout order. */
  ageLabels: readonly string[],
  items: readonly ItemPlan[],
  tables: readonly TablePlan[],
  mindestfallzahl: number,
  extraHidden = 0,
): DisclosureSummary {
  const atoms = atomsOf(layout);
  const slotOf = new Map(ageLabels.map((l, i) => [l, i + 1]));
  const ageSlotOf = (label: string) => slotOf.get(label) ?? 0;
  let fams = families(atoms, items, tables, ageSlotOf);
  let findings = audit(fams, mindestfallzahl);
  for (let round = 0; findings.length > 0 && round < MAX_ROUNDS; round++) {
    for (const f of findings) escalate(f, items, tables);
    fams = families(atoms, items, tables, ageSlotOf);
    findings = audit(fams, mindestfallzahl);
  }
  if (findings.length > 0) {
    // Last resort (never needed in the tests): only the totals of the families concerned remain.
    for (const f of findings) {
      const item = items.find((p) => `${p.code}|neg` === f.family);
      if (item) [item.area, item.sex, item.age].forEach((b) => hideAll(b.hidden));
      for (const t of tables) if (t.key === f.family) t.hidden.forEach(hideAll);
    }
    fams = families(atoms, items, tables, ageSlotOf);
    findings = audit(fams, mindestfallzahl);
  }
  const suppressed = Object.fromEntries(SUPPRESSION_RULES.map((r) => [r, 0])) as Record<
    SuppressionRule,
    number
  >;
  const count = (h: Hidden | null) => {
    if (h) suppressed[h.rule]++;
  };
  for (const p of items) {
    count(p.total);
    p.area.hidden.forEach(count);
    p.sex.hidden.forEach(count);
    p.age.hidden.forEach(count);
  }
  for (const t of tables) t.hidden.forEach((row) => row.forEach(count));
  suppressed.total += extraHidden;
  return {
    suppressed,
    auditedFamilies: fams.length,
    auditedGroups: fams.reduce((s, f) => s + f.groups.length, 0),
    findings: findings.length,
  };
}
