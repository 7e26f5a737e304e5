import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('communes')
    .addColumn('code', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('ward', 'commune')`))
    .execute();

  await db.schema
    .createTable('questionnaires')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('content_hash', 'text', (col) => col.notNull())
    .addColumn('definition', 'jsonb', (col) => col.notNull())
    .addColumn('published', 'text', (col) => col.notNull())
    .addColumn('loaded_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  const score = 'float8';
  await db.schema
    .createTable('responses')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('questionnaire_id', 'text', (col) => col.notNull().references('questionnaires.id'))
    .addColumn('commune_code', 'text', (col) => col.notNull().references('communes.code'))
    .addColumn('wave', 'text', (col) => col.notNull())
    .addColumn('channel', 'text', (col) =>
      col.notNull().check(sql`channel in ('web', 'kiosk', 'paper')`),
    )
    .addColumn('answers', 'jsonb', (col) => col.notNull())
    .addColumn('request_hash', 'text', (col) => col.notNull())
    .addColumn('score_overall', score)
    .addColumn('score_security', score)
    .addColumn('score_opportunity', score)
    .addColumn('score_culture', score)
    .addColumn('score_trust', score)
    .addColumn('started_at', 'timestamptz')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('received_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // "Does this version have responses (in this wave)?": asked at every start and by results.
  await db.schema
    .createIndex('responses_questionnaire_wave_idx')
    .on('responses')
    .columns(['questionnaire_id', 'wave'])
    .execute();
  // One commune's responses in one wave: item means, don't-know rates, exports.
  await db.schema
    .createIndex('responses_commune_wave_idx')
    .on('responses')
    .columns(['commune_code', 'wave'])
    .execute();

  await db.schema
    .createTable('rollups')
    .addColumn('commune_code', 'text', (col) => col.notNull().references('communes.code'))
    .addColumn('wave', 'text', (col) => col.notNull())
    .addColumn('measure', 'text', (col) =>
      col
        .notNull()
        .check(sql`measure in ('overall', 'security', 'opportunity', 'culture', 'trust')`),
    )
    .addColumn('n', 'integer', (col) => col.notNull())
    .addColumn('sum', 'numeric', (col) => col.notNull())
    .addColumn('sum_squares', 'numeric', (col) => col.notNull())
    .addPrimaryKeyConstraint('rollups_pkey', ['commune_code', 'wave', 'measure'])
    .execute();
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropTable('rollups').execute();
  await db.schema.dropTable('responses').execute();
  await db.schema.dropTable('questionnaires').execute();
  await db.schema.dropTable('communes').execute();
}
