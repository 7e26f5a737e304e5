import type { Db } from '../db/database.ts';
import { findNextWave, findWaveOnDay, type WaveRecord } from '../waves/queries.ts';
import { containsInstant, vietnamDate } from '../waves/wave-dates.ts';
import type { CheckedQuestionnaire } from './check-questionnaire.ts';
import { findVersion } from './find-version.ts';
import type { QuestionnaireCatalog } from './load-questionnaires.ts';

/**
 * What residents are given at this instant: the open wave's questionnaire; with none open the
 * next wave's, else the catalog's current one. The version is looked up by id in the table
 * when this process lacks it, so one published from the dashboard by another server process
 * is served here too. `GET /api/questionnaires/current` and the versions list ("in use")
 * both go by this, so they never disagree.
 */
export async function findServedQuestionnaire(
  db: Db,
  catalog: QuestionnaireCatalog,
  at: Date,
): Promise<{
  questionnaire: CheckedQuestionnaire | QuestionnaireCatalog['current'];
  open: WaveRecord | null;
  next: WaveRecord | null;
}> {
  const today = vietnamDate(at);
  const [onToday, next] = await Promise.all([findWaveOnDay(db, today), findNextWave(db, today)]);
  const open = onToday && containsInstant(onToday, at) ? onToday : null;
  const wave = open ?? next;
  const version = wave ? await findVersion(db, catalog, wave.questionnaireId) : null;
  return { questionnaire: version ?? catalog.current, open, next };
}
