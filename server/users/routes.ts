import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit, staffActor } from '../audit/append-audit.ts';
import { staffOf, staffRoles } from '../auth/access.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { Db } from '../db/database.ts';
import { AppError, validationFailed } from '../errors.ts';
import { errorSchema } from '../shared-schemas.ts';
import { findUserForUpdate, insertUser, listUsers, updateUser } from './queries.ts';
import {
  newUserSchema,
  roleAndCommuneAfter,
  roleCommuneProblem,
  roleCommuneRule,
  userChangeSchema,
  userSchema,
} from './schema.ts';
import { userCreatedEntry, userUpdatedEntry } from './user-audit.ts';

export type UserRoutesOptions = { db: Db; communeCodes: ReadonlySet<string> };

export const userRoutes: FastifyPluginAsyncZod<UserRoutesOptions> = async (
  app,
  { db, communeCodes },
) => {
  const checkCommunes = (change: { communeCode?: string | null; communeCodes?: string[] }) => {
    const problems = [
      ...(change.communeCode && !communeCodes.has(change.communeCode)
        ? [{ path: 'communeCode', message: `unknown commune "${change.communeCode}"` }]
        : []),
      ...(change.communeCodes ?? [])
        .filter((code) => !communeCodes.has(code))
        .map((code) => ({ path: 'communeCodes', message: `unknown commune "${code}"` })),
    ];
    if (problems.length > 0) throw validationFailed(problems);
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
      const { email, password, role, communeCode, communeCodes: enumeratorCommunes } = request.body;
      checkCommunes(request.body);
      const passwordHash = await hashPassword(password);
      const user = await db.transaction().execute(async (trx) => {
        const created = await insertUser(trx, {
          email,
          passwordHash,
          role,
          communeCode: communeCode ?? null,
          communeCodes: enumeratorCommunes ?? [],
        });
        if (created)
          await appendAudit(trx, userCreatedEntry(staffActor(staffOf(request)), created));
        return created;
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
      checkCommunes(change);
      if (
        request.params.id === staffOf(request).id &&
        (change.disabled || (change.role && change.role !== 'admin'))
      ) {
        // An admin who locks themselves out may leave the province with no admin at all.
        throw validationFailed([
          { path: '', message: 'you cannot disable yourself or drop your own admin role' },
        ]);
      }
      const passwordHash = password ? await hashPassword(password) : undefined;
      // Checked, changed and audited in one transaction, on the row as it stands locked.
      return db.transaction().execute(async (trx) => {
        const stored = await findUserForUpdate(trx, request.params.id);
        if (!stored) throw new AppError(404, 'not_found', 'No such user');
        const after = roleAndCommuneAfter(stored, change);
        const problem = roleCommuneProblem(after);
        if (problem) {
          const where =
            stored.role === 'enumerator'
              ? ` of communes ${stored.communeCodes.join(', ')}`
              : stored.communeCode
                ? ` of commune ${stored.communeCode}`
                : '';
          throw validationFailed([
            {
              path: problem,
              message: `${roleCommuneRule} (this user is ${stored.role}${where})`,
            },
          ]);
        }
        const user = await updateUser(trx, request.params.id, {
          ...change,
          ...(passwordHash ? { passwordHash } : {}),
        });
        if (!user) throw new AppError(404, 'not_found', 'No such user');
        const entry = userUpdatedEntry(
          staffActor(staffOf(request)),
          stored,
          user,
          passwordHash !== undefined,
        );
        if (entry) await appendAudit(trx, entry);
        return user;
      });
    },
  );
};
