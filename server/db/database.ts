import type { Kysely } from 'kysely';
import type { CommunesTable } from '../communes/communes.table.ts';
import type { QuestionnairesTable } from '../questionnaires/questionnaires.table.ts';
import type { ResponsesTable, RollupsTable } from '../responses/responses.table.ts';

export interface Database {
  communes: CommunesTable;
  questionnaires: QuestionnairesTable;
  responses: ResponsesTable;
  rollups: RollupsTable;
}

export type Db = Kysely<Database>;
