import type { ColumnType, Generated } from 'kysely';

/** Append-only (the database refuses update, delete and truncate): see migration 0006. */
export interface AuditLogTable {
  id: ColumnType<string, never, never>;
  at: Generated<Date>;
  actor_id: string | null;
  /** The actor's e-mail at the time, so the entry reads the same after the account changes. */
  actor: string;
  action: string;
  target: string | null;
  reason: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}
