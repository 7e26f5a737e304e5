import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, Migrator, sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrations } from '../../migrations/index.ts';
import { parseCommunesCsv } from '../../server/communes/communes-csv.ts';
import { connectDatabase, type DatabaseKind } from '../../server/db/connect.ts';
import type { Database } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { databaseUrl, postgresAdminUrl } from '../helpers/test-env.ts';

/**
 * A database migrated before a change must end, once migrated to the latest, with the schema
 * a fresh one gets: the point of never editing a released migration. The older states are
 * rebuilt from the released migrations plus what the edited 0001 did differently.
 */

type EmptyDatabase = { db: Kysely<Database>; drop: () => Promise<void> };

// Making an embedded database from nothing takes seconds; copying a blank one does not.
let blankEmbeddedDir: Promise<string> | undefined;
function blankEmbedded() {
  blankEmbeddedDir ??= (async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cbhpi-migrations-blank-'));
    const { db } = await connectDatabase({ dataDir });
    await db.destroy();
    return dataDir;
  })();
  return blankEmbeddedDir;
}
afterAll(async () => {
  if (blankEmbeddedDir) rmSync(await blankEmbeddedDir, { recursive: true, force: true });
});

async function emptyEmbedded(): Promise<EmptyDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cbhpi-migrations-'));
  cpSync(await blankEmbedded(), dataDir, { recursive: true });
  const { db } = await connectDatabase({ dataDir });
  return {
    db,
    drop: async () => {
      await db.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function emptyPostgres(): Promise<EmptyDatabase> {
  const name = `cbhpi_migrations_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const { db } = await connectDatabase({
    databaseUrl: databaseUrl(name),
    dataDir: '',
    poolSize: 1,
  });
  return {
    db,
    drop: async () => {
      await db.destroy();
      const dropper = new pg.Client({ connectionString: postgresAdminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

const backends: Array<{ kind: DatabaseKind; create: () => Promise<EmptyDatabase> }> = [
  { kind: 'embedded', create: emptyEmbedded },
];
if (inject('postgresTemplate')) backends.push({ kind: 'postgres', create: emptyPostgres });

async function migrateTo(db: Kysely<Database>, name: string) {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateTo(name);
  if (error) throw error;
}

/** Tables, columns, constraints and indexes of the public schema, in a stable order. */
async function schemaOf(db: Kysely<Database>) {
  const columns = await sql<Record<string, unknown>>`
    select table_name, column_name, ordinal_position, data_type, is_nullable, column_default
    from information_schema.columns where table_schema = 'public'
    order by table_name, ordinal_position`.execute(db);
  const constraints = await sql<Record<string, unknown>>`
    select c.conrelid::regclass::text as table_name, c.conname, pg_get_constraintdef(c.oid) as def
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace
    where n.nspname = 'public' order by 1, 2`.execute(db);
  const indexes = await sql<Record<string, unknown>>`
    select tablename, indexname, indexdef from pg_indexes where schemaname = 'public'
    order by tablename, indexname`.execute(db);
  return { columns: columns.rows, constraints: constraints.rows, indexes: indexes.rows };
}

const exportIndex = {
  tablename: 'responses',
  indexname: 'responses_commune_wave_id_idx',
  indexdef:
    'CREATE INDEX responses_commune_wave_id_idx ON public.responses USING btree (commune_code, wave, id)',
};

describe.each(backends)('migrations on $kind', ({ create }) => {
  const opened: EmptyDatabase[] = [];
  async function open() {
    const database = await create();
    opened.push(database);
    return database.db;
  }
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((database) => database.drop()));
  });

  // Migrated once per backend, for every test to compare with.
  let fresh: Awaited<ReturnType<typeof schemaOf>>;
  beforeAll(async () => {
    const database = await create();
    try {
      await migrateToLatest(database.db);
      fresh = await schemaOf(database.db);
    } finally {
      await database.drop();
    }
  });

  it('a fresh database has the export index on (commune, wave, id) and not the old one', () => {
    expect(fresh.indexes).toContainEqual(exportIndex);
    expect(fresh.indexes.map((index) => index.indexname)).not.toContain(
      'responses_commune_wave_idx',
    );
  });

  it('a database migrated with 0001 as released ends with the fresh schema', async () => {
    const db = await open();
    await migrateTo(db, '0004_kiosk_pairing');
    const before = (await schemaOf(db)).indexes.map((index) => index.indexname);
    expect(before).toContain('responses_commune_wave_idx');
    expect(before).not.toContain('responses_commune_wave_id_idx');
    await migrateToLatest(db);
    expect(await schemaOf(db)).toEqual(fresh);
  });

  it('a database migrated with the edited 0001 (new index already there) ends with the fresh schema', async () => {
    const db = await open();
    await migrateTo(db, '0004_kiosk_pairing');
    // What the edited 0001 made instead of the released one's (commune, wave) index.
    await sql`drop index responses_commune_wave_idx`.execute(db);
    await sql`create index responses_commune_wave_id_idx on responses (commune_code, wave, id)`.execute(
      db,
    );
    await migrateToLatest(db);
    expect(await schemaOf(db)).toEqual(fresh);
  });

  it('a database migrated with the first 0001 (questionnaire index alone) ends with the fresh schema', async () => {
    const db = await open();
    await migrateTo(db, '0004_kiosk_pairing');
    await sql`drop index responses_questionnaire_wave_idx`.execute(db);
    await sql`drop index responses_commune_wave_idx`.execute(db);
    await sql`create index responses_questionnaire_id_idx on responses (questionnaire_id)`.execute(
      db,
    );
    await migrateToLatest(db);
    expect(await schemaOf(db)).toEqual(fresh);
  });

  it('0005 goes down to the released 0004 schema and up again', async () => {
    const db = await open();
    await migrateTo(db, '0004_kiosk_pairing');
    const at0004 = await schemaOf(db);
    await migrateToLatest(db);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo('0004_kiosk_pairing');
    expect(down.error).toBeUndefined();
    expect(await schemaOf(db)).toEqual(at0004);
  });

  it('0002 inserts the 56 communes of the official list, exactly', async () => {
    const db = await open();
    await migrateToLatest(db);
    const stored = await db
      .selectFrom('communes')
      .select(['code', 'name', 'kind'])
      .orderBy('code')
      .execute();
    const list = readFileSync(
      new URL('../../server/communes/communes.csv', import.meta.url),
      'utf8',
    );
    const expected = parseCommunesCsv(list).sort((a, b) => a.code.localeCompare(b.code));
    expect(stored).toHaveLength(56);
    expect(stored).toEqual(expected);
  });
});
