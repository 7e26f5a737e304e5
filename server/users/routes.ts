import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf, staffRoles } from '../auth/access.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { Db } from '../db/database.ts';
import { AppError, validationFailed } from '../errors.ts';
import { errorSchema } from '../shared-schemas.ts';
import { findUser, insertUser, listUsers, updateUser } from './queries.ts';
import {
  newUserSchema,
  roleAndCommuneAfter,
  roleCommuneRule,
  roleFitsCommune,
  userChangeSchema,
  userSchema,
} from './schema.ts';

export type UserRoutesOptions = { db: Db; communeCodes: ReadonlySet<string> };

export const userRoutes: FastifyPluginAsyncZod<UserRoutesOptions> = async (
  app,
  { db, communeCodes },
) => {
  const checkCommune = (communeCode: string | null | undefined) => {
    if (communeCode && !communeCodes.has(communeCode)) {
      throw validationFailed([
        { path: 'communeCode', message: `unknown commune "${communeCode}"` },
      ]);
    }
  };

  app.get(
    '/users',
    {
      config: { access: staffRoles.admin },
      schema: {
        summary: 'All staff accounts',
        tags: ['users'],
        response: { 200: z.array(userSchema) },
      },
    },
    async () => listUsers(db),
  );

  app.post(
    '/users',
    {
      config: { access: staffRoles.admin },
      schema: {
        summary: 'Add a staff account',
        tags: ['users'],
        body: newUserSchema,
        response: { 201: userSchema, 400: errorSchema, 409: errorSchema },
      },
    },
    async (request, reply) => {
      const { email, password, role, communeCode } = request.body;
      checkCommune(communeCode);
      const user = await insertUser(db, {
        email,
        passwordHash: await hashPassword(password),
        role,
        communeCode: communeCode ?? null,
      });
      if (!user) throw new AppError(409, 'email_taken', `An account for ${email} exists already`);
      return reply.status(201).send(user);
    },
  );

  app.patch(
    '/users/:id',
    {
      config: { access: staffRoles.admin },
      schema: {
        summary: 'Change a role, disable or enable, or set a new password',
        tags: ['users'],
        params: z.object({ id: z.uuid() }),
        body: userChangeSchema,
        response: { 200: userSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const { password, ...change } = request.body;
      checkCommune(change.communeCode);
      if (
        request.params.id === staffOf(request).id &&
        (change.disabled || (change.role && change.role !== 'admin'))
      ) {
        // An admin who locks themselves out may leave the province with no admin at all.
        throw validationFailed([
          { path: '', message: 'you cannot disable yourself or drop your own admin role' },
        ]);
      }
      const stored = await findUser(db, request.params.id);
      if (!stored) throw new AppError(404, 'not_found', 'No such user');
      if (!roleFitsCommune(roleAndCommuneAfter(stored, change))) {
        throw validationFailed([
          {
            path: 'communeCode',
            message: `${roleCommuneRule} (this user is ${stored.role}${stored.communeCode ? ` of commune ${stored.communeCode}` : ''})`,
          },
        ]);
      }
      const user = await updateUser(db, request.params.id, {
        ...change,
        ...(password ? { passwordHash: await hashPassword(password) } : {}),
      });
      if (!user) throw new AppError(404, 'not_found', 'No such user');
      return user;
    },
  );
};
