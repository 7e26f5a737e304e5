import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import type { Database } from './database.ts';
import { summariseError } from './error-summary.ts';
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
  /** PostgreSQL: how long a query waits for a connection before it fails (default 5 s). */
  connectionTimeoutMillis?: number;
  /** PostgreSQL: told when a pooled connection breaks (default: one summary line on stderr). */
  onConnectionError?: (error: unknown) => void;
}): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      // An unreachable database must not hold a request open: after this long waiting for a
      // connection (a new one, or a free one from a busy pool) the query fails and the API
      // answers 503 (database-unavailable.ts).
      connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
      // Notices a silently dropped peer (a failover, a NAT timeout) on idle connections.
      keepAlive: true,
      types: {
        getTypeParser: (oid, format) =>
          oid === int8Oid ? Number : pg.types.getTypeParser(oid, format),
      },
    });
    const onConnectionError = options.onConnectionError ?? logConnectionError;
    // A PostgreSQL restart, a failover or `idle_session_timeout` ends pooled connections. The
    // pool has already dropped the broken one and the next query opens a fresh one; without a
    // listener, though, Node treats the 'error' event as fatal and the server would exit.
    pool.on('error', onConnectionError);
    return {
      db: new Kysely<Database>({
        dialect: new PostgresDialect({ pool: namedStatementPool(pool, onConnectionError) }),
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

/** Logs a broken pooled connection as its summary only: the error may quote a statement's values. */
function logConnectionError(error: unknown) {
  const { type, code } = summariseError(error);
  console.error(
    `database connection lost (${type}${code ? ` ${code}` : ''}); the next query opens a new one`,
  );
}
