import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readRecordingBytes } from '../../server/audio/queries.ts';
import {
  audioFixture,
  mp3Repeated,
  oggHeadersOnly,
  oggLasting,
} from '../fixtures/audio/audio-fixtures.ts';
import { databaseBackends } from '../helpers/databases.ts';
import { sameOrigin, signedInStaff } from '../helpers/staff.ts';
import { questionnaire, useTestApp } from '../helpers/test-app.ts';

/** Recorded audio (server/API.md "Recorded audio"), with real recordings from the fixtures. */
const qid = questionnaire.id;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each(databaseBackends())('recorded audio on $kind', ({ create }) => {
  const ctx = useTestApp(create);
  const cookies = { admin: '', analyst: '', officer: '' };

  const put = (
    key: string,
    body: Buffer | string,
    contentType: string,
    { cookie = cookies.admin, language = 'tyz' } = {},
  ) =>
    ctx.app.inject({
      method: 'PUT',
      url: `/api/audio/${qid}/${language}/${key}`,
      headers: { ...sameOrigin, ...(cookie ? { cookie } : {}), 'content-type': contentType },
      payload: body,
    });
  const get = (url: string, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'GET', url, headers });
  const stored = async (key: string, language = 'tyz') =>
    ctx.database.db
      .selectFrom('recordings')
      .select(['sha256', 'content_type', 'byte_length', 'seconds'])
      .where('questionnaire_id', '=', qid)
      .where('language', '=', language)
      .where('key', '=', key)
      .executeTakeFirst();
  const auditOf = (action: string, target: string) =>
    ctx.database.db
      .selectFrom('audit_log')
      .select(['actor', 'details'])
      .where('action', '=', action)
      .where('target', '=', target)
      .orderBy('id')
      .execute();

  it('takes each format with the length read from its bytes, and serves it back', async () => {
    cookies.admin = (await signedInStaff(ctx.app, ctx.database.db, 'admin')).cookie;
    cookies.analyst = (await signedInStaff(ctx.app, ctx.database.db, 'analyst')).cookie;
    cookies.officer = (
      await signedInStaff(ctx.app, ctx.database.db, 'commune_officer', '01273')
    ).cookie;
    const cases = [
      { key: 'sec_income', file: 'question.ogg', type: 'audio/ogg', seconds: 2.5 },
      { key: 'sec_health', file: 'question.mp3', type: 'audio/mpeg', seconds: 3.048 },
      { key: 'sec_housing', file: 'plain.mp3', type: 'audio/mpeg', seconds: 3.048 },
      { key: 'sec_safety', file: 'question.webm', type: 'audio/webm', seconds: 2.008 },
      // As a browser's MediaRecorder sends it: a codecs parameter, no Duration in the file.
      { key: 'sec_disaster', file: 'streamed.webm', type: 'audio/webm;codecs=opus', seconds: 4 },
    ] as const;
    for (const { key, file, type, seconds } of cases) {
      const bytes = audioFixture(file);
      const res = await put(key, bytes, type);
      expect(res.statusCode, `${file}: ${res.body}`).toBe(201);
      const body = res.json();
      const hash = sha256(bytes);
      expect(body).toEqual({
        url: `/api/audio/${qid}/tyz/${key}?v=${hash.slice(0, 12)}`,
        bytes: bytes.length,
        seconds: expect.closeTo(seconds, 1),
        sha256: hash,
      });
      expect(Math.abs(body.seconds - seconds), file).toBeLessThan(0.03);

      const served = await get(body.url);
      expect(served.statusCode).toBe(200);
      expect(served.rawPayload.equals(bytes)).toBe(true);
      expect(served.headers['content-type']).toBe(type.split(';')[0]);
      expect(served.headers.etag).toBe(`"${hash}"`);
      expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(served.headers['accept-ranges']).toBe('bytes');
      expect(served.headers['content-length']).toBe(String(bytes.length));
      expect(served.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('serves byte ranges: first bytes, a suffix, an open end; 416 outside the file', async () => {
    const bytes = audioFixture('question.ogg');
    const url = `/api/audio/${qid}/tyz/sec_income`;
    const first = await get(url, { range: 'bytes=0-99' });
    expect(first.statusCode).toBe(206);
    expect(first.headers['content-range']).toBe(`bytes 0-99/${bytes.length}`);
    expect(first.headers['content-length']).toBe('100');
    expect(first.rawPayload.equals(bytes.subarray(0, 100))).toBe(true);

    const suffix = await get(url, { range: 'bytes=-100' });
    expect(suffix.statusCode).toBe(206);
    expect(suffix.headers['content-range']).toBe(
      `bytes ${bytes.length - 100}-${bytes.length - 1}/${bytes.length}`,
    );
    expect(suffix.rawPayload.equals(bytes.subarray(bytes.length - 100))).toBe(true);

    const open = await get(url, { range: 'bytes=5000-' });
    expect(open.statusCode).toBe(206);
    expect(open.rawPayload.equals(bytes.subarray(5000))).toBe(true);

    const past = await get(url, { range: 'bytes=4000-999999' });
    expect(past.statusCode).toBe(206);
    expect(past.headers['content-range']).toBe(`bytes 4000-${bytes.length - 1}/${bytes.length}`);

    const outside = await get(url, { range: `bytes=${bytes.length}-` });
    expect(outside.statusCode).toBe(416);
    expect(outside.headers['content-range']).toBe(`bytes */${bytes.length}`);
    expect(outside.json().error.code).toBe('range_not_satisfiable');

    // Several ranges at once, or a range of another version (If-Range): the whole file.
    const several = await get(url, { range: 'bytes=0-9,20-29' });
    expect(several.statusCode).toBe(200);
    expect(several.rawPayload.equals(bytes)).toBe(true);
    const otherVersion = await get(url, { range: 'bytes=0-9', 'if-range': '"0000"' });
    expect(otherVersion.statusCode).toBe(200);
    const sameVersion = await get(url, { range: 'bytes=0-9', 'if-range': `"${sha256(bytes)}"` });
    expect(sameVersion.statusCode).toBe(206);

    const head = await ctx.app.inject({ method: 'HEAD', url, headers: { range: 'bytes=0-99' } });
    expect(head.statusCode).toBe(206);
    expect(head.headers['content-length']).toBe('100');
    expect(head.rawPayload.length).toBe(0);
  });

  it('answers 304 to a client holding this version; without ?v= it must revalidate', async () => {
    const hash = sha256(audioFixture('question.ogg'));
    const url = `/api/audio/${qid}/tyz/sec_income`;
    const held = await get(url, { 'if-none-match': `"${hash}"` });
    expect(held.statusCode).toBe(304);
    expect(held.rawPayload.length).toBe(0);
    expect(held.headers.etag).toBe(`"${hash}"`);
    expect((await get(url, { 'if-none-match': 'W/"other", "other"' })).statusCode).toBe(200);
    // A URL without the version, or with an old one, is never cached for good.
    expect((await get(url)).headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect((await get(`${url}?v=000000000000`)).headers['cache-control']).toBe(
      'public, max-age=0, must-revalidate',
    );
    expect((await get(`${url}?v=nothex`)).statusCode).toBe(400);
  });

  it('reads only the bytes of the version whose hash it served, so a replaced one is looked up again', async () => {
    const ogg = audioFixture('question.ogg');
    const id = { questionnaireId: qid, language: 'tyz', key: 'sec_income' };
    const part = await readRecordingBytes(ctx.database.db, { ...id, sha256: sha256(ogg) }, 100, 50);
    expect(part?.equals(ogg.subarray(100, 150))).toBe(true);
    const stale = await readRecordingBytes(
      ctx.database.db,
      { ...id, sha256: 'f'.repeat(64) },
      0,
      10,
    );
    expect(stale).toBeNull();
    // No recording: a plain 404, with nothing a cache would keep.
    const missing = await get(`/api/audio/${qid}/tyz/tru_voice?v=${sha256(ogg).slice(0, 12)}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
    expect(missing.headers['cache-control']).toBeUndefined();
  });

  it('refuses bytes that are not what they claim to be (415), storing nothing', async () => {
    const text = Buffer.from('ID3 is not here: just a text file someone named question.mp3\n');
    const cases = [
      { body: text, type: 'audio/mpeg', says: /not an Ogg Opus, MP3 or WebM/ },
      { body: audioFixture('question.ogg'), type: 'audio/mpeg', says: /Ogg Opus.*audio\/mpeg/ },
      { body: audioFixture('question.mp3'), type: 'audio/webm', says: /MP3.*audio\/webm/ },
      { body: audioFixture('vorbis.ogg'), type: 'audio/ogg', says: /not an Ogg Opus/ },
      { body: JSON.stringify({ audio: 'no' }), type: 'application/json', says: /Send the/ },
      { body: 'plain words', type: 'text/plain', says: /Send the recording as/ },
    ];
    for (const { body, type, says } of cases) {
      const res = await put('tru_voice', body, type);
      expect(res.statusCode, `${type}: ${res.body}`).toBe(415);
      expect(res.json().error).toMatchObject({ code: 'unsupported_media_type', message: says });
    }
    expect(await stored('tru_voice')).toBeUndefined();
  });

  it('refuses over 1 MB (413), over 60 s or an unreadable length (400), storing nothing', async () => {
    const ogg = audioFixture('question.ogg');
    const justOver = Buffer.concat([ogg, Buffer.alloc(1024 * 1024 + 1 - ogg.length)]);
    const tooBig = await put('tru_voice', justOver, 'audio/ogg');
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error).toMatchObject({ code: 'payload_too_large', message: /1 MB/ });
    const farTooBig = await put('tru_voice', Buffer.alloc(3 * 1024 * 1024), 'audio/ogg');
    expect(farTooBig.statusCode).toBe(413);
    expect(farTooBig.json().error.code).toBe('payload_too_large');

    const long = await put('tru_voice', oggLasting(61), 'audio/ogg');
    expect(long.statusCode).toBe(400);
    expect(long.json().error).toMatchObject({
      code: 'validation_failed',
      message: /60 s.*61\.0 s/,
    });
    // 21 × 3.048 s of real MP3 frames: 64 s, read by walking them.
    const longMp3 = await put('tru_voice', mp3Repeated(21), 'audio/mpeg');
    expect(longMp3.statusCode).toBe(400);
    expect(longMp3.json().error.message).toMatch(/64\.0 s/);
    expect((await put('tru_voice', oggLasting(59.9), 'audio/ogg')).statusCode).toBe(201);

    const unreadable = await put('tru_commune', oggHeadersOnly(), 'audio/ogg');
    expect(unreadable.statusCode).toBe(400);
    expect(unreadable.json().error.message).toMatch(/length .* cannot be read/);
    expect((await put('tru_commune', Buffer.alloc(0), 'audio/ogg')).statusCode).toBe(400);
    expect(await stored('tru_commune')).toBeUndefined();
  });

  it('takes answer labels and the greeting; refuses keys the questionnaire lacks', async () => {
    const ogg = audioFixture('question.ogg');
    for (const key of ['sec_income.4', 'sex.female', 'age_band.60+', 'intro', '_greeting']) {
      const res = await put(encodeURIComponent(key), ogg, 'audio/ogg', { language: 'hmn' });
      expect(res.statusCode, `${key}: ${res.body}`).toBe(201);
      expect(res.json().url).toContain(`/hmn/${encodeURIComponent(key)}?v=`);
      expect((await get(res.json().url)).statusCode).toBe(200);
    }
    const refused = [
      { key: 'no_such_question', status: 404 },
      { key: 'no_such_question.1', status: 404 },
      { key: 'sex.unknown', status: 400 },
      { key: 'comment.x', status: 400 },
      { key: '_nope', status: 400 },
      { key: 'bad key', status: 400 },
    ];
    for (const { key, status } of refused) {
      const res = await put(encodeURIComponent(key), ogg, 'audio/ogg', { language: 'hmn' });
      expect(res.statusCode, key).toBe(status);
    }
    for (const language of ['VI', 'viet', 'v', 'v1']) {
      expect((await put('sec_income', ogg, 'audio/ogg', { language })).statusCode).toBe(400);
    }
    const otherQuestionnaire = await ctx.app.inject({
      method: 'PUT',
      url: '/api/audio/no-such-version/tyz/sec_income',
      headers: { ...sameOrigin, cookie: cookies.admin, 'content-type': 'audio/ogg' },
      payload: ogg,
    });
    expect(otherQuestionnaire.statusCode).toBe(404);
  });

  it('lets only an admin store or remove a recording', async () => {
    const ogg = audioFixture('question.ogg');
    const who = [
      { cookie: '', status: 401 },
      { cookie: cookies.analyst, status: 403 },
      { cookie: cookies.officer, status: 403 },
    ];
    for (const { cookie, status } of who) {
      expect((await put('tru_procedures', ogg, 'audio/ogg', { cookie })).statusCode).toBe(status);
      const removal = await ctx.app.inject({
        method: 'DELETE',
        url: `/api/audio/${qid}/tyz/sec_income`,
        headers: { ...sameOrigin, ...(cookie ? { cookie } : {}) },
      });
      expect(removal.statusCode).toBe(status);
    }
    expect(await stored('tru_procedures')).toBeUndefined();
    expect(await stored('sec_income')).toBeDefined();
  });

  it('a replaced recording gets a new URL; a removed one is gone; both are audited', async () => {
    const target = `${qid}/nut/cul_family`;
    const first = await put('cul_family', audioFixture('question.ogg'), 'audio/ogg', {
      language: 'nut',
    });
    const second = await put('cul_family', audioFixture('question.webm'), 'audio/webm', {
      language: 'nut',
    });
    expect(second.statusCode).toBe(201);
    expect(second.json().url).not.toBe(first.json().url);
    const served = await get(second.json().url);
    expect(served.headers['content-type']).toBe('audio/webm');
    expect(served.rawPayload.equals(audioFixture('question.webm'))).toBe(true);
    expect(await stored('cul_family', 'nut')).toMatchObject({
      content_type: 'audio/webm',
      sha256: second.json().sha256,
    });

    // As the staff page sends a change: with an empty JSON body.
    const removal = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/audio/${target}`,
      headers: { ...sameOrigin, cookie: cookies.admin },
      payload: {},
    });
    expect(removal.statusCode).toBe(204);
    expect((await get(second.json().url)).statusCode).toBe(404);
    expect((await get(second.json().url)).json().error.code).toBe('not_found');
    const again = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/audio/${target}`,
      headers: { ...sameOrigin, cookie: cookies.admin },
    });
    expect(again.statusCode).toBe(404);

    const uploads = await auditOf('audio.upload', target);
    expect(uploads.map((entry) => entry.details)).toEqual([
      expect.objectContaining({
        contentType: 'audio/ogg',
        sha256: first.json().sha256,
        replaced: null,
      }),
      expect.objectContaining({
        contentType: 'audio/webm',
        sha256: second.json().sha256,
        replaced: first.json().sha256,
        seconds: second.json().seconds,
        bytes: second.json().bytes,
      }),
    ]);
    expect(uploads[0]?.actor).toMatch(/^admin\./);
    const removals = await auditOf('audio.delete', target);
    expect(removals).toEqual([
      expect.objectContaining({
        details: expect.objectContaining({ sha256: second.json().sha256 }),
      }),
    ]);
  });

  it('lists a questionnaire’s recordings to precache, by language then key', async () => {
    const res = await get(`/api/audio/${qid}`);
    expect(res.statusCode).toBe(200);
    const list = res.json() as Array<{ language: string; key: string; url: string }>;
    const ids = list.map((entry) => `${entry.language}/${entry.key}`);
    expect(ids).toEqual([
      'hmn/_greeting',
      'hmn/age_band.60+',
      'hmn/intro',
      'hmn/sec_income.4',
      'hmn/sex.female',
      'tyz/sec_disaster',
      'tyz/sec_health',
      'tyz/sec_housing',
      'tyz/sec_income',
      'tyz/sec_safety',
      'tyz/tru_voice',
    ]);
    const income = list.find((entry) => entry.key === 'sec_income' && entry.language === 'tyz');
    const ogg = audioFixture('question.ogg');
    expect(income).toEqual({
      language: 'tyz',
      key: 'sec_income',
      contentType: 'audio/ogg',
      url: `/api/audio/${qid}/tyz/sec_income?v=${sha256(ogg).slice(0, 12)}`,
      seconds: 2.5,
      bytes: ogg.length,
      sha256: sha256(ogg),
    });
    for (const entry of list) expect((await get(entry.url)).statusCode).toBe(200);

    const tay = await get(`/api/audio/${qid}?language=tyz`);
    expect(tay.json().map((entry: { language: string }) => entry.language)).toEqual(
      Array(6).fill('tyz'),
    );
    expect((await get(`/api/audio/${qid}?language=TYZ`)).statusCode).toBe(400);
    expect((await get('/api/audio/no-such-version')).statusCode).toBe(404);
  });

  it('puts the audio routes in the reference at /docs', async () => {
    const spec = (await get('/docs/json')).json();
    const one = spec.paths['/api/audio/{questionnaireId}/{language}/{question}'];
    expect(Object.keys(one).sort()).toEqual(['delete', 'get', 'put']);
    expect(Object.keys(one.put.requestBody.content).sort()).toEqual([
      'audio/mpeg',
      'audio/ogg',
      'audio/webm',
    ]);
    expect(spec.paths['/api/audio/{questionnaireId}'].get).toBeDefined();
  });
});
