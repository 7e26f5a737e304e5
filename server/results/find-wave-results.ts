import type { Commune } from '../communes/schema.ts';
import type { Db } from '../db/database.ts';
import type { QuestionnaireCatalog } from '../questionnaires/load-questionnaires.ts';
import { computeWaveResults, type ResultRules } from './compute-results.ts';
import { findWaveRollups } from './queries.ts';
import type { WaveResults } from './schema.ts';
import { resolveWaveContext } from './wave-context.ts';

/**
 * A wave's results as `GET /api/results` gives them: the wave resolved as server/API.md
 * says, its rollups read, the figures computed. The results page and the exports both come
 * here, so the two can never disagree.
 */
export async function findWaveResults(
  db: Db,
  context: { catalog: QuestionnaireCatalog; communes: readonly Commune[]; rules: ResultRules },
  requestedWave: string | undefined,
): Promise<WaveResults> {
  const { wave, questionnaire } = await resolveWaveContext(db, context.catalog, requestedWave);
  const results = computeWaveResults({
    wave,
    communes: context.communes,
    rollups: await findWaveRollups(db, wave),
    rules: context.rules,
  });
  return { ...results, questionnaireId: questionnaire.id };
}
