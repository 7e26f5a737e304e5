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
}
