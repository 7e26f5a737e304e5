import { describe, expect, it } from 'vitest';
import type { DimensionKey, Scoring, ScoringItem } from '../../server/questionnaires/schema.ts';
import { classifyAnswer } from '../../server/scoring/classify-answer.ts';
import { itemScore, scoreResponse } from '../../server/scoring/score-response.ts';

// Expected values below are worked out by hand from METHOD.md sections 2–4.

function item(
  name: string,
  dimension: DimensionKey,
  extra: Partial<Omit<ScoringItem, 'name' | 'dimension'>> = {},
): ScoringItem {
  return { name, dimension, min: 0, max: 10, reverse: false, weight: 1, ...extra };
}

type ScoringOptions = {
  method?: Scoring['method'];
  cutoff?: number;
  missing?: number[];
  dimensions?: Partial<Record<DimensionKey, { weight?: number; minAnswered?: number }>>;
};

/** A normalised scoring block; every dimension defaults to weight 1 and minAnswered 1. */
function scoring(items: ScoringItem[], options: ScoringOptions = {}): Scoring {
  const keys: DimensionKey[] = ['security', 'opportunity', 'culture', 'trust'];
  return {
    method: options.method ?? 'mean',
    missing: options.missing ?? [98, 99],
    cutoff: options.cutoff ?? 70,
    dimensions: keys.map((key) => ({
      key,
      weight: options.dimensions?.[key]?.weight ?? 1,
      minAnswered: options.dimensions?.[key]?.minAnswered ?? 1,
    })),
    items,
  };
}

/**
 * METHOD.md's worked example in `security` (six 0–10 items, the last reverse-worded,
 * minAnswered 4) plus one plain 0–10 item in each other dimension.
 */
function workedExample(options: ScoringOptions = {}): Scoring {
  return scoring(
    [
      item('s1', 'security'),
      item('s2', 'security'),
      item('s3', 'security'),
      item('s4', 'security'),
      item('s5', 'security'),
      item('s6', 'security', { reverse: true }),
      item('o1', 'opportunity'),
      item('c1', 'culture'),
      item('t1', 'trust'),
    ],
    { ...options, dimensions: { security: { minAnswered: 4 }, ...options.dimensions } },
  );
}

const workedAnswers = { s1: 8, s2: 9, s3: 7, s4: 98, s5: 10, s6: 2, o1: 6, c1: 10, t1: 5 };

describe('itemScore', () => {
  it.each([
    { min: 0, max: 10, reverse: false, value: 8, expected: 80 },
    { min: 0, max: 10, reverse: false, value: 0, expected: 0 },
    { min: 0, max: 10, reverse: false, value: 10, expected: 100 },
    { min: 0, max: 10, reverse: false, value: 7, expected: 70 },
    { min: 0, max: 10, reverse: true, value: 2, expected: 80 },
    { min: 0, max: 10, reverse: true, value: 0, expected: 100 },
    { min: 0, max: 10, reverse: true, value: 10, expected: 0 },
    { min: 0, max: 10, reverse: true, value: 3, expected: 70 },
    { min: 1, max: 5, reverse: false, value: 1, expected: 0 },
    { min: 1, max: 5, reverse: false, value: 2, expected: 25 },
    { min: 1, max: 5, reverse: false, value: 3, expected: 50 },
    { min: 1, max: 5, reverse: false, value: 4, expected: 75 },
    { min: 1, max: 5, reverse: false, value: 5, expected: 100 },
    { min: 1, max: 5, reverse: true, value: 4, expected: 25 },
    { min: 1, max: 5, reverse: true, value: 1, expected: 100 },
    { min: -2, max: 2, reverse: false, value: 0, expected: 50 },
    { min: -2, max: 2, reverse: false, value: 1, expected: 75 },
    { min: 0, max: 1, reverse: false, value: 1, expected: 100 },
    { min: 0, max: 1, reverse: true, value: 1, expected: 0 },
  ])('$min..$max reverse=$reverse, answer $value → $expected', ({ value, expected, ...scale }) => {
    expect(itemScore(scale, value)).toBe(expected);
  });

  it('places answers that do not divide evenly at the exact fraction (0..3: 1 → 100/3)', () => {
    expect(itemScore({ min: 0, max: 3, reverse: false }, 1)).toBeCloseTo(100 / 3, 10);
    expect(itemScore({ min: 0, max: 3, reverse: true }, 1)).toBeCloseTo(200 / 3, 10);
  });
});

