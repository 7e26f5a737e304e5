/**
 * Whether an error means "the database cannot be reached or will not take us just now", as
 * opposed to "this statement failed". The first is the operator's to fix or simply passes (a
 * PostgreSQL restart, a failover, `idle_session_timeout`, `allow_connections` off, a full
 * `max_connections`): the API answers 503 `database_unavailable` and the client retries. The
 * second stays a 500.
 *
 * Recognised:
 * - the socket: refused, reset, broken, timed out, no route, no such host;
 * - node-postgres: "Connection terminated (unexpectedly)", its pool's connect timeout, and a
 *   client already broken ("… is not queryable");
 * - SQLSTATE class 08 (connection exception), 57P01/57P02/57P03 (the server shut the session
 *   down or is starting up), 53300 (too many connections), and 55000 with "is not currently
 *   accepting connections" (the database's `allow_connections` is off);
 * - the embedded database: PGlite already closed (the process is shutting down), or its
 *   thread stopped (`EmbeddedDatabaseStoppedError`, matched by name so this module stays
 *   free of the embedded driver).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return causes(error).some(
    (cause) =>
      cause.type === 'EmbeddedDatabaseStoppedError' ||
      unavailableCode(cause.code, cause.message) ||
      unavailableMessage(cause.message),
  );
}

const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const sessionEndedCodes = new Set(['57P01', '57P02', '57P03', '53300']);

function unavailableCode(code: string | undefined, message: string) {
  if (code === undefined) return false;
  if (socketCodes.has(code) || sessionEndedCodes.has(code) || /^08[0-9A-Z]{3}$/.test(code))
    return true;
  return code === '55000' && message.includes('is not currently accepting connections');
}

const unavailableMessages = [
  /^Connection terminated\b/,
  /^timeout exceeded when trying to connect$/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^Cannot use a pool after calling end on the pool$/,
  /^PGlite is closed$/,
];

function unavailableMessage(message: string) {
  return unavailableMessages.some((pattern) => pattern.test(message));
}

type Cause = { type: string | undefined; code: string | undefined; message: string };

/** The error, its `cause` chain and an AggregateError's parts (a host with several addresses). */
function causes(error: unknown, depth = 0): Cause[] {
  if (typeof error !== 'object' || error === null || depth > 3) return [];
  const code = Reflect.get(error, 'code');
  const message = Reflect.get(error, 'message');
  const own: Cause = {
    type: error instanceof Error ? error.constructor?.name : undefined,
    code: typeof code === 'string' ? code : undefined,
    message: typeof message === 'string' ? message : '',
  };
  const parts = error instanceof AggregateError ? error.errors : [];
  return [
    own,
    ...causes(Reflect.get(error, 'cause'), depth + 1),
    ...parts.flatMap((part: unknown) => causes(part, depth + 1)),
  ];
}
