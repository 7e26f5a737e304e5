import type { Commune } from '../communes/schema.ts';
import type { Db } from '../db/database.ts';
import type { QuestionnaireCatalog } from '../questionnaires/load-questionnaires.ts';
import { findCombinedRollups } from './combined-versions.ts';
import { computeWaveResults, type ResultRules } from './compute-results.ts';
import { findReviewCounts } from './queries.ts';
import type { WaveResults } from './schema.ts';
import { resolveWaveContext } from './wave-context.ts';

/**
 * A wave's results as `GET /api/results` gives them: the wave resolved as server/API.md
 * says, its rollups read, the figures computed. The results page and the exports both come
 * here, so the two can never disagree. Responses excluded by review are in no figure (the
 * rollups leave them out); each commune row says how many there are.
 */
export async function findWaveResults(
  db: Db,
  context: { catalog: QuestionnaireCatalog; communes: readonly Commune[]; rules: ResultRules },
  requestedWave: string | undefined,
): Promise<WaveResults> {
  const waveContext = await resolveWaveContext(db, context.catalog, requestedWave);
  const { wave, questionnaire } = waveContext;
  const [rollups, reviewCounts] = await Promise.all([
    findCombinedRollups(db, waveContext),
    findReviewCounts(db, wave),
  ]);
  const results = computeWaveResults({
    wave,
    communes: context.communes,
    rollups,
    rules: context.rules,
    reviewCounts,
  });
  return { ...results, questionnaireId: questionnaire.id };
}