describe('classifyAnswer', () => {
  const zeroToTen = { min: 0, max: 10 };
  const missing = [98, 99];

  it.each([0, 1, 7, 10])('%s on 0..10 is valid', (answer) => {
    expect(classifyAnswer(zeroToTen, missing, answer)).toEqual({ kind: 'valid', value: answer });
  });

  it.each([1, 3, 5])('%s on 1..5 is valid', (answer) => {
    expect(classifyAnswer({ min: 1, max: 5 }, missing, answer)).toEqual({
      kind: 'valid',
      value: answer,
    });
  });

  it.each([
    ['absent', undefined],
    ['null', null],
    ['98 (don’t know)', 98],
    ['99 (not applicable)', 99],
  ])('%s is missing', (_label, answer) => {
    expect(classifyAnswer(zeroToTen, missing, answer)).toEqual({ kind: 'missing' });
  });

  it('a missing code counts as missing on any scale, whether or not the form offers it', () => {
    expect(classifyAnswer({ min: 1, max: 5 }, missing, 98)).toEqual({ kind: 'missing' });
    expect(classifyAnswer({ min: 1, max: 5 }, missing, 99)).toEqual({ kind: 'missing' });
    expect(classifyAnswer({ min: 1, max: 5 }, [-1, 77], 77)).toEqual({ kind: 'missing' });
    expect(classifyAnswer({ min: 1, max: 5 }, [-1, 77], -1)).toEqual({ kind: 'missing' });
  });

  it('only the questionnaire’s own missing codes are missing', () => {
    expect(classifyAnswer(zeroToTen, [-1], 98).kind).toBe('invalid');
    expect(classifyAnswer(zeroToTen, [], 99).kind).toBe('invalid');
  });

  it.each([
    ['11 (above max)', 11],
    ['-1 (below min)', -1],
    ['97 (not a missing code)', 97],
    ['100', 100],
    ['7.5 (fractional)', 7.5],
    ['98.5 (fractional, near a missing code)', 98.5],
    ["'7' (a string)", '7'],
    ["'' (empty string)", ''],
    ["'98' (a string missing code)", '98'],
    ['true', true],
    ['false', false],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['{}', {}],
    ['[7]', [7]],
    ['[]', []],
  ])('%s is invalid, with a reason', (_label, answer) => {
    const result = classifyAnswer(zeroToTen, missing, answer);
    expect(result.kind).toBe('invalid');
    if (result.kind === 'invalid') expect(result.reason.length).toBeGreaterThan(0);
  });

  it('0 and 6 are invalid on 1..5', () => {
    expect(classifyAnswer({ min: 1, max: 5 }, missing, 0).kind).toBe('invalid');
    expect(classifyAnswer({ min: 1, max: 5 }, missing, 6).kind).toBe('invalid');
  });
});

describe('scoreResponse: METHOD.md worked example', () => {
  it('mean: security D = 420/5 = 84', () => {
    // Other dimensions: 60, 100, 50 → H = (84 + 60 + 100 + 50) / 4 = 73.5.
    expect(scoreResponse(workedExample(), workedAnswers)).toEqual({
      overall: 73.5,
      security: 84,
      opportunity: 60,
      culture: 100,
      trust: 50,
    });
  });

  it('sufficiency (cutoff 70): security D = 100·5/5 = 100', () => {
    // 60 and 50 are below 70 → 0; 100 ≥ 70 → 100. H = (100 + 0 + 100 + 0) / 4 = 50.
    expect(
      scoreResponse(workedExample({ method: 'sufficiency', cutoff: 70 }), workedAnswers),
    ).toEqual({ overall: 50, security: 100, opportunity: 0, culture: 100, trust: 0 });
  });

  it('answer order and extra unknown answers change nothing', () => {
    const reordered = Object.fromEntries(Object.entries(workedAnswers).reverse());
    const scores = scoreResponse(workedExample(), { ...reordered, life_sat: 3, note: 'x' });
    expect(scores.security).toBe(84);
    expect(scores.overall).toBe(73.5);
  });
});

