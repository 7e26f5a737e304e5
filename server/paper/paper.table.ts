import type { ColumnType, Generated } from 'kysely';

/** Numbered paper forms printed for a commune and a wave (migrations/0014_paper_and_import.ts). */
export interface PaperBatchesTable {
  id: Generated<string>;
  commune_code: string;
  /** Unique in its commune across waves: a serial names its batch, and so its wave. */
  number: number;
  wave: string;
  /** The questionnaire version printed: what a form's answers are checked and scored against. */
  questionnaire_id: string;
  language: string;
  form_count: number;
  /** E-mail of the admin who printed it, at the time. */
  created_by: string;
  created_at: Generated<Date>;
}

/** Every typing of a form: one per serial and person, kept after the form is decided. */
export interface PaperEntriesTable {
  serial: string;
  batch_id: string;
  entered_by: string;
  entered_by_email: string;
  answers: ColumnType<Record<string, unknown>, string, never>;
  completed_on: ColumnType<string | null, string | null, never>;
  entered_at: Generated<Date>;
}

/** A form's state once typed at least once, and the response it became when verified. */
export interface PaperFormsTable {
  serial: string;
  batch_id: string;
  state: 'awaiting_second' | 'verified' | 'conflict';
  response_id: string | null;
  resolved_by: string | null;
  resolved_at: ColumnType<Date | null, string | null, string | null>;
  resolution_reason: string | null;
  updated_at: Generated<Date>;
}

/** The communes an enumerator may enter paper forms of. */
export interface UserCommunesTable {
  user_id: string;
  commune_code: string;
}
