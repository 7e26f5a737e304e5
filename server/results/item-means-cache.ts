/**
 * Keeps the province's item means of a wave for a while: they read every answer of the wave
 * (about a minute at 1,000,000 responses), and the screen that shows them is a guide to which
 * items to act on first, not a live count. An entry is served while its wave's responses are
 * unchanged, and for `maxAgeMs` after it was computed even when new responses arrive. Requests
 * that come while an entry is being computed wait for that same computation, so a busy
 * morning never runs the scan twice at once.
 */
export class ItemMeansCache<T> {
  private readonly entries = new Map<
    string,
    { value: Promise<T>; stamp: string; computedAt: number }
  >();

  constructor(private readonly maxAgeMs: number) {}

  /**
   * The value for `key`: the kept one if its `stamp` (what the data looked like, e.g. the
   * wave's response count) is unchanged or it is young enough, else a new `compute()`.
   */
  async get(key: string, stamp: string, compute: () => Promise<T>, now = Date.now()): Promise<T> {
    const kept = this.entries.get(key);
    if (kept && (kept.stamp === stamp || now - kept.computedAt < this.maxAgeMs)) {
      return kept.value;
    }
    const value = compute();
    const entry = { value, stamp, computedAt: now };
    this.entries.set(key, entry);
    // A failed computation is not kept: the next request tries again.
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }
}
