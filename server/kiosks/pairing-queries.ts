import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { pairingLifetimeHours } from './pairing-code.ts';

/** What is stored of a pairing: hashes only; the code and the PIN are shown once. */
export type PairingHashes = { codeHash: string; exitPinSalt: string; exitPinHash: string };

/** The columns that start a pairing; the database's clock sets the expiry. */
export const pairingColumns = (pairing: PairingHashes) => ({
  pairing_code_hash: pairing.codeHash,
  pairing_expires_at: sql<Date>`now() + ${sql.lit(pairingLifetimeHours)} * interval '1 hour'`,
  pairing_used_at: null,
  exit_pin_salt: pairing.exitPinSalt,
  exit_pin_hash: pairing.exitPinHash,
});

/**
 * Gives a live kiosk a new pairing code and exit PIN (a device lost its storage, or is being
 * replaced); the old code stops working. Null when there is no live kiosk with this id.
 */
export async function reissuePairing(db: Db, kioskId: string, pairing: PairingHashes) {
  const row = await db
    .updateTable('kiosks')
    .set(pairingColumns(pairing))
    .where('id', '=', kioskId)
    .where('revoked_at', 'is', null)
    .returning('pairing_expires_at')
    .executeTakeFirst();
  return row?.pairing_expires_at ?? null;
}

/**
 * Uses a pairing code: in one statement the code is marked used and the kiosk's token is
 * replaced, so two devices racing with the same code cannot both pair. Null when the code
 * is not live (unknown, used, expired, or its kiosk revoked).
 */
export async function pairKiosk(db: Db, codeHash: string, newTokenHash: string) {
  const kiosk = await db
    .updateTable('kiosks')
    .set({
      token_hash: newTokenHash,
      pairing_used_at: sql<Date>`now()`,
      paired_at: sql<Date>`now()`,
    })
    .where('pairing_code_hash', '=', codeHash)
    .where('pairing_used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('pairing_expires_at', '>', sql<Date>`now()`)
    .returning(['id', 'commune_code', 'label', 'exit_pin_salt', 'exit_pin_hash'])
    .executeTakeFirst();
  if (!kiosk) return null;
  const commune = await db
    .selectFrom('communes')
    .select('name')
    .where('code', '=', kiosk.commune_code)
    .executeTakeFirstOrThrow();
  return { ...kiosk, commune_name: commune.name };
}

/** Why a code did not pair, for a message the officer at the kiosk can act on. */
export async function whyNotPaired(
  db: Db,
  codeHash: string,
): Promise<'unknown' | 'revoked' | 'used' | 'expired'> {
  const row = await db
    .selectFrom('kiosks')
    .select([
      'revoked_at',
      'pairing_used_at',
      sql<boolean>`pairing_expires_at <= now()`.as('expired'),
    ])
    .where('pairing_code_hash', '=', codeHash)
    .executeTakeFirst();
  if (!row) return 'unknown';
  if (row.revoked_at !== null) return 'revoked';
  if (row.pairing_used_at !== null) return 'used';
  return row.expired ? 'expired' : 'unknown';
}
