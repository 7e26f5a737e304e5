/**
 * The statistics of METHOD.md sections 5 and 6: pure functions, no database, clock or I/O.
 */

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
