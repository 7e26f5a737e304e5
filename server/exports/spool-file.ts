import { type FileHandle, open } from 'node:fs/promises';
import type { Readable } from 'node:stream';

/** A COPY's records going to a file, and a way to read them back as they land. */
export type Spool = {
  /** The records in order, from the start of the file, following it until the COPY ends. */
  read(): AsyncGenerator<Buffer>;
  /** Settles when the source has ended and every record is in the file, or either failed. */
  finished: Promise<void>;
  /** Stops writing (the COPY is being stopped) and closes the file; the caller removes it. */
  detach(): void;
};

/** Bytes per chunk read back: as many as the HTTP stream takes comfortably at once. */
const readChunkBytes = 256 * 1024;

/**
 * Writes the chunks of `source` (a COPY's records, copy-out-records.ts) to `path` as fast as
 * they come: the file, not memory, holds what the consumer has not taken yet.
 * One write at a time, at its place in the file, so `read` can follow the file while it grows:
 * it reads what is written and waits for more until the source has ended, and throws if the
 * source or the file failed.
 */
export function spoolToFile(source: Readable, path: string): Spool {
  const file: Promise<FileHandle> = open(path, 'w+');
  let written = 0;
  let ended = false;
  let detached = false;
  let failure: { error: unknown } | undefined;
  let writing: Promise<void> = Promise.resolve();
  let wake: (() => void) | undefined;
  let settleFinished: { resolve(): void; reject(error: unknown): void } | undefined;
  const finished = new Promise<void>((resolve, reject) => {
    settleFinished = { resolve, reject };
  });
  // Whoever waits on it sees the failure; nobody waiting must not be an unhandled rejection.
  finished.catch(() => {});
  const notify = () => {
    const waiting = wake;
    wake = undefined;
    waiting?.();
  };
  const fail = (error: unknown) => {
    failure ??= { error };
    settleFinished?.reject(failure.error);
    notify();
  };
  file.catch(fail);

  const onData = (records: Buffer) => {
    source.pause();
    writing = writing
      .then(() => file)
      .then((handle) => handle.write(records, 0, records.length, written))
      .then(() => {
        written += records.length;
        notify();
        if (!detached) source.resume();
      }, fail);
  };
  source.on('data', onData);
  source.once('end', () => {
    void writing.then(() => {
      ended = true;
      if (!failure) settleFinished?.resolve();
      notify();
    });
  });
  source.once('error', fail);

  async function* read(): AsyncGenerator<Buffer> {
    const handle = await file;
    let at = 0;
    for (;;) {
      if (failure) throw failure.error;
      if (at < written) {
        const buffer = Buffer.allocUnsafe(Math.min(written - at, readChunkBytes));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, at);
        at += bytesRead;
        yield buffer.subarray(0, bytesRead);
        continue;
      }
      if (ended) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  }

  function detach() {
    if (detached) return;
    detached = true;
    settleFinished?.reject(new Error('the spool was detached before its source ended'));
    source.off('data', onData);
    void writing
      .then(() => file)
      .then(
        (handle) => handle.close(),
        () => {},
      );
  }

  return { read, finished, detach };
}
