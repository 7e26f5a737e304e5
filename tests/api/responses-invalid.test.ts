import { describe, expect, it } from 'vitest';
import { databaseBackends } from '../helpers/databases.ts';
import { countResponses, countRollups } from '../helpers/rows.ts';
import { makeSubmission, uniformAnswers } from '../helpers/submissions.ts';
import { useTestApp } from '../helpers/test-app.ts';

const valid = makeSubmission();
const withAnswer = (name: string, value: unknown) => ({
  ...valid,
  answers: { ...uniformAnswers(5), [name]: value },
});
const without = (key: keyof typeof valid) =>
  Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key));

/** Each case: a request that must be refused with this status, code and (where it is a field) path. */
const cases: Array<{ name: string; body: string; status: number; code: string; path?: string }> = [
  {
    name: 'answer above the scale',
    body: JSON.stringify(withAnswer('sec_income', 11)),
    status: 400,
    code: 'validation_failed',
    path: 'answers.sec_income',
  },
  {
    name: 'answer below the scale',
    body: JSON.stringify(withAnswer('opp_jobs', -1)),
    status: 400,
    code: 'validation_failed',
    path: 'answers.opp_jobs',
  },
  {
    name: 'fractional answer',
    body: JSON.stringify(withAnswer('sec_income', 7.5)),
    status: 400,
    code: 'validation_failed',
    path: 'answers.sec_income',
  },
  {
    name: 'answer as a string',
    body: JSON.stringify(withAnswer('cul_family', '7')),
    status: 400,
    code: 'validation_failed',
    path: 'answers.cul_family',
  },
  {
    name: 'answer as a boolean',
    body: JSON.stringify(withAnswer('tru_commune', true)),
    status: 400,
    code: 'validation_failed',
    path: 'answers.tru_commune',
  },
  {
    name: 'answer as an object',
    body: JSON.stringify(withAnswer('tru_commune', { v: 7 })),
    status: 400,
    code: 'validation_failed',
    path: 'answers.tru_commune',
  },
  {
    name: 'unknown question',
    body: JSON.stringify(withAnswer('favourite_colour', 3)),
    status: 400,
    code: 'validation_failed',
    path: 'answers.favourite_colour',
  },
  {
    name: 'unscored answer not offered',
    body: JSON.stringify(withAnswer('ethnicity', 'martian')),
    status: 400,
    code: 'validation_failed',
    path: 'answers.ethnicity',
  },
  {
    name: 'life satisfaction out of range',
    body: JSON.stringify(withAnswer('life_sat', 12)),
    status: 400,
    code: 'validation_failed',
    path: 'answers.life_sat',
  },
  {
    name: 'comment too long',
    body: JSON.stringify(withAnswer('comment', 'x'.repeat(1001))),
    status: 400,
    code: 'validation_failed',
    path: 'answers.comment',
  },
  {
    name: 'unknown commune',
    body: JSON.stringify({ ...valid, communeCode: '99999' }),
    status: 400,
    code: 'validation_failed',
    path: 'communeCode',
  },
  {
    name: 'commune code not five digits',
    body: JSON.stringify({ ...valid, communeCode: '1273' }),
    status: 400,
    code: 'validation_failed',
    path: 'communeCode',
  },
  {
    name: 'unknown questionnaire',
    body: JSON.stringify({ ...valid, questionnaireId: 'cb-hpi-1999-v9' }),
    status: 400,
    code: 'validation_failed',
    path: 'questionnaireId',
  },
  {
    name: 'bad uuid',
    body: JSON.stringify({ ...valid, id: 'not-a-uuid' }),
    status: 400,
    code: 'validation_failed',
    path: 'id',
  },
  {
    name: 'missing id',
    body: JSON.stringify(without('id')),
    status: 400,
    code: 'validation_failed',
    path: 'id',
  },
  {
    name: 'bad channel',
    body: JSON.stringify({ ...valid, channel: 'sms' }),
    status: 400,
    code: 'validation_failed',
    path: 'channel',
  },
  {
    name: 'answers not an object',
    body: JSON.stringify({ ...valid, answers: [1, 2, 3] }),
    status: 400,
    code: 'validation_failed',
    path: 'answers',
  },
  {
    name: 'unknown top-level field',
    body: JSON.stringify({ ...valid, score: 100 }),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'bad startedAt',
    body: JSON.stringify({ ...valid, startedAt: 'yesterday' }),
    status: 400,
    code: 'validation_failed',
    path: 'startedAt',
  },
  { name: 'malformed JSON', body: '{"id": "abc", ', status: 400, code: 'malformed_json' },
  { name: 'a JSON array', body: '[1, 2]', status: 400, code: 'validation_failed' },
  { name: 'JSON null', body: 'null', status: 400, code: 'validation_failed' },
  {
    name: 'oversized body (over 1 MB)',
    body: JSON.stringify({ ...valid, answers: { comment: 'x'.repeat(1_100_000) } }),
    status: 413,
    code: 'payload_too_large',
  },
];

describe.each(databaseBackends())('invalid submissions on $kind', ({ create }) => {
  const ctx = useTestApp(create);

  it.each(cases)('$name → $status $code, nothing stored', async ({ body, status, code, path }) => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/responses',
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
    expect(res.statusCode).toBe(status);
    const error = res.json().error;
    expect(error).toEqual({
      code,
      message: expect.any(String),
      ...(error.details ? { details: error.details } : {}),
    });
    expect(error.message.length).toBeGreaterThan(5);
    if (path) expect(error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await countResponses(ctx.database.db)).toBe(0);
    expect(await countRollups(ctx.database.db)).toBe(0);
  });

  it('refuses a body that is not JSON with 415 and the error shape', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/responses',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
    expect(await countResponses(ctx.database.db)).toBe(0);
  });
});
