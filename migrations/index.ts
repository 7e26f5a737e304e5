import type { Migration } from 'kysely';
import * as initial from './0001_initial.ts';
import * as seedCommunes from './0002_seed_communes.ts';
import * as staffAndKiosks from './0003_staff_and_kiosks.ts';
import * as kioskPairing from './0004_kiosk_pairing.ts';
import * as responsesExportIndex from './0005_responses_export_index.ts';
import * as integrity from './0006_integrity.ts';
import * as weightsAndReviewCounts from './0007_weights_and_review_counts.ts';
import * as waves from './0008_waves.ts';
import * as recordings from './0010_recordings.ts';
import * as duplicateKey from './0012_duplicate_key.ts';
import * as translations from './0013_translations.ts';
import * as paperAndImport from './0014_paper_and_import.ts';
import * as duplicateHashKey from './0015_duplicate_hash_key.ts';
import * as flagsAfterInsert from './0016_flags_after_insert.ts';

/** Every migration, by name, in the order they run. Listed here rather than read from the folder so the set is explicit and works wherever the code runs. */
export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_seed_communes': seedCommunes,
  '0003_staff_and_kiosks': staffAndKiosks,
  '0004_kiosk_pairing': kioskPairing,
  '0005_responses_export_index': responsesExportIndex,
  '0006_integrity': integrity,
  '0007_weights_and_review_counts': weightsAndReviewCounts,
  '0008_waves': waves,
  '0010_recordings': recordings,
  '0012_duplicate_key': duplicateKey,
  '0013_translations': translations,
  '0014_paper_and_import': paperAndImport,
  '0015_duplicate_hash_key': duplicateHashKey,
  '0016_flags_after_insert': flagsAfterInsert,
};
