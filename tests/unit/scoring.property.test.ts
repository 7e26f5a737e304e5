import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DimensionKey,
  dimensionKeys,
  type Scoring,
  type ScoringItem,
} from '../../server/questionnaires/schema.ts';
import {
  itemScore,
  type ResponseScores,
  scoreResponse,
} from '../../server/scoring/score-response.ts';

const numRuns = 1000;
/** Codes outside every generated scale (scales lie within -5..17). */
const missingCodes = [98, 99, -9];
const absent = Symbol('absent');

type Scenario = { scoring: Scoring; answers: Record<string, unknown> };

/** Integer weights keep every sum exact; real weights test the general case. */
const weightArb = (integerWeights: boolean) =>
  integerWeights
    ? fc.integer({ min: 1, max: 20 })
    : fc.double({ min: 1e-3, max: 1e3, noNaN: true, noDefaultInfinity: true });

const itemShapeArb = (integerWeights: boolean, sameWeight: number | null) =>
  fc.record({
    min: fc.integer({ min: -5, max: 5 }),
    span: fc.integer({ min: 1, max: 12 }),
    reverse: fc.boolean(),
    weight: sameWeight === null ? weightArb(integerWeights) : fc.constant(sameWeight),
  });

const dimensionShapeArb = (integerWeights: boolean, sameWeight: number | null) =>
  fc.record({
    items: fc.array(itemShapeArb(integerWeights, sameWeight), { minLength: 1, maxLength: 5 }),
    weight: weightArb(integerWeights),
    minAnsweredSeed: fc.nat(),
  });

type ScoringArbOptions = {
  integerWeights?: boolean;
  method?: Scoring['method'];
  /** Give every item the same random weight. */
  equalItemWeights?: boolean;
};

function scoringArb(options: ScoringArbOptions = {}): fc.Arbitrary<Scoring> {
  const integerWeights = options.integerWeights ?? false;
  const shared = options.equalItemWeights
    ? weightArb(integerWeights).map((weight) => weight as number | null)
    : fc.constant(null);
  return shared.chain((sameWeight) =>
    fc
      .record({
        method: options.method
          ? fc.constant(options.method)
          : fc.constantFrom<Scoring['method']>('mean', 'sufficiency'),
        cutoff: fc.oneof(
          fc.integer({ min: 0, max: 100 }),
          fc.double({ min: 0, max: 100, noNaN: true }),
        ),
        dimensions: fc.tuple(
          dimensionShapeArb(integerWeights, sameWeight),
          dimensionShapeArb(integerWeights, sameWeight),
          dimensionShapeArb(integerWeights, sameWeight),
          dimensionShapeArb(integerWeights, sameWeight),
        ),
      })
      .map(({ method, cutoff, dimensions }) => {
        const items: ScoringItem[] = [];
        const normalised = dimensions.map((dimension, d) => {
          const key = dimensionKeys[d] as DimensionKey;
          dimension.items.forEach((shape, i) => {
            items.push({
              name: `${key}_${i}`,
              dimension: key,
              min: shape.min,
              max: shape.min + shape.span,
              reverse: shape.reverse,
              weight: shape.weight,
            });
          });
          const minAnswered = 1 + (dimension.minAnsweredSeed % dimension.items.length);
          return { key, weight: dimension.weight, minAnswered };
        });
        return { method, cutoff, missing: missingCodes, dimensions: normalised, items };
      }),
  );
}

/** For each item: a valid answer (most often), a missing code, null, or no key at all. */
function answersArb(scoring: Scoring): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      ...scoring.items.map((item) =>
        fc.oneof(
          { arbitrary: fc.integer({ min: item.min, max: item.max }), weight: 6 },
          { arbitrary: fc.constantFrom(...missingCodes), weight: 1 },
          { arbitrary: fc.constant(null), weight: 1 },
          { arbitrary: fc.constant(absent), weight: 1 },
        ),
      ),
    )
    .map((values) =>
      Object.fromEntries(
        values
          .map((value, i) => [scoring.items[i]?.name as string, value] as const)
          .filter(([, value]) => value !== absent),
      ),
    );
}

function scenarioArb(options: ScoringArbOptions = {}): fc.Arbitrary<Scenario> {
  return scoringArb(options).chain((scoring) =>
    answersArb(scoring).map((answers) => ({ scoring, answers })),
  );
}

