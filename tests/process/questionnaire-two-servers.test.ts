import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamDate } from '../../server/waves/wave-dates.ts';
import { postgresBackend, type TestDatabase } from '../helpers/databases.ts';
import { signIn } from '../helpers/process-sign-in.ts';
import { questionnaireJson } from '../helpers/questionnaire-json.ts';
import {
  postJson,
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from '../helpers/server-process.ts';
import { createStaff } from '../helpers/staff.ts';
import { makeSubmission } from '../helpers/submissions.ts';

const newId = 'cb-hpi-2026-dot2';
const year = vietnamDate(new Date()).slice(0, 4);

async function send(
  server: ServerProcess,
  cookie: string,
  method: string,
  path: string,
  body: unknown,
) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', origin: server.url, cookie },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const current = async (server: ServerProcess) =>
  (await (await fetch(`${server.url}/api/questionnaires/current`)).json()) as {
    id: string;
    openWave: { id: string } | null;
  };

describe.each(postgresBackend())(
  'a questionnaire published on one server process, on $kind',
  ({ create }) => {
    let database: TestDatabase;
    let servers: ServerProcess[] = [];
    beforeAll(async () => {
      database = await create();
      const env = { ...database.env, RATE_LIMIT_PER_MINUTE: '1000000' };
      // One after the other: the second then starts on the first's stored versions and wave.
      // The third is asked only for results, so it never served the new version before.
      servers = [
        await startServerProcess(env),
        await startServerProcess(env),
        await startServerProcess(env),
      ];
    }, 120_000);
    afterAll(async () => {
      await Promise.all(servers.map(stopServerProcess));
      await database?.drop();
    });

    it('is served and accepted by the other process, which started before it was published', async () => {
      const [a, b, c] = servers as [ServerProcess, ServerProcess, ServerProcess];
      const admin = await createStaff(database.db, 'admin');
      const cookie = await signIn(a, admin.email);
      const published = await send(
        a,
        cookie,
        'POST',
        '/api/questionnaires',
        questionnaireJson(newId),
      );
      expect(published.status).toBe(201);
      // This year's wave (made at the first start) takes the new version; it has no responses.
      const changed = await send(a, cookie, 'PATCH', `/api/waves/${year}`, {
        questionnaireId: newId,
      });
      expect(changed.status).toBe(200);

      for (const server of [a, b]) {
        const served = await current(server);
        expect(served).toMatchObject({ id: newId, openWave: { id: year } });
      }
      const submission = makeSubmission({ questionnaireId: newId });
      const stored = await postJson(b.url, submission);
      expect(stored.status, stored.body).toBe(201);
      expect(JSON.parse(stored.body)).toMatchObject({ id: submission.id, wave: year });
      const row = await database.db
        .selectFrom('responses')
        .select('questionnaire_id')
        .where('id', '=', submission.id)
        .executeTakeFirstOrThrow();
      expect(row.questionnaire_id).toBe(newId);

      // Results on a process that has not met the version yet count its responses.
      const analyst = await createStaff(database.db, 'analyst');
      const results = await fetch(`${c.url}/api/results?wave=${year}`, {
        headers: { cookie: await signIn(c, analyst.email) },
      });
      expect(results.status).toBe(200);
      const body = (await results.json()) as {
        questionnaireId: string;
        communes: { code: string; n: number }[];
      };
      expect(body.questionnaireId).toBe(newId);
      expect(body.communes.find((row) => row.code === submission.communeCode)?.n).toBe(1);

      // A version no server published is still refused, by either process.
      for (const server of [a, b]) {
        const refused = await postJson(
          server.url,
          makeSubmission({ questionnaireId: 'cb-hpi-never-published' }),
        );
        expect(refused.status).toBe(400);
        expect(refused.body).toContain('unknown questionnaire');
      }
    });
  },
);
