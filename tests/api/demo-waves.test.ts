import { describe, expect, it } from 'vitest';
import { DemoWaveConflictError } from '../../server/demo/demo-waves.ts';
import { deleteDemo } from '../../server/demo/load-demo.ts';
import { demoWaves } from '../../server/demo/plan.ts';
import { runDemo } from '../../server/demo/run-demo.ts';
import { listWaves } from '../../server/waves/queries.ts';
import { databaseBackends } from '../helpers/databases.ts';
import { countResponses } from '../helpers/rows.ts';
import { sameOrigin, signedInStaff } from '../helpers/staff.ts';
import { questionnaire, useTestApp } from '../helpers/test-app.ts';

describe.each(databaseBackends())('the waves of the demo rows, on $kind', ({ create }) => {
  const ctx = useTestApp(create);
  const demo = () =>
    runDemo(ctx.database.db, questionnaire, { responses: 600, seed: 5, force: false });
  const waveRows = async () =>
    (await listWaves(ctx.database.db))
      .map(({ id, opensOn, closesOn, questionnaireId }) => ({
        id,
        opensOn,
        closesOn,
        questionnaireId,
      }))
      .sort((a, b) => a.id.localeCompare(b.id));

  it('every wave a demo row belongs to is a wave record; the missing ones are made over their calendar year, audited', async () => {
    const before = await waveRows();
    const result = await demo();
    const waves = await waveRows();
    const stored = await ctx.database.db
      .selectFrom('responses')
      .select('wave')
      .distinct()
      .orderBy('wave')
      .execute();
    expect(stored.map((row) => row.wave)).toEqual([...demoWaves]);
    const ids = new Set(waves.map((wave) => wave.id));
    expect(demoWaves.filter((id) => !ids.has(id))).toEqual([]);
    for (const id of result.wavesMade) {
      expect(waves.find((wave) => wave.id === id)).toEqual({
        id,
        opensOn: `${id}-01-01`,
        closesOn: `${id}-12-31`,
        questionnaireId: questionnaire.id,
      });
    }
    // Those there before (this year's, made at the start) are kept as they were.
    expect(waves.filter((wave) => !result.wavesMade.includes(wave.id))).toEqual(before);
    expect(result.wavesMade.length).toBeGreaterThan(0);
    const audit = await ctx.database.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'target'])
      .where('action', '=', 'wave.create')
      .orderBy('target')
      .execute();
    expect(audit).toEqual(
      result.wavesMade.map((id) => ({ actor: 'demo', action: 'wave.create', target: id })),
    );

    // The waves screen and results know them.
    const { cookie } = await signedInStaff(ctx.app, ctx.database.db, 'admin');
    const listed = await ctx.app.inject({ url: '/api/waves', headers: { cookie } });
    expect(listed.json().map((wave: { id: string }) => wave.id)).toEqual(
      expect.arrayContaining([...demoWaves]),
    );
    const results = await ctx.app.inject({ url: '/api/results?wave=2025', headers: { cookie } });
    expect(results.statusCode, results.body).toBe(200);

    // Run again: nothing more to make.
    expect((await demo()).wavesMade).toEqual([]);
  });

  it('refuses, storing nothing, when another wave holds days of a missing demo wave', async () => {
    await deleteDemo(ctx.database.db);
    const { cookie } = await signedInStaff(ctx.app, ctx.database.db, 'admin');
    const removed = await ctx.database.db.deleteFrom('waves').where('id', '=', '2025').execute();
    expect(removed).toHaveLength(1);
    const other = await ctx.app.inject({
      method: 'POST',
      url: '/api/waves',
      headers: { cookie, ...sameOrigin },
      payload: {
        id: '2025-dot1',
        name: 'Đợt 1 năm 2025',
        opensOn: '2025-03-01',
        closesOn: '2025-05-31',
        questionnaireId: questionnaire.id,
      },
    });
    expect(other.statusCode, other.body).toBe(201);
    const before = await waveRows();
    await expect(demo()).rejects.toThrow(DemoWaveConflictError);
    await expect(demo()).rejects.toThrow(/wave "2025-dot1"/);
    expect(await waveRows()).toEqual(before);
    expect(await countResponses(ctx.database.db)).toBe(0);
  });
});
