/** A plain-text table: first column left-aligned, the others right-aligned (numbers). */
export function formatTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>) {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** `1234.5` → `1,235`; `fixed` decimals otherwise. */
export const formatNumber = (value: number, fixed = 0) =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', { minimumFractionDigits: fixed, maximumFractionDigits: fixed })
    : '–';
