import type { Db } from '../db/database.ts';
import { findVersion } from '../questionnaires/find-version.ts';
import { newestFirst, type QuestionnaireCatalog } from '../questionnaires/load-questionnaires.ts';
import type { LoadedQuestionnaire } from '../questionnaires/normalise-questionnaire.ts';
import { sameScoring } from '../questionnaires/same-scoring.ts';
import { waveOf } from '../responses/wave.ts';
import { findLatestAnsweredWave, findWaveOnDay } from '../waves/queries.ts';
import { vietnamDate } from '../waves/wave-dates.ts';
import { findWaveQuestionnaires } from './queries.ts';

/**
 * The wave a results page or an export is about (asked for, else the latest with responses,
 * else the one open today, else the current year: server/API.md) and the questionnaires answered in it. One rule for
 * both, so an export and the results page always agree.
 */
export type WaveContext = {
  wave: string;
  /**
   * The questionnaire the results are stated in: the newest answered in the wave, else the
   * current one. Its scoring block decides which versions the results combine.
   */
  questionnaire: LoadedQuestionnaire;
  /**
   * The versions whose responses the results count together (METHOD.md section 5): those
   * answered in the wave whose scoring block is identical to `questionnaire`'s, newest first,
   * `questionnaire` itself first. Versions that only reword the questions (v1 and v2 of 2026)
   * are one sample.
   */
  combined: LoadedQuestionnaire[];
  /**
   * Versions answered in the wave with a different scoring block: not combined. Their
   * responses score differently, so pooling their items would mix two measures.
   */
  notCombined: LoadedQuestionnaire[];
  /** Every questionnaire answered in the wave, newest first; just the current one if none. */
  questionnaires: LoadedQuestionnaire[];
};

export async function resolveWaveContext(
  db: Db,
  catalog: QuestionnaireCatalog,
  requestedWave: string | undefined,
): Promise<WaveContext> {
  const wave = requestedWave ?? (await latestWave(db));
  // Every version stored, not only those this process holds: another server may have
  // published one from the dashboard since this one started, and its responses count here too.
  const stored = await db.selectFrom('questionnaires').select('id').execute();
  const ids = new Set([...catalog.byId.keys(), ...stored.map((row) => row.id)]);
  const answered: LoadedQuestionnaire[] = [];
  for (const id of await findWaveQuestionnaires(db, wave, [...ids])) {
    const version = await findVersion(db, catalog, id);
    if (version) answered.push(version);
  }
  answered.sort(newestFirst);
  return { wave, ...combineVersions(answered.length > 0 ? answered : [catalog.current]) };
}

/** The latest wave with responses (by its days), else today's wave, else the calendar year. */
async function latestWave(db: Db): Promise<string> {
  const now = new Date();
  return (
    (await findLatestAnsweredWave(db)) ??
    (await findWaveOnDay(db, vietnamDate(now)))?.id ??
    waveOf(now)
  );
}

/**
 * Splits the versions answered in a wave (newest first, at least one) into those the results
 * combine and those they do not, by the newest one's scoring block. Pure.
 *
 * @example
 *   combineVersions([v2, v1])      // combined [v2, v1], notCombined []: same scoring block
 *   combineVersions([v3, v2, v1])  // v3 weighs an item 2: combined [v3], notCombined [v2, v1]
 */
export function combineVersions(
  answered: readonly LoadedQuestionnaire[],
): Omit<WaveContext, 'wave'> {
  const [questionnaire] = answered;
  if (!questionnaire) throw new Error('combineVersions needs at least one questionnaire');
  const combined = answered.filter((q) => sameScoring(q.scoring, questionnaire.scoring));
  const notCombined = answered.filter((q) => !combined.includes(q));
  return { questionnaire, combined, notCombined, questionnaires: [...answered] };
}
