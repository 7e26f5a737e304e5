import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectDatabase } from '../../server/db/connect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import {
  type QuestionnaireCatalog,
  storeQuestionnaires,
} from '../../server/questionnaires/load-questionnaires.ts';
import { databaseUrl, postgresAdminUrl } from '../helpers/test-env.ts';

export type BenchDatabase = {
  name: string;
  url: string;
  /** Drops the database, closing whatever is still connected to it. Safe to call twice. */
  drop: () => Promise<void>;
};

async function withAdmin<T>(run: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({
    connectionString: postgresAdminUrl,
    connectionTimeoutMillis: 5000,
  });
  await admin.connect();
  try {
    return await run(admin);
  } finally {
    await admin.end();
  }
}

/**
 * A fresh PostgreSQL database of its own for one bench run, migrated and holding the
 * questionnaires, as a server start would leave it. The caller must `drop` it, also on failure.
 */
export async function createBenchDatabase(catalog: QuestionnaireCatalog): Promise<BenchDatabase> {
  const name = `cbhpi_bench_${randomBytes(5).toString('hex')}`;
  await withAdmin((admin) => admin.query(`create database ${name}`));
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await withAdmin((admin) => admin.query(`drop database if exists ${name} with (force)`));
  };
  const url = databaseUrl(name);
  try {
    const { db } = await connectDatabase({ databaseUrl: url, dataDir: '', poolSize: 1 });
    try {
      await migrateToLatest(db);
      await storeQuestionnaires(db, catalog);
    } finally {
      await db.destroy();
    }
  } catch (error) {
    await drop();
    throw error;
  }
  return { name, url, drop };
}
