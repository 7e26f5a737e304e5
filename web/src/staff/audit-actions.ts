import type { AuditAction } from '../../../server/audit/schema.ts';
import { t } from './messages.ts';

/**
 * The audit log's actions that have words of their own (`audit.action.<code>` in the
 * messages), in the order the filter lists them. The server may log more; those are shown by
 * their code, never hidden.
 */
export const knownAuditActions = [
  'review.exclude',
  'review.keep',
  'review.include',
  'user.create',
  'user.update',
  'kiosk.create',
  'kiosk.revoke',
  'kiosk.pairing_reissue',
  'kiosk.pair',
  'population.replace',
  'questionnaire.publish',
] as const satisfies readonly AuditAction[];

/**
 * An action in words, e.g. "review.exclude" → "Loại phiếu khỏi kết quả"; an unknown code as
 * it is, so a new kind of entry still reads as something.
 *
 * @example auditActionName('kiosk.revoke') // "Thu hồi ki-ốt"
 * @example auditActionName('wave.open') // "wave.open"
 */
export function auditActionName(action: string) {
  const key = `audit.action.${action}`;
  const words = t(key);
  return words === key ? action : words;
}
