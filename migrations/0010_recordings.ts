import { type Kysely, sql } from 'kysely';

/**
 * Recorded audio (issue 13, server/API.md "Recorded audio"): per questionnaire version,
 * language and key, one recording, its bytes kept in the database so it shares the
 * database's backups and transactions on PostgreSQL 15 and the embedded database alike.
 *
 * - `key` is a question's name, `<question>.<value>` for one answer's label, or a reserved
 *   key starting with `_` (`_greeting`: the language's greeting on the language-choice
 *   screen). Which keys a questionnaire takes is checked by the server, which knows its form.
 * - `language`: `vi`, `en` or an ISO 639-3 code (2 or 3 lowercase letters).
 * - A replaced recording is overwritten (the primary key); its audit entry keeps the old hash.
 * - `byte_length` and `seconds` are what the server read from the bytes; the checks repeat
 *   the upload limits (1 MiB, 60 s) so no other writer can store more.
 *
 * Imports no application code.
 */
export async function up(db: Kysely<unknown>) {
  await sql`create table recordings (
    questionnaire_id text not null references questionnaires (id),
    language text not null check (language ~ '^[a-z]{2,3}$'),
    key text not null check (length(key) between 1 and 200),
    content_type text not null check (content_type in ('audio/ogg', 'audio/mpeg', 'audio/webm')),
    bytes bytea not null,
    byte_length integer not null check (byte_length between 1 and 1048576),
    seconds double precision not null check (seconds > 0 and seconds <= 60),
    sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    uploaded_at timestamptz not null default now(),
    uploaded_by uuid not null references users (id),
    primary key (questionnaire_id, language, key),
    constraint recordings_length_matches check (byte_length = length(bytes))
  )`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table recordings`.execute(db);
}
