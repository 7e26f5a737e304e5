import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import pg from 'pg';
import { CopyOutRecords } from './copy-out-records.ts';
import { type Spool, spoolToFile } from './spool-file.ts';

/** How long a stopped COPY may take to wind down before its connection is closed instead. */
const stopTimeoutMs = 5_000;

const ignore = () => {};

/** A promise and its settling, handed to whoever settles it later. */
type Deferred<T> = { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void };

function deferred<T>(): Deferred<T> {
  let settle: Pick<Deferred<T>, 'resolve' | 'reject'> | undefined;
  const promise = new Promise<T>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // The consumer may stop before it waits on a part: that must not be an unhandled rejection.
  promise.catch(ignore);
  return { promise, ...(settle as Pick<Deferred<T>, 'resolve' | 'reject'>) };
}

/** One statement of the file, and (once its COPY runs) the file its records go to. */
type Part = { statement: string; spool: Deferred<Spool> };

/**
 * One connection of the file and the COPYs it runs, one after the other, in its transaction.
 * `between`: stopped after a COPY ended and before the next began (idle in its transaction);
 * `failed`: a COPY or the commit reported an error, so the connection may be in any state.
 */
type Lane = {
  client: pg.PoolClient;
  pid: number;
  parts: Part[];
  copy?: Readable | undefined;
  spool?: Spool | undefined;
  run?: Promise<void>;
  state: 'open' | 'streaming' | 'between' | 'committing' | 'ended' | 'failed';
};

export type CopyCsvOptions = {
  /**
   * Planner settings for these COPYs alone: each connection's transaction sets them `local`,
   * so they end with it and the pooled connection keeps its own.
   */
  settings?: Readonly<Record<string, string>>;
  /** At most this many connections at once (default 2); never more than there are statements. */
  connections?: number;
};

/**
 * A CSV file streamed straight from PostgreSQL: `head` (BOM and header row, written by the
 * caller), then the records of `statements`, each a `COPY … TO STDOUT (format csv)`, one after
 * the other, with CRLF record ends. The database formats every field; this process only passes
 * bytes on, so memory stays at a few chunks and the CPU at a fraction of formatting the rows.
 *
 * One statement: its records are streamed as they come, with backpressure: nothing is read from
 * the connection while the consumer has not taken the last chunk, so a slow client holds the
 * COPY on the server instead of filling memory.
 *
 * More than one: the statements are dealt out to `connections` connections in turn (the first
 * takes statements 1, 3, 5…, the second 2, 4, 6…), each runs its own one after the other, and
 * every COPY writes its records to a temporary file of its own as fast as the database makes
 * them; the consumer reads the files in statement order, each as it grows. So the database
 * formats on as many cores as there are connections, never waits for the consumer, and the
 * consumer has the first part's records while later parts are still being made: a file cut
 * into more parts than connections starts sooner and keeps every core busy to its end. Memory
 * stays flat however far ahead the database is; the disk holds up to the whole file for as
 * long as the download lasts, and the database's transactions end when the last COPY does,
 * not when a slow client has read it all. All the connections work in one snapshot
 * (`pg_export_snapshot`, repeatable read), so the file is one consistent picture of the table
 * as if one COPY had written it.
 *
 * The head goes out with the first records: a COPY that fails at once (a database that went
 * away) still fails before any byte, and the route answers with an error instead of a cut
 * file. A COPY that fails later ends the file with an error, never quietly. A consumer that
 * stops early (a client that hangs up) leaves no COPY running, no pooled connection stuck in
 * one, and no temporary file: see `windDown`.
 */
