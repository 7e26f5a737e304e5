import { type Kysely, sql } from 'kysely';

/**
 * Weights (METHOD.md section 8) and review counts kept as rollups.
 *
 * - `population_margins`: each commune's population by sex and by age band, replaced all at
 *   once by an admin (`population_source` says from where, when and by whom).
 * - `rollups` gain the respondent's cell, `sex` × `age_band` ('' when not placed: a sex other
 *   than female or male, or no answer), so a raked mean and its linearised standard error come
 *   from at most 15 rows per commune·wave·measure, never from the responses. The cell is read
 *   from the answers named `sex` and `age_band`, as the questionnaire codes them; the existing
 *   rollups are recomputed per cell here, from the responses that count.
 * - `review_counts`: per commune·wave, responses excluded by review and flagged ones awaiting
 *   review, so results never count them per request. Deferred constraint triggers keep them:
 *   they run at commit, after everything else the transaction locked (rollups included), so a
 *   submission and a review decision always take their locks in the same order, whichever
 *   path changed the flags or the state (submission, decision, backfill, bulk load).
 *
 * Written for PostgreSQL 15 and the embedded database alike; imports no application code.
 */
export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('population_margins')
    .addColumn('commune_code', 'text', (col) => col.notNull().references('communes.code'))
    .addColumn('variable', 'text', (col) =>
      col.notNull().check(sql`variable in ('sex', 'age_band')`),
    )
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('population', 'integer', (col) => col.notNull().check(sql`population >= 0`))
    .addPrimaryKeyConstraint('population_margins_pkey', ['commune_code', 'variable', 'category'])
    .addCheckConstraint(
      'population_margins_category',
      sql`(variable = 'sex' and category in ('female', 'male'))
        or (variable = 'age_band' and category in ('18-29', '30-44', '45-59', '60+'))`,
    )
    .execute();
  // One row: where the margins in force came from. Absent until margins are first stored.
  await db.schema
    .createTable('population_source')
    .addColumn('id', 'boolean', (col) => col.primaryKey().defaultTo(true).check(sql`id`))
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .addColumn('is_demo', 'boolean', (col) => col.notNull().defaultTo(false))
    .execute();

  await sql`alter table rollups
    add column sex text not null default '' check (sex in ('', 'female', 'male')),
    add column age_band text not null default ''
      check (age_band in ('', '18-29', '30-44', '45-59', '60+'))`.execute(db);
  await sql`alter table rollups drop constraint rollups_pkey`.execute(db);
  await sql`alter table rollups add constraint rollups_pkey
    primary key (commune_code, wave, measure, sex, age_band)`.execute(db);
  await sql`delete from rollups`.execute(db);
  await sql`
    insert into rollups (commune_code, wave, measure, sex, age_band, n, sum, sum_squares)
    select r.commune_code, r.wave, m.measure,
      case when r.answers->>'sex' in ('female', 'male') then r.answers->>'sex' else '' end,
      case when r.answers->>'age_band' in ('18-29', '30-44', '45-59', '60+')
        then r.answers->>'age_band' else '' end,
      count(m.x), sum(m.x), sum(m.x * m.x)
    from responses r
    cross join lateral (values
      ('overall', r.score_overall::numeric),
      ('security', r.score_security::numeric),
      ('opportunity', r.score_opportunity::numeric),
      ('culture', r.score_culture::numeric),
      ('trust', r.score_trust::numeric)
    ) as m(measure, x)
    where m.x is not null and r.review_state <> 'excluded'
    group by 1, 2, 3, 4, 5`.execute(db);

  await db.schema
    .createTable('review_counts')
    .addColumn('commune_code', 'text', (col) => col.notNull().references('communes.code'))
    .addColumn('wave', 'text', (col) => col.notNull())
    .addColumn('excluded', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('flagged_unreviewed', 'integer', (col) => col.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('review_counts_pkey', ['commune_code', 'wave'])
    .execute();
  await sql`
    insert into review_counts (commune_code, wave, excluded, flagged_unreviewed)
    select commune_code, wave,
      count(*) filter (where review_state = 'excluded'),
      count(*) filter (where review_state = 'unreviewed' and cardinality(flags) > 0)
    from responses
    where cardinality(flags) > 0 or review_state <> 'unreviewed'
    group by commune_code, wave`.execute(db);

  // A row's part in its commune·wave counts changes only with its flags or its state; the
  // trigger adds the difference between the row before and after.
  await sql`create function review_counts_apply() returns trigger
    language plpgsql as $$
    declare
      d_excluded integer := 0;
      d_flagged integer := 0;
    begin
      if tg_op = 'UPDATE' then
        d_excluded := - (old.review_state = 'excluded')::int;
        d_flagged := - (old.review_state = 'unreviewed' and cardinality(old.flags) > 0)::int;
      end if;
      d_excluded := d_excluded + (new.review_state = 'excluded')::int;
      d_flagged := d_flagged + (new.review_state = 'unreviewed' and cardinality(new.flags) > 0)::int;
      if d_excluded <> 0 or d_flagged <> 0 then
        insert into review_counts as c (commune_code, wave, excluded, flagged_unreviewed)
        values (new.commune_code, new.wave, d_excluded, d_flagged)
        on conflict (commune_code, wave) do update set
          excluded = c.excluded + excluded.excluded,
          flagged_unreviewed = c.flagged_unreviewed + excluded.flagged_unreviewed;
      end if;
      return null;
    end
    $$`.execute(db);
  await sql`create constraint trigger responses_review_counts_insert
    after insert on responses deferrable initially deferred
    for each row when (cardinality(new.flags) > 0 or new.review_state <> 'unreviewed')
    execute function review_counts_apply()`.execute(db);
  await sql`create constraint trigger responses_review_counts_update
    after update of flags, review_state on responses deferrable initially deferred
    for each row when (old.flags is distinct from new.flags
      or old.review_state is distinct from new.review_state)
    execute function review_counts_apply()`.execute(db);
  // Removing demo rows takes their part out too.
  await sql`create function review_counts_remove() returns trigger
    language plpgsql as $$
    begin
      update review_counts set
        excluded = excluded - (old.review_state = 'excluded')::int,
        flagged_unreviewed = flagged_unreviewed
          - (old.review_state = 'unreviewed' and cardinality(old.flags) > 0)::int
      where commune_code = old.commune_code and wave = old.wave;
      return null;
    end
    $$`.execute(db);
  await sql`create constraint trigger responses_review_counts_delete
    after delete on responses deferrable initially deferred
    for each row when (cardinality(old.flags) > 0 or old.review_state <> 'unreviewed')
    execute function review_counts_remove()`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop trigger responses_review_counts_delete on responses`.execute(db);
  await sql`drop trigger responses_review_counts_update on responses`.execute(db);
  await sql`drop trigger responses_review_counts_insert on responses`.execute(db);
  await sql`drop function review_counts_remove()`.execute(db);
  await sql`drop function review_counts_apply()`.execute(db);
  await db.schema.dropTable('review_counts').execute();
  // Back to one row per commune·wave·measure: the cells summed.
  await sql`create temporary table rollups_summed as
    select commune_code, wave, measure, sum(n)::int as n, sum(sum) as sum,
      sum(sum_squares) as sum_squares
    from rollups group by commune_code, wave, measure`.execute(db);
  await sql`delete from rollups`.execute(db);
  await sql`alter table rollups drop constraint rollups_pkey`.execute(db);
  await sql`alter table rollups drop column sex, drop column age_band`.execute(db);
  await sql`alter table rollups add constraint rollups_pkey
    primary key (commune_code, wave, measure)`.execute(db);
  await sql`insert into rollups (commune_code, wave, measure, n, sum, sum_squares)
    select commune_code, wave, measure, n, sum, sum_squares from rollups_summed`.execute(db);
  await sql`drop table rollups_summed`.execute(db);
  await db.schema.dropTable('population_source').execute();
  await db.schema.dropTable('population_margins').execute();
}
