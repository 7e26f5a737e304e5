import { appendAudit } from '../audit/append-audit.ts';
import type { Db } from '../db/database.ts';
import { ensureDefaultWave } from '../waves/ensure-default-wave.ts';
import { findOverlappingWaves, findWave, insertWave } from '../waves/queries.ts';
import { demoWaves } from './plan.ts';

/** The audit log's actor for what the demo itself makes (no staff account does it). */
export const demoActor = { id: null, email: 'demo' };

/** A demo wave's calendar year is taken, in part, by another wave: its rows would belong to none. */
export class DemoWaveConflictError extends Error {}

/** The record a calendar-year demo wave gets, as migration 0008 made those of stored data. */
const calendarYear = (id: string, questionnaireId: string) => ({
  id,
  name: `Đợt khảo sát ${id}`,
  opensOn: `${id}-01-01`,
  closesOn: `${id}-12-31`,
  questionnaireId,
  target: null,
});

/**
 * Gives every wave the demo's rows belong to a wave record, so results, progress and the
 * waves screen know them: first this year's, as a server start would (a demo loaded into a
 * new install must not leave it without a wave for today), then each demo wave that has none,
 * over its whole calendar year with the demo's questionnaire, audited as made by the demo.
 * A wave already there under the id is kept as it is. Checks every demo wave before making
 * any, and refuses (nothing made) when another wave already holds some of a missing one's
 * days: the demo rows of that year would belong to no wave.
 *
 * Returns the ids it made.
 */
export async function ensureDemoWaves(db: Db, questionnaireId: string, now = new Date()) {
  await ensureDefaultWave(db, questionnaireId, now);
  return db.transaction().execute(async (trx) => {
    const missing = [];
    for (const id of demoWaves) {
      if (await findWave(trx, id)) continue;
      const wave = calendarYear(id, questionnaireId);
      const [other] = await findOverlappingWaves(trx, wave, null);
      if (other) {
        throw new DemoWaveConflictError(
          `the demo's wave ${id} cannot be made: the wave "${other.id}" (${other.name}) ` +
            `holds some of its days (${wave.opensOn} to ${wave.closesOn})`,
        );
      }
      missing.push(wave);
    }
    for (const wave of missing) {
      await insertWave(trx, wave);
      await appendAudit(trx, {
        actor: demoActor,
        action: 'wave.create',
        target: wave.id,
        details: { ...wave, demo: true },
      });
    }
    return missing.map((wave) => wave.id);
  });
}
