/**
 * What a log may say about an error: its class, its code (a SQLSTATE such as `23514`, or a
 * Node or Fastify code such as `ECONNREFUSED`) and, for a database error, the constraint's
 * name, plus where it was thrown.
 *
 * Why not the error itself: a database error carries the request's data. PGlite attaches the
 * statement's `params` (a resident's whole answers, comment included) and its `query`; on
 * PostgreSQL `detail` says "Failing row contains (…)" (an e-mail, a password hash), `where`
 * quotes a slice of the input, and even the message may quote a value ("invalid input syntax
 * for type integer: "…""). The README promises that logs never hold answers, so no message,
 * field or parameter is copied; only names chosen by the schema or the code.
 */
export class ErrorSummary {
  constructor(
    readonly type: string,
    readonly code?: string,
    readonly constraint?: string,
    /** The stack's frames without its first line (which repeats the message). */
    readonly frames?: string[],
  ) {}
}

/** A code or a constraint name: an identifier, never free text. */
const identifier = /^[A-Za-z0-9_.$-]{1,63}$/;

const field = (value: unknown, name: string) => {
  const text = typeof value === 'object' && value !== null ? Reflect.get(value, name) : undefined;
  return typeof text === 'string' && identifier.test(text) ? text : undefined;
};

export function summariseError(error: unknown): ErrorSummary {
  if (error instanceof ErrorSummary) return error;
  const type = isDatabaseError(error)
    ? 'DatabaseError'
    : error instanceof Error
      ? (error.constructor?.name ?? 'Error')
      : error === null
        ? 'null'
        : typeof error;
  const frames = stackFrames(error);
  return new ErrorSummary(
    identifier.test(type) ? type : 'Error',
    field(error, 'code'),
    field(error, 'constraint'),
    frames.length > 0 ? frames : undefined,
  );
}

/**
 * An error reported by PostgreSQL: a severity and a SQLSTATE. Named by its shape because
 * PGlite's bundle minifies the class's name (it logs as "O").
 */
function isDatabaseError(error: unknown) {
  return (
    error instanceof Error &&
    typeof Reflect.get(error, 'severity') === 'string' &&
    /^[0-9A-Z]{5}$/.test(String(Reflect.get(error, 'code')))
  );
}

/**
 * V8 writes a stack as `Name: message` and then one `at …` line per frame, which name
 * functions and file positions only. The message may span lines (and could mimic a frame), so
 * the frames are taken only after the exact header; when it does not match (the message
 * changed after the stack was taken), none are given.
 */
function stackFrames(error: unknown): string[] {
  if (!(error instanceof Error) || typeof error.stack !== 'string') return [];
  const header = String(error);
  if (!error.stack.startsWith(`${header}\n`)) return [];
  return error.stack
    .slice(header.length + 1)
    .split('\n')
    .slice(0, 8)
    .map((line) => line.trim());
}