describe('scoreResponse: minAnswered', () => {
  it.each(['mean', 'sufficiency'] as const)(
    '%s: 3 valid of 6 with minAnswered 4 → dimension null and overall null',
    (method) => {
      const answers = { s1: 8, s2: 9, s3: 98, s4: 99, s5: null, o1: 6, c1: 10, t1: 5 };
      const scores = scoreResponse(workedExample({ method }), answers);
      expect(scores.security).toBeNull();
      expect(scores.overall).toBeNull();
      expect(scores.opportunity).toBe(method === 'mean' ? 60 : 0);
      expect(scores.culture).toBe(100);
      expect(scores.trust).toBe(method === 'mean' ? 50 : 0);
    },
  );

  it('exactly minAnswered valid items give a score: (80 + 90 + 70 + 100) / 4 = 85', () => {
    const answers = { s1: 8, s2: 9, s3: 7, s4: 10, o1: 6, c1: 10, t1: 5 };
    const scores = scoreResponse(workedExample(), answers);
    expect(scores.security).toBe(85);
    // (85 + 60 + 100 + 50) / 4
    expect(scores.overall).toBe(73.75);
  });

  it('an invalid answer is not counted as valid (the caller rejects it first)', () => {
    const answers = { s1: 8, s2: 9, s3: 7, s4: 11, s5: '10', o1: 6, c1: 10, t1: 5 };
    expect(scoreResponse(workedExample(), answers).security).toBeNull();
  });

  it('no answers at all → every score null', () => {
    expect(scoreResponse(workedExample(), {})).toEqual({
      overall: null,
      security: null,
      opportunity: null,
      culture: null,
      trust: null,
    });
  });

  it('one null dimension is enough to make overall null', () => {
    const answers = { ...workedAnswers, t1: 98 };
    const scores = scoreResponse(workedExample(), answers);
    expect(scores.trust).toBeNull();
    expect(scores.security).toBe(84);
    expect(scores.overall).toBeNull();
  });
});

