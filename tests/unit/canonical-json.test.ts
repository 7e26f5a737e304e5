import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from '../../server/canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts keys: { b, a: [{ d, c }] } → {"a":[{"c":3,"d":2}],"b":1}', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });

  it('ignores key order at every depth', () => {
    const one = { z: { y: { x: 1, w: [{ b: 2, a: 1 }] }, v: null }, u: 'text' };
    const two = { u: 'text', z: { v: null, y: { w: [{ a: 1, b: 2 }], x: 1 } } };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(canonicalJson(one)).toBe('{"u":"text","z":{"v":null,"y":{"w":[{"a":1,"b":2}],"x":1}}}');
  });

  it('ignores spacing of the source text', () => {
    const compact = JSON.parse('{"b":[1,2],"a":{"d":true,"c":"x"}}');
    const spaced = JSON.parse('{\n  "a": { "c": "x", "d": true },\n  "b": [ 1, 2 ]\n}');
    expect(canonicalJson(compact)).toBe(canonicalJson(spaced));
  });

  it('keeps the order of arrays', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    expect(canonicalJson({ a: [3, 1, 2] })).not.toBe(canonicalJson({ a: [1, 2, 3] }));
    expect(canonicalJson([{ b: 1 }, { a: 1 }])).toBe('[{"b":1},{"a":1}]');
  });

  it('keeps scalars as JSON does', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(1.5)).toBe('1.5');
    expect(canonicalJson('Cao Bằng')).toBe('"Cao Bằng"');
    expect(canonicalJson({ ok: true, no: false })).toBe('{"no":false,"ok":true}');
  });

  it('distinguishes values that differ only in type or nesting', () => {
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
    expect(canonicalJson({ a: { b: 1 } })).not.toBe(canonicalJson({ a: [{ b: 1 }] }));
    expect(canonicalJson({})).not.toBe(canonicalJson([]));
  });

  it('gives the same text whatever order integer-like and other keys came in', () => {
    const one = { b: 1, '10': 2, '9': 3, a: 4 };
    const two = { a: 4, '9': 3, b: 1, '10': 2 };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });
});

describe('contentHash', () => {
  const response = {
    id: '7f1d2c0e-6a4b-4f7e-9c1a-2b3d4e5f6a7b',
    questionnaireId: 'cb-hpi-2026-v1',
    communeCode: '01273',
    channel: 'web',
    answers: { sec_income: 8, sec_health: 98, ethnicity: 'tay' },
  };

  it('is a sha256 hex digest', () => {
    expect(contentHash(response)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is equal for the same parsed content in another key order', () => {
    const reordered = {
      answers: { ethnicity: 'tay', sec_health: 98, sec_income: 8 },
      channel: 'web',
      communeCode: '01273',
      questionnaireId: 'cb-hpi-2026-v1',
      id: '7f1d2c0e-6a4b-4f7e-9c1a-2b3d4e5f6a7b',
    };
    expect(contentHash(reordered)).toBe(contentHash(response));
  });

  it.each([
    ['an answer value', { ...response, answers: { ...response.answers, sec_income: 9 } }],
    ['an answer missing', { ...response, answers: { sec_income: 8, sec_health: 98 } }],
    ['an extra answer', { ...response, answers: { ...response.answers, life_sat: 7 } }],
    ['a number as a string', { ...response, answers: { ...response.answers, sec_income: '8' } }],
    ['the commune', { ...response, communeCode: '01279' }],
  ])('differs when %s changes', (_label, changed) => {
    expect(contentHash(changed)).not.toBe(contentHash(response));
  });

  it('differs when array order changes', () => {
    expect(contentHash({ tags: ['a', 'b'] })).not.toBe(contentHash({ tags: ['b', 'a'] }));
  });
});

describe('canonicalJson on any JSON value', () => {
  it('is valid JSON for the same value, and the same text after any reordering of keys', async () => {
    const { default: fc } = await import('fast-check');
    const reorder = (value: unknown): unknown =>
      value !== null && typeof value === 'object'
        ? Array.isArray(value)
          ? value.map(reorder)
          : Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reorder(v)]),
            )
        : value;
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(reorder(value))).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });
});
