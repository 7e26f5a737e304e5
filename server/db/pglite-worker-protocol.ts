/**
 * The messages between the server's thread and the thread that runs PGlite. Every value
 * crosses by structured clone, which keeps what PGlite returns as it is: Date, number,
 * string, boolean, null, plain objects and arrays (jsonb), Uint8Array (bytea).
 */

/** What the worker thread is started with (`workerData`). */
export type WorkerStart = { dataDir: string };

export type WorkerRequest =
  | { id: number; kind: 'query'; sql: string; params: unknown[] }
  | { id: number; kind: 'close' };

export type WorkerReply =
  | { id: number; ok: true; rows: unknown[]; affectedRows: number | undefined }
  | { id: number; ok: false; error: SerializedError };

/** The worker's first message: PGlite is open, or could not be opened. */
export type WorkerHello = { ready: true } | { ready: false; error: SerializedError };

/**
 * The fields of a PostgreSQL error (those of `pg`'s DatabaseError), so that code checking a
 * SQLSTATE or a constraint reads the same thing on both databases. What PGlite adds on top
 * (`query`, `params`, `queryOptions`) stays in the worker: those hold the values submitted.
 */
export const postgresErrorFields = [
  'severity',
  'code',
  'detail',
  'hint',
  'position',
  'internalPosition',
  'internalQuery',
  'where',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'file',
  'line',
  'routine',
] as const;

export type PostgresErrorField = (typeof postgresErrorFields)[number];

export type SerializedError = {
  /** `true` for an error PostgreSQL reported; `false` for any other failure. */
  fromPostgres: boolean;
  message: string;
  fields: Partial<Record<PostgresErrorField, string>>;
};
