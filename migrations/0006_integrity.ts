import { type Kysely, sql } from 'kysely';

/**
 * Integrity of the index (METHOD.md section 7): flags stored with each response, the staff
 * review state of each response, and an append-only audit log of every staff change.
 *
 * - `flags` are facts the server adds and never removes; they never change a score.
 * - `answers_fingerprint` is the sha256 of the canonical answers without free text, so a
 *   duplicate is found by an index lookup, not a scan. Rows stored before this migration have
 *   none; the server fills it (and their flags) in when it starts.
 * - The burst rule looks up one kiosk's completion times (`completedAt`, else the time
 *   received) inside a window: an expression index on exactly that.
 * - The audit log refuses update, delete and truncate in the database itself, so neither the
 *   application nor anyone holding its database role can rewrite history.
 */
export async function up(db: Kysely<unknown>) {
  await db.schema
    .alterTable('responses')
    .addColumn('flags', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('answers_fingerprint', 'text')
    .addColumn('review_state', 'text', (col) =>
      col
        .notNull()
        .defaultTo('unreviewed')
        .check(sql`review_state in ('unreviewed', 'kept', 'excluded')`),
    )
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('review_reason', 'text')
    .execute();

  await db.schema
    .createIndex('responses_fingerprint_idx')
    .on('responses')
    .columns(['commune_code', 'wave', 'answers_fingerprint'])
    .where(sql.ref('answers_fingerprint'), 'is not', null)
    .execute();
  await sql`create index responses_kiosk_completion_idx
    on responses (kiosk_id, (coalesce(completed_at, received_at)))
    where kiosk_id is not null`.execute(db);
  // The review queue: one commune's wave in completion order, flagged or decided rows only.
  await sql`create index responses_review_idx
    on responses (commune_code, wave, (coalesce(completed_at, received_at)), id)
    where cardinality(flags) > 0 or review_state <> 'unreviewed'`.execute(db);

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('actor_id', 'uuid')
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('target', 'text')
    .addColumn('reason', 'text')
    .addColumn('details', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema
    .createIndex('audit_log_action_idx')
    .on('audit_log')
    .columns(['action', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_log_actor_idx')
    .on('audit_log')
    .columns(['actor', 'id'])
    .execute();

  await sql`create function audit_log_refuse_change() returns trigger
    language plpgsql as $$
    begin
      raise exception 'the audit log is append-only: % is refused', tg_op
        using errcode = 'insufficient_privilege';
    end
    $$`.execute(db);
  await sql`create trigger audit_log_no_update_or_delete
    before update or delete on audit_log
    for each row execute function audit_log_refuse_change()`.execute(db);
  await sql`create trigger audit_log_no_truncate
    before truncate on audit_log
    for each statement execute function audit_log_refuse_change()`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropTable('audit_log').execute();
  await sql`drop function audit_log_refuse_change()`.execute(db);
  await db.schema.dropIndex('responses_review_idx').execute();
  await db.schema.dropIndex('responses_kiosk_completion_idx').execute();
  await db.schema.dropIndex('responses_fingerprint_idx').execute();
  await db.schema
    .alterTable('responses')
    .dropColumn('review_reason')
    .dropColumn('decided_at')
    .dropColumn('decided_by')
    .dropColumn('review_state')
    .dropColumn('answers_fingerprint')
    .dropColumn('flags')
    .execute();
}
