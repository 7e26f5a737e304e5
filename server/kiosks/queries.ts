import { sql } from 'kysely';
import { hashToken } from '../auth/tokens.ts';
import type { Db } from '../db/database.ts';
import { type PairingHashes, pairingColumns } from './pairing-queries.ts';
import type { Kiosk } from './schema.ts';

export async function insertKiosk(
  db: Db,
  kiosk: {
    communeCode: string;
    label: string;
    tokenHash: string;
    createdBy: string;
    pairing: PairingHashes;
  },
) {
  return db
    .insertInto('kiosks')
    .values({
      commune_code: kiosk.communeCode,
      label: kiosk.label,
      token_hash: kiosk.tokenHash,
      created_by: kiosk.createdBy,
      ...pairingColumns(kiosk.pairing),
    })
    .returning(['id', 'commune_code', 'label', 'pairing_expires_at'])
    .executeTakeFirstOrThrow();
}

const iso = (value: Date | null) => (value === null ? null : new Date(value).toISOString());

export async function listKiosks(db: Db): Promise<Kiosk[]> {
  const rows = await db
    .selectFrom('kiosks')
    .select([
      'id',
      'commune_code',
      'label',
      'created_at',
      'revoked_at',
      'last_seen_at',
      'paired_at',
    ])
    .orderBy('commune_code')
    .orderBy('created_at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    communeCode: row.commune_code,
    label: row.label,
    createdAt: new Date(row.created_at).toISOString(),
    revokedAt: iso(row.revoked_at),
    lastSeenAt: iso(row.last_seen_at),
    pairedAt: iso(row.paired_at),
  }));
}

/**
 * Revokes a kiosk: `revoked` when this call revoked it, `already` when it was revoked before
 * (the first time is kept), null when there is no such kiosk. Run in the caller's
 * transaction, so the revocation and its audit entry are kept together.
 */
export async function revokeKiosk(db: Db, id: string): Promise<'revoked' | 'already' | null> {
  const revoked = await db
    .updateTable('kiosks')
    .set({ revoked_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning(['id', 'commune_code', 'label'])
    .executeTakeFirst();
  if (revoked) return 'revoked';
  const exists = await db.selectFrom('kiosks').select('id').where('id', '=', id).executeTakeFirst();
  return exists ? 'already' : null;
}

/**
 * The live kiosk a token belongs to, marking it seen. The mark is written at most once a
 * minute, so a busy kiosk does not turn every submission into two writes.
 */
export async function findKioskByToken(db: Db, token: string) {
  const kiosk = await db
    .selectFrom('kiosks')
    .select(['id', 'commune_code'])
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (kiosk) {
    await db
      .updateTable('kiosks')
      .set({ last_seen_at: sql<Date>`now()` })
      .where('id', '=', kiosk.id)
      .where((eb) =>
        eb.or([
          eb('last_seen_at', 'is', null),
          eb('last_seen_at', '<', sql<Date>`now() - interval '1 minute'`),
        ]),
      )
      .execute();
  }
  return kiosk ?? null;
}