export async function* copyCsv(
  pool: pg.Pool,
  statements: readonly string[],
  head: Buffer,
  options: CopyCsvOptions = {},
): AsyncGenerator<Buffer> {
  const lanes: Lane[] = [];
  const parts: Part[] = statements.map((statement) => ({ statement, spool: deferred<Spool>() }));
  let spoolDir: string | undefined;
  let stopped = false;
  try {
    const laneCount = Math.max(1, Math.min(statements.length, options.connections ?? 2));
    for (let i = 0; i < laneCount; i++) {
      const client = await pool.connect();
      // The pool listens for errors on idle connections only; one that breaks while checked
      // out here would otherwise be an uncaught 'error' event. The COPY stream reports it.
      client.on('error', ignore);
      lanes.push({ client, pid: 0, parts: [], state: 'open' });
    }
    for (const [i, part] of parts.entries()) lanes[i % laneCount]?.parts.push(part);
    await beginTransactions(lanes, statements.length > 1, options.settings ?? {});

    const [first] = lanes as [Lane];
    if (parts.length === 1) {
      yield* withHead(head, streamedRecords(first, (parts[0] as Part).statement));
      return;
    }
    spoolDir = await mkdtemp(join(tmpdir(), 'cbhpi-export-'));
    for (const lane of lanes) {
      lane.run = runLane(lane, spoolDir, () => stopped);
      lane.run.catch(ignore);
    }
    yield* withHead(head, spooledRecords(parts));
    // Every part is read, so every COPY has ended; the commits may still be on their way.
    for (const lane of lanes) await lane.run;
  } finally {
    stopped = true;
    // Each lane's state is taken now, before any of them waits on anything.
    await Promise.all(lanes.map((lane) => windDown(pool, lane)));
    for (const part of parts) part.spool.promise.then((spool) => spool.detach(), ignore);
    if (spoolDir) await rm(spoolDir, { recursive: true, force: true });
  }
}

/**
 * Opens every lane's transaction. Several statements: repeatable read, all in the snapshot the
 * first one exports, so every COPY sees the same rows wherever it runs.
 */
async function beginTransactions(
  lanes: readonly Lane[],
  shared: boolean,
  settings: Readonly<Record<string, string>>,
) {
  let snapshot: string | undefined;
  for (const lane of lanes) {
    const { client } = lane;
    if (!shared) {
      await client.query('begin');
    } else if (snapshot === undefined) {
      await client.query('begin isolation level repeatable read, read only');
      snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]
        ?.id;
    } else {
      await client.query('begin isolation level repeatable read, read only');
      // Before any other query of the transaction: PostgreSQL insists.
      await client.query(`set transaction snapshot ${pg.escapeLiteral(snapshot)}`);
    }
    for (const [name, value] of Object.entries(settings)) {
      await client.query('select set_config($1, $2, true)', [name, value]);
    }
    lane.pid =
      (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid ?? 0;
  }
}

/** Starts a COPY on the lane's connection; its error is then the stream's, never uncaught. */
function startCopy(lane: Lane, statement: string): Readable {
  const copy = lane.client.query(new CopyOutRecords(statement));
  lane.copy = copy;
  lane.state = 'streaming';
  copy.on('error', () => {
    if (lane.copy === copy && lane.state === 'streaming') lane.state = 'failed';
  });
  return copy;
}

/**
 * `records` with `head` in the same chunk as the first of them, or alone once there are none:
 * so a COPY that fails at once fails before the route has sent a byte.
 */
async function* withHead(head: Buffer, records: AsyncIterable<Buffer>) {
  let pending: Buffer | null = head;
  for await (const chunk of records) {
    if (pending) {
      yield Buffer.concat([pending, chunk]);
      pending = null;
    } else {
      yield chunk;
    }
  }
  if (pending) yield pending;
}

/** The one statement's records as they come; its transaction commits once they are all read. */
async function* streamedRecords(lane: Lane, statement: string) {
  const copy = startCopy(lane, statement);
  for await (const chunk of copy.iterator({ destroyOnReturn: false })) yield chunk as Buffer;
  await commit(lane);
}

/** The parts' files read in statement order, each as it grows and closed once read. */
async function* spooledRecords(parts: readonly Part[]) {
  for (const part of parts) {
    const spool = await part.spool.promise;
    yield* spool.read();
    // Read to its end: its file is closed now, not when the whole download is done.
    spool.detach();
  }
}

