import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import {
  connectDatabase,
  type DatabaseHandle,
  type DatabaseKind,
} from '../../server/db/connect.ts';
import { databaseUrl, postgresAdminUrl } from './test-env.ts';

/** A fresh database of one kind, cloned from the run's migrated template. */
export type TestDatabase = DatabaseHandle & {
  /** For a server process: DATABASE_URL (PostgreSQL) or DATA_DIR (embedded). */
  env: { DATABASE_URL?: string; DATA_DIR?: string };
  /** Closes the connection (if still open) and deletes the database. */
  drop: () => Promise<void>;
  /** Opens another connection to the same database (embedded: only after this one is closed). */
  reopen: () => Promise<DatabaseHandle>;
};

export type DatabaseBackend = { kind: DatabaseKind; create: () => Promise<TestDatabase> };

async function createEmbedded(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cbhpi-test-'));
  cpSync(inject('pgliteTemplateDir'), dataDir, { recursive: true });
  const open = () => connectDatabase({ dataDir });
  const handle = await open();
  let closed = false;
  return {
    ...handle,
    env: { DATA_DIR: dataDir },
    reopen: open,
    drop: async () => {
      if (!closed) await handle.db.destroy();
      closed = true;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function createPostgres(template: string): Promise<TestDatabase> {
  const name = `cbhpi_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(name);
  const open = () => connectDatabase({ databaseUrl: url, dataDir: '' });
  const handle = await open();
  let closed = false;
  return {
    ...handle,
    env: { DATABASE_URL: url },
    reopen: open,
    drop: async () => {
      if (!closed) await handle.db.destroy();
      closed = true;
      const dropper = new pg.Client({ connectionString: postgresAdminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/**
 * The database kinds this run can test: always the embedded one, and PostgreSQL when it
 * answers (the global setup has already said loudly when it does not, and `.ci/run` makes
 * its absence a failure). Use with `describe.each(databaseBackends())`.
 */
export function databaseBackends(): DatabaseBackend[] {
  const template = inject('postgresTemplate');
  const backends: DatabaseBackend[] = [{ kind: 'embedded', create: createEmbedded }];
  if (template) backends.push({ kind: 'postgres', create: () => createPostgres(template) });
  return backends;
}

/** PostgreSQL alone, for tests that need a real server (several processes, SIGKILL). */
export function postgresBackend(): DatabaseBackend[] {
  return databaseBackends().filter((backend) => backend.kind === 'postgres');
}
