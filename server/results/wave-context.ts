import type { Db } from '../db/database.ts';
import type { QuestionnaireCatalog } from '../questionnaires/load-questionnaires.ts';
import type { LoadedQuestionnaire } from '../questionnaires/normalise-questionnaire.ts';
import { waveOf } from '../responses/wave.ts';
import { findLatestWave, findWaveQuestionnaires } from './queries.ts';

/**
 * The wave a results page or an export is about (asked for, else the latest with responses,
 * else the current year: server/API.md) and the questionnaires answered in it. One rule for
 * both, so an export and the results page always agree.
 */
export type WaveContext = {
  wave: string;
  /** The newest questionnaire answered in the wave, else the current one: the one results use. */
  questionnaire: LoadedQuestionnaire;
  /** Every questionnaire answered in the wave, newest first; just the current one if none. */
  questionnaires: LoadedQuestionnaire[];
};

export async function resolveWaveContext(
  db: Db,
  catalog: QuestionnaireCatalog,
  requestedWave: string | undefined,
): Promise<WaveContext> {
  const wave = requestedWave ?? (await findLatestWave(db)) ?? waveOf(new Date());
  const used = await findWaveQuestionnaires(db, wave, [...catalog.byId.keys()]);
  const answered = used
    .map((id) => catalog.byId.get(id))
    .filter((q) => q !== undefined)
    .sort((a, b) => b.published.localeCompare(a.published));
  const questionnaires = answered.length > 0 ? answered : [catalog.current];
  return { wave, questionnaire: questionnaires[0] ?? catalog.current, questionnaires };
}
