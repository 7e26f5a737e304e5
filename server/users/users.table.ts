import type { ColumnType, Generated } from 'kysely';
import type { Role } from './schema.ts';

export interface UsersTable {
  id: Generated<string>;
  /** Stored lower-cased: e-mail addresses are matched without regard to case. */
  email: string;
  /** argon2id, with its parameters in the PHC string. */
  password_hash: string;
  role: Role;
  commune_code: string | null;
  disabled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Generated<Date>;
}

export interface SessionsTable {
  /** sha256 of the cookie's token: a stolen database does not yield live sessions. */
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Date;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface LoginFailuresTable {
  key: string;
  failures: number;
  last_failure_at: Date;
}
