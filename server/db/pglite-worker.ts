import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import {
  postgresErrorFields,
  type SerializedError,
  type WorkerHello,
  type WorkerReply,
  type WorkerRequest,
  type WorkerStart,
} from './pglite-worker-protocol.ts';

/**
 * The thread that owns PGlite. PGlite computes on the thread that calls it, so a long query
 * (an export page, a demo batch) run on the server's thread would hold up every request;
 * here it holds up only this thread. Requests come one at a time (the dialect's mutex on
 * the server's side), and each is answered with its rows or a PostgreSQL-shaped error.
 */

if (!parentPort) throw new Error('pglite-worker.ts runs only as a worker thread');
const port = parentPort;
const { dataDir } = workerData as WorkerStart;

function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { fromPostgres: false, message: String(error), fields: {} };
  const source = error as Error & Partial<Record<string, unknown>>;
  const fields: SerializedError['fields'] = {};
  for (const field of postgresErrorFields) {
    const value = source[field];
    if (typeof value === 'string') fields[field] = value;
  }
  return { fromPostgres: typeof source.severity === 'string', message: error.message, fields };
}

async function answer(pglite: PGlite, request: WorkerRequest): Promise<WorkerReply> {
  try {
    if (request.kind === 'close') {
      if (!pglite.closed) await pglite.close();
      return { id: request.id, ok: true, rows: [], affectedRows: undefined };
    }
    const result = await pglite.query(request.sql, request.params);
    return { id: request.id, ok: true, rows: result.rows, affectedRows: result.affectedRows };
  } catch (error) {
    return { id: request.id, ok: false, error: serializeError(error) };
  }
}

async function serve() {
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir);
  } catch (error) {
    port.postMessage({ ready: false, error: serializeError(error) } satisfies WorkerHello);
    return;
  }
  port.on('message', async (request: WorkerRequest) => {
    const reply = await answer(pglite, request);
    try {
      port.postMessage(reply);
    } catch (error) {
      // A value structured clone cannot carry: answer with the failure instead of never.
      port.postMessage({ id: request.id, ok: false, error: serializeError(error) });
    }
    // Closed: nothing more will come; let the thread end.
    if (request.kind === 'close') port.close();
  });
  port.postMessage({ ready: true } satisfies WorkerHello);
}

void serve();
