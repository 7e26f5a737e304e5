import { createServer } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../server/db/database-unavailable.ts';
import { summariseError } from '../../server/db/error-summary.ts';

const withCode = (code: string, message = 'some message') =>
  Object.assign(new Error(message), { code, severity: 'FATAL' });

/** A port nothing listens on: taken, then released. */
async function closedPort() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 1;
}

describe('isDatabaseUnavailable', () => {
  it('recognises a refused connection as node-postgres reports it', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: await closedPort() });
    const error = await client.connect().then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('recognises a closed embedded database', async () => {
    const pglite = await PGlite.create();
    await pglite.close();
    const error = await pglite.query('select 1').then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['08006', 'connection failure'],
    ['08001', 'could not connect'],
    ['57P01', 'terminating connection due to administrator command'],
    ['57P02', 'crash shutdown'],
    ['57P03', 'the database system is starting up'],
    ['53300', 'sorry, too many clients already'],
    ['55000', 'database "x" is not currently accepting connections'],
    ['ECONNRESET', 'read ECONNRESET'],
    ['ETIMEDOUT', 'connect ETIMEDOUT'],
  ])('recognises %s', (code, message) => {
    expect(isDatabaseUnavailable(withCode(code, message))).toBe(true);
  });

  it.each([
    'Connection terminated unexpectedly',
    'Connection terminated due to connection timeout',
    'timeout exceeded when trying to connect',
    'Client has encountered a connection error and is not queryable',
  ])('recognises "%s"', (message) => {
    expect(isDatabaseUnavailable(new Error(message))).toBe(true);
  });

  it('looks into causes and an AggregateError (a host with several addresses)', () => {
    expect(
      isDatabaseUnavailable(new AggregateError([withCode('ECONNREFUSED')], 'connect failed')),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: withCode('57P01') }))).toBe(true);
  });

  it('leaves a failed statement a failure, not an outage', () => {
    expect(isDatabaseUnavailable(withCode('23505', 'duplicate key'))).toBe(false);
    expect(isDatabaseUnavailable(withCode('55000', 'cannot refresh concurrently'))).toBe(false);
    expect(isDatabaseUnavailable(withCode('22P02', 'invalid input syntax'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable('Connection terminated')).toBe(false);
  });
});

describe('summariseError', () => {
  it('keeps the class, code and constraint, and nothing the statement carried', () => {
    const marker = 'marker-4f1c';
    const error = Object.assign(new Error(`invalid input "${marker}\n    at ${marker}"`), {
      code: '23514',
      severity: 'ERROR',
      constraint: 'users_role_check',
      detail: `Failing row contains (${marker}@cbhpi.test)`,
      where: `JSON data, line 1: ${marker}`,
      query: `insert ... ${marker}`,
      params: [marker],
    });
    const summary = summariseError(error);
    expect(summary).toMatchObject({
      type: 'DatabaseError',
      code: '23514',
      constraint: 'users_role_check',
    });
    expect(JSON.stringify(summary)).not.toContain(marker);
  });

  it('refuses a code or constraint that is free text', () => {
    const error = Object.assign(new Error('x'), { code: 'has spaces: value', constraint: 'a\nb' });
    expect(summariseError(error)).toMatchObject({ type: 'Error' });
    expect(summariseError(error).code).toBeUndefined();
    expect(summariseError(error).constraint).toBeUndefined();
  });
});
