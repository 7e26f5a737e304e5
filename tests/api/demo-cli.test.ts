import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDemoArgs, UsageError } from '../../server/demo/args.ts';
import { createProgressBar, formatProgress } from '../../server/demo/progress.ts';
import { databaseBackends, postgresBackend, type TestDatabase } from '../helpers/databases.ts';
import { countResponses, recomputedRollups, storedRollups } from '../helpers/rows.ts';
import { makeSubmission } from '../helpers/submissions.ts';
import { buildTestApp } from '../helpers/test-app.ts';
import { databaseUrl, postgresAdminUrl } from '../helpers/test-env.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * `npm run demo -- …` as its own process, with only the given database in its environment;
 * sends it Ctrl-C (SIGINT) once its stderr matches `interruptOn`.
 */
function runDemoCli(args: string[], env: Record<string, string | undefined>, interruptOn?: RegExp) {
  const { DATABASE_URL: _url, DATA_DIR: _dir, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/demo/main.ts', ...args], {
    cwd: root,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let interrupted = false;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (interruptOn && !interrupted && interruptOn.test(stderr)) {
      interrupted = true;
      child.kill('SIGINT');
    }
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const stackTrace = /^\s+at /m;

describe('demo command line', () => {
  it('reads its options, with defaults', () => {
    expect(parseDemoArgs([])).toEqual({ kind: 'load', responses: 20000, seed: 1, force: false });
    expect(parseDemoArgs(['--responses', '100000', '--seed', '9', '--force'])).toEqual({
      kind: 'load',
      responses: 100000,
      seed: 9,
      force: true,
    });
    expect(parseDemoArgs(['--delete'])).toEqual({ kind: 'delete' });
    expect(parseDemoArgs(['-h'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--responses', '0'], /--responses must be a whole number from 1/],
    [['--responses', '1e5'], /--responses must be a whole number/],
    [['--seed', '-1'], /--seed/],
    [['--responce', '5'], /Unknown option '--responce'/],
    [['--delete', '--force'], /--delete takes no other option/],
    [['extra'], /positional/],
  ])('refuses %j', (args, message) => {
    expect(() => parseDemoArgs(args)).toThrow(UsageError);
    expect(() => parseDemoArgs(args)).toThrow(message);
  });

  it('draws progress as a bar with the rate', () => {
    expect(formatProgress(45000, 100000, 3645)).toBe(
      '[#############-----------------]  45% 45000/100000 12,346 rows/s',
    );
    expect(formatProgress(0, 100, 0)).toBe(`[${'-'.repeat(30)}]   0% 0/100 0 rows/s`);
  });

  it('writes a line per 10% when the output is not a terminal', () => {
    let written = '';
    const stream = { isTTY: false, write: (text: string) => (written += text) };
    let clock = 0;
    const bar = createProgressBar(1000, {
      stream: stream as unknown as NodeJS.WriteStream,
      now: () => clock,
    });
    for (let done = 50; done <= 1000; done += 50) {
      clock += 100;
      bar.update(done);
    }
    bar.finish();
    const lines = written.trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[9]).toBe(`[${'#'.repeat(30)}] 100% 1000/1000 500 rows/s`);
    expect(written).not.toContain('\r');
  });

  it('exits 1 with the problem and the usage, no stack trace, on a wrong option', async () => {
    const result = await runDemoCli(['--responses', 'many'], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^demo: --responses must be a whole number/);
    expect(result.stderr).toContain('Usage:');
    expect(result.stderr).not.toMatch(stackTrace);
  });

  it('exits 1 on a bad environment, as the server would refuse it', async () => {
    const result = await runDemoCli([], { DATABASE_URL: 'mysql://nowhere/db' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/demo: invalid configuration:\n\s+DATABASE_URL/);
    expect(result.stderr).not.toMatch(stackTrace);
  });

  it('leaves an embedded database alone while another process has it open', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cbhpi-demo-'));
    try {
      // The lock a live process (this one) holds on the directory.
      writeFileSync(join(dataDir, 'cbhpi.lock'), String(process.pid));
      const result = await runDemoCli(['--delete'], { DATA_DIR: dataDir });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/demo: the embedded database in .* is open in another process/);
      expect(result.stderr).not.toMatch(stackTrace);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe.each(postgresBackend())('npm run demo on a fresh $kind database', () => {
  const name = `cbhpi_demo_fresh_${randomBytes(6).toString('hex')}`;
  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: postgresAdminUrl });
    await client.connect();
    try {
      await client.query(query);
    } finally {
      await client.end();
    }
  };
  beforeAll(() => admin(`create database ${name}`));
  afterAll(() => admin(`drop database if exists ${name} with (force)`));

  it('migrates an empty database and stores the questionnaires, then loads', async () => {
    const result = await runDemoCli(['--responses', '400', '--seed', '2'], {
      DATABASE_URL: databaseUrl(name),
    });
    expect(result.stderr).not.toMatch(stackTrace);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^migrated: 0001_initial/);
    expect(result.stdout).toMatch(/loaded 400 demo responses \(seed 2, /);
  });
});

describe.each(databaseBackends())('npm run demo on $kind', ({ create }) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await create();
    const app = await buildTestApp(database);
    const res = await app.inject({
      method: 'POST',
      url: '/api/responses',
      payload: makeSubmission(),
    });
    expect(res.statusCode).toBe(201);
    await app.close();
    // The embedded database takes one process at a time: the command line's, from here on.
    await database.db.destroy();
  });
  afterAll(async () => {
    await database?.drop();
  });

  /** Counts and checks the rollups through a connection of its own, closed again at once. */
  const inspect = async () => {
    const { db } = await database.reopen();
    try {
      const rollupsRight =
        JSON.stringify(await storedRollups(db)) === JSON.stringify(await recomputedRollups(db));
      return { responses: await countResponses(db), rollupsRight };
    } finally {
      await db.destroy();
    }
  };

  it('refuses, exit 1, when the database holds real responses', async () => {
    const result = await runDemoCli(['--responses', '300'], database.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/demo: refused: .* holds 1 real \(non-demo\) responses/);
    expect(result.stderr).toContain('--force');
    expect(result.stderr).not.toMatch(stackTrace);
    expect(await inspect()).toEqual({ responses: 1, rollupsRight: true });
  });

  it('loads with --force and says what it did', async () => {
    const result = await runDemoCli(['--responses', '300', '--force'], database.env);
    expect(result.stderr).not.toMatch(stackTrace);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/loaded 300 demo responses \(seed 1, cb-hpi-2026-v2\)/);
    expect(result.stdout).toMatch(/wave 2025: \d+, wave 2026: \d+/);
    expect(result.stderr).toMatch(/^\[#+\] 100% 300\/300 [\d,]+ rows\/s$/m);
    // The flags' backfill has a bar of its own, after the load's.
    expect(result.stderr).toMatch(/^\[#+\] 100%.*\ninteg/m);
    expect(result.stderr).toMatch(/^integrity flags \[#+\] 100% 300\/300 [\d,]+ rows\/s$/m);
    expect(await inspect()).toEqual({ responses: 301, rollupsRight: true });
  });

  it('stops cleanly on Ctrl-C: whole batches kept, rollups rebuilt, exit 130', async () => {
    const result = await runDemoCli(['--responses', '20000', '--force'], database.env, /\] +10% /);
    expect(result.stderr).not.toMatch(stackTrace);
    expect(result.stderr).toContain('stopping after the current batch');
    expect(result.code).toBe(130);
    const stopped = result.stdout.match(/stopped after ([\d,]+) demo responses/);
    const kept = Number(stopped?.[1]?.replaceAll(',', ''));
    expect(kept % 1000).toBe(0);
    expect(kept).toBeLessThan(20000);
    expect(await inspect()).toEqual({ responses: kept + 1, rollupsRight: true });
  });

  it('removes the demo rows with --delete, and only those', async () => {
    const result = await runDemoCli(['--delete'], database.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/deleted [\d,]+ demo responses/);
    expect(await inspect()).toEqual({ responses: 1, rollupsRight: true });
  });
});
