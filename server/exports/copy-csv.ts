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

/** One connection of the file and the COPY it runs. */
type Part = {
  client: pg.PoolClient;
  pid: number;
  copy?: Readable;
  /** Parts after the first: their records, written to a temporary file as they come. */
  spool?: Spool;
  /** `failed`: its COPY reported an error; the connection may be in any state. */
  state: 'open' | 'streaming' | 'ended' | 'failed';
};

/**
 * A CSV file streamed straight from PostgreSQL: `head` (BOM and header row, written by the
 * caller), then the records of `statements`, each a `COPY … TO STDOUT (format csv)`, one after
 * the other, with CRLF record ends. The database formats every field; this process only passes
 * bytes on, so memory stays at a few chunks and the CPU at a fraction of formatting the rows.
 *
 * More than one statement: the COPYs run at the same time, each on its own connection (the
 * database formats on as many cores), all in one snapshot (`pg_export_snapshot`), so the
 * file is one consistent picture of the table as if one COPY had written it. The first is
 * streamed to the consumer; the others go to a temporary file each as they come (memory stays
 * flat however far ahead they are) and follow in order, read as they grow.
 *
 * Backpressure: nothing is read from the first connection while the consumer has not taken
 * the last chunk, so a slow client holds the COPY on the server instead of filling memory. The
 * head goes out with the first records: a COPY that fails at once (a database that went away)
 * still fails before any byte, and the route answers with an error instead of a cut file.
 *
 * A consumer that stops early (a client that hangs up) must not leave a COPY running, nor a
 * pooled connection that is stuck in one, nor a temporary file: see `stopCopy`.
 *
 * `settings` are planner settings for these COPYs alone: each runs in a transaction of its own
 * that sets them `local`, so they end with it and the pooled connection keeps its own.
 */
export async function* copyCsv(
  pool: pg.Pool,
  statements: readonly string[],
  head: Buffer,
  settings: Readonly<Record<string, string>> = {},
): AsyncGenerator<Buffer> {
  const parts: Part[] = [];
  let spoolDir: string | undefined;
  try {
    const shared = statements.length > 1;
    for (const _ of statements) {
      const client = await pool.connect();
      // The pool listens for errors on idle connections only; one that breaks while checked
      // out here would otherwise be an uncaught 'error' event. The COPY stream reports it.
      client.on('error', ignore);
      parts.push({ client, pid: 0, state: 'open' });
    }
    let snapshot: string | undefined;
    for (const part of parts) {
      const { client } = part;
      if (!shared) {
        await client.query('begin');
      } else if (snapshot === undefined) {
        // Its first query takes the snapshot the others then take too.
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
      part.pid =
        (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid ?? 0;
    }
    if (shared) spoolDir = await mkdtemp(join(tmpdir(), 'cbhpi-export-'));
    for (const [i, part] of parts.entries()) {
      const copy = part.client.query(new CopyOutRecords(statements[i] as string));
      part.copy = copy;
      part.state = 'streaming';
      // However the COPY ends, its error must not be an uncaught 'error' event; the loops
      // below still see it.
      copy.on('error', () => {
        if (part.state === 'streaming') part.state = 'failed';
      });
      if (i > 0) part.spool = spoolToFile(copy, join(spoolDir as string, `part-${i}.csv`));
    }

    const [first, ...rest] = parts as [Part, ...Part[]];
    let pending: Buffer | null = head;
    for await (const chunk of (first.copy as Readable).iterator({ destroyOnReturn: false })) {
      const records = chunk as Buffer;
      if (pending) {
        yield Buffer.concat([pending, records]);
        pending = null;
      } else {
        yield records;
      }
    }
    await finish(first);
    if (pending) yield pending;
    for (const part of rest) {
      for await (const records of (part.spool as Spool).read()) yield records;
      await finish(part);
    }
  } finally {
    for (const part of parts) {
      part.spool?.detach();
      if (part.state === 'streaming' && part.copy) {
        await stopCopy(pool, part.client, part.copy, part.pid);
      } else {
        // A failed COPY (or one never started) may leave the connection in any state: close
        // it, the pool opens another.
        giveBack(part.client, part.state === 'ended' ? 'reuse' : 'close');
      }
    }
    if (spoolDir) await rm(spoolDir, { recursive: true, force: true });
  }
}

/** A COPY read to its end: its transaction commits (it changed nothing). */
async function finish(part: Part) {
  await part.client.query('commit');
  part.state = 'ended';
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
 * usual. When that does not happen in time (no free connection for the cancel, a database
 * gone), the connection is closed instead, which ends the COPY too.
 */
async function stopCopy(pool: pg.Pool, client: pg.PoolClient, copy: Readable, pid: number) {
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
    if ((await Promise.race([cancelled, timedOut])) === 'ended') {
      // The cancelled COPY aborted its transaction (or, done already, left it open).
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
