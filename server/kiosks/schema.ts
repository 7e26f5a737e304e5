// Imports nothing but zod, so the web pages can share these schemas.
import { z } from 'zod';

export const newKioskSchema = z.strictObject({
  communeCode: z.string().regex(/^\d{5}$/, 'a five-digit commune code'),
  label: z.string().trim().min(1).max(100),
});

/**
 * Answer to `POST /api/kiosks`: the only time the token, pairing code and exit PIN are ever
 * shown. Pairing a device replaces the token, so the one shown here works only until then.
 */
export const createdKioskSchema = z.object({
  id: z.uuid(),
  token: z.string(),
  communeCode: z.string(),
  label: z.string(),
  pairingCode: z.string().describe('One use, shown as XXXX-XXXX; typed on the kiosk to pair it'),
  pairingExpiresAt: z.iso.datetime(),
  exitPin: z.string().describe('Six digits: leaves kiosk mode on the paired device'),
});

export const kioskSchema = z.object({
  id: z.uuid(),
  communeCode: z.string(),
  label: z.string(),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  lastSeenAt: z.iso.datetime().nullable(),
  pairedAt: z.iso.datetime().nullable(),
});
export type Kiosk = z.infer<typeof kioskSchema>;

export const kioskIdParamsSchema = z.object({ id: z.uuid() });

/** `POST /api/kiosks/pair`: the code as the officer typed it (case, spaces and dashes ignored). */
export const pairRequestSchema = z.strictObject({
  code: z.string().max(40).describe('The pairing code, e.g. "ABCD-2345"'),
});

/**
 * How a kiosk checks the exit PIN offline: `sha256` is the hex SHA-256 of the UTF-8 text
 * `salt + pin`. Six digits are no secret from someone who can open the device's storage; the
 * PIN only keeps a resident at the screen from leaving kiosk mode.
 */
export const exitPinHashSchema = z.object({ salt: z.string(), sha256: z.string() });

/** Answer to `POST /api/kiosks/pair`: what the device keeps. The token is new at each pairing. */
export const pairedKioskSchema = z.object({
  kioskId: z.uuid(),
  token: z.string(),
  communeCode: z.string(),
  label: z.string(),
  communeName: z.string(),
  exitPinHash: exitPinHashSchema,
});
export type PairedKiosk = z.infer<typeof pairedKioskSchema>;

/** A pairing code for an admin to hand on, with the exit PIN staff will type on the device. */
export const pairingIssuedSchema = z.object({
  pairingCode: z.string().describe('One use, shown as XXXX-XXXX'),
  pairingExpiresAt: z.iso.datetime(),
  exitPin: z.string().describe('Six digits: leaves kiosk mode on the paired device'),
});
