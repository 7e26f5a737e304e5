import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresBackend, type TestDatabase } from '../helpers/databases.ts';
import {
  postJson,
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from '../helpers/server-process.ts';
import { makeSubmission, uniformAnswers } from '../helpers/submissions.ts';
import { postgresAdminUrl } from '../helpers/test-env.ts';

/**
 * What a PostgreSQL restart, a failover, `idle_session_timeout` or an operator does to the
 * server's pooled connections: their backends end under it. The server must stay up, answer
 * 503 `database_unavailable` while it cannot connect, and serve again by itself.
 */
let database: TestDatabase | undefined;
let server: ServerProcess | undefined;
let admin: pg.Client | undefined;
let databaseName = '';
afterEach(async () => {
  if (admin && databaseName)
    await admin.query(`alter database ${databaseName} allow_connections true`);
  await admin?.end();
  admin = undefined;
  if (server) await stopServerProcess(server);
  server = undefined;
  await database?.drop();
  database = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A test database, a server on it, and an admin connection from outside that database. */
async function startOn(create: () => Promise<TestDatabase>) {
  database = await create();
  databaseName = new URL(database.env.DATABASE_URL ?? '').pathname.slice(1);
  admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  server = await startServerProcess({ ...database.env, RATE_LIMIT_PER_MINUTE: '1000000' });
  return { server, admin, db: database.db };
}

/** Ends every session of the test database (the server's and this test's own pool). */
async function terminateBackends(client: pg.Client) {
  const { rows: ended } = await client.query<{ pid: number }>(
    'select pid, pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
    [databaseName],
  );
  const pids = ended.map((row) => row.pid);
  // pg_terminate_backend only signals; wait until those backends have gone. Under a stream of
  // submissions the server opens new ones meanwhile, so wait for these, not for none at all.
  for (let i = 0; i < 100; i += 1) {
    const { rows } = await client.query<{ n: number }>(
      'select count(*)::int as n from pg_stat_activity where pid = any($1::int[])',
      [pids],
    );
    if (rows[0]?.n === 0) return;
    await sleep(50);
  }
  throw new Error(`the backends of ${databaseName} did not end`);
}

const isUp = (running: ServerProcess) =>
  running.child.exitCode === null && running.child.signalCode === null;

async function getHealth(url: string) {
  const res = await fetch(`${url}/api/health`);
  return { status: res.status, body: await res.json() };
}

/** Retries one submission (as the outbox does) until it gets 200/201 or `deadline` passes. */
async function submitUntilAcknowledged(url: string, deadline: number) {
  const submission = makeSubmission();
  for (;;) {
    const res = await postJson(url, submission);
    if (res.status === 201 || res.status === 200) return { res, at: Date.now() };
    if (Date.now() > deadline) return { res, at: Date.now() };
    await sleep(100);
  }
}

describe.each(postgresBackend())('database faults on $kind', ({ create }) => {
  it('survives its idle connections being terminated and serves the next request', async () => {
    const { server, admin } = await startOn(create);
    expect((await postJson(server.url, makeSubmission())).status).toBe(201);

    await terminateBackends(admin);
    // Give the server the moment it needs to read the closed sockets (where it used to die).
    await sleep(300);
    expect(isUp(server), server.output()).toBe(true);

    const next = await postJson(server.url, makeSubmission());
    expect(next.status, `${next.body}\n${server.output()}`).toBe(201);
    expect((await getHealth(server.url)).status).toBe(200);
    expect(isUp(server), server.output()).toBe(true);
    // The lost connection is logged by class and code only.
    expect(server.output()).toMatch(/database connection lost \(\w+/);
  });

  it('keeps every acknowledged submission, once, when its connections end mid-stream', async () => {
    const { server, admin, db } = await startOn(create);
    const acknowledged = new Map<string, number>();
    const refused: number[] = [];
    let stop = false;
    // Six clients submit as fast as they can; like the outbox, each retries a submission
    // the server did not acknowledge.
    const clients = Array.from({ length: 6 }, async (_, client) => {
      for (let i = 0; !stop; i += 1) {
        const submission = makeSubmission({ answers: uniformAnswers((client + i) % 11) });
        for (let attempt = 0; !stop || attempt === 0; attempt += 1) {
          // A refused connection (the server gone) counts as status 0.
          const res = await postJson(server.url, submission).catch(() => ({ status: 0 }));
          if (res.status === 201 || res.status === 200) {
            acknowledged.set(submission.id, Date.now());
            break;
          }
          refused.push(res.status);
          await sleep(50);
        }
      }
    });
    const acknowledgedAfter = async (moment: number) => {
      const deadline = moment + 5_000;
      while (Date.now() < deadline) {
        if ([...acknowledged.values()].some((at) => at > moment)) return true;
        await sleep(20);
      }
      return false;
    };

    for (let round = 0; round < 3; round += 1) {
      while (acknowledged.size < 100 * (round + 1)) await sleep(10);
      await terminateBackends(admin);
      // From the moment every old connection is gone, only a fresh one can serve.
      const terminatedAt = Date.now();
      expect(isUp(server), server.output()).toBe(true);
      expect(await acknowledgedAfter(terminatedAt), server.output()).toBe(true);
    }
    stop = true;
    await Promise.all(clients);
    expect(isUp(server), server.output()).toBe(true);

    const ids = [...acknowledged.keys()];
    const stored = await db.selectFrom('responses').select('id').where('id', 'in', ids).execute();
    expect(stored.length).toBe(ids.length);
    // Stored once: the rollups count each stored response exactly once.
    const total = await db
      .selectFrom('responses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rolledUp = await db
      .selectFrom('rollups')
      .select((eb) => eb.fn.sum<number>('n').as('n'))
      .where('measure', '=', 'overall')
      .executeTakeFirstOrThrow();
    expect(Number(rolledUp.n)).toBe(Number(total.n));
    expect(Number(total.n)).toBe(ids.length);
    // What was not acknowledged was refused as "try again", never as a failure.
    expect(
      refused.filter((status) => status !== 503),
      server.output(),
    ).toEqual([]);
  });

  it('answers 503 database_unavailable while the database refuses connections, 2xx after', async () => {
    const { server, admin } = await startOn(create);
    expect((await postJson(server.url, makeSubmission())).status).toBe(201);

    await admin.query(`alter database ${databaseName} allow_connections false`);
    await terminateBackends(admin);

    const refused = await postJson(server.url, makeSubmission());
    expect(refused.status, `${refused.body}\n${server.output()}`).toBe(503);
    expect(JSON.parse(refused.body)).toEqual({
      error: { code: 'database_unavailable', message: expect.any(String) },
    });
    const health = await getHealth(server.url);
    expect(health.status).toBe(503);
    expect(health.body).toEqual({
      status: 'degraded',
      database: 'postgres',
      error: { code: 'database_unavailable', message: expect.any(String) },
    });
    expect(isUp(server), server.output()).toBe(true);
    expect(server.output()).toMatch(/"msg":"database unavailable"/);

    await admin.query(`alter database ${databaseName} allow_connections true`);
    const enabledAt = Date.now();
    const { res, at } = await submitUntilAcknowledged(server.url, enabledAt + 5_000);
    expect(res.status, `${res.body}\n${server.output()}`).toBe(201);
    expect(at - enabledAt).toBeLessThan(5_000);
    expect(await getHealth(server.url)).toEqual({
      status: 200,
      body: { status: 'ok', database: 'postgres' },
    });
  });
});
