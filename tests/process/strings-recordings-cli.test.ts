import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putRecording } from '../../server/audio/queries.ts';
import { zipStream } from '../../server/exports/zip-stream.ts';
import { collect } from '../../server/languages/kit-files.ts';
import { audioFixture } from '../fixtures/audio/audio-fixtures.ts';
import { databaseBackends, type TestDatabase } from '../helpers/databases.ts';
import { createStaff } from '../helpers/staff.ts';
import { questionnaire } from '../helpers/test-app.ts';
import { unzip } from '../helpers/unzip.ts';

const run = promisify(execFile);
const script = new URL('../../server/cli/strings.ts', import.meta.url).pathname;
const qid = questionnaire.id;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * `npm run strings`: the kit's export writes the language's recordings as a zip beside the
 * spreadsheet, and its import takes such a zip back, as the server process would.
 */
describe.each(databaseBackends())('the strings command with recordings on $kind', ({ create }) => {
  let database: TestDatabase;
  let dir: string;
  let adminEmail = '';
  const question = audioFixture('question.ogg');
  const label = audioFixture('question.mp3');

  /** The command, with the database to itself (an embedded one has a single owner). */
  const strings = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', script, ...args], {
        env: { ...process.env, ...database.env, ADMIN_EMAIL: '', LOG_LEVEL: 'warn' },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };
  const withDb = async <T>(read: (db: TestDatabase['db']) => Promise<T>) => {
    const handle = database.kind === 'embedded' ? await database.reopen() : database;
    try {
      return await read(handle.db);
    } finally {
      if (database.kind === 'embedded') await handle.db.destroy();
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cbhpi-strings-'));
    database = await create();
    const admin = await createStaff(database.db, 'admin');
    adminEmail = admin.email;
    await putRecording(database.db, {
      questionnaireId: qid,
      language: 'tyz',
      key: 'sec_income',
      contentType: 'audio/ogg',
      bytes: question,
      seconds: 2.5,
      sha256: sha256(question),
      uploadedBy: admin.id,
    });
    if (database.kind === 'embedded') await database.db.destroy();
  });
  afterAll(async () => {
    if (database.kind !== 'embedded') await database.db.destroy();
    await database.drop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  // Each run of the command starts Node, tsx and (embedded) the database: seconds apiece.
  const slow = 180_000;

  it('exports the recordings beside the kit, and imports them back once', {
    timeout: slow,
  }, async () => {
    const out = join(dir, 'kit-tyz');
    const exported = await strings('export', '--lang', 'tyz', '--out', out);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain(`wrote ${out}-recordings.zip: 1 recordings of ${qid}`);
    const files = unzip(readFileSync(`${out}-recordings.zip`));
    const manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '');
    expect(manifest.recordings).toEqual([
      expect.objectContaining({
        key: 'sec_income',
        file: 'sec_income.ogg',
        sha256: sha256(question),
      }),
    ]);
    expect(files.get('sec_income.ogg')?.equals(question)).toBe(true);

    // The translator adds a recording of an answer's label, by file and key only.
    manifest.recordings.push({ key: 'sex.female', file: 'sex.female.mp3' });
    const filled = join(dir, 'filled.zip');
    writeFileSync(
      filled,
      await collect(
        zipStream([
          { name: 'manifest.json', content: [JSON.stringify(manifest)] },
          { name: 'sec_income.ogg', content: [question] },
          { name: 'sex.female.mp3', content: [label] },
        ]),
      ),
    );
    const noAdmin = await strings('import', filled);
    expect(noAdmin.code).toBe(1);
    expect(noAdmin.stderr).toContain('--by EMAIL is required');

    const dry = await strings('import', filled, '--by', adminEmail, '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(
      'checked (dry run, nothing stored); 1 added, 0 replaced, 1 unchanged',
    );

    const first = await strings('import', filled, '--by', adminEmail);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(
      `tyz recordings of ${qid}: stored; 1 added, 0 replaced, 1 unchanged.`,
    );
    const again = await strings('import', filled, '--by', adminEmail);
    expect(again.stdout).toContain('stored; 0 added, 0 replaced, 2 unchanged.');

    const { rows, audit } = await withDb(async (db) => ({
      rows: await db
        .selectFrom('recordings')
        .select(['key', 'sha256'])
        .where('language', '=', 'tyz')
        .orderBy('key')
        .execute(),
      audit: await db
        .selectFrom('audit_log')
        .select(['actor', 'target'])
        .where('action', '=', 'audio.upload')
        .execute(),
    }));
    expect(rows).toEqual([
      { key: 'sec_income', sha256: sha256(question) },
      { key: 'sex.female', sha256: sha256(label) },
    ]);
    expect(audit).toEqual([{ actor: 'cli:strings', target: `${qid}/tyz/sex.female` }]);
  });

  it('refuses a broken archive with each problem listed, storing nothing', {
    timeout: slow,
  }, async () => {
    const broken = join(dir, 'broken.zip');
    writeFileSync(
      broken,
      await collect(
        zipStream([
          {
            name: 'manifest.json',
            content: [
              JSON.stringify({
                questionnaireId: qid,
                language: 'tyz',
                recordings: [
                  { key: 'sec_health', file: 'health.mp3' },
                  { key: 'sec_housing', file: 'gone.ogg' },
                ],
              }),
            ],
          },
          { name: 'health.mp3', content: ['not a recording at all'] },
        ]),
      ),
    );
    const res = await strings('import', broken, '--by', adminEmail);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('error health.mp3: These bytes are not an Ogg Opus, MP3 or WebM');
    expect(res.stderr).toContain('error gone.ogg: the archive has no file "gone.ogg"');
    expect(res.stderr).toContain('2 problems: no recording stored.');
    const keys = await withDb((db) =>
      db.selectFrom('recordings').select('key').where('language', '=', 'tyz').execute(),
    );
    expect(keys.map((row) => row.key).sort()).toEqual(['sec_income', 'sex.female']);
  });
});
