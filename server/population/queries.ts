import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Population } from './schema.ts';
import { type MarginRow, marginCategories, marginVariables } from './validate-margins.ts';

export type MarginsSource = { source: string; updatedBy: string; isDemo: boolean };

/** What was in force before a replacement, for the audit entry. */
export type ReplacedMargins = { rows: number; source: string | null; isDemo: boolean };

/**
 * Replaces every margin with `rows` (already checked by `checkMargins`) and records where
 * they came from, in the caller's transaction: results see the old set or the new one,
 * never a mix. An empty `rows` leaves no margins and no source. Two replacements at once
 * queue on the table lock instead of meeting on the primary key.
 */
export async function replaceMargins(
  trx: Db,
  rows: readonly MarginRow[],
  source: MarginsSource,
): Promise<ReplacedMargins> {
  // Self-conflicting, so replacements run one after the other; readers are never blocked.
  await sql`lock table population_margins in share row exclusive mode`.execute(trx);
  const before = await trx
    .selectFrom('population_source')
    .select(['source', 'is_demo'])
    .executeTakeFirst();
  const deleted = await trx.deleteFrom('population_margins').executeTakeFirst();
  await trx.deleteFrom('population_source').execute();
  if (rows.length > 0) {
    await trx
      .insertInto('population_margins')
      .values(
        rows.map((row) => ({
          commune_code: row.communeCode,
          variable: row.variable,
          category: row.category,
          population: row.population,
        })),
      )
      .execute();
    await trx
      .insertInto('population_source')
      .values({ source: source.source, updated_by: source.updatedBy, is_demo: source.isDemo })
      .execute();
  }
  return {
    rows: Number(deleted.numDeletedRows),
    source: before?.source ?? null,
    isDemo: before?.is_demo ?? false,
  };
}

const variableOrder = (variable: string) => marginVariables.indexOf(variable as 'sex');
const categoryOrder = (variable: string, category: string) =>
  (marginCategories[variable as 'sex'] as readonly string[] | undefined)?.indexOf(category) ?? -1;

/** The margins in force, by commune, sex before age band, categories in the method's order. */
export async function readPopulation(db: Db): Promise<Population> {
  const [source, rows] = await Promise.all([
    db.selectFrom('population_source').selectAll().executeTakeFirst(),
    db.selectFrom('population_margins').selectAll().execute(),
  ]);
  rows.sort(
    (a, b) =>
      a.commune_code.localeCompare(b.commune_code) ||
      variableOrder(a.variable) - variableOrder(b.variable) ||
      categoryOrder(a.variable, a.category) - categoryOrder(b.variable, b.category),
  );
  return {
    source: source?.source ?? null,
    margins: rows.map((row) => ({
      communeCode: row.commune_code,
      variable: row.variable,
      category: row.category,
      population: row.population,
    })),
    updatedAt: source ? new Date(source.updated_at).toISOString() : null,
    updatedBy: source?.updated_by ?? null,
    isDemo: source?.is_demo ?? false,
  };
}

/**
 * Removes the margins when they are the demo's, and never real ones (an admin's upload
 * replaces the demo's set, and then clears its mark). Returns how many rows went.
 */
export async function deleteDemoMargins(trx: Db): Promise<number> {
  await sql`lock table population_margins in share row exclusive mode`.execute(trx);
  const source = await trx.selectFrom('population_source').select('is_demo').executeTakeFirst();
  if (!source?.is_demo) return 0;
  const deleted = await trx.deleteFrom('population_margins').executeTakeFirst();
  await trx.deleteFrom('population_source').execute();
  return Number(deleted.numDeletedRows);
}