describe('scoreResponse: weights', () => {
  const weighted = (method: Scoring['method']) =>
    scoring(
      [
        item('s1', 'security', { weight: 3 }),
        item('s2', 'security', { weight: 1 }),
        item('s3', 'security', { weight: 1 }),
        item('o1', 'opportunity'),
        item('c1', 'culture'),
        item('t1', 'trust'),
      ],
      { method, cutoff: 70 },
    );
  const rest = { o1: 10, c1: 10, t1: 10 };

  it.each([
    // (3·100 + 1·0 + 1·50) / 5 = 70
    { method: 'mean', answers: { s1: 10, s2: 0, s3: 5 }, expected: 70 },
    // only s1 (100) meets 70: 100·3/5 = 60
    { method: 'sufficiency', answers: { s1: 10, s2: 0, s3: 5 }, expected: 60 },
    // s2 missing: (3·100 + 1·50) / 4 = 87.5
    { method: 'mean', answers: { s1: 10, s2: 98, s3: 5 }, expected: 87.5 },
    // s2 missing: 100·3/4 = 75
    { method: 'sufficiency', answers: { s1: 10, s2: 98, s3: 5 }, expected: 75 },
    // heavy item low: (3·0 + 1·100 + 1·100) / 5 = 40
    { method: 'mean', answers: { s1: 0, s2: 10, s3: 10 }, expected: 40 },
    // heavy item not met: 100·2/5 = 40
    { method: 'sufficiency', answers: { s1: 0, s2: 10, s3: 10 }, expected: 40 },
  ] as const)('$method $answers → $expected', ({ method, answers, expected }) => {
    expect(scoreResponse(weighted(method), { ...answers, ...rest }).security).toBeCloseTo(
      expected,
      10,
    );
  });

  it('fractional item weights: (0.5·80 + 1.5·40) / 2 = 50', () => {
    const block = scoring([
      item('s1', 'security', { weight: 0.5 }),
      item('s2', 'security', { weight: 1.5 }),
      item('o1', 'opportunity'),
      item('c1', 'culture'),
      item('t1', 'trust'),
    ]);
    expect(scoreResponse(block, { s1: 8, s2: 4, o1: 1, c1: 1, t1: 1 }).security).toBeCloseTo(50);
  });

  it('weighted dimensions: H = Σ W_d·D_d / Σ W_d = (2·84 + 1·60 + 0.5·100 + 1.5·50) / 5 = 70.6', () => {
    const block = workedExample({
      dimensions: {
        security: { weight: 2, minAnswered: 4 },
        opportunity: { weight: 1 },
        culture: { weight: 0.5 },
        trust: { weight: 1.5 },
      },
    });
    const scores = scoreResponse(block, workedAnswers);
    expect(scores.security).toBe(84);
    expect(scores.overall).toBeCloseTo(70.6, 10);
  });

  it('weighted dimensions with sufficiency: (2·100 + 1·0 + 0.5·100 + 1.5·0) / 5 = 50', () => {
    const block = workedExample({
      method: 'sufficiency',
      dimensions: {
        security: { weight: 2, minAnswered: 4 },
        culture: { weight: 0.5 },
        trust: { weight: 1.5 },
      },
    });
    expect(scoreResponse(block, workedAnswers).overall).toBeCloseTo(50, 10);
  });

  it('a dimension weight does not change the dimension score itself', () => {
    const block = workedExample({ dimensions: { security: { weight: 7, minAnswered: 4 } } });
    // (7·84 + 60 + 100 + 50) / 10 = 79.8
    const scores = scoreResponse(block, workedAnswers);
    expect(scores.security).toBe(84);
    expect(scores.overall).toBeCloseTo(79.8, 10);
  });
});

describe('scoreResponse: reverse items and other scales', () => {
  it('a reverse item mirrors its answer: 3 → 70, and 7 → 30', () => {
    const block = scoring([
      item('s1', 'security', { reverse: true }),
      item('o1', 'opportunity', { reverse: true }),
      item('c1', 'culture'),
      item('t1', 'trust'),
    ]);
    const scores = scoreResponse(block, { s1: 3, o1: 7, c1: 3, t1: 7 });
    expect(scores).toEqual({ overall: 50, security: 70, opportunity: 30, culture: 30, trust: 70 });
  });

  it('a 1–5 scale: 4 → 75, 2 → 25, 5 → 100; mean 200/3', () => {
    const oneToFive = { min: 1, max: 5 };
    const block = scoring([
      item('s1', 'security', oneToFive),
      item('s2', 'security', oneToFive),
      item('s3', 'security', oneToFive),
      item('o1', 'opportunity', { ...oneToFive, reverse: true }),
      item('c1', 'culture', oneToFive),
      item('t1', 'trust', oneToFive),
    ]);
    const scores = scoreResponse(block, { s1: 4, s2: 2, s3: 5, o1: 2, c1: 1, t1: 3 });
    expect(scores.security).toBeCloseTo(200 / 3, 10);
    expect(scores.opportunity).toBe(75);
    expect(scores.culture).toBe(0);
    expect(scores.trust).toBe(50);
    // (200/3 + 75 + 0 + 50) / 4
    expect(scores.overall).toBeCloseTo((200 / 3 + 125) / 4, 10);
  });

  it('a 1–5 scale treats 98 and 99 as missing even though 98 > 5', () => {
    const oneToFive = { min: 1, max: 5 };
    const block = scoring(
      [
        item('s1', 'security', oneToFive),
        item('s2', 'security', oneToFive),
        item('o1', 'opportunity', oneToFive),
        item('c1', 'culture', oneToFive),
        item('t1', 'trust', oneToFive),
      ],
      { dimensions: { security: { minAnswered: 1 } } },
    );
    const scores = scoreResponse(block, { s1: 98, s2: 5, o1: 99, c1: 3, t1: 3 });
    expect(scores.security).toBe(100);
    expect(scores.opportunity).toBeNull();
  });

  it('mixed scales in one dimension each map to 0–100 first: (75 + 70) / 2 = 72.5', () => {
    const block = scoring([
      item('s1', 'security', { min: 1, max: 5 }),
      item('s2', 'security'),
      item('o1', 'opportunity'),
      item('c1', 'culture'),
      item('t1', 'trust'),
    ]);
    expect(scoreResponse(block, { s1: 4, s2: 7, o1: 0, c1: 0, t1: 0 }).security).toBe(72.5);
  });
});

