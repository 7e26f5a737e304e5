/**
 * The statistics of METHOD.md sections 5, 6 and 8: pure functions, no database, clock or I/O.
 */

export { type RakedSummary, summariseRaked } from './raked-summary.ts';
export {
  type AgeBand,
  ageBands,
  type CellSums,
  type PopulationMargins,
  type RakedCell,
  type RakedMean,
  type Raking,
  type RakingStructure,
  rakeCommune,
  rakeMean,
  rakingStructure,
  type SexCategory,
  sexCategories,
} from './raking.ts';
export {
  type CommuneStanding,
  type CommuneStatus,
  communeStatus,
  type Headline,
  type HeadlineInput,
  headline,
  orderByRank,
  type RankInput,
  rankCommunes,
  type StatusRules,
} from './ranking.ts';
export { type Summary, type SummaryInput, summarise, summariseValues } from './summary.ts';
export { studentTCdf, studentTQuantile } from './t-distribution.ts';
