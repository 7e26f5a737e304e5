import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashToken, newToken } from '../../server/auth/tokens.ts';
import { answersFingerprint } from '../../server/integrity/answers-fingerprint.ts';
import { databaseBackends } from '../helpers/databases.ts';
import { countResponses, recomputedRollups, storedRollups } from '../helpers/rows.ts';
import {
  bestAnswers,
  makeSubmission,
  scoredItems,
  uniformAnswers,
} from '../helpers/submissions.ts';
import { questionnaire, useTestApp } from '../helpers/test-app.ts';

/** Minutes after a fixed completion instant, as ISO text. */
const at = (minutes: number) =>
  new Date(Date.UTC(2026, 4, 4, 3, 0, 0) + minutes * 60_000).toISOString();

/** Answers that no other test's answers equal: varied, not a straight line, keyed by `seed`. */
function distinctAnswers(seed: number): Record<string, number> {
  const bytes = createHash('sha256').update(`answers ${seed}`).digest();
  return Object.fromEntries(
    scoredItems.map((item, i) => [item.name, i === 0 ? 0 : i === 1 ? 10 : (bytes[i] ?? 0) % 11]),
  );
}

describe.each(databaseBackends())('integrity flags on $kind', ({ create }) => {
  const ctx = useTestApp(create);

  const post = (payload: object, token?: string) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/responses',
      payload,
      ...(token && { headers: { authorization: `Bearer ${token}` } }),
    });

  const flagsOf = async (id: string) => {
    const row = await ctx.database.db
      .selectFrom('responses')
      .select('flags')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return [...row.flags].sort();
  };

  let kiosks = 0;
  /** A fresh kiosk of commune 01279 and its bearer token. */
  const newKiosk = async () => {
    const token = newToken();
    kiosks += 1;
    await ctx.database.db
      .insertInto('kiosks')
      .values({ commune_code: '01279', label: `quầy ${kiosks}`, token_hash: hashToken(token) })
      .execute();
    return token;
  };

  /** One kiosk submission completed at `minutes`; answers distinct unless given. */
  let counter = 1000;
  const kioskSubmission = (minutes: number, answers?: Record<string, unknown>) =>
    makeSubmission({
      channel: 'kiosk',
      communeCode: '01279',
      answers: answers ?? distinctAnswers(counter++),
      startedAt: at(minutes - 6),
      completedAt: at(minutes),
    });

  const submitAll = async (token: string, submissions: object[]) => {
    for (const submission of submissions)
      expect((await post(submission, token)).statusCode).toBe(201);
  };

  describe('burst', () => {
    it('exactly 10 in a 10-minute window is no burst; the 11th flags all eleven', async () => {
      const token = await newKiosk();
      const ten = Array.from({ length: 10 }, (_, i) => kioskSubmission(i * 0.5));
      await submitAll(token, ten);
      for (const s of ten) expect(await flagsOf(s.id)).toEqual([]);
      const eleventh = kioskSubmission(5);
      await submitAll(token, [eleventh]);
      for (const s of [...ten, eleventh]) expect(await flagsOf(s.id)).toEqual(['burst']);
    });

    it('the window is half-open: 11 completions spanning exactly 10 minutes are no burst, 9.99 minutes are', async () => {
      const token = await newKiosk();
      const spread = Array.from({ length: 11 }, (_, i) => kioskSubmission(i));
      await submitAll(token, spread);
      for (const s of spread) expect(await flagsOf(s.id)).toEqual([]);

      const other = await newKiosk();
      const tight = [
        ...Array.from({ length: 10 }, (_, i) => kioskSubmission(100 + i)),
        kioskSubmission(109.99),
      ];
      await submitAll(other, tight);
      for (const s of tight) expect(await flagsOf(s.id)).toEqual(['burst']);
    });

    it('only the responses inside a burst window are flagged, not the kiosk’s others', async () => {
      const token = await newKiosk();
      const before = kioskSubmission(-30);
      const burst = Array.from({ length: 11 }, (_, i) => kioskSubmission(i * 0.3));
      // The last of the burst is at 3 min: a window from there ends before 13 min.
      const after = kioskSubmission(13.5);
      await submitAll(token, [before, ...burst, after]);
      expect(await flagsOf(before.id)).toEqual([]);
      expect(await flagsOf(after.id)).toEqual([]);
      for (const s of burst) expect(await flagsOf(s.id)).toEqual(['burst']);
    });

    it('completion times decide, not arrival: an offline queue sent at once is no burst', async () => {
      const token = await newKiosk();
      // Filled in a quarter of an hour apart over a day, all sent together when the line came back.
      const queue = Array.from({ length: 30 }, (_, i) => kioskSubmission(i * 15));
      const results = await Promise.all(queue.map((s) => post(s, token)));
      expect(results.map((res) => res.statusCode)).toEqual(queue.map(() => 201));
      for (const s of queue) expect(await flagsOf(s.id)).toEqual([]);
    });

    it('completion times decide, not arrival: a burst sent out of order over time is still one', async () => {
      const token = await newKiosk();
      const burst = Array.from({ length: 11 }, (_, i) => kioskSubmission(i * 0.5));
      await submitAll(token, [...burst].reverse());
      for (const s of burst) expect(await flagsOf(s.id)).toEqual(['burst']);
    });

    it('uses the time received when there is no completedAt', async () => {
      const token = await newKiosk();
      const sent = Array.from({ length: 11 }, (_, i) =>
        makeSubmission({
          channel: 'kiosk',
          communeCode: '01279',
          answers: distinctAnswers(5000 + i),
        }),
      );
      await submitAll(token, sent);
      for (const s of sent) expect(await flagsOf(s.id)).toEqual(['burst']);
    });

    it('many concurrent submissions that together make a burst all end flagged', async () => {
      const token = await newKiosk();
      const burst = Array.from({ length: 40 }, (_, i) => kioskSubmission(200 + i * 0.1));
      const results = await Promise.all(burst.map((s) => post(s, token)));
      expect(results.map((res) => res.statusCode)).toEqual(burst.map(() => 201));
      for (const s of burst) expect(await flagsOf(s.id)).toEqual(['burst']);
    });

    it('two kiosks do not add up to a burst', async () => {
      const [a, b] = [await newKiosk(), await newKiosk()];
      const first = Array.from({ length: 6 }, (_, i) => kioskSubmission(300 + i * 0.5));
      const second = Array.from({ length: 6 }, (_, i) => kioskSubmission(300.2 + i * 0.5));
      await submitAll(a as string, first);
      await submitAll(b as string, second);
      for (const s of [...first, ...second]) expect(await flagsOf(s.id)).toEqual([]);
    });
  });

  describe('straight_line', () => {
    const names = scoredItems.map((item) => item.name);
    const sameOn = (count: number, value: number) =>
      Object.fromEntries(names.map((name, i) => [name, i < count ? value : 98]));

    it('12 valid items all the same raw value are a straight line, 11 are not', async () => {
      const eleven = makeSubmission({ communeCode: '01288', answers: sameOn(11, 7) });
      const twelve = makeSubmission({ communeCode: '01288', answers: sameOn(12, 6) });
      expect((await post(eleven)).statusCode).toBe(201);
      expect((await post(twelve)).statusCode).toBe(201);
      expect(await flagsOf(eleven.id)).toEqual([]);
      expect(await flagsOf(twelve.id)).toEqual(['straight_line']);
    });

    it('the same raw value on the reverse items too is a straight line; honest best answers are not', async () => {
      const all10 = makeSubmission({ communeCode: '01290', answers: uniformAnswers(10) });
      const best = makeSubmission({ communeCode: '01290', answers: bestAnswers() });
      expect(scoredItems.some((item) => item.reverse)).toBe(true);
      expect((await post(all10)).statusCode).toBe(201);
      expect((await post(best)).statusCode).toBe(201);
      expect(await flagsOf(all10.id)).toEqual(['straight_line']);
      expect(await flagsOf(best.id)).toEqual([]);
    });

    it('one different valid answer breaks it; a missing code does not', async () => {
      const broken = { ...uniformAnswers(3), [names[0] as string]: 4 };
      const withMissing = { ...uniformAnswers(2), [names[0] as string]: 99 };
      const a = makeSubmission({ communeCode: '01294', answers: broken });
      const b = makeSubmission({ communeCode: '01294', answers: withMissing });
      expect((await post(a)).statusCode).toBe(201);
      expect((await post(b)).statusCode).toBe(201);
      expect(await flagsOf(a.id)).toEqual([]);
      expect(await flagsOf(b.id)).toEqual(['straight_line']);
    });
  });

  describe('too_fast', () => {
    it('under 2 s per answered question (missing codes included) is too fast; at the bound it is not', async () => {
      const answers = {
        ...distinctAnswers(9001),
        [scoredItems[0]?.name as string]: 98,
        comment: 'Tốt',
      };
      const answered = Object.keys(answers).length;
      const start = Date.UTC(2026, 5, 1, 2, 0, 0);
      const fast = makeSubmission({
        communeCode: '01297',
        answers,
        startedAt: new Date(start).toISOString(),
        completedAt: new Date(start + 2000 * answered - 1).toISOString(),
      });
      const enough = makeSubmission({
        communeCode: '01304',
        answers,
        startedAt: new Date(start).toISOString(),
        completedAt: new Date(start + 2000 * answered).toISOString(),
      });
      const untimed = makeSubmission({ communeCode: '01318', answers, channel: 'paper' });
      for (const s of [fast, enough, untimed]) expect((await post(s)).statusCode).toBe(201);
      expect(await flagsOf(fast.id)).toEqual(['too_fast']);
      expect(await flagsOf(enough.id)).toEqual([]);
      expect(await flagsOf(untimed.id)).toEqual([]);
    });
  });

  describe('duplicate', () => {
    it('flags both of a pair with the same answers, free text aside, and a third joins them', async () => {
      const answers = distinctAnswers(7001);
      const first = makeSubmission({
        communeCode: '01321',
        answers: { ...answers, comment: 'Tốt lắm' },
      });
      const second = makeSubmission({
        communeCode: '01321',
        answers: { ...answers, comment: 'Khác' },
      });
      const third = makeSubmission({ communeCode: '01321', answers });
      expect((await post(first)).statusCode).toBe(201);
      expect(await flagsOf(first.id)).toEqual([]);
      expect((await post(second)).statusCode).toBe(201);
      expect(await flagsOf(first.id)).toEqual(['duplicate']);
      expect(await flagsOf(second.id)).toEqual(['duplicate']);
      expect((await post(third)).statusCode).toBe(201);
      for (const s of [first, second, third]) expect(await flagsOf(s.id)).toEqual(['duplicate']);
    });

    it('is per commune: the same answers in two communes are no duplicate', async () => {
      const answers = distinctAnswers(7002);
      const here = makeSubmission({ communeCode: '01324', answers });
      const there = makeSubmission({ communeCode: '01327', answers });
      expect((await post(here)).statusCode).toBe(201);
      expect((await post(there)).statusCode).toBe(201);
      expect(await flagsOf(here.id)).toEqual([]);
      expect(await flagsOf(there.id)).toEqual([]);
    });

    it('is per wave: last year’s response with the same answers is no duplicate', async () => {
      const answers = distinctAnswers(7003);
      const lastYear = randomUUID();
      // As a 2025 submission left it: the same commune, the same fingerprint.
      await ctx.database.db
        .insertInto('responses')
        .values({
          id: lastYear,
          questionnaire_id: questionnaire.id,
          commune_code: '01336',
          wave: '2025',
          channel: 'web',
          answers: JSON.stringify(answers),
          request_hash: 'stored in 2025',
          score_overall: null,
          score_security: null,
          score_opportunity: null,
          score_culture: null,
          score_trust: null,
          started_at: null,
          completed_at: null,
          kiosk_id: null,
          answers_fingerprint: answersFingerprint(questionnaire.questions, answers),
        })
        .execute();
      const now = makeSubmission({ communeCode: '01336', answers });
      const res = await post(now);
      expect(res.statusCode).toBe(201);
      expect(res.json().wave).toBe('2026');
      expect(await flagsOf(now.id)).toEqual([]);
      expect(await flagsOf(lastYear)).toEqual([]);
      const stored = await ctx.database.db
        .selectFrom('responses')
        .select('answers_fingerprint')
        .where('id', '=', now.id)
        .executeTakeFirstOrThrow();
      expect(stored.answers_fingerprint).toBe(answersFingerprint(questionnaire.questions, answers));
    });

    it('concurrent identical submissions all end flagged', async () => {
      const answers = distinctAnswers(7004);
      const copies = Array.from({ length: 12 }, () =>
        makeSubmission({ communeCode: '01351', answers }),
      );
      const results = await Promise.all(copies.map((s) => post(s)));
      expect(results.map((res) => res.statusCode)).toEqual(copies.map(() => 201));
      for (const s of copies) expect(await flagsOf(s.id)).toEqual(['duplicate']);
    });
  });

  it('a retried submission (same id) stores nothing more, flags nothing more, changes nothing', async () => {
    const token = await newKiosk();
    const burst = Array.from({ length: 10 }, (_, i) => kioskSubmission(400 + i * 0.5));
    await submitAll(token, burst);
    const rowsBefore = await countResponses(ctx.database.db);
    const snapshot = async () =>
      ctx.database.db.selectFrom('responses').select(['id', 'flags']).orderBy('id').execute();
    const flagsBefore = await snapshot();
    // Ten retries of the tenth: were each counted, the kiosk would have 19 in the window.
    const retries = await Promise.all(
      Array.from({ length: 10 }, () => post(burst[9] as object, token)),
    );
    expect(retries.map((res) => res.statusCode)).toEqual(retries.map(() => 200));
    expect(await countResponses(ctx.database.db)).toBe(rowsBefore);
    expect(await snapshot()).toEqual(flagsBefore);
    for (const s of burst) expect(await flagsOf(s.id)).toEqual([]);
  });

  it('concurrent copies of one id with different answers flag only by the copy that was stored', async () => {
    // An earlier response, and one id posted at once with its answers and with others: only
    // one copy is stored (the rest get 409), and only a stored copy may make a pair.
    for (const round of [0, 1, 2]) {
      const answers = distinctAnswers(7100 + round);
      const earlier = makeSubmission({ communeCode: '01354', answers });
      expect((await post(earlier)).statusCode).toBe(201);
      const id = randomUUID();
      const copies = Array.from({ length: 8 }, (_, i) =>
        makeSubmission({
          id,
          communeCode: '01354',
          answers: i % 2 === round % 2 ? answers : distinctAnswers(7200 + round * 10 + i),
        }),
      );
      const results = await Promise.all(copies.map((s) => post(s)));
      expect(results.filter((res) => res.statusCode === 201)).toHaveLength(1);
      const stored = await ctx.database.db
        .selectFrom('responses')
        .select('answers_fingerprint')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const pair =
        stored.answers_fingerprint === answersFingerprint(questionnaire.questions, answers);
      expect(await flagsOf(earlier.id)).toEqual(pair ? ['duplicate'] : []);
      expect(await flagsOf(id)).toEqual(pair ? ['duplicate'] : []);
    }
  });

  it('flags never change a score: the rollups still equal a recomputation from every row', async () => {
    expect(await storedRollups(ctx.database.db)).toEqual(await recomputedRollups(ctx.database.db));
  });
});
