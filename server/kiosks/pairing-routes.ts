import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { appendAudit, staffActor } from '../audit/append-audit.ts';
import { staffOf, staffRoles } from '../auth/access.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { errorSchema } from '../shared-schemas.ts';
import { hashPairingCode, newPairing, normalizePairingCode } from './pairing-code.ts';
import { pairKiosk, reissuePairing, whyNotPaired } from './pairing-queries.ts';
import {
  kioskIdParamsSchema,
  type PairedKiosk,
  pairedKioskSchema,
  pairingIssuedSchema,
  pairRequestSchema,
} from './schema.ts';

export type PairingRoutesOptions = { db: Db; pairAttemptsPerMinute?: number };

const refusals = {
  malformed: 'A pairing code has 8 letters and digits, like ABCD-2345; check what you typed',
  unknown: 'No kiosk has this pairing code; check what you typed',
  used: 'This pairing code was already used; ask an administrator for a new one',
  expired: 'This pairing code has expired; ask an administrator for a new one',
  revoked: 'This kiosk was revoked; ask an administrator for a new kiosk',
} as const;

/** `reason` lets the kiosk say it in the officer's language. */
const refuse = (reason: keyof typeof refusals) =>
  new AppError(400, 'validation_failed', refusals[reason], [
    { path: 'code', message: refusals[reason], reason },
  ]);

/**
 * Pairing a kiosk device: the admin hands on a one-time code (from `POST /api/kiosks`, or a
 * new one from `POST /api/kiosks/:id/pairing`), and the device trades it for a fresh token.
 */
export const pairingRoutes: FastifyPluginAsyncZod<PairingRoutesOptions> = async (
  app,
  { db, pairAttemptsPerMinute = 10 },
) => {
  // Counts every attempt per address, in this process: at 10 a minute, guessing one of
  // 8.5 × 10^11 codes within its day is hopeless even from many addresses and processes.
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        429,
        'rate_limited',
        `Too many pairing attempts from this address; try again in ${context.after}`,
      ),
  });

  app.post(
    '/kiosks/pair',
    {
      config: {
        access: 'public',
        rateLimit: { max: pairAttemptsPerMinute, timeWindow: 60_000 },
      },
      schema: {
        summary: 'Pair a kiosk device with its one-time code; answers a new kiosk token',
        description:
          'The code works once, for 24 hours. Pairing replaces the kiosk token: the one shown ' +
          'at creation stops working, and only the paired device holds the live one.',
        tags: ['kiosks'],
        body: pairRequestSchema,
        response: { 200: pairedKioskSchema, 400: errorSchema, 429: errorSchema },
      },
    },
    async (request): Promise<PairedKiosk> => {
      const code = normalizePairingCode(request.body.code);
      if (code === null) throw refuse('malformed');
      const codeHash = hashPairingCode(code);
      const token = newToken();
      // The device that held the code is the actor: no staff member is signed in here.
      const kiosk = await db.transaction().execute(async (trx) => {
        const paired = await pairKiosk(trx, codeHash, hashToken(token));
        if (paired) {
          await appendAudit(trx, {
            actor: { id: null, email: `kiosk:${paired.id}` },
            action: 'kiosk.pair',
            target: paired.id,
            details: { communeCode: paired.commune_code, label: paired.label },
          });
        }
        return paired;
      });
      if (!kiosk) throw refuse(await whyNotPaired(db, codeHash));
      if (kiosk.exit_pin_salt === null || kiosk.exit_pin_hash === null) {
        throw new Error(`kiosk ${kiosk.id} has a pairing code but no exit PIN`);
      }
      return {
        kioskId: kiosk.id,
        token,
        communeCode: kiosk.commune_code,
        label: kiosk.label,
        communeName: kiosk.commune_name,
        exitPinHash: { salt: kiosk.exit_pin_salt, sha256: kiosk.exit_pin_hash },
      };
    },
  );

  app.post(
    '/kiosks/:id/pairing',
    {
      config: { access: staffRoles.admin },
      schema: {
        summary: 'A new pairing code and exit PIN for a kiosk; the previous code stops working',
        tags: ['kiosks'],
        params: kioskIdParamsSchema,
        response: { 201: pairingIssuedSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const pairing = newPairing();
      const expiresAt = await db.transaction().execute(async (trx) => {
        const expires = await reissuePairing(trx, request.params.id, pairing);
        if (expires !== null) {
          await appendAudit(trx, {
            actor: staffActor(staffOf(request)),
            action: 'kiosk.pairing_reissue',
            target: request.params.id,
          });
        }
        return expires;
      });
      if (expiresAt === null) throw new AppError(404, 'not_found', 'No such live kiosk');
      return reply.status(201).send({
        pairingCode: pairing.code,
        pairingExpiresAt: new Date(expiresAt).toISOString(),
        exitPin: pairing.exitPin,
      });
    },
  );
};
