import type { ColumnType, Generated } from 'kysely';

export interface ResponsesTable {
  /** The client's UUID: the idempotency key of a submission. */
  id: string;
  questionnaire_id: string;
  commune_code: string;
  wave: string;
  channel: 'web' | 'kiosk' | 'paper';
  answers: ColumnType<Record<string, unknown>, string, never>;
  /** sha256 of the request's canonical JSON, to tell a retry (200) from a conflict (409). */
  request_hash: string;
  score_overall: number | null;
  score_security: number | null;
  score_opportunity: number | null;
  score_culture: number | null;
  score_trust: number | null;
  started_at: ColumnType<Date | null, string | null, never>;
  completed_at: ColumnType<Date | null, string | null, never>;
  received_at: Generated<Date>;
  kiosk_id: string | null;
  is_demo: Generated<boolean>;
  /** METHOD.md section 7 flags: added by the server, never removed, never change a score. */
  flags: ColumnType<string[], string[] | undefined, string[]>;
  /** sha256 of the answers without free text: duplicates are found by index, not by scan. */
  answers_fingerprint: string | null;
  review_state: Generated<'unreviewed' | 'kept' | 'excluded'>;
  /** E-mail of the staff member who decided, at the time of the decision. */
  decided_by: string | null;
  decided_at: ColumnType<Date | null, string | null, string | null>;
  review_reason: string | null;
  /** Where an imported response came from (`POST /api/imports/responses`); null otherwise. */
  source: ColumnType<string | null, string | null | undefined, string | null>;
}

/**
 * Per commune·wave·measure·cell sums, kept in step with `responses` by the same statement. The
 * cell is the respondent's `sex` × `age_band` (METHOD.md section 8), '' where not placed.
 */
export interface RollupsTable {
  commune_code: string;
  wave: string;
  measure: string;
  sex: ColumnType<string, string | undefined, string>;
  age_band: ColumnType<string, string | undefined, string>;
  n: number;
  /** numeric: exact sums, so a rollup always equals a recomputation from the rows. */
  sum: ColumnType<string, string, string>;
  sum_squares: ColumnType<string, string, string>;
}
