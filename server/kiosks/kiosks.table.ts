import type { ColumnType, Generated } from 'kysely';

export interface KiosksTable {
  id: Generated<string>;
  commune_code: string;
  label: string;
  /** sha256 of the token: the token itself is shown once, at creation, and never stored. */
  token_hash: string;
  created_by: string | null;
  created_at: Generated<Date>;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  last_seen_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** sha256 of the one-time pairing code; the code itself is shown once, to the admin. */
  pairing_code_hash: ColumnType<string | null, string | null | undefined, string | null>;
  pairing_expires_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  pairing_used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  paired_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The exit PIN as sha256(salt + pin), handed to the device at pairing to check offline. */
  exit_pin_salt: ColumnType<string | null, string | null | undefined, string | null>;
  exit_pin_hash: ColumnType<string | null, string | null | undefined, string | null>;
}
