import type { ColumnType, Generated } from 'kysely';

export interface QuestionnairesTable {
  id: string;
  /** sha256 of the file's canonical JSON: answered versions must never change under their id. */
  content_hash: string;
  definition: ColumnType<unknown, string, string>;
  published: string;
  loaded_at: Generated<Date>;
}
