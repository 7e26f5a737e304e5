import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importRecordings } from '../audio/import-recordings.ts';
import { manifestName, recordingArchive } from '../audio/recording-archive.ts';
import type { RecordingImport } from '../audio/schema.ts';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { exportKit, importKit, KitLanguageError, readKitFile } from '../languages/kit.ts';
import { collect, kitCsv, kitXlsx } from '../languages/kit-files.ts';
import { languageService } from '../languages/language-service.ts';
import { readLanguageFiles } from '../languages/read-language-files.ts';
import { readZip, ZipReadError } from '../languages/read-zip.ts';
import type { KitCheck, KitProblem } from '../languages/schema.ts';
import { openDatabase } from '../open-database.ts';
import { readQuestionnaires } from '../questionnaires/load-questionnaires.ts';
import { findServedQuestionnaire } from '../questionnaires/served-questionnaire.ts';

const usage = `The translator's kit, for the questionnaire residents are given now. Uses the server's
DATABASE_URL or DATA_DIR (an embedded database only while the server is stopped).

  npm run strings -- export --lang tyz [--out FILE]   writes FILE.xlsx, FILE.csv and
                                                      FILE-recordings.zip (default strings-tyz)
  npm run strings -- import FILE [--dry-run] [--by EMAIL]
                                                      checks a filled kit (.xlsx or .csv), or a
                                                      recordings archive (.zip), and stores it

Columns: key, where, vi, en and the language's code; fill the last one. A translation keeps the
Vietnamese's placeholders ({count}) and markup (<b>) exactly. Nothing is stored while any row has
a problem; every problem is listed with its row.

The recordings archive holds manifest.json (key, file, sha256, type per recording) and the
recordings, named after their keys; add a recording by adding its file and a manifest entry
(key and file; type and sha256 may be left out). Each is checked as an upload is (Ogg Opus,
MP3 or WebM by its bytes, at most 1 MB and 60 s); one with the stored sha256 is left unchanged.
Recordings are stored as uploaded by the admin --by names (default: ADMIN_EMAIL).`;

class UsageError extends Error {}

const line = (problem: KitProblem) =>
  `  ${problem.row ? `row ${problem.row}` : 'missing'}${problem.key ? ` ${problem.key}` : ''}: ${problem.message}`;

function report(check: KitCheck, dryRun: boolean) {
  for (const problem of check.errors) console.error(`error ${line(problem)}`);
  for (const problem of check.warnings) console.log(`warning ${line(problem)}`);
  const coverage = `${check.translated} of ${check.needed} strings (${(check.coverage * 100).toFixed(1)}%)`;
  if (check.errors.length > 0) {
    console.error(
      `${check.errors.length} problems: nothing stored. Coverage would be ${coverage}.`,
    );
  } else {
    const done = check.stored ? 'stored' : dryRun ? 'checked (dry run, nothing stored)' : 'checked';
    const offered = check.coverage === 1 ? 'offered to residents' : 'not yet offered (incomplete)';
    console.log(`${check.language}: ${done}; coverage ${coverage}, ${offered}.`);
  }
}

/** A zip with a manifest: the kit's recordings (an .xlsx workbook is a zip too, without one). */
function isRecordingArchive(file: Buffer) {
  if (!file.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return false;
  try {
    return readZip(file, 0).has(manifestName);
  } catch (error) {
    if (error instanceof ZipReadError) return false;
    throw error;
  }
}

/** A recording is stored with the admin who uploaded it: the one named, who must be one. */
async function adminId(db: Db, email: string | undefined) {
  if (!email) throw new UsageError('--by EMAIL is required to import recordings (an admin)');
  const user = await db
    .selectFrom('users')
    .select(['id', 'role', 'disabled_at'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  if (user?.role !== 'admin' || user.disabled_at !== null) {
    throw new UsageError(`${email} is no active admin: recordings are stored as an admin's`);
  }
  return user.id;
}

function reportRecordings(result: RecordingImport, dryRun: boolean) {
  const at = (p: { key: string | null; file: string | null }) => p.file ?? p.key ?? 'archive';
  for (const problem of result.errors) console.error(`error ${at(problem)}: ${problem.message}`);
  for (const problem of result.warnings) console.log(`warning ${at(problem)}: ${problem.message}`);
  if (result.errors.length > 0) {
    console.error(`${result.errors.length} problems: no recording stored.`);
    return;
  }
  const done = result.stored ? 'stored' : dryRun ? 'checked (dry run, nothing stored)' : 'checked';
  console.log(
    `${result.language} recordings of ${result.questionnaireId}: ${done}; ` +
      `${result.added} added, ${result.replaced} replaced, ${result.unchanged} unchanged.`,
  );
}

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      lang: { type: 'string' },
      out: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      by: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, file] = positionals;
  if (values.help || !command) return console.log(usage);
  if (command !== 'export' && command !== 'import')
    throw new UsageError(`unknown command "${command}"`);
  if (command === 'export' && !values.lang) throw new UsageError('--lang is required');
  if (command === 'import' && !file) throw new UsageError('the kit file is required');

  const config = loadConfig();
  const catalog = readQuestionnaires(config.SURVEYS_DIR, config.CURRENT_QUESTIONNAIRE);
  const files = readLanguageFiles(
    config.EXTRA_LANGUAGES_DIR
      ? [config.LANGUAGES_DIR, config.EXTRA_LANGUAGES_DIR]
      : [config.LANGUAGES_DIR],
  );
  const { db } = await openDatabase(config, { poolSize: 1, catalog });
  try {
    const languages = languageService(db, catalog, files);
    if (command === 'export') {
      const code = values.lang ?? '';
      const rows = await exportKit(languages, code);
      const base = (values.out ?? `strings-${code}`).replace(/\.(xlsx|csv)$/i, '');
      writeFileSync(`${base}.xlsx`, await collect(kitXlsx(code, rows)));
      writeFileSync(`${base}.csv`, await collect(kitCsv(code, rows)));
      const done = rows.filter((row) => row.target !== '').length;
      console.log(`wrote ${base}.xlsx and ${base}.csv: ${rows.length} strings, ${done} translated`);
      const { questionnaire } = await findServedQuestionnaire(db, catalog, new Date());
      const archive = await recordingArchive(db, questionnaire.id, code);
      writeFileSync(`${base}-recordings.zip`, await collect(archive.chunks));
      console.log(
        `wrote ${base}-recordings.zip: ${archive.manifest.recordings.length} recordings of ${questionnaire.id}`,
      );
      return;
    }
    const dryRun = values['dry-run'] ?? false;
    const contents = readFileSync(file ?? '');
    if (isRecordingArchive(contents)) {
      const uploadedBy = await adminId(db, values.by ?? config.ADMIN_EMAIL);
      const result = await importRecordings(db, catalog, contents, {
        actor: { id: null, email: 'cli:strings' },
        uploadedBy,
        dryRun,
      });
      reportRecordings(result, dryRun);
      if (result.errors.length > 0) process.exitCode = 1;
      return;
    }
    const check = await importKit(db, languages, readKitFile(contents), {
      actor: { id: null, email: 'cli:strings' },
      dryRun,
    });
    report(check, dryRun);
    if (check.errors.length > 0) process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const known =
    error instanceof UsageError ||
    error instanceof KitLanguageError ||
    error instanceof ZipReadError;
  const message = error instanceof Error ? error.message : String(error);
  console.error(`strings: ${message}${error instanceof UsageError ? `\n\n${usage}` : ''}`);
  if (!known && error instanceof Error && error.stack) console.error(error.stack);
  process.exit(1);
});
