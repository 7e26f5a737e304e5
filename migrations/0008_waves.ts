import { type Kysely, sql } from 'kysely';

/**
 * Survey rounds (waves) as records staff run, instead of the calendar year a response arrived
 * in (server/API.md "Waves").
 *
 * - `waves`: an id kept in `responses.wave` (`2026`, `2026-dot2`), a Vietnamese name, whole
 *   days in Asia/Ho_Chi_Minh (`opens_on` to `closes_on`, both included), the questionnaire
 *   residents get, and a target of responses per commune (null: the configured `MIN_N`).
 *   `closed_at` is set when an admin closes a wave before its last day. Two waves never share
 *   a day: the exclusion constraint holds that even for two server processes at once.
 * - `wave_targets`: a commune's own target in a wave, where it differs from the wave's.
 * - The calendar-year waves of the stored responses become records with the same ids
 *   (1 January to 31 December, the newest questionnaire answered in that year), so results,
 *   exports and links that name `?wave=2025` keep meaning the same responses. A database with
 *   no response gets its first wave at server start, which knows the questionnaires.
 *
 * Written for PostgreSQL 15 and the embedded database alike; imports no application code.
 */
export async function up(db: Kysely<unknown>) {
  await sql`create table waves (
    id text primary key check (id ~ '^[0-9a-z][0-9a-z-]{0,31}$'),
    name text not null check (length(name) between 1 and 200),
    opens_on date not null,
    closes_on date not null,
    questionnaire_id text not null references questionnaires (id),
    target integer check (target between 1 and 100000),
    closed_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint waves_dates_in_order check (closes_on >= opens_on),
    constraint waves_no_overlap
      exclude using gist (daterange(opens_on, closes_on, '[]') with &&)
  )`.execute(db);

  await sql`create table wave_targets (
    wave_id text not null references waves (id) on delete cascade,
    commune_code text not null references communes (code),
    target integer not null check (target between 1 and 100000),
    primary key (wave_id, commune_code)
  )`.execute(db);

  // One pass over the (questionnaire, wave) index; the newest version answered in each year.
  await sql`
    insert into waves (id, name, opens_on, closes_on, questionnaire_id)
    select distinct on (used.wave)
      used.wave,
      'Đợt khảo sát ' || used.wave,
      make_date(used.wave::int, 1, 1),
      make_date(used.wave::int, 12, 31),
      used.questionnaire_id
    from (select distinct questionnaire_id, wave from responses) as used
    join questionnaires q on q.id = used.questionnaire_id
    where used.wave ~ '^[0-9]{4}$'
    order by used.wave, q.published desc, q.id desc`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table wave_targets`.execute(db);
  await sql`drop table waves`.execute(db);
}
