export { compare, type CompareExtra, type ComparisonResult } from './compare.js';
export { ITEM_KEY_PAIRS, pairCaveat, type ItemKeyPair } from './pairs.js';
export { QUADRANT_LABELS, quadrantOf } from './quadrant.js';
export {
  analyseParadox,
  groupLabel,
  PARADOX_MIN_GROUPS,
  PARADOX_MIN_CELL_N,
  pText,
  type VictimisationCell,
  type ParadoxResult,
} from './paradox.js';
export { spearman, spearmanTest } from './spearman.js';
