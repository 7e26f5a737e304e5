import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import type {
  SerializedError,
  WorkerHello,
  WorkerReply,
  WorkerRequest,
  WorkerStart,
} from './pglite-worker-protocol.ts';

/** The embedded database's thread ended (it crashed, or was closed): nothing more runs on it. */
export class EmbeddedDatabaseStoppedError extends Error {}

export type EmbeddedQueryResult = { rows: unknown[]; affectedRows: number | undefined };

const workerFile = new URL('./pglite-worker.ts', import.meta.url);

/**
 * How the thread starts. A worker runs plain JavaScript and our sources are TypeScript, so
 * when the worker file is `.ts` the thread first registers tsx's hooks, then imports it. Node
 * 20 does not apply hooks given as `--import tsx` in a worker's `execArgv` to the worker's own
 * entry file (it fails with ERR_UNKNOWN_FILE_EXTENSION), hence this small bootstrap; and the
 * parent's flags are not inherited, as under vitest they lack the hooks and under `tsx` they
 * name its CLI's own preloads.
 */
function startThread(workerData: WorkerStart) {
  if (!workerFile.pathname.endsWith('.ts')) return new Worker(workerFile, { workerData });
  const tsx = tsxEsmApi();
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerFile.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData, execArgv: [] });
}

/**
 * The ES module of tsx's `tsx/esm/api`, as its package exports it. `import.meta.resolve` would
 * say it directly but vitest's module runner (which runs the tests' global setup) lacks it,
 * and `require.resolve` picks the CommonJS build, whose `register` points at a missing file.
 */
function tsxEsmApi() {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports: { './esm/api': { import: { default: string } } };
  };
  return pathToFileURL(join(dirname(manifest), exports['./esm/api'].import.default)).href;
}

/** A PGlite error as the `pg` driver would have thrown it, so both databases fail alike. */
function reviveError(serialized: SerializedError): Error {
  if (!serialized.fromPostgres) return new Error(serialized.message);
  const error = new pg.DatabaseError(serialized.message, 0, 'error');
  Object.assign(error, serialized.fields);
  return error;
}

type Pending = { resolve: (reply: EmbeddedQueryResult) => void; reject: (error: Error) => void };

/**
 * PGlite in its own thread, seen from the server's thread: `query` sends SQL and parameters
 * and resolves with the rows. One request at a time is the caller's rule (the dialect's
 * mutex); this only matches replies to requests. If the thread dies, every waiting and later
 * request fails with `EmbeddedDatabaseStoppedError` instead of waiting for ever.
 */
export class PGliteWorker {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopped: EmbeddedDatabaseStoppedError | null = null;
  private readonly exited: Promise<void>;

  private constructor(
    /** The thread itself: tests end it to see how a crash surfaces. */
    readonly thread: Worker,
  ) {
    this.exited = new Promise((resolve) => thread.once('exit', () => resolve()));
    thread.on('message', (reply: WorkerReply) => this.settle(reply));
    thread.on('error', (error) => this.stop(`failed: ${error.message}`));
    thread.on('exit', (code) => this.stop(`exited (code ${code})`));
    // An idle thread must not keep the process alive, as PGlite in the main thread did not.
    thread.unref();
  }

  /** Starts the thread and opens PGlite in `dataDir` (created if missing). */
  static async start(dataDir: string): Promise<PGliteWorker> {
    const thread = startThread({ dataDir });
    const hello = await new Promise<WorkerHello>((resolve, reject) => {
      const onExit = (code: number) =>
        reject(new EmbeddedDatabaseStoppedError(`the embedded database exited (code ${code})`));
      thread.once('error', reject);
      thread.once('exit', onExit);
      thread.once('message', (message: WorkerHello) => {
        thread.off('error', reject);
        thread.off('exit', onExit);
        resolve(message);
      });
    });
    if (!hello.ready) {
      await thread.terminate();
      throw reviveError(hello.error);
    }
    return new PGliteWorker(thread);
  }

  query(sql: string, params: readonly unknown[]): Promise<EmbeddedQueryResult> {
    return this.send({ kind: 'query', sql, params: [...params] });
  }

  /** Closes PGlite (its files whole for the next start), then ends the thread. */
  async close() {
    if (!this.stopped) {
      try {
        await this.send({ kind: 'close' });
      } finally {
        this.stopped = new EmbeddedDatabaseStoppedError('the embedded database is closed');
        await this.thread.terminate();
      }
    }
    await this.exited;
  }

  private send(request: DistributiveOmit<WorkerRequest, 'id'>): Promise<EmbeddedQueryResult> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise<EmbeddedQueryResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.thread.ref();
      try {
        this.thread.postMessage({ ...request, id } as WorkerRequest);
      } catch (error) {
        // A parameter structured clone cannot carry (a function, a class with private state).
        this.forget(id);
        reject(error);
      }
    });
  }

  private settle(reply: WorkerReply) {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.forget(reply.id);
    if (reply.ok) waiting.resolve({ rows: reply.rows, affectedRows: reply.affectedRows });
    else waiting.reject(reviveError(reply.error));
  }

  private forget(id: number) {
    this.pending.delete(id);
    if (this.pending.size === 0) this.thread.unref();
  }

  private stop(how: string) {
    this.stopped ??= new EmbeddedDatabaseStoppedError(`the embedded database ${how}`);
    for (const [id, waiting] of this.pending) {
      this.forget(id);
      waiting.reject(this.stopped);
    }
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
