import { describe, expect, it } from 'vitest';
import type { WaveItemMeans } from '../../server/results/item-means-schema.ts';
import type { CommuneResult, WaveResults } from '../../server/results/schema.ts';
import { bandOf } from '../../web/src/staff/heatmap-bands.ts';
import { dimensionsBelow, itemPriorities } from '../../web/src/staff/heatmap-priorities.ts';

describe('heatmap bands', () => {
  it('puts a mean in the band of its distance from the threshold, edges to the nearer band', () => {
    expect(bandOf(90, 90)).toBe('reached');
    expect(bandOf(99.9, 90)).toBe('reached');
    expect(bandOf(89.99, 90)).toBe('near');
    expect(bandOf(85, 90)).toBe('near');
    expect(bandOf(84.99, 90)).toBe('short');
    expect(bandOf(80, 90)).toBe('short');
    expect(bandOf(79.99, 90)).toBe('far');
    expect(bandOf(70, 90)).toBe('far');
    expect(bandOf(69.99, 90)).toBe('veryFar');
    expect(bandOf(0, 90)).toBe('veryFar');
    expect(bandOf(null, 90)).toBe('none');
    expect(bandOf(Number.NaN, 90)).toBe('none');
    // The bands follow the threshold in force, not a fixed 90.
    expect(bandOf(78, 80)).toBe('near');
  });
});

const measure = (mean: number | null) => ({ n: 40, mean, ciLow: null, ciHigh: null });
function commune(code: string, status: CommuneResult['status'], dims: number[]): CommuneResult {
  const [security = 0, opportunity = 0, culture = 0, trust = 0] = dims;
  return {
    code,
    name: code,
    weighting: 'none',
    n: status === 'insufficient' ? 10 : 40,
    status,
    rank: null,
    confident: false,
    pMeets: null,
    overall: measure((security + opportunity + culture + trust) / 4),
    dimensions: {
      security: measure(security),
      opportunity: measure(opportunity),
      culture: measure(culture),
      trust: measure(trust),
    },
    excluded: 0,
    flaggedUnreviewed: 0,
  };
}

describe('the items to act on first', () => {
  const results = {
    wave: '2026',
    questionnaireId: 'q',
    threshold: 90,
    minN: 30,
    headline: { total: 3, meeting: 0, share: 0, targetShare: 0.9, targetMet: false, needed: 3 },
    communes: [
      commune('A', 'below', [95, 80, 91, 70]),
      commune('B', 'below', [85, 92, 93, 60]),
      // Too few responses: no verdict, so it counts for nothing below.
      commune('C', 'insufficient', [10, 10, 10, 10]),
    ],
  } as WaveResults;
  const item = (name: string, mean: number | null) => ({ name, n: 5, mean, missing: [] });
  const items: WaveItemMeans = {
    wave: '2026',
    questionnaireId: 'q',
    threshold: 90,
    missingCodes: [98, 99],
    items: [
      { name: 'x', dimension: 'security', reverse: false },
      { name: 'y', dimension: 'trust', reverse: false },
      { name: 'z', dimension: 'culture', reverse: false },
    ],
    communes: [
      { code: 'A', responses: 40, items: [item('x', 95), item('y', 50), item('z', 89)] },
      { code: 'B', responses: 40, items: [item('x', 80), item('y', 70), item('z', null)] },
      { code: 'C', responses: 10, items: [item('x', 1), item('y', 1), item('z', 1)] },
    ],
  };

  it('counts, per dimension, the communes with a verdict below the threshold', () => {
    expect(dimensionsBelow(results)).toEqual([
      { key: 'security', below: 1, judged: 2 },
      { key: 'opportunity', below: 1, judged: 2 },
      { key: 'culture', below: 0, judged: 2 },
      { key: 'trust', below: 2, judged: 2 },
    ]);
  });

  it('orders items by how many communes they hold below, the lowest mean breaking ties', () => {
    expect(itemPriorities(results, items)).toEqual([
      { name: 'y', dimension: 'trust', below: 2, judged: 2, lowest: 50 },
      { name: 'x', dimension: 'security', below: 1, judged: 2, lowest: 80 },
      { name: 'z', dimension: 'culture', below: 1, judged: 1, lowest: 89 },
    ]);
  });
});