/**
 * Runs the lane's statements one after the other, each COPY's records into a file of its own
 * (handed to its part as soon as it is open), the next only once the last is all written; then
 * commits. Starts nothing once the file is `stopped`, and from then on leaves the connection to
 * `windDown`. A failure also fails the parts this lane had still to make, so the consumer,
 * waiting on one of them, hears of it.
 */
async function runLane(lane: Lane, dir: string, stopped: () => boolean) {
  let current = 0;
  try {
    for (const [i, part] of lane.parts.entries()) {
      current = i;
      if (stopped()) {
        lane.state = 'between';
        return;
      }
      const copy = startCopy(lane, part.statement);
      const spool = spoolToFile(copy, join(dir, `part-${lane.pid}-${i}.csv`));
      lane.spool = spool;
      part.spool.resolve(spool);
      await spool.finished;
      if (stopped()) return;
      lane.copy = undefined;
      lane.spool = undefined;
      lane.state = 'between';
      current = i + 1;
    }
    if (stopped()) return;
    await commit(lane);
  } catch (error) {
    if (!stopped()) lane.state = 'failed';
    for (const part of lane.parts.slice(current)) part.spool.reject(error);
    throw error;
  }
}

/** The lane's COPYs read to their end: its transaction commits (it changed nothing). */
async function commit(lane: Lane) {
  lane.state = 'committing';
  await lane.client.query('commit');
  lane.state = 'ended';
}

/**
 * Gives a lane's connection back to the pool when the file is done with, however it ended: a
 * running COPY is stopped (`stopCopy`) and its transaction rolled back; a lane stopped between
 * COPYs is rolled back; one that ended is reused as it is; a failed one, or one whose stop
 * did not end in time, is closed (the pool opens another).
 */
async function windDown(pool: pg.Pool, lane: Lane) {
  const { client } = lane;
  if (lane.state === 'streaming' && lane.copy) {
    lane.spool?.detach();
    const ended = await stopCopy(pool, lane.copy, lane.pid);
    return ended ? rollBackAndGiveBack(client) : giveBack(client, 'close');
  }
  await lane.run?.catch(ignore);
  if (lane.state === 'ended') return giveBack(client, 'reuse');
  if (lane.state === 'between') return rollBackAndGiveBack(client);
  giveBack(client, 'close');
}

/** A transaction that may still be open ends with a rollback (it changed nothing). */
async function rollBackAndGiveBack(client: pg.PoolClient) {
  try {
    await client.query('rollback');
    giveBack(client, 'reuse');
  } catch {
    giveBack(client, 'close');
  }
}

/** Back to the pool, which listens for the connection's errors again from then on. */
function giveBack(client: pg.PoolClient, how: 'reuse' | 'close') {
  client.off('error', ignore);
  client.release(how === 'close');
}

/**
 * Ends a COPY the consumer no longer wants; true once it has ended. The server is asked to
 * cancel it (from another pooled connection: the cancel signal is the only way into a running
 * statement), and what it had already sent is read and dropped: a backend blocked on a full
 * socket only notices the cancel once it can write again. The COPY then ends with an error and
 * its transaction is aborted. False when that does not happen in time (no free connection for
 * the cancel, a database gone): the caller closes the connection instead, which ends the COPY
 * too.
 */
async function stopCopy(pool: pg.Pool, copy: Readable, pid: number): Promise<boolean> {
  const ended = new Promise<void>((resolve) => {
    if (copy.readableEnded || copy.destroyed) resolve();
    copy.once('error', () => resolve());
    copy.once('end', () => resolve());
    copy.once('close', () => resolve());
  });
  copy.resume();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), stopTimeoutMs);
  });
  try {
    const cancelled = pool
      .query('select pg_cancel_backend($1)', [pid])
      .then(() => ended)
      .then(() => 'ended' as const);
    cancelled.catch(ignore);
    return (await Promise.race([cancelled, timedOut])) === 'ended';
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
