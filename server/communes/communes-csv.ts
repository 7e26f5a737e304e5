import type { CommunesTable } from './communes.table.ts';

/**
 * Reads the official list (`code,name,kind`, one unit a line). The list holds no quoted
 * fields, so a strict split is enough; anything unexpected is an error, not a guess.
 */
export function parseCommunesCsv(text: string): CommunesTable[] {
  const [header, ...lines] = text.trim().split(/\r?\n/);
  if (header !== 'code,name,kind') throw new Error(`communes.csv: unexpected header "${header}"`);
  return lines.map((line, i) => {
    const [code, name, kind, ...rest] = line.split(',');
    if (
      !code ||
      !/^\d{5}$/.test(code) ||
      !name ||
      (kind !== 'ward' && kind !== 'commune') ||
      rest.length > 0
    ) {
      throw new Error(
        `communes.csv line ${i + 2}: expected "code,name,ward|commune", got "${line}"`,
      );
    }
    return { code, name, kind };
  });
}
