import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { vietnamDate } from './wave-dates.ts';

/**
 * A database with no wave gets one for the current calendar year in Việt Nam, open, with the
 * given questionnaire (the newest published), so a new install takes responses at once
 * (server/API.md "Waves"). Run at every start: once any wave exists it does nothing, and two
 * processes starting together store one wave (the second insert finds the id taken).
 */
export async function ensureDefaultWave(db: Db, questionnaireId: string, now = new Date()) {
  const year = vietnamDate(now).slice(0, 4);
  const result = await sql`
    insert into waves (id, name, opens_on, closes_on, questionnaire_id)
    select ${year}, ${`Đợt khảo sát ${year}`}, ${`${year}-01-01`}::date, ${`${year}-12-31`}::date,
      ${questionnaireId}
    where not exists (select 1 from waves)
    on conflict do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}
