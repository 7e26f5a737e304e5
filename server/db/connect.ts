import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import type { Database } from './database.ts';
import { namedStatementPool } from './named-statements.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { PGliteWorker } from './pglite-worker-client.ts';

export type DatabaseKind = 'embedded' | 'postgres';
export type DatabaseHandle = {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** PostgreSQL only: the pool under `db`, for what Kysely cannot do (the export's COPY). */
  pool?: pg.Pool;
};

const int8Oid = 20;

/**
 * Opens the database: PostgreSQL when a URL is given, else PGlite in `dataDir`.
 * Counts (int8) come back as numbers on both, as PGlite already does; sums and averages
 * (numeric) stay strings on both and are converted where they are read.
 */
export async function connectDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize?: number;
}): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      types: {
        getTypeParser: (oid, format) =>
          oid === int8Oid ? Number : pg.types.getTypeParser(oid, format),
      },
    });
    return {
      db: new Kysely<Database>({
        dialect: new PostgresDialect({ pool: namedStatementPool(pool) }),
      }),
      kind: 'postgres',
      pool,
    };
  }
  const unlock = lockDataDir(options.dataDir);
  try {
    const pglite = await PGliteWorker.start(options.dataDir);
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite, unlock) });
    // Kysely starts its driver on the first query and only closes a started one, so start it
    // now: `db.destroy()` must always close PGlite and release the directory.
    await sql`select 1`.execute(db);
    return { db, kind: 'embedded' };
  } catch (error) {
    unlock();
    throw error;
  }
}
