import { describe, expect, it } from 'vitest';
import { databaseBackends } from '../helpers/databases.ts';
import { countResponses, recomputedRollups, storedRollups } from '../helpers/rows.ts';
import { bestAnswers, makeSubmission, uniformAnswers } from '../helpers/submissions.ts';
import { useTestApp } from '../helpers/test-app.ts';

describe.each(databaseBackends())('concurrent submissions on $kind', ({ create }) => {
  const ctx = useTestApp(create);

  const post = (payload: object) =>
    ctx.app.inject({ method: 'POST', url: '/api/responses', payload });

  it('50 concurrent posts of one id store one row; every answer is 201 or 200 with one body', async () => {
    const submission = makeSubmission({ answers: bestAnswers() });
    const results = await Promise.all(Array.from({ length: 50 }, () => post(submission)));
    const statuses = results.map((res) => res.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(49);
    const bodies = new Set(results.map((res) => res.body));
    expect(bodies.size).toBe(1);
    expect(await countResponses(ctx.database.db)).toBe(1);
    const rollups = await storedRollups(ctx.database.db);
    expect(rollups.map((row) => row.n)).toEqual([1, 1, 1, 1, 1]);
    expect(rollups).toEqual(await recomputedRollups(ctx.database.db));
  });

  it('many ids at once, duplicated and interleaved, for few communes: rollups stay exact', async () => {
    const submissions = Array.from({ length: 40 }, (_, i) =>
      makeSubmission({ communeCode: i % 2 ? '01279' : '01288', answers: uniformAnswers(i % 11) }),
    );
    const sends = [...submissions, ...submissions, ...submissions].sort(() => Math.random() - 0.5);
    const results = await Promise.all(sends.map(post));
    expect(results.every((res) => res.statusCode === 200 || res.statusCode === 201)).toBe(true);
    expect(results.filter((res) => res.statusCode === 201)).toHaveLength(40);
    expect(await countResponses(ctx.database.db)).toBe(41);
    expect(await storedRollups(ctx.database.db)).toEqual(await recomputedRollups(ctx.database.db));
  });
});
