import type { ColumnType, Generated } from 'kysely';

/** A translation imported by an admin; see migration 0013. */
export interface TranslationsTable {
  language: string;
  /** `messages`, or the questionnaire id whose strings these are. */
  scope: string;
  key: string;
  text: string;
  updated_at: Generated<Date>;
  /** The admin's e-mail at the time (the audit log holds the rest). */
  updated_by: ColumnType<string, string, string>;
}
