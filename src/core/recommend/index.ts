export { recommend, buildRecommendations, compareRecommendations, priorityOf } from './recommend.js';
export { buildKeyFindings, MAX_KEY_FINDINGS, type KeyFindingResult } from './key-findings.js';
export { defaultCatalogue, parseCatalogue } from './catalogue.js';
export { evaluate, compareOp, type AnalysisBase, type Evaluation, type InternalFinding } from './evaluate.js';
export { Catalogue, Condition, Measure, ACTORS, type Leaf } from './rules.js';
