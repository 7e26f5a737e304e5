import type { Db } from '../db/database.ts';
import { validationFailed } from '../errors.ts';
import type { Staff } from '../users/schema.ts';
import { findBatchByNumber } from './queries.ts';
import { parseSerial } from './serial.ts';

const serialProblem = (message: string) => validationFailed([{ path: 'serial', message }]);

/**
 * The printed form a typed serial names, for this staff member to enter: 400 naming `serial`
 * when its check digit fails, when it was never printed (no such batch in its commune, or a
 * form number past the batch's count), or when it is a form of a commune this enumerator is
 * not bound to. The commune is checked before the batch is looked up, so an enumerator
 * learns nothing about other communes' batches.
 */
export async function findPrintedForm(db: Db, typed: string, staff: Staff) {
  const parsed = parseSerial(typed);
  if (!parsed.ok) throw serialProblem(parsed.reason);
  const { serial, communeCode, batch: number, form } = parsed;
  if (staff.role === 'enumerator' && !staff.communeCodes.includes(communeCode)) {
    throw serialProblem(
      `a form of commune ${communeCode}; you enter forms of ${staff.communeCodes.join(', ')} only`,
    );
  }
  const batch = await findBatchByNumber(db, communeCode, number);
  if (!batch) throw serialProblem(`never printed: commune ${communeCode} has no batch ${number}`);
  if (form > batch.count) {
    throw serialProblem(`never printed: batch ${number} has forms 1 to ${batch.count}`);
  }
  return { serial, batch };
}
