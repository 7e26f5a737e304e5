// Imports nothing, so the unit tests run it without a page.

/**
 * The day a clerk typed from a paper form, as `YYYY-MM-DD`: day, month and year as Việt Nam
 * writes them, either 8 digits (`02122026`) or with any separator (`2/12/2026`, `02-12-2026`);
 * `''` for nothing typed; `null` for anything that is not a real day.
 *
 * @example typedDay('02122026')  // '2026-12-02'
 * @example typedDay('2/12/2026') // '2026-12-02'
 * @example typedDay('31022026')  // null (no 31 February)
 */
export function typedDay(typed: string): string | null {
  const text = typed.trim();
  if (text === '') return '';
  const parts = /^\d{8}$/.test(text)
    ? [text.slice(0, 2), text.slice(2, 4), text.slice(4)]
    : text.split(/[/.\-\s]+/);
  if (parts.length !== 3) return null;
  const [day, month, year] = parts.map(Number) as [number, number, number];
  if (!/^\d{4}$/.test(parts[2] ?? '') || !Number.isInteger(day) || !Number.isInteger(month)) {
    return null;
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return null;
  }
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
