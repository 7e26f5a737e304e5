import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { derivedResponseId } from '../../server/responses/derived-id.ts';
import { vietnamDate } from '../../server/waves/wave-dates.ts';
import { databaseBackends } from '../helpers/databases.ts';
import { countResponses, recomputedRollups, storedRollups } from '../helpers/rows.ts';
import { sameOrigin, signedInStaff } from '../helpers/staff.ts';
import { scoredItems } from '../helpers/submissions.ts';
import { catalog, useTestApp } from '../helpers/test-app.ts';

const itemNames = scoredItems.map((item) => item.name);
const header = ['row_id', 'commune_code', 'completed_at', ...itemNames, 'sex', 'comment'];

/** A row of the file: every scored item `value`, unless `cells` says otherwise. */
function row(rowId: string, value: number, cells: Record<string, string> = {}) {
  const base: Record<string, string> = {
    row_id: rowId,
    commune_code: '01273',
    completed_at: vietnamDate(new Date()),
    sex: 'female',
    comment: '',
    ...Object.fromEntries(itemNames.map((name) => [name, String(value)])),
  };
  const all = { ...base, ...cells };
  return header.map((name) => all[name] ?? '');
}

const quoted = (field: string) =>
  /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
const csv = (rows: string[][], columns = header) =>
  `${[columns, ...rows].map((fields) => fields.map(quoted).join(',')).join('\r\n')}\r\n`;

