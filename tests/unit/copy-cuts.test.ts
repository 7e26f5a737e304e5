import { describe, expect, it } from 'vitest';
import { cutsByRows } from '../../server/exports/responses-csv.ts';

const communes = (...ns: number[]) =>
  ns.map((n, i) => ({ code: String(1000 + i).padStart(5, '0'), n }));

describe('cutting a wave into parts of about as many rows (cutsByRows)', () => {
  it('cuts evenly sized communes into equal runs', () => {
    expect(cutsByRows(communes(10, 10, 10, 10), 2)).toEqual(['01002']);
    expect(cutsByRows(communes(10, 10, 10, 10), 4)).toEqual(['01001', '01002', '01003']);
    expect(cutsByRows(communes(10, 10, 10, 10, 10, 10), 3)).toEqual(['01002', '01004']);
  });

  it('gives a commune to the run it fits best, and never cuts one', () => {
    // 0–60 is more than half of the first half (50): the big commune is the first run alone.
    expect(cutsByRows(communes(60, 10, 10, 20), 2)).toEqual(['01001']);
    // 30 + 40/2 = 50 is not past half: the second commune stays in the first run.
    expect(cutsByRows(communes(30, 40, 30), 2)).toEqual(['01002']);
  });

  it('makes fewer runs, never an empty one, when one commune holds most rows', () => {
    expect(cutsByRows(communes(5, 90, 5), 4)).toEqual(['01001', '01002']);
    expect(cutsByRows(communes(100), 2)).toEqual([]);
    expect(cutsByRows(communes(97, 1, 1, 1), 4)).toEqual(['01001']);
  });

  it('cuts nothing for one part, and nothing of an empty wave', () => {
    expect(cutsByRows(communes(10, 10, 10), 1)).toEqual([]);
    expect(cutsByRows([], 2)).toEqual([]);
  });

  it('gives every cut in code order, each a commune of the list', () => {
    const counts = communes(...Array.from({ length: 56 }, (_, i) => ((i * 37) % 11) * 100 + 50));
    for (const parts of [2, 3, 4, 8]) {
      const cuts = cutsByRows(counts, parts);
      expect(cuts.length).toBeLessThanOrEqual(parts - 1);
      expect(cuts.length).toBeGreaterThanOrEqual(1);
      expect([...cuts].sort()).toEqual(cuts);
      expect(new Set(cuts).size).toBe(cuts.length);
      for (const cut of cuts) expect(counts.map((c) => c.code)).toContain(cut);
    }
  });
});
