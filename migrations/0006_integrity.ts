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

  // Rows stored before this migration (and bulk-loaded demo rows) have no fingerprint yet; the
  // backfill takes them from this index in kiosk and completion order. It empties as they are
  // filled in, so a start with nothing to do costs one empty index probe, and a submission
  // (which always has a fingerprint) never touches it.
  await sql`create index responses_unfingerprinted_idx
    on responses (kiosk_id, (coalesce(completed_at, received_at)), id)
    where answers_fingerprint is null`.execute(db);
  // Demo kiosks (the demo's planted gaming) go with the demo rows.
  await db.schema
    .alterTable('kiosks')
    .addColumn('is_demo', 'boolean', (col) => col.notNull().defaultTo(false))
    .execute();

  /*
   * The flags a new response earns from the responses already stored (`duplicate`, `burst`),
   * added in the submission's own statement, and the same flags added to those earlier
   * responses (the 11th response in a window flags the ten before it; the second of a
   * duplicate pair flags the first). Returns the new response's flags, or null when its id is
   * already stored (a retry changes nothing).
   *
   * Concurrency: it first takes transaction-level advisory locks on the response id, the
   * (commune, wave, fingerprint) and the kiosk, in ascending key order (no deadlock), held to
   * the end of the submission's transaction. Two submissions that could complete a pair or a
   * window therefore run one after the other, and because a VOLATILE function takes a fresh
   * snapshot for each of its queries, the second sees the first once it has the lock. Only
   * index lookups: the fingerprint index and the kiosk's completion-time index.
   *
   * The burst rule is server/integrity/burst.ts's: a half-open 10-minute window of
   * completion times holding more than 10 of one kiosk's responses. Only windows that
   * contain the new response can change, and each starts at a response in
   * (t − 10 min, t].
   */
  await sql`create function integrity_relation_flags(
      p_id uuid, p_commune text, p_wave text, p_fingerprint text, p_kiosk uuid,
      p_completion timestamptz)
    returns text[] language plpgsql volatile as $$
    declare
      result text[] := '{}';
      lock_key bigint;
      in_burst boolean;
    begin
      for lock_key in
        select k from unnest(array_remove(array[
          hashtextextended('response:' || p_id::text, 0),
          case when p_fingerprint is not null then hashtextextended(
            'fingerprint:' || p_commune || ':' || p_wave || ':' || p_fingerprint, 0) end,
          case when p_kiosk is not null then hashtextextended('kiosk:' || p_kiosk::text, 0) end
        ], null)) as k order by k
      loop
        perform pg_advisory_xact_lock(lock_key);
      end loop;

      perform 1 from responses where id = p_id;
      if found then return null; end if;

      if p_fingerprint is not null then
        perform 1 from responses
          where commune_code = p_commune and wave = p_wave and answers_fingerprint = p_fingerprint
          limit 1;
        if found then
          result := array_append(result, 'duplicate');
          update responses set flags = array_append(flags, 'duplicate')
            where commune_code = p_commune and wave = p_wave
              and answers_fingerprint = p_fingerprint and not ('duplicate' = any(flags));
        end if;
      end if;

      if p_kiosk is not null then
        with near as materialized (
          select id, coalesce(completed_at, received_at) as t from responses
          where kiosk_id = p_kiosk
            and coalesce(completed_at, received_at) > p_completion - interval '10 minutes'
            and coalesce(completed_at, received_at) < p_completion + interval '10 minutes'
          union all
          select p_id, p_completion
        ), starts as materialized (
          select s.t from near s
          where s.t <= p_completion
            and (select count(*) from near m
                 where m.t >= s.t and m.t < s.t + interval '10 minutes') > 10
        ), flagged as (
          update responses r set flags = array_append(r.flags, 'burst')
          from near n
          where r.id = n.id and n.id <> p_id and not ('burst' = any(r.flags))
            and exists (select 1 from starts s
                        where n.t >= s.t and n.t < s.t + interval '10 minutes')
          returning 1
        )
        select exists (select 1 from starts) into in_burst;
        if in_burst then result := array_append(result, 'burst'); end if;
      end if;
      return result;
    end
    $$`.execute(db);

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
  await sql`drop function integrity_relation_flags(uuid, text, text, text, uuid, timestamptz)`.execute(
    db,
  );
  await db.schema.alterTable('kiosks').dropColumn('is_demo').execute();
  await db.schema.dropIndex('responses_unfingerprinted_idx').execute();
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
