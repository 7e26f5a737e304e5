import { describe, expect, it } from 'vitest';
import type { CommuneResult, WaveResults } from '../../server/results/schema.ts';
import {
  effectivePeople,
  measureWeighting,
  weightingPhrases,
} from '../../web/src/staff/weighting-words.ts';
import {
  compareCounts,
  compareRows,
  filterRows,
} from '../../web/src/staff/weights-compare-rows.ts';
import { weightsMessages } from '../../web/src/staff/weights-messages.ts';

const measure = (mean: number | null, n: number, extra: object = {}) => ({
  n,
  mean,
  ciLow: mean === null ? null : mean - 2,
  ciHigh: mean === null ? null : mean + 2,
  ...extra,
});

function commune(
  code: string,
  status: CommuneResult['status'],
  weighting: CommuneResult['weighting'] = 'none',
): CommuneResult {
  const overall = measure(80, 35);
  return {
    code,
    name: `Xã ${code}`,
    weighting,
    n: 35,
    status,
    rank: null,
    confident: false,
    pMeets: null,
    overall,
    dimensions: { security: overall, opportunity: overall, culture: overall, trust: overall },
    excluded: 0,
    flaggedUnreviewed: 0,
  };
}

const results = (communes: CommuneResult[]): WaveResults => ({
  wave: '2026',
  questionnaireId: 'q',
  threshold: 90,
  minN: 30,
  headline: { total: 0, meeting: 0, share: 0, targetShare: 0.9, targetMet: false, needed: 0 },
  communes,
});

describe('effectivePeople', () => {
  it('rounds the effective sample size to whole people, never below one while any is weighted', () => {
    expect(effectivePeople(24.6, 30)).toBe(25);
    expect(effectivePeople(24.4, 30)).toBe(24);
    expect(effectivePeople(0.7, 1)).toBe(1);
    expect(effectivePeople(0, 0)).toBe(0);
    expect(effectivePeople(Number.NaN, 5)).toBe(0);
  });
});

describe('measureWeighting', () => {
  it('tells a raked measure by its effective sample size', () => {
    expect(measureWeighting(measure(90, 30, { se: 1, effectiveN: 20, unplaced: 0 }))).toBe('raked');
    expect(measureWeighting(measure(90, 30))).toBe('none');
  });
});

describe('weightingPhrases', () => {
  it('says a raked figure is weighted, how precise it is in people, and how many were left out', () => {
    const phrases = weightingPhrases({
      weighting: 'raked',
      measure: measure(91.2, 38, { se: 1.1, effectiveN: 21.7, unplaced: 3 }),
    });
    expect(phrases).toEqual({
      headline: { key: 'weighting.raked' },
      details: [
        { key: 'weighting.effective', values: { placed: 35, effective: 22 } },
        { key: 'weighting.unplaced', values: { count: 3 } },
      ],
    });
  });

  it('says so when every response was placed, and uses the singular for one left out', () => {
    const all = weightingPhrases({
      weighting: 'raked',
      measure: measure(90, 30, { effectiveN: 30, unplaced: 0 }),
    });
    expect(all.details.at(-1)).toEqual({ key: 'weighting.allPlaced' });
    const one = weightingPhrases({
      weighting: 'raked',
      measure: measure(90, 30, { effectiveN: 28, unplaced: 1 }),
    });
    expect(one.details.at(-1)).toEqual({ key: 'weighting.unplacedOne' });
  });

  it('says why an unweighted figure is not weighted, as far as it is known', () => {
    const plain = measure(80, 35);
    const headline = (hasMargins?: boolean) =>
      weightingPhrases({ weighting: 'none', measure: plain, hasMargins });
    expect(headline(false)).toEqual({ headline: { key: 'weighting.noMargins' }, details: [] });
    expect(headline(true).headline.key).toBe('weighting.cannotRake');
    expect(headline().headline.key).toBe('weighting.none');
  });
});

describe('compareRows', () => {
  // The weighted results' own order: 02 ranked first, then 01, then the rest.
  const weighted = results([
    commune('02', 'meets', 'raked'),
    commune('01', 'below', 'raked'),
    commune('03', 'meets', 'raked'),
    commune('04', 'below'),
    commune('05', 'insufficient'),
  ]);
  const unweighted = results([
    commune('01', 'below'),
    commune('02', 'below'),
    commune('03', 'meets'),
    commune('04', 'below'),
    commune('05', 'insufficient'),
  ]);
  // 04 has margins but could not be weighted; 05 has none.
  const margins = new Set(['01', '02', '03', '04']);

  it('pairs each commune, marks a status change and lists changes first, then weighted, then the rest', () => {
    const rows = compareRows(weighted, unweighted, margins);
    expect(rows.map((r) => [r.code, r.changed, r.margins])).toEqual([
      ['02', true, 'yes'],
      ['01', false, 'yes'],
      ['03', false, 'yes'],
      ['04', false, 'yes'],
      ['05', false, 'no'],
    ]);
    expect(rows[0]?.unweighted.status).toBe('below');
    expect(rows[0]?.weighted.status).toBe('meets');
  });

  it('filters and counts the rows', () => {
    const rows = compareRows(weighted, unweighted, margins);
    expect(filterRows(rows, 'changed').map((r) => r.code)).toEqual(['02']);
    expect(filterRows(rows, 'weighted').map((r) => r.code)).toEqual(['02', '01', '03']);
    expect(filterRows(rows, 'noMargins').map((r) => r.code)).toEqual(['05']);
    expect(filterRows(rows, 'all')).toHaveLength(5);
    expect(compareCounts(rows)).toEqual({ total: 5, changed: 1, weighted: 3, noMargins: 1 });
  });

  it('leaves whether a commune has margins unknown when they could not be read', () => {
    const rows = compareRows(weighted, unweighted, null);
    expect(new Set(rows.map((r) => r.margins))).toEqual(new Set(['unknown']));
    expect(compareCounts(rows).noMargins).toBe(0);
  });
});

describe('the weighting words', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('have both languages for every message, with the same placeholders', () => {
    for (const [key, { vi, en }] of Object.entries(weightsMessages)) {
      expect(vi.trim(), key).not.toBe('');
      expect(en.trim(), key).not.toBe('');
      expect(placeholders(vi), key).toEqual(placeholders(en));
    }
  });

  it('have a message for every phrase the note can say, filled by its values', () => {
    const said = [
      weightingPhrases({
        weighting: 'raked',
        measure: measure(90, 30, { effectiveN: 20, unplaced: 2 }),
      }),
      weightingPhrases({
        weighting: 'raked',
        measure: measure(90, 30, { effectiveN: 20, unplaced: 1 }),
      }),
      weightingPhrases({
        weighting: 'raked',
        measure: measure(90, 30, { effectiveN: 20, unplaced: 0 }),
      }),
      weightingPhrases({ weighting: 'none', measure: measure(90, 30), hasMargins: false }),
      weightingPhrases({ weighting: 'none', measure: measure(90, 30), hasMargins: true }),
      weightingPhrases({ weighting: 'none', measure: measure(90, 30) }),
    ].flatMap((p) => [p.headline, ...p.details]);
    for (const phrase of said) {
      const message = weightsMessages[phrase.key];
      expect(message, phrase.key).toBeDefined();
      expect(placeholders(message?.vi ?? '')).toEqual(Object.keys(phrase.values ?? {}).sort());
    }
    // Plain words, no codes: the Vietnamese never shows the API's names.
    for (const { vi } of Object.values(weightsMessages))
      expect(vi).not.toMatch(/raked|unplaced|effectiveN/);
  });
});
