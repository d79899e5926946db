/** The state overview ("Landesüberblick", issue 16): build, restrict to one municipality, print and export. */
export {
  buildOverview,
  overviewIndicators,
  ownPosition,
  positionOf,
  quantile,
  type OverviewSource,
} from './build.js';
export {
  assembleOverview,
  overviewTables,
  OVERVIEW_TITLE,
  POSITION_LABELS,
  type AssembledOverview,
} from './assemble.js';
export { overviewSlice } from './slice.js';
export * from './schema.js';
