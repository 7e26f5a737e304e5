import { type Kysely, sql } from 'kysely';

/**
 * Paper forms and imports (server/API.md "Paper and import"):
 *
 * - the `enumerator` role, bound to one or more communes by `user_communes` (a commune officer
 *   keeps its one `users.commune_code`; an enumerator has none there);
 * - `paper_batches`: numbered forms printed for a commune and a wave. A batch's number is unique
 *   in its commune across waves, so a serial (commune, batch, form, check digit) names its wave;
 * - `paper_entries`: every typing of a form, kept, one per serial and person;
 * - `paper_forms`: a form's state once typed at least once, and the response it became;
 * - `responses.source`: where an imported response came from (`null` for the server's own
 *   channels and for double-entered paper).
 *
 * Written for PostgreSQL 15 and the embedded database alike; imports no application code.
 */
export async function up(db: Kysely<unknown>) {
  await sql`alter table users drop constraint users_role_check`.execute(db);
  await sql`alter table users add constraint users_role_check
    check (role in ('admin', 'analyst', 'commune_officer', 'enumerator'))`.execute(db);

  await sql`create table user_communes (
    user_id uuid not null references users (id) on delete cascade,
    commune_code text not null references communes (code),
    primary key (user_id, commune_code)
  )`.execute(db);

  await sql`create table paper_batches (
    id uuid primary key default gen_random_uuid(),
    commune_code text not null references communes (code),
    number integer not null check (number between 1 and 9999),
    wave text not null references waves (id),
    questionnaire_id text not null references questionnaires (id),
    language text not null check (language ~ '^[a-z]{2,3}$'),
    form_count integer not null check (form_count between 1 and 9999),
    created_by text not null,
    created_at timestamptz not null default now(),
    unique (commune_code, number)
  )`.execute(db);
  await sql`create index paper_batches_wave_idx on paper_batches (wave, commune_code)`.execute(db);

  await sql`create table paper_entries (
    serial text not null check (serial ~ '^[0-9]{5}-[0-9]{4}-[0-9]{4}-[0-9]$'),
    batch_id uuid not null references paper_batches (id),
    entered_by uuid not null references users (id),
    entered_by_email text not null,
    answers jsonb not null,
    completed_on date,
    entered_at timestamptz not null default now(),
    primary key (serial, entered_by)
  )`.execute(db);

  await sql`create table paper_forms (
    serial text primary key check (serial ~ '^[0-9]{5}-[0-9]{4}-[0-9]{4}-[0-9]$'),
    batch_id uuid not null references paper_batches (id),
    state text not null check (state in ('awaiting_second', 'verified', 'conflict')),
    response_id uuid,
    resolved_by text,
    resolved_at timestamptz,
    resolution_reason text,
    updated_at timestamptz not null default now(),
    check ((state = 'verified') = (response_id is not null))
  )`.execute(db);
  await sql`create index paper_forms_batch_idx on paper_forms (batch_id, state)`.execute(db);

  await sql`alter table responses add column source text
    check (source is null or source ~ '^[a-z0-9][a-z0-9_-]{0,31}$')`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`alter table responses drop column source`.execute(db);
  await sql`drop table paper_forms`.execute(db);
  await sql`drop table paper_entries`.execute(db);
  await sql`drop table paper_batches`.execute(db);
  await sql`drop table user_communes`.execute(db);
  await sql`alter table users drop constraint users_role_check`.execute(db);
  await sql`alter table users add constraint users_role_check
    check (role in ('admin', 'analyst', 'commune_officer'))`.execute(db);
}