describe.each(databaseBackends())('CSV import on $kind', ({ create }) => {
  const ctx = useTestApp(create);
  let cookie = '';

  const upload = async (body: string | Buffer, query = 'dryRun=false', type = 'text/csv') => {
    if (!cookie) cookie = (await signedInStaff(ctx.app, ctx.database.db, 'admin')).cookie;
    return ctx.app.inject({
      method: 'POST',
      url: `/api/imports/responses?${query}`,
      headers: { ...sameOrigin, cookie, 'content-type': type },
      payload: body,
    });
  };
  const auditCount = async () =>
    Number(
      (
        await ctx.database.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', '=', 'responses.import')
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('a dry run reports every problem by line and column and stores nothing', async () => {
    const before = { responses: await countResponses(ctx.database.db), audit: await auditCount() };
    const rollupsBefore = await storedRollups(ctx.database.db);
    const file = csv(
      [
        row('dry-1', 5),
        row('dry-2', 5, { sec_income: '11' }),
        row('dry-3', 5, { commune_code: '99999' }),
        row('dry-4', 5, { completed_at: '14/03/2026' }),
        row('dry-5', 5, { completed_at: '2021-06-01' }),
        row('', 5),
        row('dry-7', 5),
        row('dry-7', 6),
        row('dry-9', 5, { sex: 'unknown' }),
        row('dry-10', 5, { opp_jobs: '98', opp_school: '99' }),
      ],
      [...header.slice(0, -1), 'shoe_size'],
    );
    const res = await upload(file, 'dryRun=true');
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ dryRun: true, source: 'csv', rows: 10, valid: 2, stored: 0 });
    expect(report.unchanged).toBe(0);
    const byLine = (line: number) =>
      report.problems.filter((p: { line: number }) => p.line === line);
    expect(byLine(1)).toEqual([
      { line: 1, column: 'shoe_size', message: expect.stringMatching(/not a question/) },
    ]);
    expect(byLine(2)).toEqual([]);
    expect(byLine(3)).toEqual([{ line: 3, column: 'sec_income', message: expect.any(String) }]);
    expect(byLine(4)).toEqual([
      { line: 4, column: 'commune_code', message: 'unknown commune "99999"' },
    ]);
    expect(byLine(5)).toEqual([
      { line: 5, column: 'completed_at', message: expect.stringMatching(/must be a date/) },
    ]);
    expect(byLine(6)).toEqual([
      {
        line: 6,
        column: 'completed_at',
        message: expect.stringMatching(/No survey wave was open/),
      },
    ]);
    expect(byLine(7)).toEqual([{ line: 7, column: 'row_id', message: 'the row id is missing' }]);
    expect(byLine(8)).toEqual([
      { line: 8, column: 'row_id', message: 'the row id "dry-7" is also on line 9' },
    ]);
    expect(byLine(9)).toEqual([
      { line: 9, column: 'row_id', message: 'the row id "dry-7" is also on line 8' },
    ]);
    expect(byLine(10)).toEqual([{ line: 10, column: 'sex', message: expect.any(String) }]);
    expect(byLine(11)).toEqual([]);
    expect(report.problems).toHaveLength(9);

    expect(await countResponses(ctx.database.db)).toBe(before.responses);
    expect(await storedRollups(ctx.database.db)).toEqual(rollupsBefore);
    expect(await auditCount()).toBe(before.audit);
  });

  it('a real run stores the valid rows as paper responses of the source, scored, rolled up and audited', async () => {
    const before = await countResponses(ctx.database.db);
    const file = csv([
      row('r-1', 8),
      row('r-2', 6, { commune_code: '01279' }),
      row('r-3', 5, { sec_income: '50' }),
    ]);
    const res = await upload(file, 'dryRun=false&source=kobo');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rows: 3, valid: 2, stored: 2, unchanged: 0 });
    expect(res.json().problems).toEqual([
      { line: 4, column: expect.any(String), message: expect.any(String) },
    ]);
    expect(await countResponses(ctx.database.db)).toBe(before + 2);
    const stored = await ctx.database.db
      .selectFrom('responses')
      .select(['id', 'channel', 'source', 'commune_code', 'answers', 'score_overall'])
      .where('id', '=', derivedResponseId('import:kobo:r-1'))
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ channel: 'paper', source: 'kobo', commune_code: '01273' });
    expect(stored.answers).toMatchObject({ sec_income: 8, sex: 'female' });
    expect(stored.answers).not.toHaveProperty('comment');
    expect(await storedRollups(ctx.database.db)).toEqual(await recomputedRollups(ctx.database.db));

    const entry = await ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'responses.import')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const details = entry.details as Record<string, unknown>;
    expect(details).toMatchObject({
      source: 'kobo',
      sha256: createHash('sha256').update(file).digest('hex'),
      rows: 3,
      stored: 2,
    });
    expect(JSON.stringify(details)).not.toMatch(/sec_income|female/);
  });

  it('importing the same file again stores nothing and says so; a changed row is a problem, not an overwrite', async () => {
    const file = csv([row('again-1', 7), row('again-2', 3)]);
    expect((await upload(file)).json()).toMatchObject({ stored: 2, unchanged: 0 });
    const count = await countResponses(ctx.database.db);
    const rollups = await storedRollups(ctx.database.db);
    for (const dryRun of ['true', 'false']) {
      const again = (await upload(file, `dryRun=${dryRun}`)).json();
      expect(again).toMatchObject({ rows: 2, valid: 2, stored: 0, unchanged: 2, problems: [] });
    }
    const changed = (await upload(csv([row('again-1', 7), row('again-2', 4)]))).json();
    expect(changed).toMatchObject({ rows: 2, valid: 1, stored: 0, unchanged: 1 });
    expect(changed.problems).toEqual([
      {
        line: 3,
        column: 'row_id',
        message: expect.stringMatching(/^already imported with other answers/),
      },
    ]);
    expect(await countResponses(ctx.database.db)).toBe(count);
    expect(await storedRollups(ctx.database.db)).toEqual(rollups);
    const kept = await ctx.database.db
      .selectFrom('responses')
      .select('answers')
      .where('id', '=', derivedResponseId('import:csv:again-2'))
      .executeTakeFirstOrThrow();
    expect(kept.answers).toMatchObject({ sec_income: 3 });
  });

  it('two imports of one file at once store each row once', async () => {
    const rows = Array.from({ length: 60 }, (_, i) =>
      row(`race-${i}`, i % 11, {
        commune_code: i % 2 ? '01288' : '01279',
        sex: i % 3 ? 'male' : 'female',
      }),
    );
    const file = csv(rows);
    const before = await countResponses(ctx.database.db);
    const [first, second] = await Promise.all([upload(file), upload(file)]);
    expect([first?.statusCode, second?.statusCode]).toEqual([200, 200]);
    const reports = [first?.json(), second?.json()];
    expect(reports.map((r) => r.stored + r.unchanged)).toEqual([60, 60]);
    expect(reports[0].stored + reports[1].stored).toBe(60);
    expect(reports.every((r) => r.problems.length === 0)).toBe(true);
    expect(await countResponses(ctx.database.db)).toBe(before + 60);
    expect(await storedRollups(ctx.database.db)).toEqual(await recomputedRollups(ctx.database.db));
  });

  it('imported responses count in the results and get the integrity flags', async () => {
    const stack = csv([
      row('stack-1', 4, { commune_code: '01294' }),
      row('stack-2', 4, { commune_code: '01294', comment: 'khác' }),
      row('stack-3', 2, { commune_code: '01294', sec_income: '3' }),
    ]);
    expect((await upload(stack)).json()).toMatchObject({ stored: 3 });
    const flagsOf = async (rowId: string) =>
      (
        await ctx.database.db
          .selectFrom('responses')
          .select('flags')
          .where('id', '=', derivedResponseId(`import:csv:${rowId}`))
          .executeTakeFirstOrThrow()
      ).flags;
    expect(await flagsOf('stack-1')).toEqual(
      expect.arrayContaining(['duplicate', 'straight_line']),
    );
    expect(await flagsOf('stack-2')).toEqual(expect.arrayContaining(['duplicate']));
    expect(await flagsOf('stack-3')).not.toContain('duplicate');

    const { cookie: analyst } = await signedInStaff(ctx.app, ctx.database.db, 'analyst');
    const results = await ctx.app.inject({
      method: 'GET',
      url: '/api/results',
      headers: { cookie: analyst },
    });
    expect(results.statusCode).toBe(200);
    const commune = results.json().communes.find((c: { code: string }) => c.code === '01294');
    expect(commune.n).toBe(3);
  });

  it('reads quoted cells, CRLF or LF, a byte-order mark, and skips empty cells and blank lines', async () => {
    const columns = ['row_id', 'commune_code', 'sec_income', 'sec_health', 'comment'];
    const text =
      '\ufeffrow_id,commune_code,sec_income,sec_health,comment\n' +
      'q-1,01273,7,,"Tốt, ""rất"" tốt\nthật"\n\n' +
      'q-2,01273, 98 ,3,\r\n';
    const res = await upload(text);
    expect(res.json()).toMatchObject({ rows: 2, valid: 2, stored: 2, problems: [] });
    const stored = await ctx.database.db
      .selectFrom('responses')
      .select('answers')
      .where('id', 'in', [derivedResponseId('import:csv:q-1'), derivedResponseId('import:csv:q-2')])
      .orderBy('answers')
      .execute();
    const answers = stored.map((r) => r.answers);
    expect(answers).toContainEqual({ sec_income: 7, comment: 'Tốt, "rất" tốt\nthật' });
    expect(answers).toContainEqual({ sec_income: 98, sec_health: 3 });
    expect(columns).toHaveLength(5);
  });

  it('refuses what is not a CSV file with 400 or 415, and stores nothing', async () => {
    const count = await countResponses(ctx.database.db);
    const refusals: Array<[string | Buffer, string, number, RegExp]> = [
      [
        Buffer.from([0x72, 0x6f, 0x77, 0x0a, 0xff, 0xfe, 0x00, 0x41]),
        'text/csv',
        400,
        /line 2: the file is not UTF-8/,
      ],
      [Buffer.from('row_id,commune_code\nx\u0000,01273\n'), 'text/csv', 400, /line 2: .*NUL/],
      ['', 'text/csv', 400, /empty/],
      ['<html><body>not a file</body></html>', 'text/csv', 400, /row_id, commune_code/],
      ['row_id,commune_code,row_id\n1,01273,2\n', 'text/csv', 400, /named twice/],
      ['{"answers":{}}', 'application/json', 415, /text\/csv/],
    ];
    for (const [body, type, status, message] of refusals) {
      const res = await upload(body, 'dryRun=false', type);
      expect(res.statusCode, String(body)).toBe(status);
      expect(res.json().error.message).toMatch(message);
    }
    const bad = await upload(csv([row('qq', 5)]), 'dryRun=false&questionnaireId=nope');
    expect(bad.statusCode).toBe(400);
    const badSource = await upload(csv([row('qq', 5)]), 'dryRun=false&source=Kobo%20Toolbox');
    expect(badSource.statusCode).toBe(400);
    expect(await countResponses(ctx.database.db)).toBe(count);
  });

  it('takes a file above the 1 MB the rest of the API allows, up to 20 MB', async () => {
    const blankLines = '\n'.repeat(3 * 1024 * 1024);
    const big = await upload(
      `row_id,commune_code,sec_income${blankLines}\nbig-1,01273,5\n`,
      'dryRun=true',
    );
    expect(big.statusCode).toBe(200);
    expect(big.json()).toMatchObject({ rows: 1, valid: 1, problems: [] });
    const tooBig = await upload(Buffer.alloc(20 * 1024 * 1024 + 1, 0x0a), 'dryRun=true');
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error).toMatchObject({
      code: 'payload_too_large',
      message: expect.stringMatching(/20 MB/),
    });
  });

  it("checks rows against the wave's questionnaire, or the one the import names", async () => {
    const versionOf = async (rowId: string) =>
      (
        await ctx.database.db
          .selectFrom('responses')
          .select('questionnaire_id')
          .where('id', '=', derivedResponseId(`import:csv:${rowId}`))
          .executeTakeFirstOrThrow()
      ).questionnaire_id;
    const wave = await ctx.database.db
      .selectFrom('waves')
      .select('questionnaire_id')
      .executeTakeFirstOrThrow();
    const other = [...catalog.byId.keys()].find((id) => id !== wave.questionnaire_id);
    if (!other) throw new Error('the catalog has one version only');
    expect((await upload(csv([row('version-1', 5)]))).json()).toMatchObject({ stored: 1 });
    expect(await versionOf('version-1')).toBe(wave.questionnaire_id);
    const named = await upload(csv([row('version-2', 5)]), `dryRun=false&questionnaireId=${other}`);
    expect(named.json()).toMatchObject({ stored: 1, problems: [] });
    expect(await versionOf('version-2')).toBe(other);
  });

  it('admits admins only', async () => {
    const file = csv([row('auth-1', 5)]);
    const anonymous = await ctx.app.inject({
      method: 'POST',
      url: '/api/imports/responses?dryRun=true',
      headers: { ...sameOrigin, 'content-type': 'text/csv' },
      payload: file,
    });
    expect(anonymous.statusCode).toBe(401);
    for (const role of ['analyst', 'commune_officer', 'enumerator'] as const) {
      const staff = await signedInStaff(
        ctx.app,
        ctx.database.db,
        role,
        role === 'commune_officer' ? '01273' : null,
      );
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/imports/responses?dryRun=true',
        headers: { ...sameOrigin, cookie: staff.cookie, 'content-type': 'text/csv' },
        payload: file,
      });
      expect(res.statusCode, role).toBe(403);
    }
  });

  it('never answers 5xx to a malformed file', async () => {
    const pieces = [
      '"',
      ',',
      '\r\n',
      '\n',
      'row_id',
      'commune_code',
      '01273',
      'sec_income',
      '5',
      '98',
      'x',
      '\ufeff',
      ' ',
      '2026-13-40',
      '\ud800',
    ];
    let seed = 11;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let round = 0; round < 60; round += 1) {
      let text = round % 2 ? 'row_id,commune_code,sec_income\n' : '';
      for (let i = next() % 30; i > 0; i -= 1) text += pieces[next() % pieces.length];
      const res = await upload(text, round % 3 ? 'dryRun=true' : 'dryRun=false');
      expect(res.statusCode, JSON.stringify(text)).toBeLessThan(500);
    }
  });
});
