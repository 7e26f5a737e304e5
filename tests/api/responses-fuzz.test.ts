import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findRefusedText } from '../../server/text-postgres-refuses.ts';
import { databaseBackends } from '../helpers/databases.ts';
import { countResponses, recomputedRollups, storedRollups } from '../helpers/rows.ts';
import { questionnaire, useTestApp } from '../helpers/test-app.ts';

const questionNames = [...questionnaire.questions.keys()];

/** Strings PostgreSQL refuses to store: NUL and lone surrogates, alone or inside text. */
const refusedText = fc.oneof(
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\udbff', '\udc00y'),
  fc
    .tuple(fc.string({ maxLength: 5 }), fc.constantFrom('\u0000', '\ud83d', '\ude00'))
    .map(([text, bad]) => `${text}${bad}`),
);

/** Any string, sometimes one PostgreSQL refuses. */
const anyText = (maxLength: number) =>
  fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength, unit: 'binary' }) }, refusedText);

/** Timestamps: good, impossible for PostgreSQL, too early, too late, or not a time at all. */
const anyTimestamp = fc.oneof(
  { weight: 3, arbitrary: fc.constant('2026-05-01T08:00:00Z') },
  fc.constantFrom(
    '0000-01-01T00:00:00Z',
    '0001-01-01T00:00:00Z',
    '2019-12-31T23:59:59Z',
    '9999-12-31T23:59:59+14:00',
    '2026-02-30T00:00:00Z',
    '2026-05-01T08:00:00-23:59',
  ),
  fc
    .date({
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString()),
  fc.string({ maxLength: 10 }),
);

/** Values that are sometimes right and often wrong for any question. */
const anyAnswer = fc.oneof(
  fc.integer({ min: -3, max: 12 }),
  fc.constantFrom(98, 99, 100, null),
  fc.double({ min: -20, max: 120, noNaN: false }),
  fc.constantFrom('tay', 'kinh', '18-29', 'female', '7', '', 'x'.repeat(1500)),
  fc.boolean(),
  fc.constantFrom([], ['tay'], {}, { value: 1 }),
  anyText(20),
  fc.array(anyText(5), { maxLength: 3 }),
);

const answers = fc.dictionary(fc.oneof(fc.constantFrom(...questionNames), anyText(12)), anyAnswer, {
  maxKeys: 30,
});

/** Answers a form could really send, so that the accepting path is fuzzed as well. */
const plausibleAnswers = fc.dictionary(
  fc.constantFrom(...questionnaire.scoring.items.map((item) => item.name)),
  fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constantFrom(98, 99, null)),
  { maxKeys: 24 },
);

const body = fc.record(
  {
    id: fc.oneof(
      { weight: 4, arbitrary: fc.uuid({ version: 4 }) },
      fc.constantFrom('not-a-uuid', '', '00000000-0000-0000-0000-000000000000'),
    ),
    questionnaireId: fc.oneof({ weight: 4, arbitrary: fc.constant(questionnaire.id) }, anyText(12)),
    communeCode: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('01273', '01279') },
      fc.constantFrom('99999', '1273', '012730'),
      fc.string({ maxLength: 6 }),
    ),
    channel: fc.constantFrom('web', 'web', 'paper', 'kiosk', 'sms', ''),
    answers: fc.oneof(
      { weight: 8, arbitrary: plausibleAnswers },
      { weight: 8, arbitrary: answers },
      fc.constantFrom(null, [], 'x', 3),
    ),
    startedAt: anyTimestamp,
    completedAt: fc.oneof(
      { weight: 3, arbitrary: fc.constant('2026-05-01T15:10:00+07:00') },
      anyTimestamp,
    ),
    extra: fc.anything(),
  },
  { requiredKeys: ['id', 'questionnaireId', 'communeCode', 'channel', 'answers'] },
);

/**
 * Bodies a form really sends. The wild generator above reaches the accepting path only about
 * once in sixty runs, too rarely to count on; these keep the created rows (and the rollups the
 * property checks) numerous on every seed.
 */
const formBody = fc.record({
  id: fc.uuid({ version: 4 }),
  questionnaireId: fc.constant(questionnaire.id),
  communeCode: fc.constantFrom('01273', '01279'),
  channel: fc.constant('web'),
  answers: plausibleAnswers,
  completedAt: fc.constant('2026-05-01T15:10:00+07:00'),
});

describe.each(databaseBackends())('fuzzing POST /api/responses on $kind', ({ create }) => {
  const ctx = useTestApp(create);

  it('never answers 5xx and stores a row only for a 201 (2,000 generated bodies)', async () => {
    let created = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 1, arbitrary: formBody }, { weight: 4, arbitrary: body }),
        async (payload) => {
          const before = await countResponses(ctx.database.db);
          // The payload may reuse an id; a 200 or 409 must then store nothing new either.
          const res = await ctx.app.inject({ method: 'POST', url: '/api/responses', payload });
          expect(res.statusCode).toBeLessThan(500);
          const error = res.statusCode >= 400 ? res.json().error : null;
          if (error) expect(typeof error.code).toBe('string');
          if (res.statusCode === 201) expect(findRefusedText(payload)).toEqual([]);
          const after = await countResponses(ctx.database.db);
          if (res.statusCode === 201) created += 1;
          expect(after - before).toBe(res.statusCode === 201 ? 1 : 0);
        },
      ),
      { numRuns: 2000 },
    );
    // The generator must reach the accepting path too, or the property proves little.
    expect(created).toBeGreaterThan(200);
    expect(await countResponses(ctx.database.db)).toBe(created);
    expect(await storedRollups(ctx.database.db)).toEqual(await recomputedRollups(ctx.database.db));
  });
});
