import type { Kysely } from 'kysely';

/**
 * Pairing a kiosk device with a short one-time code, and the exit PIN staff type to leave
 * kiosk mode. Codes and PINs are stored only as hashes.
 */
export async function up(db: Kysely<unknown>) {
  await db.schema
    .alterTable('kiosks')
    .addColumn('pairing_code_hash', 'text')
    .addColumn('pairing_expires_at', 'timestamptz')
    // When the current code was used; cleared when a new code is issued.
    .addColumn('pairing_used_at', 'timestamptz')
    // When a device last paired; kept across new codes, for the kiosk list.
    .addColumn('paired_at', 'timestamptz')
    .addColumn('exit_pin_salt', 'text')
    .addColumn('exit_pin_hash', 'text')
    .execute();
  // Unique: a code must name one kiosk, never two (a collision fails the insert, not a pairing).
  await db.schema
    .createIndex('kiosks_pairing_code_hash_idx')
    .on('kiosks')
    .column('pairing_code_hash')
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>) {
  await db.schema.dropIndex('kiosks_pairing_code_hash_idx').execute();
  await db.schema
    .alterTable('kiosks')
    .dropColumn('exit_pin_hash')
    .dropColumn('exit_pin_salt')
    .dropColumn('paired_at')
    .dropColumn('pairing_used_at')
    .dropColumn('pairing_expires_at')
    .dropColumn('pairing_code_hash')
    .execute();
}
