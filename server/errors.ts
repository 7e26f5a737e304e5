import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from './db/database-unavailable.ts';
import { summariseError } from './db/error-summary.ts';

/** Every error code the API can answer with (server/API.md "Errors"). */
export type ErrorCode =
  | 'validation_failed'
  | 'malformed_json'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'range_not_satisfiable'
  | 'id_conflict'
  | 'email_taken'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'database_unavailable'
  | 'internal_error'
  | 'no_open_wave'
  | 'wave_conflict'
  | 'already_entered'
  | 'form_decided'
  | 'not_in_conflict';

export type ErrorDetail = { path: string; message: string };

/** An error the client can act on; its message is shown as it is. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const validationFailed = (details: ErrorDetail[]) =>
  new AppError(400, 'validation_failed', describeDetails(details), details);

function describeDetails(details: ErrorDetail[]) {
  const first = details.slice(0, 3).map((d) => (d.path ? `${d.path}: ${d.message}` : d.message));
  const more = details.length > 3 ? ` (and ${details.length - 3} more)` : '';
  return `Invalid request: ${first.join('; ')}${more}`;
}

const fastifyCodes: Record<string, { status: number; code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'malformed_json',
    message: 'The body is not valid JSON',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'malformed_json',
    message: 'The JSON body is empty',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'payload_too_large',
    message: 'The body is larger than 1 MB',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'Send the body as application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'validation_failed',
    message: 'Content-Length does not match the body',
  },
};

/** What a client is told while the database cannot be reached; it keeps the request and retries. */
export const databaseUnavailableMessage =
  'The database is not available just now; please try again in a few seconds';

/**
 * Gives every error the one shape `{ error: { code, message, details? } }`. Client errors say
 * what is wrong; a 5xx says only that something failed. The log gets the error's summary
 * (class, code, constraint: see error-summary.ts), never its message, SQL or values: those
 * may hold a resident's answers.
 */
export function registerErrorHandlers(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      return reply
        .status(error.statusCode)
        .send(errorBody(error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const details = error.validation.map((issue) => ({
        path: [where === 'body' ? '' : where, ...issue.instancePath.split('/').filter(Boolean)]
          .filter(Boolean)
          .join('.'),
        message: issue.message ?? 'is invalid',
      }));
      const failed = validationFailed(details);
      return reply.status(400).send(errorBody(failed.code, failed.message, details));
    }
    const known = error.code ? fastifyCodes[error.code] : undefined;
    if (known) return reply.status(known.status).send(errorBody(known.code, known.message));
    const status = error.statusCode ?? 500;
    if (status === 429)
      return reply
        .status(429)
        .send(
          errorBody(
            'rate_limited',
            'Too many submissions from this address; try again in a minute',
          ),
        );
    if (status >= 400 && status < 500) {
      return reply.status(status).send(errorBody('validation_failed', error.message));
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: summariseError(error) }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', '5')
        .send(errorBody('database_unavailable', databaseUnavailableMessage));
    }
    request.log.error({ err: summariseError(error) }, 'request failed');
    return reply
      .status(500)
      .send(errorBody('internal_error', 'Something went wrong on the server; please try again'));
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(errorBody('not_found', `No route ${request.method} ${request.url.split('?')[0]}`)),
  );
}

export function errorBody(code: ErrorCode, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}
