import { type AuditAction, auditActions } from '../../../server/audit/schema.ts';
import { t } from './messages.ts';

/** The order the filter lists actions in: by what a person looks for, feature by feature. */
const filterOrder = [
  'review.exclude',
  'review.keep',
  'review.include',
  'wave.create',
  'wave.update',
  'wave.close',
  'wave.targets',
  'questionnaire.publish',
  'population.replace',
  'user.create',
  'user.update',
  'kiosk.create',
  'kiosk.revoke',
  'kiosk.pairing_reissue',
  'kiosk.pair',
] as const satisfies readonly AuditAction[];

/**
 * Every action the server audits, for the audit page's filter: those above in their order,
 * then any other the server's list names (a new feature's action is never left out of the
 * filter; until it has words, `audit.action.<code>` in the messages, it shows by its code).
 */
export const knownAuditActions: readonly AuditAction[] = [
  ...filterOrder,
  ...auditActions.filter((action) => !(filterOrder as readonly string[]).includes(action)),
];

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
