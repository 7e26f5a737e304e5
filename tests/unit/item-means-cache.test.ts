import { describe, expect, it } from 'vitest';
import { ItemMeansCache } from '../../server/results/item-means-cache.ts';

describe('ItemMeansCache', () => {
  const counter = () => {
    let calls = 0;
    return {
      compute: async () => {
        calls += 1;
        return calls;
      },
      calls: () => calls,
    };
  };

  it('serves the kept value while the data is unchanged, however old', async () => {
    const cache = new ItemMeansCache<number>(60_000);
    const c = counter();
    expect(await cache.get('2026', 'n=10', c.compute, 0)).toBe(1);
    expect(await cache.get('2026', 'n=10', c.compute, 10 * 60_000)).toBe(1);
    expect(c.calls()).toBe(1);
  });

  it('serves it for a minute after the data changed, then computes again', async () => {
    const cache = new ItemMeansCache<number>(60_000);
    const c = counter();
    await cache.get('2026', 'n=10', c.compute, 0);
    expect(await cache.get('2026', 'n=11', c.compute, 59_999)).toBe(1);
    expect(await cache.get('2026', 'n=11', c.compute, 60_000)).toBe(2);
    expect(await cache.get('2026', 'n=11', c.compute, 10 * 60_000)).toBe(2);
  });

  it('keeps each wave apart', async () => {
    const cache = new ItemMeansCache<number>(60_000);
    const c = counter();
    await cache.get('2025', 'n=10', c.compute, 0);
    expect(await cache.get('2026', 'n=10', c.compute, 0)).toBe(2);
  });

  it('runs one computation for requests that come while it runs', async () => {
    const cache = new ItemMeansCache<string>(0);
    let calls = 0;
    let finish: (value: string) => void = () => {};
    const compute = () => {
      calls += 1;
      return new Promise<string>((resolve) => {
        finish = resolve;
      });
    };
    const first = cache.get('2026', 'n=1', compute, 0);
    const second = cache.get('2026', 'n=1', compute, 0);
    finish('done');
    expect(await Promise.all([first, second])).toEqual(['done', 'done']);
    expect(calls).toBe(1);
  });

  it('does not keep a failed computation', async () => {
    const cache = new ItemMeansCache<number>(60_000);
    await expect(
      cache.get('2026', 'n=1', () => Promise.reject(new Error('database down')), 0),
    ).rejects.toThrow('database down');
    expect(await cache.get('2026', 'n=1', async () => 7, 1)).toBe(7);
  });
});
