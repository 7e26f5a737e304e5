import { afterEach, describe, expect, it } from 'vitest';
import { databaseBackends, postgresBackend, type TestDatabase } from '../helpers/databases.ts';
import {
  postJson,
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from '../helpers/server-process.ts';
import { makeSubmission, uniformAnswers } from '../helpers/submissions.ts';

let database: TestDatabase | undefined;
let server: ServerProcess | undefined;
afterEach(async () => {
  if (server) await stopServerProcess(server);
  server = undefined;
  await database?.drop();
  database = undefined;
});

async function storedIds(db: TestDatabase['db'], ids: string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await db.selectFrom('responses').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((row) => row.id));
}

describe.each(postgresBackend())('durability on $kind', ({ create }) => {
  it('keeps every response that got 201 when the server is killed with SIGKILL mid-stream', async () => {
    database = await create();
    server = await startServerProcess({ ...database.env, RATE_LIMIT_PER_MINUTE: '1000000' });
    const running = server;
    const accepted: string[] = [];
    let stop = false;
    // Eight clients submit as fast as they can until the server dies under them.
    const clients = Array.from({ length: 8 }, async (_, client) => {
      for (let i = 0; !stop && i < 5000; i += 1) {
        const submission = makeSubmission({ answers: uniformAnswers((client + i) % 11) });
        try {
          const res = await postJson(running.url, submission);
          if (res.status === 201) accepted.push(submission.id);
        } catch {
          return;
        }
      }
    });
    while (accepted.length < 300) await new Promise((resolve) => setTimeout(resolve, 10));
    running.child.kill('SIGKILL');
    stop = true;
    expect(await running.exited).toBe('SIGKILL');
    await Promise.all(clients);
    const stored = await storedIds(database.db, accepted);
    expect(accepted.length).toBeGreaterThanOrEqual(300);
    expect(accepted.filter((id) => !stored.has(id))).toEqual([]);
  });
});

describe.each(databaseBackends().filter((b) => b.kind === 'embedded'))(
  'durability on $kind',
  ({ create }) => {
    it('keeps every accepted response across a stop and a restart on the same DATA_DIR', async () => {
      database = await create();
      // The embedded database has one owner: the test's connection closes before the server opens it.
      await database.db.destroy();
      const env = { ...database.env, RATE_LIMIT_PER_MINUTE: '1000000' };
      server = await startServerProcess(env);
      const submissions = Array.from({ length: 60 }, (_, i) =>
        makeSubmission({ answers: uniformAnswers(i % 11) }),
      );
      const first = await Promise.all(
        submissions.map((s) => postJson((server as ServerProcess).url, s)),
      );
      expect(first.map((res) => res.status)).toEqual(submissions.map(() => 201));
      expect(await stopServerProcess(server)).toBe(0);

      server = await startServerProcess(env);
      const retried = await Promise.all(
        submissions.map((s) => postJson((server as ServerProcess).url, s)),
      );
      expect(retried.map((res) => res.status)).toEqual(submissions.map(() => 200));
      expect(retried.map((res) => res.body)).toEqual(first.map((res) => res.body));
      expect(await stopServerProcess(server)).toBe(0);
      server = undefined;

      const reopened = await database.reopen();
      try {
        const stored = await storedIds(
          reopened.db,
          submissions.map((s) => s.id),
        );
        expect(stored.size).toBe(60);
      } finally {
        await reopened.db.destroy();
      }
    });
  },
);
