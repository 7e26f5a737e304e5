import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { formatSerial } from '../../server/paper/serial.ts';
import { derivedResponseId } from '../../server/responses/derived-id.ts';
import { addDays, vietnamDate } from '../../server/waves/wave-dates.ts';
import { databaseBackends } from '../helpers/databases.ts';
import { sameOrigin, signedInStaff } from '../helpers/staff.ts';
import { scoredItems } from '../helpers/submissions.ts';
import { questionnaire, useTestApp } from '../helpers/test-app.ts';

/**
 * Paper forms end to end (server/API.md "Paper and import"): an admin prints a batch, two
 * enumerators type each form, agreeing forms become one response, disagreeing ones a conflict
 * an analyst resolves. Against the real clock: the new install's wave is this calendar year.
 */
const today = vietnamDate(new Date());
const year = today.slice(0, 4);
const commune = '01273';
const otherCommune = '01279';

/** Answers that are not a straight line: item i answered i mod 11, with a profile. */
function formAnswers(shift = 0): Record<string, unknown> {
  const answers: Record<string, unknown> = Object.fromEntries(
    scoredItems.map((item, index) => [item.name, (index + shift) % 11]),
  );
  return answers;
}

describe.each(databaseBackends())('paper forms on $kind', ({ create }) => {
  const ctx = useTestApp(create);
  const cookies = {} as Record<
    'admin' | 'analyst' | 'first' | 'second' | 'third' | 'other',
    string
  >;
  let serials: string[] = [];

  const as = (cookie: string) => ({ cookie, ...sameOrigin });
  const post = (cookie: string, url: string, payload: object) =>
    ctx.app.inject({ method: 'POST', url, headers: as(cookie), payload });
  const enter = (who: keyof typeof cookies, serial: string, answers: object, extra: object = {}) =>
    post(cookies[who], '/api/paper/entries', { serial, answers, ...extra });
  const storedResponses = (id: string) =>
    ctx.database.db
      .selectFrom('responses')
      .select(['id', 'channel', 'wave', 'commune_code', 'answers', 'flags', 'completed_at'])
      .where('id', '=', id)
      .execute();
  const auditOf = (action: string, target: string) =>
    ctx.database.db
      .selectFrom('audit_log')
      .select(['actor', 'target', 'reason', 'details'])
      .where('action', '=', action)
      .where('target', '=', target)
      .execute();

  it('prints a batch: the next number in the commune, serials 1..count, audited', async () => {
    const { db } = ctx.database;
    cookies.admin = (await signedInStaff(ctx.app, db, 'admin')).cookie;
    cookies.analyst = (await signedInStaff(ctx.app, db, 'analyst')).cookie;
    for (const who of ['first', 'second', 'third'] as const) {
      cookies[who] = (await signedInStaff(ctx.app, db, 'enumerator', null, [commune])).cookie;
    }
    cookies.other = (await signedInStaff(ctx.app, db, 'enumerator', null, [otherCommune])).cookie;

    const res = await post(cookies.admin, '/api/paper/batches', {
      communeCode: commune,
      wave: year,
      count: 30,
    });
    expect(res.statusCode).toBe(201);
    const batch = res.json();
    serials = batch.serials;
    expect(serials).toHaveLength(30);
    expect(serials[0]).toBe(formatSerial({ communeCode: commune, batch: 1, form: 1 }));
    expect(serials[29]).toBe(formatSerial({ communeCode: commune, batch: 1, form: 30 }));

    const second = await post(cookies.admin, '/api/paper/batches', {
      communeCode: commune,
      wave: year,
      count: 2,
      language: 'vi',
    });
    expect(second.json().serials[0]).toMatch(/^01273-0002-0001-\d$/);

    const shown = await ctx.app.inject({
      url: `/api/paper/batches/${batch.id}`,
      headers: as(cookies.admin),
    });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({
      id: batch.id,
      communeCode: commune,
      communeName: 'Thục Phán',
      number: 1,
      wave: year,
      questionnaireId: questionnaire.id,
      language: 'vi',
      count: 30,
      serials,
    });
    expect(Object.keys(shown.json().strings).length).toBeGreaterThan(10);

    const listed = await ctx.app.inject({
      url: `/api/paper/batches?communeCode=${commune}&wave=${year}`,
      headers: as(cookies.admin),
    });
    expect(listed.json().map((b: { number: number }) => b.number)).toEqual([2, 1]);
    const [entry] = await auditOf('paper.batch_create', batch.id);
    expect(entry?.details).toMatchObject({
      communeCode: commune,
      number: 1,
      count: 30,
      wave: year,
    });
  });

  it.each([
    [{ communeCode: '99999', wave: year, count: 1 }, 'communeCode'],
    [{ communeCode: commune, wave: 'no-such-wave', count: 1 }, 'wave'],
    [{ communeCode: commune, wave: year, count: 2001 }, 'count'],
    [{ communeCode: commune, wave: year, count: 0 }, 'count'],
    [{ communeCode: commune, wave: year, count: 1, language: 'zz' }, 'language'],
  ])('refuses a batch %j naming %s', async (payload, field) => {
    const res = await post(cookies.admin, '/api/paper/batches', payload);
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.details)).toContain(field);
  });

  it('two entries that agree store the response once, under the id derived from the serial', async () => {
    const serial = serials[0] as string;
    const answers = formAnswers();
    const before = await ctx.app.inject({
      url: `/api/paper/forms/${serial}`,
      headers: as(cookies.first),
    });
    expect(before.json()).toMatchObject({
      serial,
      communeCode: commune,
      wave: year,
      questionnaireId: questionnaire.id,
      state: 'not_entered',
      entries: 0,
      enteredByYou: false,
    });

    const one = await enter('first', serial, answers, { completedOn: today });
    expect(one.statusCode).toBe(201);
    expect(one.json()).toEqual({ serial, entries: 1, state: 'awaiting_second' });
    const again = await enter('first', serial, answers, { completedOn: today });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_entered');
    const seen = await ctx.app.inject({
      url: `/api/paper/forms/${serial}`,
      headers: as(cookies.first),
    });
    expect(seen.json()).toMatchObject({ state: 'awaiting_second', entries: 1, enteredByYou: true });

    // Key order and a blank typed as null do not make a difference.
    const reordered = Object.fromEntries(Object.entries(answers).reverse());
    const two = await enter(
      'second',
      serial,
      { ...reordered, comment: null },
      { completedOn: today },
    );
    expect(two.statusCode).toBe(201);
    const responseId = derivedResponseId(`paper:${serial}`);
    expect(two.json()).toEqual({ serial, entries: 2, state: 'verified', responseId });

    const third = await enter('third', serial, answers, { completedOn: today });
    expect(third.statusCode).toBe(409);
    expect(third.json().error.code).toBe('form_decided');
    const secondAgain = await enter('second', serial, answers, { completedOn: today });
    expect(secondAgain.statusCode).toBe(409);

    const stored = await storedResponses(responseId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      channel: 'paper',
      wave: year,
      commune_code: commune,
      answers,
    });
    expect(new Date(stored[0]?.completed_at as Date).toISOString()).toBe(`${today}T05:00:00.000Z`);
    const entries = await ctx.database.db
      .selectFrom('paper_entries')
      .select('entered_by_email')
      .where('serial', '=', serial)
      .execute();
    expect(entries).toHaveLength(2);
    expect(await auditOf('paper.entry', serial)).toHaveLength(2);
  });

  it.each([
    [
      'a mistyped digit',
      (s: string) => `${s.slice(0, 3)}${(Number(s[3]) + 1) % 10}${s.slice(4)}`,
      'check digit',
    ],
    [
      'a form past the batch count',
      () => formatSerial({ communeCode: commune, batch: 1, form: 31 }),
      'never printed',
    ],
    [
      'an unknown batch',
      () => formatSerial({ communeCode: commune, batch: 77, form: 1 }),
      'never printed',
    ],
    [
      'a form of a commune the enumerator is not bound to',
      () => formatSerial({ communeCode: otherCommune, batch: 1, form: 1 }),
      'you enter forms of',
    ],
  ])('refuses %s with 400 naming serial', async (_name, serialOf, reason) => {
    const serial = serialOf(serials[1] as string);
    for (const res of [
      await enter('first', serial, formAnswers()),
      await ctx.app.inject({ url: `/api/paper/forms/${serial}`, headers: as(cookies.first) }),
    ]) {
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation_failed' });
      expect(res.json().error.details).toEqual([
        { path: 'serial', message: expect.stringContaining(reason) },
      ]);
    }
  });

  it('refuses a serial of another wave than the one being entered, and an enumerator of another commune', async () => {
    const serial = serials[1] as string;
    const res = await enter('first', serial, formAnswers(), { wave: `${year}-dot2` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { path: 'serial', message: expect.stringContaining(`wave "${year}"`) },
    ]);
    const other = await enter('other', serial, formAnswers());
    expect(other.statusCode).toBe(400);
    expect(other.json().error.details[0]).toMatchObject({ path: 'serial' });
    expect(
      await ctx.database.db
        .selectFrom('paper_entries')
        .select('serial')
        .where('serial', '=', serial)
        .execute(),
    ).toEqual([]);
  });

  it('checks the answers against the batch questionnaire and the date against the wave', async () => {
    const serial = serials[1] as string;
    const [item] = scoredItems;
    const bad = await enter('first', serial, {
      ...formAnswers(),
      [item?.name as string]: 11,
      nope: 1,
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining([`answers.${item?.name}`, 'answers.nope']));
    for (const completedOn of [addDays(today, 1), `${Number(year) - 1}-06-01`, '2026-02-30']) {
      const res = await enter('first', serial, formAnswers(), { completedOn });
      expect(res.statusCode).toBe(400);
      expect(JSON.stringify(res.json().error.details)).toContain('completedOn');
    }
  });

  it('a disagreement waits as a conflict listing exactly the differing answers; a resolution stores the decision', async () => {
    const serial = serials[2] as string;
    const [a, b, c] = scoredItems.map((item) => item.name) as [string, string, string];
    const first: Record<string, unknown> = { ...formAnswers(), comment: 'tốt' };
    const second: Record<string, unknown> = { ...formAnswers(), [a]: 98, [c]: 3, comment: 'tốt' };
    expect(first[c]).not.toBe(3);
    delete second[b];
    expect((await enter('first', serial, first, { completedOn: today })).json()).toMatchObject({
      state: 'awaiting_second',
    });
    const res = await enter('second', serial, second, { completedOn: addDays(today, -1) });
    expect(res.json()).toEqual({ serial, entries: 2, state: 'conflict' });
    expect(await storedResponses(derivedResponseId(`paper:${serial}`))).toEqual([]);

    const listed = await ctx.app.inject({
      url: `/api/paper/conflicts?communeCode=${commune}`,
      headers: as(cookies.analyst),
    });
    expect(listed.statusCode).toBe(200);
    const conflict = listed.json().find((x: { serial: string }) => x.serial === serial);
    expect(conflict.differences).toEqual([
      { question: a, first: first[a], second: 98 },
      { question: b, first: first[b], second: null },
      { question: c, first: first[c], second: 3 },
      { question: 'completedOn', first: today, second: addDays(today, -1) },
    ]);
    expect(conflict.entries).toHaveLength(2);
    const elsewhere = await ctx.app.inject({
      url: `/api/paper/conflicts?communeCode=${otherCommune}`,
      headers: as(cookies.analyst),
    });
    expect(elsewhere.json()).toEqual([]);

    const resolve = (payload: object) =>
      post(cookies.analyst, `/api/paper/conflicts/${serial}/resolve`, payload);
    const undecided = await resolve({ answers: { [a]: 4 }, reason: 'đọc lại tờ giấy' });
    expect(undecided.statusCode).toBe(400);
    const undecidedPaths = undecided.json().error.details.map((d: { path: string }) => d.path);
    expect(undecidedPaths).toEqual([`answers.${b}`, `answers.${c}`, 'completedOn']);
    const shortReason = await resolve({
      answers: { [a]: 4, [b]: null, [c]: 3 },
      completedOn: today,
      reason: 'ok',
    });
    expect(shortReason.statusCode).toBe(400);

    const decided = await resolve({
      answers: { [a]: 4, [b]: null, [c]: 3 },
      completedOn: today,
      reason: 'đọc lại tờ giấy',
    });
    expect(decided.statusCode).toBe(200);
    const responseId = derivedResponseId(`paper:${serial}`);
    expect(decided.json()).toEqual({ serial, state: 'verified', responseId });
    const [stored] = await storedResponses(responseId);
    const expected: Record<string, unknown> = { ...first, [a]: 4, [c]: 3 };
    delete expected[b];
    expect(stored?.answers).toEqual(expected);
    const [audit] = await auditOf('paper.resolve', serial);
    expect(audit).toMatchObject({
      reason: 'đọc lại tờ giấy',
      details: {
        responseId,
        decisions: { [a]: 4, [b]: null, [c]: 3, completedOn: today },
        differences: conflict.differences,
      },
    });
    const entries = await ctx.database.db
      .selectFrom('paper_entries')
      .select('serial')
      .where('serial', '=', serial)
      .execute();
    expect(entries).toHaveLength(2);
    const again = await resolve({
      answers: { [a]: 4, [b]: null, [c]: 3 },
      completedOn: today,
      reason: 'lần nữa',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('not_in_conflict');
    expect(await storedResponses(responseId)).toHaveLength(1);
    const gone = await ctx.app.inject({
      url: '/api/paper/conflicts',
      headers: as(cookies.analyst),
    });
    expect(gone.json().map((x: { serial: string }) => x.serial)).not.toContain(serial);
  });

  it('a stack of forms with identical answers is flagged duplicate', async () => {
    const answers = formAnswers(3);
    const ids = [];
    for (const serial of serials.slice(3, 5)) {
      await enter('first', serial, answers);
      const res = await enter('second', serial, answers);
      expect(res.json().state).toBe('verified');
      ids.push(res.json().responseId);
    }
    for (const id of ids) {
      const [stored] = await storedResponses(id);
      expect(stored?.flags).toContain('duplicate');
    }
  });

  it('entries sent concurrently and repeatedly, in any order, store the form once', async () => {
    for (const [index, serial] of serials.slice(5, 9).entries()) {
      const answers = formAnswers(5 + index);
      const order = ['first', 'second', 'first', 'second', 'second', 'first'] as const;
      const results = await Promise.all(order.map((who) => enter(who, serial, answers)));
      const created = results.filter((res) => res.statusCode === 201);
      expect(created).toHaveLength(2);
      expect(results.filter((res) => res.statusCode === 409)).toHaveLength(4);
      expect(created.map((res) => res.json().state).sort()).toEqual([
        'awaiting_second',
        'verified',
      ]);
      expect(await storedResponses(derivedResponseId(`paper:${serial}`))).toHaveLength(1);
    }
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from responses where channel = 'paper'`.execute(ctx.database.db);
    // Forms 1, 3 (resolved), 4, 5 and the four just entered.
    expect(rows[0]?.n).toBe(8);
  });

  it("counts the wave's paper forms in its field progress, and the verified ones as responses", async () => {
    await enter('first', serials[9] as string, formAnswers(1));
    await enter('first', serials[10] as string, formAnswers(1));
    await enter('second', serials[10] as string, formAnswers(2));
    const res = await ctx.app.inject({
      url: `/api/waves/${year}/progress`,
      headers: as(cookies.admin),
    });
    expect(res.statusCode).toBe(200);
    const progress = res.json();
    const row = progress.communes.find((c: { code: string }) => c.code === commune);
    expect(row.paper).toEqual({ printed: 32, enteredOnce: 1, verified: 8, conflicts: 1 });
    expect(row.responses).toBe(8);
    const other = progress.communes.find((c: { code: string }) => c.code === otherCommune);
    expect(other.paper).toEqual({ printed: 0, enteredOnce: 0, verified: 0, conflicts: 0 });
    expect(progress.summary.paper).toEqual({
      printed: 32,
      enteredOnce: 1,
      verified: 8,
      conflicts: 1,
    });
  });

  it('numbers batches printed at the same moment one after another, never twice', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        post(cookies.admin, '/api/paper/batches', {
          communeCode: otherCommune,
          wave: year,
          count: 1,
        }),
      ),
    );
    expect(results.map((res) => res.statusCode)).toEqual([201, 201, 201, 201]);
    const numbers = results.map((res) => res.json().serials[0].slice(6, 10)).sort();
    expect(numbers).toEqual(['0001', '0002', '0003', '0004']);
  });

  it('refuses to print in a language not complete for the wave questionnaire', async () => {
    const res = await post(cookies.admin, '/api/paper/batches', {
      communeCode: commune,
      wave: year,
      count: 1,
      language: 'tyz',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { path: 'language', message: expect.stringContaining('not completely translated') },
    ]);
  });

  it('takes entries only while the batch wave takes responses', async () => {
    const { db } = ctx.database;
    const past = { id: 'paper-past', opens_on: '2021-01-01', closes_on: '2021-01-31' };
    const planned = { id: 'paper-planned', opens_on: '2199-01-01', closes_on: '2199-01-31' };
    const serialsOf: Record<string, string> = {};
    for (const [index, wave] of [past, planned].entries()) {
      await db
        .insertInto('waves')
        .values({ ...wave, name: wave.id, questionnaire_id: questionnaire.id })
        .execute();
      const number = 500 + index;
      await db
        .insertInto('paper_batches')
        .values({
          commune_code: commune,
          number,
          wave: wave.id,
          questionnaire_id: questionnaire.id,
          language: 'vi',
          form_count: 1,
          created_by: 'test',
        })
        .execute();
      serialsOf[wave.id] = formatSerial({ communeCode: commune, batch: number, form: 1 });
    }
    for (const wave of [past, planned]) {
      const res = await enter('first', serialsOf[wave.id] as string, formAnswers());
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('no_open_wave');
    }
    const ended = await post(cookies.admin, '/api/paper/batches', {
      communeCode: commune,
      wave: past.id,
      count: 1,
    });
    expect(ended.statusCode).toBe(400);
    expect(ended.json().error.details).toEqual([
      { path: 'wave', message: expect.stringContaining('no longer takes responses') },
    ]);
    const stored = await db
      .selectFrom('paper_entries')
      .select('serial')
      .where('serial', 'in', Object.values(serialsOf))
      .execute();
    expect(stored).toEqual([]);
  });
});
