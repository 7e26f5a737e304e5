import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { zipStream } from '../../server/exports/zip-stream.ts';
import { collect } from '../../server/languages/kit-files.ts';
import { audioFixture, oggLasting } from '../fixtures/audio/audio-fixtures.ts';
import { databaseBackends } from '../helpers/databases.ts';
import { sameOrigin, signedInStaff } from '../helpers/staff.ts';
import { questionnaire, useTestApp } from '../helpers/test-app.ts';
import { unzip } from '../helpers/unzip.ts';

/** The kit's recordings (server/API.md "Recorded audio"): out as a zip, and back in. */
const qid = questionnaire.id;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

type Manifest = {
  questionnaireId: string;
  language: string;
  recordings: { key: string; file: string; sha256?: string; type?: string; seconds?: number }[];
};

/** An archive as a translator might send one back: the manifest, then the files. */
const archiveOf = (manifest: Manifest | string, files: Record<string, Buffer | string>) =>
  collect(
    zipStream([
      {
        name: 'manifest.json',
        content: [typeof manifest === 'string' ? manifest : JSON.stringify(manifest)],
      },
      ...Object.entries(files).map(([name, bytes]) => ({ name, content: [bytes] })),
    ]),
  );

describe.each(databaseBackends())('the recordings archive on $kind', ({ create }) => {
  const ctx = useTestApp(create);
  const cookies = { admin: '', analyst: '' };
  const question = audioFixture('question.ogg');
  const label = audioFixture('question.mp3');

  const put = (key: string, body: Buffer, type: string) =>
    ctx.app.inject({
      method: 'PUT',
      url: `/api/audio/${qid}/tyz/${key}`,
      headers: { ...sameOrigin, cookie: cookies.admin, 'content-type': type },
      payload: body,
    });
  const exportArchive = (cookie = cookies.admin, language = 'tyz') =>
    ctx.app.inject({
      method: 'GET',
      url: `/api/audio/${qid}/archive?language=${language}`,
      headers: cookie ? { cookie } : {},
    });
  const importArchive = (body: Buffer, { dryRun = false, cookie = cookies.admin } = {}) =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/audio/archive${dryRun ? '?dryRun=true' : ''}`,
      headers: { ...sameOrigin, ...(cookie ? { cookie } : {}), 'content-type': 'application/zip' },
      payload: body,
    });
  const stored = () =>
    ctx.database.db
      .selectFrom('recordings')
      .select(['key', 'sha256', 'content_type'])
      .where('questionnaire_id', '=', qid)
      .where('language', '=', 'tyz')
      .orderBy('key')
      .execute();
  const uploads = () =>
    ctx.database.db
      .selectFrom('audit_log')
      .select(['actor', 'target', 'details'])
      .where('action', '=', 'audio.upload')
      .orderBy('id')
      .execute();

  it("exports a language's recordings with a manifest of key, file, sha256 and type", async () => {
    cookies.admin = (await signedInStaff(ctx.app, ctx.database.db, 'admin')).cookie;
    cookies.analyst = (await signedInStaff(ctx.app, ctx.database.db, 'analyst')).cookie;
    expect((await put('sec_income', question, 'audio/ogg')).statusCode).toBe(201);
    expect((await put('sex.female', label, 'audio/mpeg')).statusCode).toBe(201);

    const res = await exportArchive();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="recordings-tyz-${qid}.zip"`,
    );
    const files = unzip(res.rawPayload);
    expect([...files.keys()]).toEqual(['manifest.json', 'sec_income.ogg', 'sex.female.mp3']);
    const manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '') as Manifest;
    expect(manifest).toEqual({
      questionnaireId: qid,
      language: 'tyz',
      recordings: [
        {
          key: 'sec_income',
          file: 'sec_income.ogg',
          sha256: sha256(question),
          type: 'audio/ogg',
          seconds: expect.any(Number),
        },
        {
          key: 'sex.female',
          file: 'sex.female.mp3',
          sha256: sha256(label),
          type: 'audio/mpeg',
          seconds: expect.any(Number),
        },
      ],
    });
    expect(files.get('sec_income.ogg')?.equals(question)).toBe(true);
    expect(files.get('sex.female.mp3')?.equals(label)).toBe(true);

    // Another language has none: an archive with an empty manifest.
    const empty = unzip((await exportArchive(cookies.admin, 'nut')).rawPayload);
    expect(JSON.parse(empty.get('manifest.json')?.toString('utf8') ?? '').recordings).toEqual([]);
  });

  it('takes the archive back: a removed recording is added again, an unchanged one left, twice alike', async () => {
    const archive = (await exportArchive()).rawPayload;
    const del = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/audio/${qid}/tyz/sex.female`,
      headers: { ...sameOrigin, cookie: cookies.admin, 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(del.statusCode).toBe(204);
    const auditBefore = (await uploads()).length;

    const dry = await importArchive(archive, { dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ added: 1, unchanged: 1, replaced: 0, stored: false });
    expect((await stored()).map((row) => row.key)).toEqual(['sec_income']);

    const first = await importArchive(archive);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({
      questionnaireId: qid,
      language: 'tyz',
      errors: [],
      warnings: [],
      recordings: [
        { key: 'sec_income', sha256: sha256(question), status: 'unchanged' },
        { key: 'sex.female', sha256: sha256(label), status: 'added' },
      ],
      added: 1,
      replaced: 0,
      unchanged: 1,
      stored: true,
    });
    expect(await stored()).toEqual([
      { key: 'sec_income', sha256: sha256(question), content_type: 'audio/ogg' },
      { key: 'sex.female', sha256: sha256(label), content_type: 'audio/mpeg' },
    ]);
    const served = await ctx.app.inject({ method: 'GET', url: `/api/audio/${qid}/tyz/sex.female` });
    expect(served.rawPayload.equals(label)).toBe(true);
    const audit = await uploads();
    expect(audit.slice(auditBefore)).toEqual([
      {
        actor: expect.stringContaining('@'),
        target: `${qid}/tyz/sex.female`,
        details: expect.objectContaining({
          sha256: sha256(label),
          replaced: null,
          from: 'archive',
        }),
      },
    ]);

    const again = await importArchive(archive);
    expect(again.json()).toMatchObject({ added: 0, replaced: 0, unchanged: 2, stored: true });
    expect((await uploads()).length).toBe(audit.length);
  });

  it('replaces a recording whose file changed, and adds one given without type or sha256', async () => {
    const longer = oggLasting(5);
    const archive = await archiveOf(
      {
        questionnaireId: qid,
        language: 'tyz',
        recordings: [
          { key: 'sec_income', file: 'sec_income.ogg', type: 'audio/ogg' },
          { key: 'sec_health', file: 'health.opus' },
        ],
      },
      { 'sec_income.ogg': longer, 'health.opus': question, 'notes.txt': 'thu âm ngày 2/12' },
    );
    const res = await importArchive(archive);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      added: 1,
      replaced: 1,
      unchanged: 0,
      stored: true,
      warnings: [{ key: null, file: 'notes.txt', message: 'not in the manifest: left out' }],
    });
    const rows = await stored();
    expect(rows.find((row) => row.key === 'sec_income')?.sha256).toBe(sha256(longer));
    expect(rows.find((row) => row.key === 'sec_health')?.sha256).toBe(sha256(question));
    // Kept: the archive does not name it.
    expect(rows.find((row) => row.key === 'sex.female')?.sha256).toBe(sha256(label));
    const last = (await uploads()).at(-2);
    expect(last?.details).toMatchObject({ key: 'sec_income', replaced: sha256(question) });
  });

  it('refuses an archive with any problem, each listed, and stores none of it', async () => {
    const before = await stored();
    const auditBefore = (await uploads()).length;
    const archive = await archiveOf(
      {
        questionnaireId: qid,
        language: 'tyz',
        recordings: [
          // Good on its own, yet not stored: the archive has problems.
          { key: 'sec_safety', file: 'safety.ogg' },
          { key: 'sec_housing', file: 'housing.mp3' },
          { key: 'sec_income', file: 'income.ogg', sha256: sha256(label) },
          { key: 'no_such_question', file: 'safety.ogg' },
          { key: 'sex.dragon', file: 'safety.ogg' },
          { key: 'tru_commune', file: 'missing.ogg' },
          { key: 'opp_jobs', file: 'long.ogg' },
          { key: 'sec_safety', file: 'safety.ogg' },
        ],
      },
      {
        'safety.ogg': question,
        'housing.mp3': 'ID3 this is text named .mp3',
        'income.ogg': question,
        'long.ogg': oggLasting(61),
      },
    );
    const res = await importArchive(archive);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation_failed');
    const errors = body.error.details.errors as { key: string; file: string; message: string }[];
    const byKey = (key: string) => errors.find((e) => e.key === key)?.message;
    expect(byKey('sec_housing')).toMatch(/not an Ogg Opus, MP3 or WebM/);
    expect(byKey('sec_income')).toMatch(/sha256/);
    expect(byKey('no_such_question')).toMatch(/no_such_question/);
    expect(byKey('sex.dragon')).toMatch(/dragon/);
    expect(byKey('tru_commune')).toMatch(/no file "missing.ogg"/);
    expect(byKey('opp_jobs')).toMatch(/at most 60 s/);
    expect(byKey('sec_safety')).toMatch(/twice/);
    expect(errors).toHaveLength(7);
    expect(body.error.details.stored).toBe(false);
    expect(await stored()).toEqual(before);
    expect((await uploads()).length).toBe(auditBefore);
  });

  it('refuses what is no archive of ours, a bad manifest, and a recording over 1 MB', async () => {
    const notZip = await importArchive(Buffer.from('key,file\nsec_income,a.ogg\n'));
    expect(notZip.statusCode).toBe(400);
    expect(notZip.json().error.details.errors[0].message).toMatch(/cannot be read/);

    const noManifest = await importArchive(
      await collect(zipStream([{ name: 'a.ogg', content: [question] }])),
    );
    expect(noManifest.json().error.details.errors[0].message).toMatch(/no manifest\.json/);

    const badManifest = await importArchive(
      await archiveOf(
        { questionnaireId: qid, language: 'Tày', recordings: [{ key: 'a', file: '../a.ogg' }] },
        {},
      ),
    );
    expect(badManifest.statusCode).toBe(400);
    const messages = badManifest
      .json()
      .error.details.errors.map((e: { message: string }) => e.message);
    expect(messages).toEqual([
      expect.stringMatching(/^manifest\.json language: /),
      expect.stringMatching(/^manifest\.json recordings\.0\.file: /),
    ]);

    const unknownVersion = await importArchive(
      await archiveOf({ questionnaireId: 'no-such-version', language: 'tyz', recordings: [] }, {}),
    );
    expect(unknownVersion.json().error.details.errors[0].message).toMatch(/no-such-version/);

    const big = Buffer.concat([question, Buffer.alloc(1024 * 1024)]);
    const tooBig = await importArchive(
      await archiveOf(
        {
          questionnaireId: qid,
          language: 'tyz',
          recordings: [{ key: 'sec_income', file: 'a.ogg' }],
        },
        { 'a.ogg': big },
      ),
    );
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().error.details.errors[0].message).toMatch(/at most 1 MB/);
  });

  it('is for admins only', async () => {
    const archive = (await exportArchive()).rawPayload;
    expect((await exportArchive(cookies.analyst)).statusCode).toBe(403);
    expect((await exportArchive('')).statusCode).toBe(401);
    expect((await importArchive(archive, { cookie: cookies.analyst })).statusCode).toBe(403);
    expect((await importArchive(archive, { cookie: '' })).statusCode).toBe(401);
    expect((await exportArchive(cookies.admin, 'TY')).statusCode).toBe(400);
  });
});
