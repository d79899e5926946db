export { analyseCrime, type CrimeAnalysis } from './analyse-crime.js';
export {
  buildCrimeContext,
  areaRateForComparison,
  SMALL_COUNT,
  type CrimeContext,
  type AreaRate,
} from './context.js';
export { haeufigkeitszahl, aufklaerungsquote } from './measures.js';
export { LAENDER, landOf } from './laender.js';
export { JUMP_THRESHOLD, SPECIAL_EFFECT_FACTOR } from './flags.js';
