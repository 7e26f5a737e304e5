import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { databaseBackends } from '../helpers/databases.ts';
import { createStaff, sameOrigin, signedInStaff, staffPassword } from '../helpers/staff.ts';
import { useTestApp } from '../helpers/test-app.ts';

/** Text of every kind, often one PostgreSQL refuses (NUL, lone surrogates). */
const anyText = fc.oneof(
  fc.string({ maxLength: 30, unit: 'binary' }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfff', '', ' ', 'x'.repeat(300)),
  fc.constantFrom('01273', '01279', '99999', 'admin', 'analyst', 'commune_officer'),
  fc.constantFrom('a@b', 'ADMIN@LOCALHOST', `${'a'.repeat(250)}@b`, 'correct horse battery staple'),
);
/** Any JSON value, with strings drawn from `anyText`. */
const anyValue = fc.oneof(
  { weight: 4, arbitrary: anyText },
  fc.constantFrom(null, true, false, 0, -1, 1e308, [], {}),
  fc.array(anyText, { maxLength: 3 }),
);
const anyUuid = fc.oneof(
  fc.uuid({ version: 4 }),
  fc.constantFrom('00000000-0000-0000-0000-000000000000', 'not-a-uuid', '%00', '%ED%A0%80'),
);
const anyQuery = fc
  .dictionary(fc.constantFrom('wave', 'communeCode', 'x'), anyText, { maxKeys: 3 })
  .map((query) => new URLSearchParams(query).toString());

/** Bodies near each route's shape (its fields, sometimes right, often wrong) or anything. */
const bodyOf = (fields: string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...fields), anyValue, { maxKeys: 5 }) },
    fc.dictionary(anyText, anyValue, { maxKeys: 3 }),
    fc.constantFrom(null, [], 'x', 3),
  );

type Call = { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; payload?: unknown };

/** Every staff route and the public sign-in and pairing routes. */
const call: fc.Arbitrary<Call> = fc.oneof(
  bodyOf(['email', 'password']).map(
    (payload) => ({ method: 'POST', url: '/api/auth/login', payload }) as const,
  ),
  bodyOf(['email', 'password', 'role', 'communeCode']).map(
    (payload) => ({ method: 'POST', url: '/api/users', payload }) as const,
  ),
  fc
    .tuple(anyUuid, bodyOf(['role', 'communeCode', 'disabled', 'password']))
    .map(([id, payload]) => ({ method: 'PATCH', url: `/api/users/${id}`, payload }) as const),
  bodyOf(['communeCode', 'label']).map(
    (payload) => ({ method: 'POST', url: '/api/kiosks', payload }) as const,
  ),
  anyUuid.map((id) => ({ method: 'DELETE', url: `/api/kiosks/${id}` }) as const),
  anyUuid.map((id) => ({ method: 'POST', url: `/api/kiosks/${id}/pairing` }) as const),
  bodyOf(['code']).map(
    (payload) => ({ method: 'POST', url: '/api/kiosks/pair', payload }) as const,
  ),
  fc
    .tuple(
      fc.constantFrom(
        '/api/users',
        '/api/kiosks',
        '/api/auth/me',
        '/api/results',
        '/api/results/trend',
        '/api/results/01273',
        '/api/results/%00',
        '/api/exports/results.csv',
        '/api/exports/results.xlsx',
        '/api/exports/responses.csv',
      ),
      anyQuery,
    )
    .map(([url, query]) => ({ method: 'GET', url: query ? `${url}?${query}` : url }) as const),
);

describe.each(databaseBackends())('fuzzing the staff routes on $kind', ({ create }) => {
  const ctx = useTestApp(create);

  it('never answers 5xx (1,500 generated requests, as admin, analyst and officer)', async () => {
    const cookies = [
      (await signedInStaff(ctx.app, ctx.database.db, 'admin')).cookie,
      (await signedInStaff(ctx.app, ctx.database.db, 'analyst')).cookie,
      (await signedInStaff(ctx.app, ctx.database.db, 'commune_officer', '01273')).cookie,
    ];
    // Real targets too, so that changes reach stored rows and not only "not found".
    const officer = await createStaff(ctx.database.db, 'commune_officer', '01279');
    const analyst = await createStaff(ctx.database.db, 'analyst');
    const targets = fc.constantFrom(officer.id, analyst.id);
    const realCall = fc.oneof(
      { weight: 3, arbitrary: call },
      fc
        .tuple(targets, bodyOf(['role', 'communeCode', 'password']))
        .map(([id, payload]) => ({ method: 'PATCH', url: `/api/users/${id}`, payload }) as const),
    );
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(realCall, fc.nat(cookies.length - 1), async (request, who) => {
        const options: InjectOptions = {
          method: request.method,
          url: request.url,
          headers: { ...sameOrigin, cookie: cookies[who] ?? '' },
          ...(request.payload === undefined ? {} : { payload: request.payload as object }),
        };
        const res = await ctx.app.inject(options);
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        expect(res.statusCode, `${request.method} ${request.url}`).toBeLessThan(500);
        if (res.statusCode >= 400 && String(res.headers['content-type']).includes('json')) {
          expect(typeof res.json().error.code).toBe('string');
        }
      }),
      { numRuns: 1500 },
    );
    // The property proves little unless requests also got through.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(50);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(50);
    // The throttle has seen sign-ins fail; the right password still works for a fresh account.
    const fresh = await createStaff(ctx.database.db, 'analyst');
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: fresh.email, password: staffPassword },
      remoteAddress: '10.99.0.1',
    });
    expect(login.statusCode).toBe(200);
  });
});
