import type { Db } from '../db/database.ts';
import type { Staff } from '../users/schema.ts';
import type { AuditAction } from './schema.ts';

/** Who made a change: a staff account (its e-mail at the time), or a named non-staff actor. */
export type AuditActor = { id: string | null; email: string };

export type AuditEntry = {
  actor: AuditActor;
  action: AuditAction;
  /** What was acted on: a user, kiosk or response id. */
  target: string | null;
  reason?: string | null;
  /** What changed, never a secret (no password, token, pairing code or PIN). */
  details?: Record<string, unknown>;
};

export const staffActor = (staff: Pick<Staff, 'id' | 'email'>): AuditActor => ({
  id: staff.id,
  email: staff.email,
});

/**
 * Appends one entry to the audit log (METHOD.md section 7), inside the transaction of the
 * change it records: both are kept or neither, so the log can never claim a change that was
 * rolled back, nor miss one that was made. Refuses to run outside a transaction for that
 * reason. The database itself refuses to update or delete what is written here.
 */
export async function appendAudit(trx: Db, entry: AuditEntry): Promise<void> {
  if (!trx.isTransaction) {
    throw new Error('appendAudit runs in the transaction of the change it records');
  }
  await trx
    .insertInto('audit_log')
    .values({
      actor_id: entry.actor.id,
      actor: entry.actor.email,
      action: entry.action,
      target: entry.target,
      reason: entry.reason ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}
