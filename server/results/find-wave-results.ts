import type { Commune } from '../communes/schema.ts';
import type { Db } from '../db/database.ts';
import type { QuestionnaireCatalog } from '../questionnaires/load-questionnaires.ts';
import { findCombinedRollups } from './combined-versions.ts';
import { computeWaveResults, type ResultRules } from './compute-results.ts';
import { findPopulationMargins } from './population-margins.ts';
import { findReviewCounts } from './queries.ts';
import type { WaveResults, Weighting } from './schema.ts';
import { resolveWaveContext } from './wave-context.ts';

/**
 * A wave's results as `GET /api/results` gives them: the wave resolved as server/API.md
 * says, its rollups read, the figures computed. The results page and the exports both come
 * here, so the two can never disagree. Responses excluded by review are in no figure (the
 * rollups leave them out); each commune row says how many there are. Communes with
 * population margins are raked to them unless `weights` is `none` (METHOD.md section 8).
 */
export async function findWaveResults(
  db: Db,
  context: { catalog: QuestionnaireCatalog; communes: readonly Commune[]; rules: ResultRules },
  requestedWave: string | undefined,
  weights: Weighting = 'raked',
): Promise<WaveResults> {
  const waveContext = await resolveWaveContext(db, context.catalog, requestedWave);
  const { wave, questionnaire } = waveContext;
  // The margins first: only the communes that have them need their cells read.
  const margins = weights === 'raked' ? await findPopulationMargins(db) : undefined;
  const [rollups, reviewCounts] = await Promise.all([
    findCombinedRollups(db, waveContext, [...(margins?.keys() ?? [])]),
    findReviewCounts(db, wave),
  ]);
  const results = computeWaveResults({
    wave,
    communes: context.communes,
    rollups: rollups.totals,
    cells: rollups.cells,
    margins,
    weights,
    rules: context.rules,
    reviewCounts,
  });
  return { ...results, questionnaireId: questionnaire.id };
}
