import { sql } from 'kysely';
import { type AuditActor, appendAudit } from '../audit/append-audit.ts';
import type { Db } from '../db/database.ts';
import { cellAgeBandOf, cellSexOf } from '../responses/response-cell.ts';
import { moveInRollups } from './move-in-rollups.ts';
import { reviewTransition } from './review-transition.ts';
import type { ReviewDecision, ReviewOutcome, ReviewState } from './schema.ts';

/**
 * Records a staff decision on one response, in one transaction: its review state, its move
 * out of (or back into) the commune's rollups, and the audit entry. Null when there is no
 * such response.
 *
 * The response row is locked (`for update`) before its state is read, so two decisions on
 * the same response, from any number of server processes, run one after the other: the
 * second sees the first's state, and an `exclude` of an already excluded response leaves
 * the rollups alone. Rows and answers are never deleted.
 */
export async function applyReviewDecision(
  db: Db,
  input: { id: string; decision: ReviewDecision; reason: string; actor: AuditActor },
): Promise<ReviewOutcome | null> {
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('responses')
      .select([
        'commune_code',
        'wave',
        'review_state',
        'score_overall',
        'score_security',
        'score_opportunity',
        'score_culture',
        'score_trust',
        cellSexOf(sql`answers`).as('sex'),
        cellAgeBandOf(sql`answers`).as('age_band'),
      ])
      .where('id', '=', input.id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) return null;
    const previous: ReviewState = current.review_state;
    const { state, rollups } = reviewTransition(previous, input.decision);
    if (rollups !== 0) await moveInRollups(trx, current, rollups);
    const decided = await trx
      .updateTable('responses')
      .set({
        review_state: state,
        decided_by: input.actor.email,
        decided_at: sql<string>`now()`,
        review_reason: input.reason,
      })
      .where('id', '=', input.id)
      .returning(['decided_at'])
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actor: input.actor,
      action: `review.${input.decision}`,
      target: input.id,
      reason: input.reason,
      details: {
        communeCode: current.commune_code,
        wave: current.wave,
        from: previous,
        to: state,
        rollups: rollups === 0 ? 'unchanged' : rollups < 0 ? 'removed' : 'restored',
      },
    });
    return {
      id: input.id,
      state,
      decidedBy: input.actor.email,
      decidedAt: decided.decided_at ? new Date(decided.decided_at).toISOString() : null,
      reason: input.reason,
    };
  });
}
