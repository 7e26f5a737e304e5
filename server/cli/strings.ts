import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { exportKit, importKit, KitLanguageError, readKitFile } from '../languages/kit.ts';
import { collect, kitCsv, kitXlsx } from '../languages/kit-files.ts';
import { languageService } from '../languages/language-service.ts';
import { readLanguageFiles } from '../languages/read-language-files.ts';
import { XlsxReadError } from '../languages/read-xlsx.ts';
import type { KitCheck, KitProblem } from '../languages/schema.ts';
import { openDatabase } from '../open-database.ts';
import { readQuestionnaires } from '../questionnaires/load-questionnaires.ts';

const usage = `The translator's kit, for the questionnaire residents are given now. Uses the server's
DATABASE_URL or DATA_DIR (an embedded database only while the server is stopped).

  npm run strings -- export --lang tyz [--out FILE]   writes FILE.xlsx and FILE.csv (default strings-tyz)
  npm run strings -- import FILE [--dry-run]          checks a filled kit (.xlsx or .csv) and stores it

Columns: key, where, vi, en and the language's code; fill the last one. A translation keeps the
Vietnamese's placeholders ({count}) and markup (<b>) exactly. Nothing is stored while any row has
a problem; every problem is listed with its row.`;

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

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      lang: { type: 'string' },
      out: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
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
      return;
    }
    const dryRun = values['dry-run'] ?? false;
    const check = await importKit(db, languages, readKitFile(readFileSync(file ?? '')), {
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
    error instanceof XlsxReadError;
  const message = error instanceof Error ? error.message : String(error);
  console.error(`strings: ${message}${error instanceof UsageError ? `\n\n${usage}` : ''}`);
  if (!known && error instanceof Error && error.stack) console.error(error.stack);
  process.exit(1);
});
