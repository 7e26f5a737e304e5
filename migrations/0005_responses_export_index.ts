import type { Kysely } from 'kysely';

/**
 * The responses export pages through one commune's wave in id order, so it wants an index on
 * (commune, wave, id) where 0001 made one on (commune, wave). For a while 0001 itself was edited
 * to make the new index, so a database may hold either one: this works on both (and leaves a
 * database that already has the new index as it is).
 *
 * The oldest 0001 of all indexed responses by questionnaire alone, before its (questionnaire,
 * wave) index; a database made by it gets the index every other database has.
 */
export async function up(db: Kysely<unknown>) {
  await db.schema
    .createIndex('responses_commune_wave_id_idx')
    .ifNotExists()
    .on('responses')
    .columns(['commune_code', 'wave', 'id'])
    .execute();
  await db.schema.dropIndex('responses_commune_wave_idx').ifExists().execute();

  await db.schema
    .createIndex('responses_questionnaire_wave_idx')
    .ifNotExists()
    .on('responses')
    .columns(['questionnaire_id', 'wave'])
    .execute();
  await db.schema.dropIndex('responses_questionnaire_id_idx').ifExists().execute();
}

export async function down(db: Kysely<unknown>) {
  await db.schema
    .createIndex('responses_commune_wave_idx')
    .on('responses')
    .columns(['commune_code', 'wave'])
    .execute();
  await db.schema.dropIndex('responses_commune_wave_id_idx').execute();
}
