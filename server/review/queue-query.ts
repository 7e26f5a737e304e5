import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ReviewCursor } from './review-cursor.ts';
import type { ReviewQueueState, ReviewState } from './schema.ts';

export type QueueFilters = {
  wave?: string | undefined;
  communeCode?: string | undefined;
  flag?: string | undefined;
  state: ReviewQueueState;
  cursor: ReviewCursor | null;
  limit: number;
};

export type QueueRow = {
  id: string;
  questionnaire_id: string;
  commune_code: string;
  wave: string;
  channel: 'web' | 'kiosk' | 'paper';
  kiosk_id: string | null;
  kiosk_label: string | null;
  started_at: Date | null;
  completed_at: Date | null;
  received_at: Date;
  flags: string[];
  review_state: ReviewState;
  decided_by: string | null;
  decided_at: Date | null;
  review_reason: string | null;
  answers: Record<string, unknown>;
  score_overall: number | null;
  score_security: number | null;
  score_opportunity: number | null;
  score_culture: number | null;
  score_trust: number | null;
  /** The sort key to the microsecond, for the next page's cursor. */
  sort_at: string;
};

/**
 * The review queue's page: responses in completion order (`completedAt`, else the time
 * received), then id, after the cursor. Every state but `all` repeats the predicate of the
 * partial index `responses_review_idx` (flagged or decided rows only), so one commune's
 * wave is read in order from that small index and stops after `limit + 1` rows, however
 * many responses the commune has.
 */
export async function findQueueRows(db: Db, filters: QueueFilters): Promise<QueueRow[]> {
  const conditions: RawBuilder<unknown>[] = [];
  if (filters.state !== 'all') {
    conditions.push(sql`(cardinality(r.flags) > 0 or r.review_state <> 'unreviewed')`);
  }
  if (filters.state === 'flagged') {
    conditions.push(sql`cardinality(r.flags) > 0 and r.review_state = 'unreviewed'`);
  } else if (filters.state !== 'all') {
    conditions.push(sql`r.review_state = ${filters.state}`);
  }
  if (filters.communeCode !== undefined) {
    conditions.push(sql`r.commune_code = ${filters.communeCode}`);
  }
  if (filters.wave !== undefined) conditions.push(sql`r.wave = ${filters.wave}`);
  if (filters.flag !== undefined) conditions.push(sql`r.flags @> array[${filters.flag}]::text[]`);
  if (filters.cursor) {
    conditions.push(
      sql`(coalesce(r.completed_at, r.received_at), r.id) > (${filters.cursor.at}::timestamptz, ${filters.cursor.id}::uuid)`,
    );
  }
  const where = conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const { rows } = await sql<QueueRow>`
    select r.id, r.questionnaire_id, r.commune_code, r.wave, r.channel, r.kiosk_id,
      k.label as kiosk_label, r.started_at, r.completed_at, r.received_at, r.flags,
      r.review_state, r.decided_by, r.decided_at, r.review_reason, r.answers,
      r.score_overall, r.score_security, r.score_opportunity, r.score_culture, r.score_trust,
      to_char(coalesce(r.completed_at, r.received_at) at time zone 'UTC',
        'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as sort_at
    from responses r
    left join kiosks k on k.id = r.kiosk_id
    ${where}
    order by coalesce(r.completed_at, r.received_at), r.id
    limit ${filters.limit + 1}`.execute(db);
  return rows;
}
