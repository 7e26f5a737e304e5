import type { ColumnType, Generated } from 'kysely';

/** A commune's population in one category of one margin (METHOD.md section 8). */
export interface PopulationMarginsTable {
  commune_code: string;
  variable: 'sex' | 'age_band';
  category: string;
  population: number;
}

/** The single row saying where the margins in force came from. */
export interface PopulationSourceTable {
  id: Generated<boolean>;
  source: string;
  updated_at: ColumnType<Date, string | undefined, string>;
  /** E-mail of the admin who stored them, at the time. */
  updated_by: string;
  is_demo: Generated<boolean>;
}
