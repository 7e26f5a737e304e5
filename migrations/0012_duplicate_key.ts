import { type Kysely, sql } from 'kysely';

/**
 * The `duplicate` lookup of every submission (METHOD.md section 7) by one key that only one
 * index can answer, whatever the planner knows of the table.
 *
 * Migration 0006 looked duplicates up by `commune_code = … and wave = … and
 * answers_fingerprint = …`, which two indexes can serve: its fingerprint index and
 * `responses_commune_wave_id_idx`. On a table that has never been analysed (a new install's
 * first minutes; the embedded database always, as it runs no autovacuum) the planner costs
 * both at one row and took the commune·wave one, then read every response of the commune's
 * wave to filter on the fingerprint: each submission grew slower as the table filled (at
 * 16,000 rows, up to 400 page reads per submission where three do). The key
 * `answers_fingerprint || ':' || commune_code || ':' || wave` names no column alone, so only
 * its expression index matches it. The fingerprint is 64 hex digits and neither a commune
 * code (digits) nor a wave id (`[0-9a-z-]`) holds a colon, so the key is the same exactly
 * when all three parts are. The index replaces 0006's fingerprint index, which
 * nothing else reads: a submission still maintains one fingerprint index, not two.
 *
 * `integrity_relation_flags` keeps its rule, its signature and its locks (the same keys, so
 * the start-up backfill still excludes a submission that could make the same pair or
 * window). It takes them in one statement instead of one each, and checks for a retry and
 * for a duplicate in one statement after them, since each statement of a VOLATILE function
 * takes a fresh snapshot: the checks see every submission that held the locks before.
 *
 * Written for PostgreSQL 15 and the embedded database alike; imports no application code.
 */
export async function up(db: Kysely<unknown>) {
  await sql`create index responses_duplicate_key_idx
    on responses ((answers_fingerprint || ':' || commune_code || ':' || wave))
    where answers_fingerprint is not null`.execute(db);
  await db.schema.dropIndex('responses_fingerprint_idx').execute();

  await sql`create or replace function integrity_relation_flags(
      p_id uuid, p_commune text, p_wave text, p_fingerprint text, p_kiosk uuid,
      p_completion timestamptz)
    returns text[] language plpgsql volatile as $$
    declare
      result text[] := '{}';
      duplicate_key text := p_fingerprint || ':' || p_commune || ':' || p_wave;
      stored boolean;
      duplicate boolean;
      in_burst boolean;
    begin
      -- Ascending key order (no deadlock); the subquery fixes the order the locks are taken in.
      perform count(pg_advisory_xact_lock(k)) from (
        select k from unnest(array_remove(array[
          hashtextextended('response:' || p_id::text, 0),
          case when p_fingerprint is not null then hashtextextended(
            'fingerprint:' || p_commune || ':' || p_wave || ':' || p_fingerprint, 0) end,
          case when p_kiosk is not null then hashtextextended('kiosk:' || p_kiosk::text, 0) end
        ], null)) as k order by k offset 0) as ascending;

      select exists (select 1 from responses where id = p_id),
        p_fingerprint is not null and exists (
          select 1 from responses
          where answers_fingerprint is not null
            and (answers_fingerprint || ':' || commune_code || ':' || wave) = duplicate_key)
        into stored, duplicate;
      if stored then return null; end if;

      if duplicate then
        result := array_append(result, 'duplicate');
        update responses set flags = array_append(flags, 'duplicate')
          where answers_fingerprint is not null
            and (answers_fingerprint || ':' || commune_code || ':' || wave) = duplicate_key
            and not ('duplicate' = any(flags));
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
}

/** Back to 0006's function and fingerprint index, as released. */
export async function down(db: Kysely<unknown>) {
  await db.schema
    .createIndex('responses_fingerprint_idx')
    .on('responses')
    .columns(['commune_code', 'wave', 'answers_fingerprint'])
    .where(sql.ref('answers_fingerprint'), 'is not', null)
    .execute();
  await db.schema.dropIndex('responses_duplicate_key_idx').execute();

  await sql`create or replace function integrity_relation_flags(
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
}
