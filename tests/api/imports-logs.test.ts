import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loggerOptions } from '../../server/logger.ts';
import { databaseBackends, type TestDatabase } from '../helpers/databases.ts';
import { sameOrigin, signedInStaff } from '../helpers/staff.ts';
import { catalog, type TestApp, testConfig } from '../helpers/test-app.ts';

/**
 * Logs never hold answers (README), imports included: the server's own logger, writing to
 * memory, reads every line while a file with a marker in its answers is imported, and while
 * the database refuses to store it (a test-only trigger whose error quotes the answer).
 */
describe.each(databaseBackends())('import logs on $kind', ({ create }) => {
  let database: TestDatabase;
  let app: TestApp;
  let lines: string[] = [];
  beforeAll(async () => {
    database = await create();
    app = await buildApp({
      config: { ...testConfig, LOG_LEVEL: 'info' },
      database,
      catalog,
      logger: { ...loggerOptions('info'), stream: { write: (line: string) => lines.push(line) } },
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const upload = async (marker: string, rowId: string) => {
    const { cookie } = await signedInStaff(app, database.db, 'admin');
    return app.inject({
      method: 'POST',
      url: '/api/imports/responses?dryRun=false',
      headers: { ...sameOrigin, cookie, 'content-type': 'text/csv' },
      payload: `row_id,commune_code,sec_income,comment\n${rowId},01273,5,"Đường ${marker}"\n`,
    });
  };

  it('an import is logged without its answers, stored or refused by the database', async () => {
    const stored = `marker-${randomUUID()}`;
    lines = [];
    expect((await upload(stored, 'log-1')).statusCode).toBe(200);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('')).not.toContain(stored);

    await sql`
      create function refuse_comments() returns trigger language plpgsql as $$
      begin
        perform (new.answers ->> 'comment')::integer;
        return new;
      end $$
    `.execute(database.db);
    await sql`
      create trigger refuse_comments before insert on responses
      for each row execute function refuse_comments()
    `.execute(database.db);
    const refused = `marker-${randomUUID()}`;
    lines = [];
    const res = await upload(refused, 'log-2');
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain(refused);
    expect(lines.join('')).toContain('request failed');
    expect(lines.join('')).not.toContain(refused);
  });
});
