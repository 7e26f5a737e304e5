const barWidth = 30;

/**
 * One progress line, the percentage padded so a redrawn line keeps its shape.
 *
 * @example formatProgress(45000, 100000, 3645) // '[#############-----------------]  45% 45000/100000 12,346 rows/s'
 */
export function formatProgress(done: number, total: number, elapsedMs: number): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.floor(fraction * barWidth);
  const rate = elapsedMs > 0 ? Math.round((done * 1000) / elapsedMs) : 0;
  const percent = String(Math.floor(fraction * 100)).padStart(3);
  return `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${percent}% ${done}/${total} ${rate.toLocaleString('en-US')} rows/s`;
}

/**
 * A progress bar on a stream (stderr, so stdout stays for the summary). On a terminal it is
 * redrawn in place with `\r`; in a log file or CI, where `\r` would pile up, it writes a
 * line each time another 10% is done. `label` starts the line, to tell one step's bar from
 * another's; `stream` and `now` are for tests.
 */
export function createProgressBar(
  total: number,
  {
    label = '',
    stream = process.stderr,
    now = () => performance.now(),
  }: { label?: string; stream?: NodeJS.WriteStream; now?: () => number } = {},
) {
  const started = now();
  let lastTenth = 0;
  let drawn = false;
  return {
    update(done: number) {
      const line = `${label}${formatProgress(done, total, now() - started)}`;
      if (stream.isTTY) {
        // Clear to the end of the line: the new text may be shorter than the last.
        stream.write(`\r${line}\x1b[K`);
        drawn = true;
        return;
      }
      const tenth = total > 0 ? Math.floor((10 * done) / total) : 10;
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${line}\n`);
      }
    },
    /** Ends the redrawn line so that what follows starts on a fresh one. */
    finish() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
