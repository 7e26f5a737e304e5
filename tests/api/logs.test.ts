import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loggerOptions } from '../../server/logger.ts';
import { insertUser } from '../../server/users/queries.ts';
import { databaseBackends, type TestDatabase } from '../helpers/databases.ts';
import { signedInStaff } from '../helpers/staff.ts';
import { makeSubmission, uniformAnswers } from '../helpers/submissions.ts';
import { catalog, type TestApp, testConfig } from '../helpers/test-app.ts';

type LogLine = { level: number; msg: string; err?: Record<string, unknown> };

/**
 * The README promises that logs never hold answers. A database error carries the statement's
 * values (PGlite's `params`, PostgreSQL's `detail` and even its message), so each test makes
 * the database refuse a request that carries a marker and reads every line the server logged.
 * The refusals are test-only: a trigger or a constraint added to this test database alone.
 */
describe.each(databaseBackends())('logs on $kind', ({ create }) => {
  let database: TestDatabase;
  let app: TestApp;
  let lines: string[] = [];
  beforeAll(async () => {
    database = await create();
    app = await buildApp({
      config: { ...testConfig, LOG_LEVEL: 'info' },
      database,
      catalog,
      // The server's own logger options, writing to memory instead of stdout.
      logger: { ...loggerOptions('info'), stream: { write: (line: string) => lines.push(line) } },
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const logged = () => lines.map((line) => JSON.parse(line) as LogLine);

  it('logs a failed submission by class and code, without the answers it carried', async () => {
    // Casting the comment to a number fails with a message that quotes the comment.
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
    const marker = `marker-${randomUUID()}`;
    lines = [];
    const res = await app.inject({
      method: 'POST',
      url: '/api/responses',
      payload: makeSubmission({ answers: { ...uniformAnswers(5), comment: `Đường ${marker}` } }),
    });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('internal_error');
    expect(res.body).not.toContain(marker);
    expect(lines.join('')).not.toContain(marker);
    const failure = logged().find((line) => line.msg === 'request failed');
    expect(failure?.err).toMatchObject({ type: 'DatabaseError', code: '22P02' });
  });

  it('logs a failed user update by class, code and constraint, without the row', async () => {
    const marker = `marker-${randomUUID()}`;
    const target = await insertUser(database.db, {
      email: `${marker}@cbhpi.test`,
      passwordHash: `$argon2id$v=19$m=19456,t=2,p=1$${marker}`,
      role: 'analyst',
      communeCode: null,
    });
    const admin = await signedInStaff(app, database.db, 'admin');
    // A check violation's detail is "Failing row contains (…)": the e-mail and the hash.
    await sql`
      alter table users add constraint users_stay_enabled check (disabled_at is null) not valid
    `.execute(database.db);
    lines = [];
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/users/${target?.id}`,
      headers: { origin: 'http://localhost:80', cookie: admin.cookie },
      payload: { disabled: true },
    });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain(marker);
    expect(lines.join('')).not.toContain(marker);
    const failure = logged().find((line) => line.msg === 'request failed');
    expect(failure?.err).toMatchObject({
      type: 'DatabaseError',
      code: '23514',
      constraint: 'users_stay_enabled',
    });
  });
});
