import type { Kysely } from 'kysely';
import type { RecordingsTable } from '../audio/recordings.table.ts';
import type { AuditLogTable } from '../audit/audit-log.table.ts';
import type { CommunesTable } from '../communes/communes.table.ts';
import type { KiosksTable } from '../kiosks/kiosks.table.ts';
import type { TranslationsTable } from '../languages/translations.table.ts';
import type {
  PaperBatchesTable,
  PaperEntriesTable,
  PaperFormsTable,
  UserCommunesTable,
} from '../paper/paper.table.ts';
import type {
  PopulationMarginsTable,
  PopulationSourceTable,
} from '../population/population.table.ts';
import type { QuestionnairesTable } from '../questionnaires/questionnaires.table.ts';
import type { ResponsesTable, RollupsTable } from '../responses/responses.table.ts';
import type { ReviewCountsTable } from '../review/review-counts.table.ts';
import type { LoginFailuresTable, SessionsTable, UsersTable } from '../users/users.table.ts';
import type { WavesTable, WaveTargetsTable } from '../waves/waves.table.ts';

export interface Database {
  communes: CommunesTable;
  questionnaires: QuestionnairesTable;
  responses: ResponsesTable;
  rollups: RollupsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  kiosks: KiosksTable;
  audit_log: AuditLogTable;
  population_margins: PopulationMarginsTable;
  population_source: PopulationSourceTable;
  review_counts: ReviewCountsTable;
  waves: WavesTable;
  wave_targets: WaveTargetsTable;
  translations: TranslationsTable;
  recordings: RecordingsTable;
  user_communes: UserCommunesTable;
  paper_batches: PaperBatchesTable;
  paper_entries: PaperEntriesTable;
  paper_forms: PaperFormsTable;
}

export type Db = Kysely<Database>;
