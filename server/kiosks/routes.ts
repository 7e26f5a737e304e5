import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit, staffActor } from '../audit/append-audit.ts';
import { staffOf, staffRoles } from '../auth/access.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import type { Db } from '../db/database.ts';
import { AppError, validationFailed } from '../errors.ts';
import { errorSchema } from '../shared-schemas.ts';
import { newPairing } from './pairing-code.ts';
import { pairingRoutes } from './pairing-routes.ts';
import { insertKiosk, listKiosks, revokeKiosk } from './queries.ts';
import { createdKioskSchema, kioskIdParamsSchema, kioskSchema, newKioskSchema } from './schema.ts';

export type KioskRoutesOptions = { db: Db; communeCodes: ReadonlySet<string> };

export const kioskRoutes: FastifyPluginAsyncZod<KioskRoutesOptions> = async (
  app,
  { db, communeCodes },
) => {
  await app.register(pairingRoutes, { db });

  app.post(
    '/kiosks',
    {
      config: { access: staffRoles.admin },
      schema: {
        summary:
          'Register a kiosk; its token, pairing code and exit PIN are shown once, stored as hashes',
        tags: ['kiosks'],
        body: newKioskSchema,
        response: { 201: createdKioskSchema, 400: errorSchema },
      },
    },
    async (request, reply) => {
      const { communeCode, label } = request.body;
      if (!communeCodes.has(communeCode)) {
        throw validationFailed([
          { path: 'communeCode', message: `unknown commune "${communeCode}"` },
        ]);
      }
      const token = newToken();
      const pairing = newPairing();
      const staff = staffOf(request);
      const kiosk = await db.transaction().execute(async (trx) => {
        const created = await insertKiosk(trx, {
          communeCode,
          label,
          tokenHash: hashToken(token),
          createdBy: staff.id,
          pairing,
        });
        await appendAudit(trx, {
          actor: staffActor(staff),
          action: 'kiosk.create',
          target: created.id,
          details: { communeCode: created.commune_code, label: created.label },
        });
        return created;
      });
      return reply.status(201).send({
        id: kiosk.id,
        token,
        communeCode: kiosk.commune_code,
        label: kiosk.label,
        pairingCode: pairing.code,
        pairingExpiresAt: new Date(kiosk.pairing_expires_at ?? Date.now()).toISOString(),
        exitPin: pairing.exitPin,
      });
    },
  );

  app.get(
    '/kiosks',
    {
      config: { access: staffRoles.admin },
      schema: {
        summary: 'All kiosks, with when each was last seen',
        tags: ['kiosks'],
        response: { 200: z.array(kioskSchema) },
      },
    },
    async () => listKiosks(db),
  );

  app.delete(
    '/kiosks/:id',
    {
      config: { access: staffRoles.admin },
      schema: {
        summary: 'Revoke a kiosk: its token stops working at once',
        tags: ['kiosks'],
        params: kioskIdParamsSchema,
        response: { 204: z.null().describe('Revoked'), 404: errorSchema },
      },
    },
    async (request, reply) => {
      const outcome = await db.transaction().execute(async (trx) => {
        const revoked = await revokeKiosk(trx, request.params.id);
        // Revoking twice changes nothing, so only the first time is audited.
        if (revoked === 'revoked') {
          await appendAudit(trx, {
            actor: staffActor(staffOf(request)),
            action: 'kiosk.revoke',
            target: request.params.id,
          });
        }
        return revoked;
      });
      if (outcome === null) throw new AppError(404, 'not_found', 'No such kiosk');
      return reply.status(204).send(null);
    },
  );
};
