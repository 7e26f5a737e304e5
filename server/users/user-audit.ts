import type { AuditActor, AuditEntry } from '../audit/append-audit.ts';
import type { User } from './schema.ts';
import { describeUserChange } from './user-change-details.ts';

/**
 * The audit entries of account changes, the same whoever makes them: an admin on /staff, an
 * operator at the shell (`npm run users`), or the server creating the first admin. Pure.
 */
export const userCreatedEntry = (actor: AuditActor, user: User): AuditEntry => ({
  actor,
  action: 'user.create',
  target: user.id,
  details: {
    email: user.email,
    role: user.role,
    communeCode: user.communeCode,
    communeCodes: user.communeCodes,
  },
});

/** Null when nothing changed, so a change to what was already there writes no entry. */
export function userUpdatedEntry(
  actor: AuditActor,
  before: User,
  after: User,
  passwordChanged: boolean,
): AuditEntry | null {
  const details = describeUserChange(before, after, passwordChanged);
  return details ? { actor, action: 'user.update', target: after.id, details } : null;
}

/** The shell's `npm run users`: no staff account stands behind it, so it is named as a tool. */
export const usersCliActor: AuditActor = { id: null, email: 'cli:users' };

/** The server itself, creating the first admin on a start with no account. */
export const firstStartActor: AuditActor = { id: null, email: 'server:first-start' };
