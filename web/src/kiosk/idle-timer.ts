const activity = ['pointerdown', 'keydown', 'input', 'wheel', 'scroll'] as const;

/**
 * Calls `onIdle` after `idleMs` without a touch, counted from the first touch: a fresh form
 * nobody has touched has nothing to clear. After `onIdle` it waits, ignoring touches, until
 * `resume()` (the person said they are still there) or `stop()`.
 */
export function watchIdle(options: {
  idleMs: number;
  onIdle: () => void;
  onFirstActivity?: () => void;
}) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let armed = false;
  let waiting = false;
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      waiting = true;
      options.onIdle();
    }, options.idleMs);
  };
  const onActivity = () => {
    if (waiting) return;
    if (!armed) {
      armed = true;
      options.onFirstActivity?.();
    }
    restart();
  };
  for (const type of activity) {
    document.addEventListener(type, onActivity, { capture: true, passive: true });
  }
  return {
    resume() {
      waiting = false;
      restart();
    },
    stop() {
      clearTimeout(timer);
      for (const type of activity) document.removeEventListener(type, onActivity, true);
    },
  };
}
