import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertResponseOnce } from '../../server/responses/queries.ts';
import { scoreResponse } from '../../server/scoring/score-response.ts';
import {
  recomputedCountedRollups,
  recomputedReviewCounts,
  storedReviewCounts,
  storedRollupsExact,
} from '../helpers/counted-rollups.ts';
import { postgresBackend, type TestDatabase } from '../helpers/databases.ts';
import { honestAnswers } from '../helpers/planted-burst.ts';
import { signIn } from '../helpers/process-sign-in.ts';
import {
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from '../helpers/server-process.ts';
import { createStaff } from '../helpers/staff.ts';
import { bestAnswers } from '../helpers/submissions.ts';
import { questionnaire } from '../helpers/test-app.ts';

const wave = '2026';
const communes = ['01273', '01279'];
/** Half honest, half a burst: 200 decisions from each of two staff on 40 responses. */
const perCommune = 20;

/** Runs the tasks with at most `width` in flight, as a busy staff page might. */
async function inParallel<T>(tasks: Array<() => Promise<T>>, width: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const i = next;
      next += 1;
      results[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  return results;
}

describe.each(postgresBackend())(
  'review decisions from two server processes on $kind',
  ({ create }) => {
    let database: TestDatabase;
    let servers: ServerProcess[] = [];
    const ids: string[] = [];

    beforeAll(async () => {
      database = await create();
      // Honest residents and a burst of identical top answers in each commune, all flagged.
      for (const communeCode of communes) {
        for (let i = 0; i < perCommune; i += 1) {
          const answers =
            i < perCommune / 2
              ? honestAnswers(i + communes.indexOf(communeCode) * 1000)
              : bestAnswers();
          const id = randomUUID();
          await insertResponseOnce(database.db, {
            id,
            questionnaireId: questionnaire.id,
            communeCode,
            wave,
            channel: 'web',
            answers,
            requestHash: 'planted',
            scores: scoreResponse(questionnaire.scoring, answers),
            startedAt: null,
            completedAt: null,
            receivedAt: new Date(),
            kioskId: null,
          });
          ids.push(id);
        }
      }
      await sql`update responses set flags = array['duplicate']::text[]`.execute(database.db);
      servers = await Promise.all([
        startServerProcess(database.env),
        startServerProcess(database.env),
      ]);
    });
    afterAll(async () => {
      await Promise.all(servers.map(stopServerProcess));
      await database?.drop();
    });

    it('two staff excluding and including the same responses at once keep the rollups exact', async () => {
      const [one, two] = servers as [ServerProcess, ServerProcess];
      const staff = await Promise.all([
        createStaff(database.db, 'analyst'),
        createStaff(database.db, 'admin'),
      ]);
      const sessions = [
        { server: one, cookie: await signIn(one, staff[0].email) },
        { server: two, cookie: await signIn(two, staff[1].email) },
      ];
      // Each staff member runs through every response in their own order of decisions, so
      // the two keep deciding on the same rows at the same moments.
      const orders = [
        ['exclude', 'include', 'exclude', 'keep', 'exclude'],
        ['exclude', 'exclude', 'include', 'exclude', 'include'],
      ];
      const tasks = sessions.flatMap(({ server, cookie }, who) =>
        ids.flatMap((id, i) =>
          (orders[who] as string[]).map((decision, step) => async () => {
            const res = await fetch(`${server.url}/api/responses/${id}/review`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', origin: server.url, cookie },
              body: JSON.stringify({ decision, reason: `staff ${who}, step ${step}, row ${i}` }),
            });
            return { status: res.status, body: await res.text() };
          }),
        ),
      );
      // Interleave the two staff members' requests rather than one after the other.
      const half = tasks.length / 2;
      const interleaved = tasks
        .slice(0, half)
        .flatMap((task, i) => [task, tasks[half + i] ?? task]);
      const results = await inParallel(interleaved, 16);
      expect(results.filter((r) => r.status !== 200)).toEqual([]);

      expect(await storedRollupsExact(database.db)).toEqual(
        await recomputedCountedRollups(database.db),
      );
      expect(await storedReviewCounts(database.db)).toEqual(
        await recomputedReviewCounts(database.db),
      );
      // The log holds every decision, in the order the row locks let them through: each
      // response's state is what its last entry says.
      const entries = await database.db
        .selectFrom('audit_log')
        .select(['target', 'details'])
        .where('action', 'like', 'review.%')
        .orderBy('id')
        .execute();
      expect(entries).toHaveLength(interleaved.length);
      const lastState = new Map(entries.map((e) => [e.target, (e.details as { to: string }).to]));
      const rows = await database.db
        .selectFrom('responses')
        .select(['id', 'review_state'])
        .execute();
      for (const row of rows) expect(row.review_state, row.id).toBe(lastState.get(row.id));
      // Each entry's "from" is the "to" of the entry before it on the same response.
      const previous = new Map<string | null, string>();
      for (const entry of entries) {
        const { from, to } = entry.details as { from: string; to: string };
        expect(from).toBe(previous.get(entry.target) ?? 'unreviewed');
        previous.set(entry.target, to);
      }

      const resultsRes = await fetch(`${one.url}/api/results?wave=${wave}`, {
        headers: { cookie: sessions[0]?.cookie ?? '' },
      });
      const body = (await resultsRes.json()) as {
        communes: Array<{ code: string; n: number; excluded: number }>;
      };
      const communeOf = new Map(ids.map((id, i) => [id, communes[Math.floor(i / perCommune)]]));
      for (const code of communes) {
        const excluded = rows.filter(
          (r) => communeOf.get(r.id) === code && r.review_state === 'excluded',
        ).length;
        const row = body.communes.find((c) => c.code === code);
        expect(row).toMatchObject({ excluded, n: perCommune - excluded });
      }
    }, 240_000);
  },
);