function validValue(item: ScoringItem, answer: unknown): number | null {
  return typeof answer === 'number' &&
    Number.isInteger(answer) &&
    answer >= item.min &&
    answer <= item.max
    ? answer
    : null;
}

/** METHOD.md section 3. */
function methodItemScore(item: ScoringItem, v: number): number {
  const plain = (100 * (v - item.min)) / (item.max - item.min);
  return item.reverse ? 100 - plain : plain;
}

/** METHOD.md sections 3 and 4, written out plainly, as the oracle. */
function methodScores(scoring: Scoring, answers: Record<string, unknown>): ResponseScores {
  const result: Record<string, number | null> = {};
  for (const dimension of scoring.dimensions) {
    let count = 0;
    let weights = 0;
    let total = 0;
    for (const item of scoring.items.filter((it) => it.dimension === dimension.key)) {
      const v = validValue(item, answers[item.name]);
      if (v === null) continue;
      const s = methodItemScore(item, v);
      count += 1;
      weights += item.weight;
      total += item.weight * (scoring.method === 'mean' ? s : s >= scoring.cutoff ? 100 : 0);
    }
    result[dimension.key] = count < dimension.minAnswered ? null : total / weights;
  }
  const dimensionScores = scoring.dimensions.map((d) => result[d.key]);
  result.overall = dimensionScores.some((score) => score === null)
    ? null
    : scoring.dimensions.reduce((sum, d) => sum + d.weight * (result[d.key] as number), 0) /
      scoring.dimensions.reduce((sum, d) => sum + d.weight, 0);
  return result as ResponseScores;
}

const measures = ['overall', ...dimensionKeys] as const;

describe('scoreResponse properties', () => {
  it('agrees with METHOD.md sections 3–4 (both methods, real weights)', () => {
    fc.assert(
      fc.property(scenarioArb(), ({ scoring, answers }) => {
        const actual = scoreResponse(scoring, answers);
        const expected = methodScores(scoring, answers);
        for (const measure of measures) {
          const a = actual[measure];
          const e = expected[measure];
          if (e === null) expect(a).toBeNull();
          else expect(a).toBeCloseTo(e, 9);
        }
      }),
      { numRuns },
    );
  });

  it('every score is null or within [0, 100] (integer weights: exact)', () => {
    fc.assert(
      fc.property(scenarioArb({ integerWeights: true }), ({ scoring, answers }) => {
        const scores = scoreResponse(scoring, answers);
        for (const measure of measures) {
          const score = scores[measure];
          if (score === null) continue;
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(100);
        }
      }),
      { numRuns },
    );
  });

  it('every score is null or within [0, 100] (real weights: up to rounding)', () => {
    fc.assert(
      fc.property(scenarioArb(), ({ scoring, answers }) => {
        const scores = scoreResponse(scoring, answers);
        for (const measure of measures) {
          const score = scores[measure];
          if (score === null) continue;
          expect(score).toBeGreaterThanOrEqual(-1e-9);
          expect(score).toBeLessThanOrEqual(100 + 1e-9);
        }
      }),
      { numRuns },
    );
  });

  it('a dimension is null iff fewer than minAnswered of its items are valid', () => {
    fc.assert(
      fc.property(scenarioArb(), ({ scoring, answers }) => {
        const scores = scoreResponse(scoring, answers);
        for (const dimension of scoring.dimensions) {
          const valid = scoring.items.filter(
            (item) =>
              item.dimension === dimension.key && validValue(item, answers[item.name]) !== null,
          ).length;
          expect(scores[dimension.key] === null).toBe(valid < dimension.minAnswered);
        }
      }),
      { numRuns },
    );
  });

  it('overall is null iff some dimension is null', () => {
    fc.assert(
      fc.property(scenarioArb(), ({ scoring, answers }) => {
        const scores = scoreResponse(scoring, answers);
        const someNull = dimensionKeys.some((key) => scores[key] === null);
        expect(scores.overall === null).toBe(someNull);
      }),
      { numRuns },
    );
  });

  it('sufficiency with equal item weights: each dimension is 100·k/m, k = items ≥ cutoff', () => {
    fc.assert(
      fc.property(
        scenarioArb({ method: 'sufficiency', equalItemWeights: true }),
        ({ scoring, answers }) => {
          const scores = scoreResponse(scoring, answers);
          for (const dimension of scoring.dimensions) {
            const score = scores[dimension.key];
            if (score === null) continue;
            const valid = scoring.items.filter(
              (item) =>
                item.dimension === dimension.key && validValue(item, answers[item.name]) !== null,
            );
            const m = valid.length;
            const k = (score * m) / 100;
            expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
            expect(Math.round(k)).toBeGreaterThanOrEqual(0);
            expect(Math.round(k)).toBeLessThanOrEqual(m);
            const met = valid.filter(
              (item) => methodItemScore(item, answers[item.name] as number) >= scoring.cutoff,
            ).length;
            expect(Math.round(k)).toBe(met);
          }
        },
      ),
      { numRuns },
    );
  });

  it('scores do not depend on the key order of the answers', () => {
    const arb = scenarioArb().chain(({ scoring, answers }) => {
      const entries = Object.entries(answers);
      return fc
        .shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length })
        .map((shuffled) => ({ scoring, answers, shuffled: Object.fromEntries(shuffled) }));
    });
    fc.assert(
      fc.property(arb, ({ scoring, answers, shuffled }) => {
        expect(scoreResponse(scoring, shuffled)).toEqual(scoreResponse(scoring, answers));
      }),
      { numRuns },
    );
  });

  it('answers to unknown keys change nothing', () => {
    const extraArb = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 12 }).map((key) => `unknown_${key}`),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(scenarioArb(), extraArb, ({ scoring, answers }, extra) => {
        const before = scoreResponse(scoring, answers);
        expect(scoreResponse(scoring, { ...extra, ...answers })).toEqual(before);
        expect(scoreResponse(scoring, { ...answers, ...extra })).toEqual(before);
      }),
      { numRuns },
    );
  });
});

