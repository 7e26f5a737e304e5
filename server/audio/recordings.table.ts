import type { ColumnType, Generated } from 'kysely';

/**
 * One recording (migration 0010). `bytes` comes back as a Buffer from PostgreSQL and a
 * Uint8Array from the embedded database; `seconds` as a number from both (float8).
 */
export interface RecordingsTable {
  questionnaire_id: string;
  language: string;
  key: string;
  content_type: string;
  bytes: ColumnType<Uint8Array, Uint8Array, Uint8Array>;
  byte_length: number;
  seconds: number;
  sha256: string;
  uploaded_at: Generated<Date>;
  uploaded_by: string;
}
