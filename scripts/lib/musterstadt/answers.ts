/**
 * The answers of one respondent, generated from a few latent variables:
 * - fear (affective): higher in areas with more disorder and crime, for women, a little for older
 *   people, and after a personal victimisation;
 * - conative (avoidance): fear plus a strong age effect (older people act more cautiously);
 * - cognitive (risk): fear, the area's real risk and youth (young men rate violence risks higher).
 * Each item is the latent value plus noise, cut into the scale's categories. Codes 8 (trifft nicht
 * zu), 9 (weiß nicht) and empty cells (item non-response) are added at realistic rates.
 */
import { DELIKTE, ITEMS, THEMEN } from '../../../src/core/model/codebook.js';
import type { Delikt, Thema } from '../../../src/core/model/codebook.js';
import { AREAS, areaById } from './areas.js';
import type { AreaDef } from './areas.js';
import type { Respondent } from './respondents.js';
import type { Rng } from './rng.js';

/** Item code → answer code, or null for an empty cell. */
export type Answers = Map<string, number | null>;

const DELIKT_CODES = Object.keys(DELIKTE) as Delikt[];
const THEMA_CODES = Object.keys(THEMEN) as Thema[];

/** 12-month prevalence before area and person multipliers. */
const VICTIM_BASE: Record<Delikt, number> = {
  einbruch: 0.015,
  diebstahl: 0.05,
  fahrraddiebstahl: 0.05,
  kfz: 0.03,
  raub: 0.006,
  koerperverletzung: 0.018,
  sexuelle_belaestigung: 0.022,
  betrug: 0.04,
  betrug_internet: 0.08,
  sachbeschaedigung: 0.06,
  bedrohung: 0.04,
};
/** Probability that a victim reported the offence to the police. */
const REPORT_RATE: Record<Delikt, number> = {
  einbruch: 0.88,
  diebstahl: 0.45,
  fahrraddiebstahl: 0.6,
  kfz: 0.9,
  raub: 0.6,
  koerperverletzung: 0.4,
  sexuelle_belaestigung: 0.1,
  betrug: 0.35,
  betrug_internet: 0.18,
  sachbeschaedigung: 0.4,
  bedrohung: 0.3,
};
const PERSONAL: ReadonlySet<Delikt> = new Set([
  'raub',
  'koerperverletzung',
  'sexuelle_belaestigung',
  'bedrohung',
]);
const WORRY_BASE: Record<Delikt, number> = {
  einbruch: 0.45,
  diebstahl: 0.1,
  fahrraddiebstahl: 0.0,
  kfz: 0.15,
  raub: 0.0,
  koerperverletzung: 0.0,
  sexuelle_belaestigung: -0.55,
  betrug: 0.15,
  betrug_internet: 0.55,
  sachbeschaedigung: 0.0,
  bedrohung: -0.1,
};
const RISK_BASE: Record<Delikt, number> = {
  einbruch: 0.2,
  diebstahl: 0.25,
  fahrraddiebstahl: 0.4,
  kfz: 0.1,
  raub: -0.45,
  koerperverletzung: -0.25,
  sexuelle_belaestigung: -0.7,
  betrug: 0.1,
  betrug_internet: 0.6,
  sachbeschaedigung: 0.3,
  bedrohung: -0.1,
};
const AVOID_BASE: Record<string, number> = {
  vermeiden_haus_nachts: -0.3,
  vermeiden_orte: 0.35,
  vermeiden_fremde: 0.15,
  vermeiden_oepnv_nachts: 0.2,
  vermeiden_begleitung: -0.45,
};
const NO_PT_BY_AGE = [0.18, 0.2, 0.28, 0.38, 0.5];

/** Level of one incivility in one area, on the latent scale of the problem items. */
function themeLevel(t: Thema, a: AreaDef): number {
  const i = a.incivility;
  const by = (m: Record<string, number>): number => m[a.id] ?? 0;
  switch (t) {
    case 'muell':
      return 0.95 * i;
    case 'hundekot':
      return 0.55 + 0.35 * i;
    case 'graffiti':
      return 1.3 * i - 0.25;
    case 'vandalismus':
      return i - 0.1;
    case 'alkohol_oeffentlich':
      return 1.35 * i - 0.35;
    case 'drogen':
      return 1.35 * i - 0.55;
    case 'jugendgruppen':
      return 0.8 * i + by({ '05': 0.45 });
    case 'laerm':
      return 0.85 * i + by({ '01': 0.3 });
    case 'raser':
      return 0.75 - 0.3 * i + by({ '08': 0.6, '07': 0.35 });
    case 'falschparker':
      return 0.45 + 0.6 * i + by({ '01': 0.35 });
    case 'leerstand':
      return -0.3 + by({ '02': 1.1, '08': 0.6, '03': 0.5, '01': 0.2 });
    case 'beleuchtung':
      return -0.1 + by({ '07': 0.6, '05': 0.55, '06': 0.7, '08': 0.45 });
  }
}

