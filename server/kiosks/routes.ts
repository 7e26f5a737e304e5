import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
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
      const kiosk = await insertKiosk(db, {
        communeCode,
        label,
        tokenHash: hashToken(token),
        createdBy: staffOf(request).id,
        pairing,
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
      if (!(await revokeKiosk(db, request.params.id))) {
        throw new AppError(404, 'not_found', 'No such kiosk');
      }
      return reply.status(204).send(null);
    },
  );
};
