import { describe, expect, it } from 'vitest';
import { addDays, startOfVietnamDay, vietnamDate } from '../../server/waves/wave-dates.ts';
import { databaseBackends } from '../helpers/databases.ts';
import { sameOrigin, signedInStaff } from '../helpers/staff.ts';
import { makeSubmission } from '../helpers/submissions.ts';
import { catalog, questionnaire, useTestApp } from '../helpers/test-app.ts';

/**
 * Waves as records (server/API.md "Waves"), against the real clock: the waves are placed
 * around today, so "day 14 after closing" is today. The new install's own wave (this calendar
 * year) is first moved out of the way, into January.
 */
const today = vietnamDate(new Date());
const year = today.slice(0, 4);
const older = [...catalog.byId.values()].find((q) => q.id !== questionnaire.id);

describe.each(databaseBackends())('waves on $kind', ({ create }) => {
  const ctx = useTestApp(create);
  let admin: string;

  const as = (cookie: string) => ({ cookie, ...sameOrigin });
  const submit = (overrides: Parameters<typeof makeSubmission>[0] = {}) =>
    ctx.app.inject({ method: 'POST', url: '/api/responses', payload: makeSubmission(overrides) });
  const countStored = async (id: string) =>
    (await ctx.database.db.selectFrom('responses').select('id').where('id', '=', id).execute())
      .length;

  // Wave "a" runs from 20 days ago to 14 days ago: its day 14 after closing is today.
  const a = { id: 'a-round', opensOn: addDays(today, -20), closesOn: addDays(today, -14) };

  it('a new install has one wave, this calendar year, open, with the newest questionnaire', async () => {
    admin = (await signedInStaff(ctx.app, ctx.database.db, 'admin')).cookie;
    const res = await ctx.app.inject({ url: '/api/waves', headers: as(admin) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      expect.objectContaining({
        id: year,
        opensOn: `${year}-01-01`,
        closesOn: `${year}-12-31`,
        questionnaireId: questionnaire.id,
        target: 30,
        state: 'open',
        answered: false,
      }),
    ]);
    const current = await ctx.app.inject({ url: '/api/questionnaires/current' });
    expect(current.json()).toMatchObject({ id: questionnaire.id, openWave: { id: year } });
  });

  it('creates a wave, and refuses overlapping days, a taken id, an unknown questionnaire', async () => {
    const moved = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/waves/${year}`,
      headers: as(admin),
      payload: { closesOn: `${year}-01-31` },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ state: 'closed' });

    const post = (payload: object) =>
      ctx.app.inject({ method: 'POST', url: '/api/waves', headers: as(admin), payload });
    const wave = { ...a, name: 'Đợt thử', questionnaireId: questionnaire.id };
    const created = await post(wave);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ ...a, state: 'closed', target: 30 });

    const overlap = await post({ ...wave, id: 'b-round', opensOn: a.closesOn, closesOn: today });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error).toMatchObject({ code: 'wave_conflict' });
    expect(overlap.json().error.message).toContain('a-round');

    const taken = await post({ ...wave, opensOn: today, closesOn: today });
    expect(taken.statusCode).toBe(409);

    const unknown = await post({
      ...wave,
      id: 'c',
      opensOn: today,
      closesOn: today,
      questionnaireId: 'nope',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('validation_failed');

    const backwards = await post({
      ...wave,
      id: 'd',
      opensOn: today,
      closesOn: addDays(today, -1),
    });
    expect(backwards.statusCode).toBe(400);
    const badId = await post({ ...wave, id: 'Đợt 2', opensOn: today, closesOn: today });
    expect(badId.statusCode).toBe(400);

    const audit = await ctx.app.inject({
      url: '/api/audit?action=wave.create',
      headers: as(admin),
    });
    expect(audit.json().entries.map((e: { target: string }) => e.target)).toEqual(['a-round']);
  });

  it('assigns a completion at the first instant of the opening day and the last of the closing day', async () => {
    const opening = startOfVietnamDay(a.opensOn);
    const atOpening = await submit({ completedAt: opening.toISOString() });
    expect(atOpening.statusCode).toBe(201);
    expect(atOpening.json().wave).toBe('a-round');

    const justBefore = makeSubmission({
      completedAt: new Date(opening.getTime() - 1).toISOString(),
    });
    const before = await ctx.app.inject({
      method: 'POST',
      url: '/api/responses',
      payload: justBefore,
    });
    expect(before.statusCode).toBe(409);
    expect(before.json().error.code).toBe('no_open_wave');
    expect(await countStored(justBefore.id)).toBe(0);

    const endOfLastDay = startOfVietnamDay(addDays(a.closesOn, 1));
    // Arriving today, day 14 after the closing day: still taken.
    const lastInstant = await submit({
      completedAt: new Date(endOfLastDay.getTime() - 1).toISOString(),
    });
    expect(lastInstant.statusCode).toBe(201);
    expect(lastInstant.json().wave).toBe('a-round');

    const afterClose = await submit({ completedAt: endOfLastDay.toISOString() });
    expect(afterClose.statusCode).toBe(409);
    expect(afterClose.json().error.code).toBe('no_open_wave');
  });

  it('refuses a response with no open wave: none today, nothing stored', async () => {
    const now = makeSubmission();
    const res = await ctx.app.inject({ method: 'POST', url: '/api/responses', payload: now });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'no_open_wave' });
    expect(res.json().error.message).toContain(today);
    expect(await countStored(now.id)).toBe(0);
    const current = await ctx.app.inject({ url: '/api/questionnaires/current' });
    expect(current.statusCode).toBe(200);
    expect(current.json()).toMatchObject({ openWave: null, nextWave: null });
  });

  it('takes a late response on day 14 after closing and refuses it on day 15; a stored one keeps its receipt', async () => {
    const completedAt = startOfVietnamDay(a.closesOn).toISOString();
    const day14 = makeSubmission({ completedAt });
    const first = await ctx.app.inject({ method: 'POST', url: '/api/responses', payload: day14 });
    expect(first.statusCode).toBe(201);

    // One day earlier closing makes today day 15.
    const earlier = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/waves/a-round',
      headers: as(admin),
      payload: { closesOn: addDays(today, -15) },
    });
    expect(earlier.statusCode).toBe(200);
    const day15 = makeSubmission({
      completedAt: startOfVietnamDay(addDays(today, -15)).toISOString(),
    });
    const late = await ctx.app.inject({ method: 'POST', url: '/api/responses', payload: day15 });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('no_open_wave');
    expect(await countStored(day15.id)).toBe(0);

    // The retry of a response already stored is answered with its receipt, not refused.
    const retry = await ctx.app.inject({ method: 'POST', url: '/api/responses', payload: day14 });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
  });

  it('changes the questionnaire of a wave only while it has no responses', async () => {
    if (!older) throw new Error('the surveys folder has one questionnaire only');
    const answered = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/waves/a-round',
      headers: as(admin),
      payload: { questionnaireId: older.id },
    });
    expect(answered.statusCode).toBe(409);
    expect(answered.json().error.code).toBe('wave_conflict');

    const planned = await ctx.app.inject({
      method: 'POST',
      url: '/api/waves',
      headers: as(admin),
      payload: {
        id: 'later',
        name: 'Đợt sau',
        opensOn: addDays(today, 30),
        closesOn: addDays(today, 60),
        questionnaireId: questionnaire.id,
      },
    });
    expect(planned.json()).toMatchObject({ state: 'planned', answered: false });
    const switched = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/waves/later',
      headers: as(admin),
      payload: { questionnaireId: older.id, target: 50 },
    });
    expect(switched.statusCode).toBe(200);
    expect(switched.json()).toMatchObject({ questionnaireId: older.id, target: 50 });
    const current = await ctx.app.inject({ url: '/api/questionnaires/current' });
    expect(current.json()).toMatchObject({
      id: older.id,
      openWave: null,
      nextWave: { id: 'later' },
    });
  });

  it('closes an open wave: responses completed after it are refused, the page says none is open', async () => {
    const opened = await ctx.app.inject({
      method: 'POST',
      url: '/api/waves',
      headers: as(admin),
      payload: {
        id: 'now',
        name: 'Đợt hiện tại',
        opensOn: addDays(today, -1),
        closesOn: addDays(today, 10),
        questionnaireId: questionnaire.id,
      },
    });
    expect(opened.json()).toMatchObject({ state: 'open' });
    const during = await submit();
    expect(during.statusCode).toBe(201);
    expect(during.json().wave).toBe('now');
    const current = await ctx.app.inject({ url: '/api/questionnaires/current' });
    expect(current.json()).toMatchObject({ id: questionnaire.id, openWave: { id: 'now' } });

    const close = await ctx.app.inject({
      method: 'POST',
      url: '/api/waves/now/close',
      headers: as(admin),
    });
    expect(close.statusCode).toBe(200);
    expect(close.json()).toMatchObject({ state: 'closed', closesOn: today });
    const again = await ctx.app.inject({
      method: 'POST',
      url: '/api/waves/now/close',
      headers: as(admin),
    });
    expect(again.statusCode).toBe(409);

    const after = await submit();
    expect(after.statusCode).toBe(409);
    expect(after.json().error.code).toBe('no_open_wave');
    const none = await ctx.app.inject({ url: '/api/questionnaires/current' });
    expect(none.json()).toMatchObject({ openWave: null });
    const audit = await ctx.app.inject({ url: '/api/audit?action=wave.close', headers: as(admin) });
    expect(audit.json().entries).toHaveLength(1);
  });

  it('publishes every wave route in the reference at /docs', async () => {
    const res = await ctx.app.inject({ url: '/docs/json' });
    const paths = Object.keys(res.json().paths);
    for (const path of [
      '/api/waves',
      '/api/waves/{id}',
      '/api/waves/{id}/close',
      '/api/waves/{id}/targets',
      '/api/waves/{id}/progress',
    ]) {
      expect(paths).toContain(path);
    }
  });

  it('sets commune targets; progress equals counts from the stored responses; an officer sees their commune only', async () => {
    // Wave "now" has one response in 01273 (from the test before); add some in 01279.
    const targets = await ctx.app.inject({
      method: 'PUT',
      url: '/api/waves/now/targets',
      headers: as(admin),
      payload: {
        targets: [
          { communeCode: '01273', target: 1 },
          { communeCode: '01279', target: 5 },
        ],
      },
    });
    expect(targets.statusCode).toBe(200);
    expect(targets.json().communeTargets).toHaveLength(2);
    const unknown = await ctx.app.inject({
      method: 'PUT',
      url: '/api/waves/now/targets',
      headers: as(admin),
      payload: { targets: [{ communeCode: '99999', target: 1 }] },
    });
    expect(unknown.statusCode).toBe(400);

    const progress = await ctx.app.inject({ url: '/api/waves/now/progress', headers: as(admin) });
    expect(progress.statusCode).toBe(200);
    const body = progress.json();
    expect(body.communes).toHaveLength(56);
    const stored = await ctx.database.db
      .selectFrom('responses')
      .select(['commune_code'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('wave', '=', 'now')
      .where('score_overall', 'is not', null)
      .where('review_state', '<>', 'excluded')
      .groupBy('commune_code')
      .execute();
    const expected = new Map(stored.map((row) => [row.commune_code, Number(row.n)]));
    for (const commune of body.communes) {
      expect(commune.responses).toBe(expected.get(commune.code) ?? 0);
      expect(commune.lastSevenDays).toBe(expected.get(commune.code) ?? 0);
    }
    const thucPhan = body.communes.find((c: { code: string }) => c.code === '01273');
    expect(thucPhan).toMatchObject({ target: 1, responses: 1, reached: true, projectedOn: null });
    expect(body.summary).toMatchObject({
      communes: 56,
      atTarget: 1,
      quietSevenDays: 55,
      responses: 1,
      target: 1 + 5 + 54 * 30,
    });

    const officer = (await signedInStaff(ctx.app, ctx.database.db, 'commune_officer', '01279'))
      .cookie;
    const own = await ctx.app.inject({ url: '/api/waves/now/progress', headers: as(officer) });
    expect(own.statusCode).toBe(200);
    expect(own.json().communes.map((c: { code: string }) => c.code)).toEqual(['01279']);
    expect(own.json().summary).toMatchObject({
      communes: 1,
      atTarget: 0,
      quietSevenDays: 1,
      target: 5,
    });
    const change = await ctx.app.inject({
      method: 'POST',
      url: '/api/waves/now/close',
      headers: as(officer),
    });
    expect(change.statusCode).toBe(403);
    const missing = await ctx.app.inject({ url: '/api/waves/nope/progress', headers: as(admin) });
    expect(missing.statusCode).toBe(404);
  });
});
