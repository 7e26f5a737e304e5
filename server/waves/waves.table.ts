import type { ColumnType, Generated } from 'kysely';

/** Dates are read as `YYYY-MM-DD` text (`opens_on::text`): a JS Date would shift the day. */
export interface WavesTable {
  id: string;
  name: string;
  opens_on: ColumnType<string, string, string>;
  closes_on: ColumnType<string, string, string>;
  questionnaire_id: string;
  /** Responses each commune is to collect; null: the configured `MIN_N`. */
  target: number | null;
  /** When an admin closed the wave before the end of its last day. */
  closed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** A commune's own target in a wave, where it differs from the wave's. */
export interface WaveTargetsTable {
  wave_id: string;
  commune_code: string;
  target: number;
}
