import type { CommuneResult, WaveResults } from '../../../server/results/schema.ts';

/** Whether a commune has population figures: `unknown` when they could not be read. */
export type Margins = 'yes' | 'no' | 'unknown';

/** One commune as the comparison screen shows it: the same wave weighted and unweighted. */
export type CompareRow = {
  code: string;
  name: string;
  /** The row of `GET /api/results` (raked wherever the commune could be weighted). */
  weighted: CommuneResult;
  /** The row of `GET /api/results?weights=none`. */
  unweighted: CommuneResult;
  margins: Margins;
  /** Its status is not the same weighted and unweighted: the rows a reader must see first. */
  changed: boolean;
};

export type CompareFilter = 'all' | 'changed' | 'weighted' | 'noMargins';
export const compareFilters: readonly CompareFilter[] = ['all', 'changed', 'weighted', 'noMargins'];

/**
 * The order of the screen: status changes first, then the other weighted communes, then those
 * with margins that could not be weighted, then those without margins. Within each group the
 * weighted ranking's own order (rank, then the insufficient by code).
 */
const group = (row: CompareRow) =>
  row.changed ? 0 : row.weighted.weighting === 'raked' ? 1 : row.margins === 'no' ? 3 : 2;

/**
 * Pairs each commune of the weighted results with its unweighted row (same wave, same
 * communes: both come from one server for one wave). `withMargins` is the set of commune codes
 * that have population figures, or null when they could not be read.
 */
export function compareRows(
  weighted: WaveResults,
  unweighted: WaveResults,
  withMargins: ReadonlySet<string> | null,
): CompareRow[] {
  const plain = new Map(unweighted.communes.map((c) => [c.code, c]));
  const rows = weighted.communes.flatMap((commune, index) => {
    const other = plain.get(commune.code);
    if (!other) return [];
    const margins: Margins = withMargins
      ? withMargins.has(commune.code)
        ? 'yes'
        : 'no'
      : 'unknown';
    const row: CompareRow = {
      code: commune.code,
      name: commune.name,
      weighted: commune,
      unweighted: other,
      margins,
      changed: commune.status !== other.status,
    };
    return [{ row, index }];
  });
  return rows
    .sort((a, b) => group(a.row) - group(b.row) || a.index - b.index)
    .map(({ row }) => row);
}

/** The rows one filter keeps, in the same order. */
export function filterRows(rows: readonly CompareRow[], filter: CompareFilter): CompareRow[] {
  switch (filter) {
    case 'changed':
      return rows.filter((r) => r.changed);
    case 'weighted':
      return rows.filter((r) => r.weighted.weighting === 'raked');
    case 'noMargins':
      return rows.filter((r) => r.margins === 'no');
    default:
      return [...rows];
  }
}

/** The counts the screen's summary gives. */
export function compareCounts(rows: readonly CompareRow[]) {
  return {
    total: rows.length,
    changed: rows.filter((r) => r.changed).length,
    weighted: rows.filter((r) => r.weighted.weighting === 'raked').length,
    noMargins: rows.filter((r) => r.margins === 'no').length,
  };
}