describe('scoreResponse: sufficiency cutoff boundary', () => {
  const block = (cutoff: number, extra: Partial<ScoringItem> = {}) =>
    scoring(
      [
        item('s1', 'security', extra),
        item('o1', 'opportunity'),
        item('c1', 'culture'),
        item('t1', 'trust'),
      ],
      { method: 'sufficiency', cutoff },
    );
  const rest = { o1: 10, c1: 10, t1: 10 };

  it.each([
    { label: '0–10, 7 → 70 = cutoff 70: met', cutoff: 70, extra: {}, answer: 7, expected: 100 },
    { label: '0–10, 6 → 60 < 70: not met', cutoff: 70, extra: {}, answer: 6, expected: 0 },
    { label: '0–10, 8 → 80 > 70: met', cutoff: 70, extra: {}, answer: 8, expected: 100 },
    {
      label: 'reverse 0–10, 3 → 70 = cutoff: met',
      cutoff: 70,
      extra: { reverse: true },
      answer: 3,
      expected: 100,
    },
    {
      label: 'reverse 0–10, 4 → 60: not met',
      cutoff: 70,
      extra: { reverse: true },
      answer: 4,
      expected: 0,
    },
    {
      label: '1–5, 4 → 75 = cutoff 75: met',
      cutoff: 75,
      extra: { min: 1, max: 5 },
      answer: 4,
      expected: 100,
    },
    {
      label: '1–5, 3 → 50 < 75: not met',
      cutoff: 75,
      extra: { min: 1, max: 5 },
      answer: 3,
      expected: 0,
    },
    { label: 'cutoff 0: even 0 is met', cutoff: 0, extra: {}, answer: 0, expected: 100 },
    { label: 'cutoff 100: 10 is met', cutoff: 100, extra: {}, answer: 10, expected: 100 },
    { label: 'cutoff 100: 9 is not met', cutoff: 100, extra: {}, answer: 9, expected: 0 },
  ])('$label', ({ cutoff, extra, answer, expected }) => {
    expect(scoreResponse(block(cutoff, extra), { s1: answer, ...rest }).security).toBe(expected);
  });

  it('share of met items: 2 of 3 met → 200/3', () => {
    const three = scoring(
      [
        item('s1', 'security'),
        item('s2', 'security'),
        item('s3', 'security'),
        item('o1', 'opportunity'),
        item('c1', 'culture'),
        item('t1', 'trust'),
      ],
      { method: 'sufficiency', cutoff: 70 },
    );
    const scores = scoreResponse(three, { s1: 7, s2: 10, s3: 6, o1: 7, c1: 7, t1: 7 });
    expect(scores.security).toBeCloseTo(200 / 3, 10);
    expect(scores.overall).toBeCloseTo((200 / 3 + 300) / 4, 10);
  });
});
