/** Per commune·wave: responses excluded by review and flagged ones awaiting review. */
export interface ReviewCountsTable {
  commune_code: string;
  wave: string;
  excluded: number;
  flagged_unreviewed: number;
}
