import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { parseCommunesCsv } from '../server/communes/communes-csv.ts';

// The official list as it stood when this migration was written; a later change to the
// list is a new migration, so every database agrees on which communes exist.
const csvUrl = new URL('../server/communes/communes.csv', import.meta.url);

export async function up(db: Kysely<unknown>) {
  const communes = parseCommunesCsv(readFileSync(csvUrl, 'utf8'));
  await (db as Kysely<{ communes: (typeof communes)[number] }>)
    .insertInto('communes')
    .values(communes)
    .execute();
}

export async function down(db: Kysely<unknown>) {
  await (db as Kysely<{ communes: { code: string } }>).deleteFrom('communes').execute();
}
