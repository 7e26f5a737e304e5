import type { Readable } from 'node:stream';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { crlfRecordEnds } from './csv-record-ends.ts';

/** How long a stopped COPY may take to wind down before its connection is closed instead. */
const stopTimeoutMs = 5_000;

const ignore = () => {};

/**
 * A CSV file streamed straight from PostgreSQL: `head` (BOM and header row, written by the
 * caller), then the records of `statement`, a `COPY … TO STDOUT (format csv)`, with CRLF record
 * ends. The database formats every field; this process only passes bytes on, so memory stays
 * at a few chunks and the CPU at a fraction of formatting the rows itself.
 *
 * Backpressure: nothing is read from the connection while the consumer has not taken the last
 * chunk, so a slow client holds the COPY on the server instead of filling memory. The head
 * goes out with the first records: a COPY that fails at once (a database that went away) still
 * fails before any byte, and the route answers with an error instead of a cut file.
 *
 * A consumer that stops early (a client that hangs up) must not leave the COPY running, nor a
 * pooled connection that is stuck in it: see `stopCopy`.
 *
 * `settings` are planner settings for this COPY alone: it runs in a transaction of its own
 * that sets them `local`, so they end with it and the pooled connection keeps its own.
 */
export async function* copyCsv(
  pool: pg.Pool,
  statement: string,
  head: Buffer,
  settings: Readonly<Record<string, string>> = {},
): AsyncGenerator<Buffer> {
  const client = await pool.connect();
  // The pool listens for errors on idle connections only; one that breaks while checked out
  // here would otherwise be an uncaught 'error' event. The COPY stream reports it.
  client.on('error', ignore);
  let state: 'streaming' | 'ended' | 'failed' = 'streaming';
  let copy: Readable | undefined;
  let pid = 0;
  try {
    await client.query('begin');
    for (const [name, value] of Object.entries(settings)) {
      await client.query('select set_config($1, $2, true)', [name, value]);
    }
    pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid ?? 0;
    copy = client.query(copyTo(statement));
    // However the COPY ends, its error must not be an uncaught 'error' event; the loop below
    // still sees it.
    copy.on('error', ignore);
    const toCrlf = crlfRecordEnds();
    let pending: Buffer | null = head;
    for await (const chunk of copy.iterator({ destroyOnReturn: false })) {
      const records = toCrlf(chunk as Buffer);
      if (pending) {
        yield Buffer.concat([pending, records]);
        pending = null;
      } else {
        yield records;
      }
    }
    await client.query('commit');
    state = 'ended';
    if (pending) yield pending;
  } catch (error) {
    state = 'failed';
    throw error;
  } finally {
    if (state === 'streaming' && copy) await stopCopy(pool, client, copy, pid);
    // A failed COPY may leave the connection in any state: close it, the pool opens another.
    else giveBack(client, state === 'ended' ? 'reuse' : 'close');
  }
}

/** Back to the pool, which listens for the connection's errors again from then on. */
function giveBack(client: pg.PoolClient, how: 'reuse' | 'close') {
  client.off('error', ignore);
  client.release(how === 'close');
}

/**
 * Ends a COPY the consumer no longer wants and gives its connection back to the pool. The
 * server is asked to cancel it (from another pooled connection: the cancel signal is the
 * only way into a running statement), and what it had already sent is read and dropped: a
 * backend blocked on a full socket only notices the cancel once it can write again. The COPY
 * then ends with an error, its transaction is rolled back and the connection is released as
 * usual. When that does
 * not happen in time (no free connection for the cancel, a database gone), the connection is
 * closed instead, which ends the COPY too.
 */
async function stopCopy(pool: pg.Pool, client: pg.PoolClient, copy: Readable, pid: number) {
  const ended = new Promise<void>((resolve) => {
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
    if ((await Promise.race([cancelled, timedOut])) === 'ended') {
      // The cancelled COPY aborted its transaction.
      await client.query('rollback');
      giveBack(client, 'reuse');
      return;
    }
  } catch {
    // Falls through to closing the connection.
  } finally {
    clearTimeout(timer);
  }
  giveBack(client, 'close');
}
