/**
 * Plays `items` one after another: `playOne` starts one and calls `ended` when it has played
 * to its end, and only then does the next start. `stop` ends the turn for good (a press, an
 * answer, another page): what plays then is the caller's to stop, and nothing after it starts.
 * No player is imported here, so the order is tested without a browser.
 *
 * @example playInTurn(['a', 'b'], (item, ended) => play(item, ended)) // a, then b
 */
export function playInTurn<T>(
  items: readonly T[],
  playOne: (item: T, ended: () => void) => void,
): { stop(): void; readonly playing: boolean } {
  let next = 0;
  let stopped = false;
  const advance = () => {
    if (stopped) return;
    const index = next;
    next += 1;
    if (index >= items.length) {
      stopped = true;
      return;
    }
    let called = false;
    // An `ended` called twice, or after a stop, moves on once at most.
    playOne(items[index] as T, () => {
      if (called) return;
      called = true;
      advance();
    });
  };
  advance();
  return {
    stop() {
      stopped = true;
    },
    get playing() {
      return !stopped;
    },
  };
}
