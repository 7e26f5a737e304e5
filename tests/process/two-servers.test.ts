import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresBackend, type TestDatabase } from '../helpers/databases.ts';
import { countResponses, recomputedRollups, storedRollups } from '../helpers/rows.ts';
import {
  postJson,
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from '../helpers/server-process.ts';
import { makeSubmission, uniformAnswers } from '../helpers/submissions.ts';

describe.each(postgresBackend())('two server processes on one $kind database', ({ create }) => {
  let database: TestDatabase;
  let servers: ServerProcess[] = [];
  beforeAll(async () => {
    database = await create();
    const env = { ...database.env, RATE_LIMIT_PER_MINUTE: '1000000' };
    servers = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  });
  afterAll(async () => {
    await Promise.all(servers.map(stopServerProcess));
    await database?.drop();
  });

  it('stores each id once when the same ids reach both servers at the same time', async () => {
    const submissions = Array.from({ length: 200 }, (_, i) =>
      makeSubmission({ communeCode: i % 2 ? '01273' : '01279', answers: uniformAnswers(i % 11) }),
    );
    const sends = submissions.flatMap((submission) =>
      servers.flatMap((server) => [
        postJson(server.url, submission),
        postJson(server.url, submission),
      ]),
    );
    const results = await Promise.all(sends);
    expect(results.filter((res) => res.status === 201)).toHaveLength(200);
    expect(results.filter((res) => res.status === 200)).toHaveLength(600);
    for (let i = 0; i < submissions.length; i += 1) {
      const bodies = new Set(results.slice(i * 4, i * 4 + 4).map((res) => res.body));
      expect(bodies.size).toBe(1);
    }
    expect(await countResponses(database.db)).toBe(200);
    expect(await storedRollups(database.db)).toEqual(await recomputedRollups(database.db));
  });
});
