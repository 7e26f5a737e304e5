import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.ts';
import { databaseBackends, type TestDatabase } from '../helpers/databases.ts';
import { createStaff } from '../helpers/staff.ts';
import { questionnaire } from '../helpers/test-app.ts';

/**
 * Migration 0010 (recordings) goes down and up again on both databases, and its checks hold
 * the upload limits for any writer, not only the API.
 */
const names = Object.keys(migrations);
const before0010 = names[names.indexOf('0010_recordings') - 1] ?? '';

describe.each(databaseBackends())('migration 0010 on $kind', ({ create }) => {
  let database: TestDatabase;
  let adminId = '';
  beforeAll(async () => {
    database = await create();
    adminId = (await createStaff(database.db, 'admin')).id;
  });
  afterAll(async () => {
    await database?.drop();
  });

  const tableExists = async () => {
    const { rows } = await sql<{ found: string | null }>`
      select to_regclass('recordings')::text as found`.execute(database.db);
    return rows[0]?.found === 'recordings';
  };

  it('goes down to the migration before it and up again', async () => {
    const migrator = new Migrator({
      db: database.db,
      provider: { getMigrations: async () => migrations },
    });
    expect(await tableExists()).toBe(true);
    const down = await migrator.migrateTo(before0010);
    expect(down.error).toBeUndefined();
    expect(await tableExists()).toBe(false);
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    expect(await tableExists()).toBe(true);
  });

  it('refuses what the upload would refuse, whoever writes it', async () => {
    const bytes = Buffer.from('any bytes');
    const row = {
      questionnaire_id: questionnaire.id,
      language: 'tyz',
      key: 'sec_income',
      content_type: 'audio/ogg',
      bytes,
      byte_length: bytes.length,
      seconds: 2,
      sha256: 'a'.repeat(64),
      uploaded_by: adminId,
    };
    const insert = (changes: Partial<typeof row>) =>
      database.db
        .insertInto('recordings')
        .values({ ...row, ...changes })
        .execute();
    for (const changes of [
      { seconds: 61 },
      { seconds: 0 },
      { byte_length: bytes.length + 1 },
      { language: 'VI' },
      { language: 'viet' },
      { content_type: 'audio/wav' },
      { sha256: 'A'.repeat(64) },
      { questionnaire_id: 'no-such-version' },
    ]) {
      await expect(insert(changes), JSON.stringify(changes)).rejects.toThrow();
    }
    await insert({});
    // The same questionnaire, language and key: one recording, replaced by the API, never two.
    await expect(insert({ sha256: 'b'.repeat(64) })).rejects.toMatchObject({ code: '23505' });
  });
});