describe('reverse items', () => {
  const scaleArb = fc
    .record({ min: fc.integer({ min: -50, max: 50 }), span: fc.integer({ min: 1, max: 100 }) })
    .chain(({ min, span }) =>
      fc.integer({ min, max: min + span }).map((value) => ({ min, max: min + span, value })),
    );

  it('itemScore: reversing a valid answer v gives exactly 100 − s', () => {
    fc.assert(
      fc.property(scaleArb, ({ min, max, value }) => {
        const s = itemScore({ min, max, reverse: false }, value);
        expect(itemScore({ min, max, reverse: true }, value)).toBe(100 - s);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(100);
      }),
      { numRuns },
    );
  });

  it('scoreResponse (mean): flipping one valid item moves D_d by w_i·(100 − 2·s_i) / Σ w', () => {
    const arb = scenarioArb({ method: 'mean' }).chain((scenario) =>
      fc.nat().map((pick) => ({ ...scenario, pick })),
    );
    fc.assert(
      fc.property(arb, ({ scoring, answers, pick }) => {
        const answered = scoring.items.filter(
          (item) => validValue(item, answers[item.name]) !== null,
        );
        fc.pre(answered.length > 0);
        const target = answered[pick % answered.length] as ScoringItem;
        const flipped: Scoring = {
          ...scoring,
          items: scoring.items.map((item) =>
            item === target ? { ...item, reverse: !item.reverse } : item,
          ),
        };
        const before = scoreResponse(scoring, answers)[target.dimension];
        const after = scoreResponse(flipped, answers)[target.dimension];
        fc.pre(before !== null);
        const weightSum = answered
          .filter((item) => item.dimension === target.dimension)
          .reduce((sum, item) => sum + item.weight, 0);
        const s = methodItemScore(target, answers[target.name] as number);
        expect(after).not.toBeNull();
        expect(((after as number) - before) * weightSum).toBeCloseTo(
          target.weight * (100 - 2 * s),
          6,
        );
      }),
      { numRuns },
    );
  });

  it('scoreResponse (mean): flipping every item mirrors every dimension, D → 100 − D', () => {
    fc.assert(
      fc.property(scenarioArb({ method: 'mean' }), ({ scoring, answers }) => {
        const mirrored: Scoring = {
          ...scoring,
          items: scoring.items.map((item) => ({ ...item, reverse: !item.reverse })),
        };
        const before = scoreResponse(scoring, answers);
        const after = scoreResponse(mirrored, answers);
        for (const key of dimensionKeys) {
          const b = before[key];
          if (b === null) expect(after[key]).toBeNull();
          else expect(after[key]).toBeCloseTo(100 - b, 9);
        }
      }),
      { numRuns },
    );
  });
});
