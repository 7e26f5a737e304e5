import { type Kysely, sql } from 'kysely';

/**
 * The `duplicate` and `burst` flags of a submission (METHOD.md section 7) found after its row
 * is stored, by `integrity_flag_new_response`, instead of before it by 0015's
 * `integrity_relation_flags`: the same rule, the same lock keys, less work per submission.
 *
 * Before, the function ran first and so had to tell a retry from a new response itself: an
 * advisory lock on the response id (so a concurrent copy waited), then a probe of the primary
 * key (so a stored one got no flags), each one more statement of the function. Run on the row
 * the insert returns, it is called only when the insert stored something: a retry's
 * `on conflict (id) do nothing` returns no row, and a concurrent copy of the same id already
 * waits in that insert for the first to commit. So the id lock and the probe go, and the new
 * row, now in the table, is flagged by the same updates as the earlier ones (the window and
 * the pair include it) rather than by a returned array.
 *
 * The fingerprint and kiosk locks stay, taken before any lookup (each statement of a VOLATILE
 * function takes a fresh snapshot, so the lookups see every submission that held them
 * before), in ascending order (no deadlock), by plain calls rather than a sorting query. Their
 * keys are 0015's, which the start-up backfill also takes. The statement that stores the row
 * calls this before it adds to the rollups, so a submission waiting for these locks holds no
 * rollup row.
 *
 * 0015's function is dropped: nothing calls it. Written for PostgreSQL 15 and the embedded
 * database alike; imports no application code.
 */
export async function up(db: Kysely<unknown>) {
  await sql`create function integrity_flag_new_response(
      p_id uuid, p_commune text, p_wave text, p_fingerprint text, p_kiosk uuid,
      p_completion timestamptz)
    returns void language plpgsql volatile as $$
    declare
      -- Null without a fingerprint, as the kiosk's key is without a kiosk.
      duplicate_hash bigint := hashtextextended(
        'fingerprint:' || p_commune || ':' || p_wave || ':' || p_fingerprint, 0);
      duplicate_key text := p_fingerprint || ':' || p_commune || ':' || p_wave;
      kiosk_key bigint := hashtextextended('kiosk:' || p_kiosk::text, 0);
    begin
      if duplicate_hash is not null and kiosk_key is not null then
        perform pg_advisory_xact_lock(least(duplicate_hash, kiosk_key));
        perform pg_advisory_xact_lock(greatest(duplicate_hash, kiosk_key));
      elsif coalesce(duplicate_hash, kiosk_key) is not null then
        perform pg_advisory_xact_lock(coalesce(duplicate_hash, kiosk_key));
      end if;

      if duplicate_hash is not null and exists (
          select 1 from responses
          where answers_fingerprint is not null
            and hashtextextended('fingerprint:' || commune_code || ':' || wave || ':'
              || answers_fingerprint, 0) = duplicate_hash
            and (answers_fingerprint || ':' || commune_code || ':' || wave) = duplicate_key
            and id <> p_id) then
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
        ), starts as materialized (
          select s.t from near s
          where s.t <= p_completion
            and (select count(*) from near m
                 where m.t >= s.t and m.t < s.t + interval '10 minutes') > 10
        )
        update responses r set flags = array_append(r.flags, 'burst')
          from near n
          where r.id = n.id and not ('burst' = any(r.flags))
            and exists (select 1 from starts s
                        where n.t >= s.t and n.t < s.t + interval '10 minutes');
      end if;
    end
    $$`.execute(db);
  await sql`drop function integrity_relation_flags(uuid, text, text, text, uuid, timestamptz)`.execute(
    db,
  );
}

/** Back to 0015's function, as released. */
export async function down(db: Kysely<unknown>) {
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
  await sql`drop function integrity_flag_new_response(uuid, text, text, text, uuid, timestamptz)`.execute(
    db,
  );
}
