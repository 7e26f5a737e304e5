import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.ts';

/**
 * Migrations are history: a database somewhere has run every released one, and Kysely never
 * runs a migration twice, so editing one changes nothing there and splits the world into
 * databases that ran the old text and databases that ran the new. The committed list of
 * released migrations and their hashes turns such an edit into a failing test.
 */

const migrationsDir = fileURLToPath(new URL('../../migrations/', import.meta.url));
const releasedFile = 'migrations/released.json';

type Released = { name: string; sha256: string };
type MigrationFile = { name: string; text: string };

function sha256(text: string) {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Every module a file imports (static, re-exported, dynamic or required). */
function importedSpecifiers(text: string) {
  const patterns = [
    /\b(?:import|export)\s[^'"]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]/g,
  ];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1] ?? ''));
}

/**
 * Why a migration may import only libraries: application code changes, and a migration that
 * calls it would run differently on a database migrated later than on one migrated earlier.
 * Files are out for the same reason (0002 once read the live commune list).
 */
function importProblem(file: MigrationFile, specifier: string) {
  if (specifier === 'node:fs' || specifier === 'fs' || specifier.startsWith('node:fs/')) {
    return `migrations/${file.name}.ts imports "${specifier}": a migration reads no files; write what it needs inside it`;
  }
  const resolved = new URL(specifier, 'file:///migrations/here.ts').pathname;
  const leavesFolder = specifier.startsWith('.') && !/^\/migrations\/[^/]+$/.test(resolved);
  if (specifier.startsWith('/') || specifier.startsWith('file:') || leavesFolder) {
    return `migrations/${file.name}.ts imports "${specifier}": a migration may not import application code; copy what it needs into it`;
  }
  return null;
}

/** Everything wrong with the migrations against the released list; empty when all is well. */
function findHistoryProblems(input: {
  released: Released[];
  files: MigrationFile[];
  indexNames: string[];
}) {
  const problems: string[] = [];
  const files = new Map(input.files.map((file) => [file.name, file]));
  const listed = new Set(input.released.map((entry) => entry.name));

  for (const entry of input.released) {
    const file = files.get(entry.name);
    if (!file) {
      problems.push(
        `released migration ${entry.name} is gone: restore migrations/${entry.name}.ts`,
      );
    } else if (sha256(file.text) !== entry.sha256) {
      problems.push(
        `released migration ${entry.name} changed (sha256 ${sha256(file.text)}, released ${entry.sha256}): restore it as released and put the change in a new migration`,
      );
    }
    if (!input.indexNames.includes(entry.name)) {
      problems.push(`released migration ${entry.name} is missing from migrations/index.ts`);
    }
  }

  const unlisted = new Set([...input.files.map((file) => file.name), ...input.indexNames]);
  for (const name of unlisted) {
    if (listed.has(name)) continue;
    const file = files.get(name);
    const hash = file ? sha256(file.text) : '<the file is missing>';
    problems.push(
      `migration ${name} is not in ${releasedFile}. Once it is released, add it there, once and last: { "name": "${name}", "sha256": "${hash}" } (sha256sum migrations/${name}.ts), and never edit the file again`,
    );
  }

  const indexOrder = input.indexNames.filter((name) => listed.has(name));
  const releasedOrder = input.released
    .map((entry) => entry.name)
    .filter((name) => input.indexNames.includes(name));
  if (indexOrder.join() !== releasedOrder.join()) {
    problems.push(
      `migrations/index.ts runs released migrations in another order than ${releasedFile}`,
    );
  }

  for (const file of input.files) {
    for (const specifier of importedSpecifiers(file.text)) {
      const problem = importProblem(file, specifier);
      if (problem) problems.push(problem);
    }
  }
  return problems;
}

function readRepository() {
  const released = (
    JSON.parse(readFileSync(`${migrationsDir}released.json`, 'utf8')) as {
      migrations: Released[];
    }
  ).migrations;
  const files = readdirSync(migrationsDir)
    .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
    .map((name) => ({
      name: name.replace(/\.ts$/, ''),
      text: readFileSync(`${migrationsDir}${name}`, 'utf8'),
    }));
  return { released, files, indexNames: Object.keys(migrations) };
}

describe('migrations history', () => {
  it('every migration is released, unchanged, in order, and imports no application code', () => {
    expect(findHistoryProblems(readRepository())).toEqual([]);
  });

  it('0001 is the text released with 0002 to 0004 (before the export index edit)', () => {
    const repository = readRepository();
    const initial = repository.files.find((file) => file.name === '0001_initial');
    expect(initial?.text).toContain("createIndex('responses_commune_wave_idx')");
    expect(initial?.text).not.toContain('responses_commune_wave_id_idx');
  });

  describe('the check itself', () => {
    const clean = readRepository();

    it('catches an edited released migration', () => {
      const files = clean.files.map((file) =>
        file.name === '0001_initial' ? { ...file, text: `${file.text}\n` } : file,
      );
      const problems = findHistoryProblems({ ...clean, files });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^released migration 0001_initial changed/);
    });

    it('catches a migration file or index entry that is not in the list, and says how to add it', () => {
      const text =
        "import type { Kysely } from 'kysely';\nexport async function up(db: Kysely<unknown>) {}\n";
      const problems = findHistoryProblems({
        ...clean,
        files: [...clean.files, { name: '0099_new', text }],
        indexNames: [...clean.indexNames, '0099_new', '0100_index_only'],
      });
      expect(problems).toEqual([
        expect.stringContaining(
          `migration 0099_new is not in ${releasedFile}. Once it is released, add it there, once and last: { "name": "0099_new", "sha256": "${sha256(text)}" }`,
        ),
        expect.stringContaining(`migration 0100_index_only is not in ${releasedFile}`),
      ]);
    });

    it('catches a released migration removed from the index or from the folder', () => {
      const problems = findHistoryProblems({
        ...clean,
        files: clean.files.filter((file) => file.name !== '0003_staff_and_kiosks'),
        indexNames: clean.indexNames.filter((name) => name !== '0004_kiosk_pairing'),
      });
      expect(problems).toEqual([
        'released migration 0003_staff_and_kiosks is gone: restore migrations/0003_staff_and_kiosks.ts',
        'released migration 0004_kiosk_pairing is missing from migrations/index.ts',
      ]);
    });

    it('catches a migration that imports application code or reads files', () => {
      const old0002 = [
        "import { readFileSync } from 'node:fs';",
        "import type { Kysely } from 'kysely';",
        "import { parseCommunesCsv } from '../server/communes/communes-csv.ts';",
        "const later = () => import('../server/config.ts');",
        "import * as sibling from './0001_initial.ts';",
      ].join('\n');
      const files = [{ name: '0007_x', text: old0002 }];
      const problems = findHistoryProblems({ released: [], files, indexNames: [] }).filter(
        (problem) => problem.includes(' imports '),
      );
      expect(problems).toEqual([
        expect.stringContaining('imports "node:fs": a migration reads no files'),
        expect.stringContaining(
          'imports "../server/communes/communes-csv.ts": a migration may not import application code',
        ),
        expect.stringContaining('imports "../server/config.ts"'),
      ]);
    });
  });
});
