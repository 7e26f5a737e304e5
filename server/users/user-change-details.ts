import type { User } from './schema.ts';

/**
 * What an account change changed, for its audit entry: each field that differs, from and to,
 * and whether a new password was set (never the password or its hash). Null when nothing
 * changed, so a no-op PATCH writes no entry. Pure.
 *
 * @example
 *   describeUserChange({ …, role: 'analyst', communeCode: null, disabled: false },
 *                      { …, role: 'commune_officer', communeCode: '01273', disabled: false }, false)
 *   // { email, changes: { role: { from: 'analyst', to: 'commune_officer' },
 *   //                     communeCode: { from: null, to: '01273' } } }
 */
export function describeUserChange(
  before: User,
  after: User,
  passwordChanged: boolean,
): { email: string; changes: Record<string, unknown> } | null {
  const changes: Record<string, unknown> = {};
  for (const field of ['role', 'communeCode', 'disabled'] as const) {
    if (before[field] !== after[field]) changes[field] = { from: before[field], to: after[field] };
  }
  if (before.communeCodes.join(',') !== after.communeCodes.join(',')) {
    changes.communeCodes = { from: before.communeCodes, to: after.communeCodes };
  }
  if (passwordChanged) changes.password = 'changed';
  return Object.keys(changes).length > 0 ? { email: after.email, changes } : null;
}
