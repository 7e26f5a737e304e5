import type { ColumnType, Generated } from 'kysely';

/**
 * One recording (migration 0010). `bytes` is written and read as base64 text by the queries
 * (queries.ts says why); `seconds` comes back as a number from both databases (float8).
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
