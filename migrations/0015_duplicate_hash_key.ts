import { type Kysely, sql } from 'kysely';

/**
 * The `duplicate` lookup of every submission (METHOD.md section 7) by an 8-byte key instead
 * of 0012's 80-character text, so the index a submission adds to and probes holds 8-byte
 * entries compared as integers, not text compared through the database's collation.
 *
 * The key is the hash the submission already locks: `hashtextextended('fingerprint:' ||
 * commune || ':' || wave || ':' || fingerprint, 0)`, the same text and so the same number as
 * the advisory lock of 0006 and the start-up backfill. The function computes it once and uses
 * it for both. Two different texts may share a hash, so every lookup also compares the exact
 * text (0012's key), as a filter: the filter names no column alone, so, as in 0012, no other
 * index can serve the lookup on a table the planner has no statistics for.
 *
 * The index keeps 0012's name: it is still the one duplicate-key index, and the function keeps
 * its rule, signature and locks. Written for PostgreSQL 15 and the embedded database alike;
 * imports no application code.
 */
export async function up(db: Kysely<unknown>) {
  await db.schema.dropIndex('responses_duplicate_key_idx').execute();
  await sql`create index responses_duplicate_key_idx
    on responses ((hashtextextended(
      'fingerprint:' || commune_code || ':' || wave || ':' || answers_fingerprint, 0)))
    where answers_fingerprint is not null`.execute(db);

  await sql`create or replace function integrity_relation_flags(
      p_id uuid, p_commune text, p_wave text, p_fingerprint text, p_kiosk uuid,
      p_completion timestamptz)
    returns text[] language plpgsql volatile as $$
    declare
      result text[] := '{}';
      -- Null without a fingerprint, as the kiosk's key is without a kiosk.
      duplicate_hash bigint := hashtextextended(
        'fingerprint:' || p_commune || ':' || p_wave || ':' || p_fingerprint, 0);
      duplicate_key text := p_fingerprint || ':' || p_commune || ':' || p_wave;
      stored boolean;
      duplicate boolean;
      in_burst boolean;
    begin
      -- Ascending key order (no deadlock); the subquery fixes the order the locks are taken in.
      perform count(pg_advisory_xact_lock(k)) from (
        select k from unnest(array_remove(array[
          hashtextextended('response:' || p_id::text, 0),
          duplicate_hash,
          hashtextextended('kiosk:' || p_kiosk::text, 0)
        ], null)) as k order by k offset 0) as ascending;

      select exists (select 1 from responses where id = p_id),
        duplicate_hash is not null and exists (
          select 1 from responses
          where answers_fingerprint is not null
            and hashtextextended('fingerprint:' || commune_code || ':' || wave || ':'
              || answers_fingerprint, 0) = duplicate_hash
            and (answers_fingerprint || ':' || commune_code || ':' || wave) = duplicate_key)
        into stored, duplicate;
      if stored then return null; end if;

      if duplicate then
        result := array_append(result, 'duplicate');
        update responses set flags = array_append(flags, 'duplicate')
          where answers_fingerprint is not null
            and hashtextextended('fingerprint:' || commune_code || ':' || wave || ':'
              || answers_fingerprint, 0) = duplicate_hash
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

/** Back to 0012's text key index and function, as released. */
export async function down(db: Kysely<unknown>) {
  await db.schema.dropIndex('responses_duplicate_key_idx').execute();
  await sql`create index responses_duplicate_key_idx
    on responses ((answers_fingerprint || ':' || commune_code || ':' || wave))
    where answers_fingerprint is not null`.execute(db);

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
