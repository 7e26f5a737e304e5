// Imports nothing: the staff pages check a typed serial with this same code.

/**
 * A paper form's serial, `CCCCC-BBBB-NNNN-D`: the commune code, the batch number in that
 * commune, the form's number in the batch, and a Damm check digit over those 13 digits.
 *
 * Damm's check digit (H. M. Damm, 2004) catches every single-digit error and every swap of two
 * adjacent differing digits, the two mistakes a clerk typing a number makes most, with one
 * digit and no letters (unlike ISO 7064 mod 11-2's `X`). The dashes are only for reading:
 * the check runs over the digits, so a swap across a dash is caught too.
 *
 * @example formatSerial({ communeCode: '01273', batch: 1, form: 7 }) // '01273-0001-0007-…'
 */

/** A totally anti-symmetric quasigroup of order 10 with a zero diagonal (Damm 2004). */
const dammTable: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/** Folds digits through the table; the check digit of `digits` is the result. */
function dammInterim(digits: string): number {
  let interim = 0;
  for (const char of digits) interim = dammTable[interim]?.[char.charCodeAt(0) - 48] ?? Number.NaN;
  return interim;
}

/** The Damm check digit of a string of digits. */
export function dammCheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new Error(`not a string of digits: "${digits}"`);
  return dammInterim(digits);
}

/** Whether digits ending in their Damm check digit are intact (the fold over all of them is 0). */
export function hasValidDammCheck(digits: string): boolean {
  return /^\d+$/.test(digits) && dammInterim(digits) === 0;
}

export const maxBatchNumber = 9999;
export const maxFormNumber = 9999;

export type SerialParts = { communeCode: string; batch: number; form: number };

export type ParsedSerial =
  | ({ ok: true; serial: string } & SerialParts)
  | { ok: false; reason: string };

const pad4 = (value: number) => String(value).padStart(4, '0');

/** The serial of a form: `formatSerial({ communeCode: '01273', batch: 1, form: 7 })`. */
export function formatSerial({ communeCode, batch, form }: SerialParts): string {
  if (!/^\d{5}$/.test(communeCode)) throw new Error(`not a commune code: "${communeCode}"`);
  for (const [name, value, max] of [
    ['batch', batch, maxBatchNumber],
    ['form', form, maxFormNumber],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > max) {
      throw new Error(`${name} number out of range 1..${max}: ${value}`);
    }
  }
  const digits = `${communeCode}${pad4(batch)}${pad4(form)}`;
  return `${communeCode}-${pad4(batch)}-${pad4(form)}-${dammCheckDigit(digits)}`;
}

/**
 * Reads a typed serial: spaces around it are dropped, and 14 digits typed without dashes are
 * read as one (a barcode scanner or a hurried clerk may leave them out). Returns the parts, or
 * a reason a clerk can act on.
 */
export function parseSerial(typed: string): ParsedSerial {
  const text = typed.trim();
  const digits = text.replace(/-/g, '');
  const shaped = /^\d{5}-\d{4}-\d{4}-\d$/.test(text) || /^\d{14}$/.test(text);
  if (!shaped) {
    return { ok: false, reason: 'a serial has the form CCCCC-BBBB-NNNN-D (14 digits)' };
  }
  if (!hasValidDammCheck(digits)) {
    return { ok: false, reason: 'the check digit does not match: a digit is mistyped' };
  }
  const communeCode = digits.slice(0, 5);
  const batch = Number(digits.slice(5, 9));
  const form = Number(digits.slice(9, 13));
  if (batch === 0) return { ok: false, reason: 'batch number 0000 is never printed' };
  if (form === 0) return { ok: false, reason: 'form number 0000 is never printed' };
  return { ok: true, serial: formatSerial({ communeCode, batch, form }), communeCode, batch, form };
}
