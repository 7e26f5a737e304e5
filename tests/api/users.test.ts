import { describe, expect, it } from 'vitest';
import { databaseBackends } from '../helpers/databases.ts';
import { createStaff, sameOrigin, signedInStaff } from '../helpers/staff.ts';
import { useTestApp } from '../helpers/test-app.ts';

describe.each(databaseBackends())('changing a user on $kind', ({ create }) => {
  const ctx = useTestApp(create);

  const patch = async (id: string, payload: object) => {
    const { cookie } = await signedInStaff(ctx.app, ctx.database.db, 'admin');
    return ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: { ...sameOrigin, cookie },
      payload,
    });
  };
  const stored = (id: string) =>
    ctx.database.db
      .selectFrom('users')
      .select(['role', 'commune_code'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it.each([
    ['a commune for an analyst', 'analyst', null, { communeCode: '01273' }],
    ['a commune for an admin', 'admin', null, { communeCode: '01273' }],
    ['no commune for a commune officer', 'commune_officer', '01273', { communeCode: null }],
  ] as const)(
    'refuses %s with 400 naming communeCode, and changes nothing',
    async (_name, role, communeCode, change) => {
      const user = await createStaff(ctx.database.db, role, communeCode);
      const res = await patch(user.id, change);
      expect(res.statusCode).toBe(400);
      const { error } = res.json();
      expect(error.code).toBe('validation_failed');
      expect(error.details).toEqual([
        {
          path: 'communeCode',
          message: expect.stringContaining('commune_officer needs a communeCode'),
        },
      ]);
      expect(await stored(user.id)).toEqual({ role, commune_code: communeCode });
    },
  );

  it('moves a commune officer to another commune without restating the role', async () => {
    const user = await createStaff(ctx.database.db, 'commune_officer', '01273');
    const res = await patch(user.id, { communeCode: '01279' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ role: 'commune_officer', communeCode: '01279' });
  });

  it('drops the commune when an officer becomes an analyst', async () => {
    const user = await createStaff(ctx.database.db, 'commune_officer', '01273');
    const res = await patch(user.id, { role: 'analyst' });
    expect(res.statusCode).toBe(200);
    expect(await stored(user.id)).toEqual({ role: 'analyst', commune_code: null });
  });

  it('answers 404 for a user that does not exist', async () => {
    const res = await patch('00000000-0000-4000-8000-000000000000', { communeCode: '01273' });
    expect(res.statusCode).toBe(404);
  });
});