function ordinal(rng: Rng, latent: number, cuts: readonly number[], sd: number): number {
  const y = latent + rng.normal(0, sd);
  let k = 1;
  for (const c of cuts) if (y > c) k++;
  return k;
}

export function answerRespondent(
  rng: Rng,
  r: Respondent,
  areas: readonly AreaDef[] = AREAS,
): { answers: Answers; fear: number } {
  const area = areas.find((a) => a.id === r.area) ?? areaById(r.area);
  const g = r.ageGroup;
  const female = r.sex === 'w' ? 1 : r.sex === 'd' ? 0.7 : 0;
  const young = g === 0 ? 1 : 0;
  const youngMale = r.sex === 'm' ? ([1, 0.45, 0.15, 0, 0][g] ?? 0) : 0;
  const noCar = rng.chance(
    0.1 + (area.id === '02' ? 0.15 : area.id === '01' ? 0.08 : 0) + (g === 4 ? 0.25 : g === 0 ? 0.1 : 0),
  );
  const noBike = rng.chance(0.2 + (g === 3 ? 0.15 : g === 4 ? 0.35 : 0));
  const noPublicTransport = rng.chance(NO_PT_BY_AGE[g] ?? 0.3);
  const a: Answers = new Map();

  // Victimisation first: it feeds into fear.
  const victim = new Map<Delikt, boolean>();
  for (const d of DELIKT_CODES) {
    let p = VICTIM_BASE[d] * area.victimRisk;
    if (d === 'koerperverletzung' || d === 'raub') p *= 1 + 3 * youngMale;
    if (d === 'bedrohung') p *= 1 + 1.5 * youngMale;
    if (d === 'sexuelle_belaestigung') p *= female > 0 ? ([4, 2, 1, 0.4, 0.2][g] ?? 1) : 0.2;
    if (d === 'betrug') p *= g === 4 ? 1.8 : 1;
    if (d === 'betrug_internet') p *= [1.3, 1.2, 1, 0.7, 0.4][g] ?? 1;
    if ((d === 'kfz' && noCar) || (d === 'fahrraddiebstahl' && noBike)) p = 0;
    victim.set(d, rng.chance(p));
  }
  const personal = DELIKT_CODES.filter((d) => victim.get(d) && PERSONAL.has(d)).length;
  const property = DELIKT_CODES.filter((d) => victim.get(d) && !PERSONAL.has(d)).length;

  const fear =
    -0.45 +
    area.fear +
    0.5 * female +
    ([-0.2, -0.1, 0, 0.1, 0.25][g] ?? 0) +
    0.35 * Math.min(2, personal) +
    0.15 * Math.min(2, property) +
    rng.normal(0, 0.75);
  const conative = fear + ([-0.35, -0.15, 0, 0.3, 0.65][g] ?? 0) + 0.15 * female;
  const cognitive =
    0.55 * fear + 0.35 * (area.victimRisk - 1) + ([0.15, 0.05, 0, -0.05, -0.1][g] ?? 0) + rng.normal(0, 0.5);
  const cityFear = fear - 0.6 * area.fear + 0.35;

  const dk = (p: number, v: number): number => (rng.chance(p) ? 9 : v);
  const sicher = (latent: number): number => ordinal(rng, latent, [-0.45, 0.8, 1.8], 0.45);

  a.set(
    'lq_wohnen_gern',
    ordinal(rng, 0.3 * fear + 0.35 * area.incivility - 0.3 * area.cohesion, [0.1, 1.5, 2.3], 0.8),
  );
  a.set('lq_entwicklung', dk(0.04, ordinal(rng, 0.3 * fear + 0.2 * area.incivility, [-1.1, 0.75], 0.8)));
  a.set('sg_wohngegend_nacht', sicher(fear));
  a.set('sg_wohngegend_tag', sicher(fear - 1.7));
  a.set('sg_wohnung_tag', sicher(fear - 2.5));
  a.set('sg_wohnung_nacht', sicher(fear - 1.5));
  a.set('sg_innenstadt_tag', dk(0.02, sicher(cityFear - 1.5)));
  a.set('sg_innenstadt_nacht', dk(0.04, sicher(cityFear + 0.15)));
  a.set('sg_oepnv_nacht', noPublicTransport ? 8 : dk(0.03, sicher(0.9 * fear + 0.55)));
  a.set('furcht_nacht', ordinal(rng, fear, [-0.7, 0.3, 1.2, 2.0], 0.45));

  for (const d of DELIKT_CODES) {
    const notOwner = (d === 'kfz' && noCar) || (d === 'fahrraddiebstahl' && noBike);
    const sexual = d === 'sexuelle_belaestigung' ? 1.0 * female + 0.35 * young : 0;
    const senior = d === 'betrug' && g >= 3 ? 0.35 : 0;
    a.set(
      `beunruhigt_${d}`,
      notOwner
        ? 8
        : dk(0.02, ordinal(rng, 0.7 * fear + WORRY_BASE[d] + sexual + senior, [-0.6, 0.6, 1.5], 0.6)),
    );
  }
  for (const d of DELIKT_CODES) {
    const notOwner = (d === 'kfz' && noCar) || (d === 'fahrraddiebstahl' && noBike);
    const violent = d === 'koerperverletzung' || d === 'raub' || d === 'bedrohung' ? 0.35 * youngMale : 0;
    const sexual = d === 'sexuelle_belaestigung' ? 0.6 * female * (g <= 1 ? 1 : 0.3) : 0;
    const own = victim.get(d) ? 0.6 : 0;
    a.set(
      `risiko_${d}`,
      notOwner
        ? 8
        : dk(
            d === 'betrug_internet' ? 0.07 : 0.05,
            ordinal(rng, cognitive + RISK_BASE[d] + violent + sexual + own, [-0.2, 1.25, 2.2], 0.6),
          ),
    );
  }
  for (const [code, base] of Object.entries(AVOID_BASE)) {
    if (code === 'vermeiden_oepnv_nachts' && noPublicTransport) {
      a.set(code, 8);
      continue;
    }
    const escort = code === 'vermeiden_begleitung' ? 0.35 * female : 0;
    a.set(code, ordinal(rng, conative + base + escort, [-0.2, 0.7, 1.6, 2.35], 0.6));
  }
  for (const t of THEMA_CODES) {
    const dontKnow = t === 'drogen' ? 0.12 : t === 'leerstand' ? 0.05 : t === 'jugendgruppen' ? 0.04 : 0.025;
    a.set(
      `problem_${t}`,
      dk(dontKnow, ordinal(rng, themeLevel(t, area) + 0.25 * fear, [0.05, 0.95, 1.85], 0.65)),
    );
  }
  for (const d of DELIKT_CODES) a.set(`opfer_${d}`, victim.get(d) ? 1 : 2);

  a.set('zufrieden_polizei', dk(0.08, ordinal(rng, 0.3 * fear - 0.05, [-0.25, 0.95, 1.75], 0.85)));
  a.set(
    'zufrieden_ordnungsamt',
    rng.chance(0.09) ? 8 : dk(0.17, ordinal(rng, 0.3 * fear + 0.25, [-0.25, 0.95, 1.75], 0.85)),
  );
  a.set('zufrieden_verwaltung', dk(0.06, ordinal(rng, 0.25 * fear + 0.1, [-0.25, 0.95, 1.75], 0.85)));
  const presence = (latent: number, high: number, low: number): number => {
    const y = latent + rng.normal(0, 0.8);
    return y > high ? 1 : y < low ? 3 : 2;
  };
  a.set('praesenz_polizei', dk(0.07, presence(0.45 * fear + 0.2 * area.incivility, 0.35, -1.7)));
  a.set('praesenz_ordnungsamt', dk(0.13, presence(0.4 * fear + 0.3 * area.incivility, 0.45, -1.9)));
  const neighbours = -area.cohesion + 0.15 * fear + ([0.35, 0.15, 0, -0.1, -0.1][g] ?? 0);
  a.set('nachbarschaft_hilfe', dk(0.03, ordinal(rng, neighbours, [-0.35, 0.75, 1.7], 0.8)));
  a.set('nachbarschaft_vertrauen', dk(0.03, ordinal(rng, neighbours + 0.1, [-0.35, 0.75, 1.7], 0.8)));
  a.set(
    'entwicklung_kriminalitaet',
    dk(
      g === 0 ? 0.2 : 0.13,
      ordinal(rng, 0.45 * fear + 0.1 + (g >= 3 ? 0.2 : 0), [-1.7, -1.0, 0.25, 1.25], 0.8),
    ),
  );

  // Item non-response; the filter question `anzeige_*` is asked only of victims.
  for (const code of a.keys()) if (rng.chance(r.skipRate)) a.set(code, null);
  for (const d of DELIKT_CODES) {
    const reported = rng.chance(REPORT_RATE[d]) ? 1 : 2;
    a.set(`anzeige_${d}`, a.get(`opfer_${d}`) === 1 ? (rng.chance(r.skipRate) ? null : reported) : null);
  }

  for (const item of ITEMS) if (!a.has(item.code)) throw new Error(`generator misses item ${item.code}`);
  return { answers: a, fear };
}
