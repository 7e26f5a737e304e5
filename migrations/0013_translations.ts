import { type Kysely, sql } from 'kysely';

/**
 * Translations an admin imported with the translator's kit (server/API.md "Languages"): one
 * row per language, scope and key. The scope is `messages` (the resident and kiosk pages'
 * words) or a questionnaire id (that version's strings). They override or add to the shipped
 * files under `surveys/languages/`; an import replaces every row of its language in the scopes
 * it holds. Vietnamese and English are the kit's source columns and are never stored here.
 *
 * Written for PostgreSQL 15 and the embedded database alike; imports no application code.
 */
export async function up(db: Kysely<unknown>) {
  await sql`create table translations (
    language text not null check (language ~ '^[a-z]{2,3}$' and language not in ('vi', 'en')),
    scope text not null check (length(scope) between 1 and 64),
    key text not null check (length(key) between 1 and 200),
    text text not null check (length(text) between 1 and 10000),
    updated_at timestamptz not null default now(),
    updated_by text not null,
    primary key (language, scope, key)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table translations`.execute(db);
}
