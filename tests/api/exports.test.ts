import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageResponses } from '../../server/exports/responses-query.ts';
import { dimensionKeys } from '../../server/questionnaires/schema.ts';
import { insertResponseOnce } from '../../server/responses/queries.ts';
import type { Submission } from '../../server/responses/schema.ts';
import { scoreResponse } from '../../server/scoring/score-response.ts';
import { parseCsvFile } from '../helpers/csv-parse.ts';
import { databaseBackends, type TestDatabase } from '../helpers/databases.ts';
import { sameOrigin, signedInStaff } from '../helpers/staff.ts';
import { bestAnswers, makeSubmission, uniformAnswers } from '../helpers/submissions.ts';
import { buildTestApp, questionnaire } from '../helpers/test-app.ts';
import { readWorkbook, type Worksheet } from '../helpers/workbook.ts';

const comment = 'Đường lên bản "Nà Mò", mùa mưa\nbị sạt lở';
const resultsWave = '2025';
const questionNames = [...questionnaire.questions.keys()];
const scoreNames = ['overall', ...dimensionKeys] as const;
const forbidden = /request_hash|kiosk|token|session|address|^ip$|user_agent|password|email/i;

type Receipt = { id: string; wave: string; scores: Record<string, number | null> };

/** A row of a parsed CSV, by column name. */
const byName = (header: string[], row: string[]) =>
  Object.fromEntries(header.map((name, i) => [name, row[i]]));

/** What a cell must read for this value: numbers as JS writes them, text guarded, null empty. */
function expectedCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(value)) return `'${value}`;
  return String(value);
}

/** A stored response in the results wave, through the production insert (rollups included). */
async function store(
  db: TestDatabase['db'],
  communeCode: string,
  answers: Record<string, unknown>,
) {
  await insertResponseOnce(db, {
    id: randomUUID(),
    questionnaireId: questionnaire.id,
    communeCode,
    wave: resultsWave,
    channel: 'paper',
    answers,
    requestHash: 'test',
    scores: scoreResponse(questionnaire.scoring, answers),
    startedAt: null,
    completedAt: null,
    receivedAt: new Date(),
    kioskId: null,
  });
}

describe.each(databaseBackends())('exports on $kind', ({ create }) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let analyst: string;
  let officer: string;
  let kioskId: string;
  let kioskToken: string;
  const sent: Array<{ submission: Submission; receipt: Receipt }> = [];

  beforeAll(async () => {
    database = await create();
    app = await buildTestApp(database);
    analyst = (await signedInStaff(app, database.db, 'analyst')).cookie;
    officer = (await signedInStaff(app, database.db, 'commune_officer', '01273')).cookie;
    const admin = (await signedInStaff(app, database.db, 'admin')).cookie;
    const kiosk = await app.inject({
      method: 'POST',
      url: '/api/kiosks',
      payload: { communeCode: '01273', label: 'Nhà văn hoá' },
      headers: { ...sameOrigin, cookie: admin },
    });
    kioskId = kiosk.json().id;
    kioskToken = kiosk.json().token;

    const submissions: Array<{ submission: Submission; headers?: Record<string, string> }> = [
      {
        submission: makeSubmission({
          answers: {
            ...bestAnswers(),
            life_sat: 7,
            age_band: '18-29',
            sex: 'female',
            ethnicity: 'tay',
            comment,
          },
          startedAt: '2026-03-01T08:00:00+07:00',
          completedAt: '2026-03-01T08:09:30+07:00',
        }),
      },
      {
        submission: makeSubmission({
          answers: { ...uniformAnswers(5), sec_income: 98, comment: '=HYPERLINK("http://x","y")' },
        }),
      },
      {
        submission: makeSubmission({
          answers: { sec_income: 3, comment: 'một, hai\r\nba "bốn" ; năm' },
        }),
      },
      {
        submission: makeSubmission({
          communeCode: '01273',
          channel: 'kiosk',
          answers: { comment: '-' },
        }),
        headers: { authorization: `Bearer ${kioskToken}` },
      },
      {
        submission: makeSubmission({
          communeCode: '01279',
          answers: { ...uniformAnswers(8), sex: 'male' },
        }),
      },
    ];
    for (const { submission, headers } of submissions) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/responses',
        payload: submission,
        ...(headers ? { headers } : {}),
      });
      if (res.statusCode !== 201) throw new Error(`submission failed: ${res.body}`);
      sent.push({ submission, receipt: res.json() });
    }
    // A demo row is exported too, marked as such.
    await database.db
      .updateTable('responses')
      .set({ is_demo: true })
      .where('id', '=', sent[4]?.submission.id ?? '')
      .execute();

    // The results wave: enough responses for ranks, statuses and intervals.
    for (let i = 0; i < 30; i += 1) await store(database.db, '01273', bestAnswers());
    for (let i = 0; i < 32; i += 1) {
      await store(database.db, '01279', uniformAnswers(6 + (i % 5)));
      await store(database.db, '01288', uniformAnswers(7 + (i % 4)));
    }
    for (let i = 0; i < 5; i += 1) await store(database.db, '01290', uniformAnswers(9));
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const get = (url: string, cookie = analyst) =>
    app.inject({ method: 'GET', url, headers: { cookie } });
  const wave = () => sent[0]?.receipt.wave ?? '';

  describe('responses.csv', () => {
    it('round-trips every response: values, BOM, columns, rows, in id order', async () => {
      const res = await get(`/api/exports/responses.csv?wave=${wave()}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="cb-hpi-responses-${wave()}.csv"`,
      );
      expect(res.headers['cache-control']).toBe('no-store');
      const { header, rows } = parseCsvFile(res.rawPayload);
      expect(header).toEqual([
        'id',
        'questionnaire_id',
        'commune_code',
        'wave',
        'channel',
        'started_at',
        'completed_at',
        'received_at',
        'is_demo',
        'flags',
        'review_state',
        ...questionNames,
        ...scoreNames.map((name) => `score_${name}`),
      ]);
      expect(questionNames).toEqual(expect.arrayContaining(['life_sat', 'sex', 'comment']));
      expect(rows).toHaveLength(sent.length);
      // By commune, then id.
      const keys = rows.map((row) => `${row[2]}/${row[0]}`);
      expect(keys).toEqual([...keys].sort());

      const stored = await database.db.selectFrom('responses').selectAll().execute();
      for (const { submission, receipt } of sent) {
        const row = rows.find((r) => r[0] === submission.id);
        expect(row, submission.id).toBeDefined();
        const cells = byName(header, row ?? []);
        const db = stored.find((s) => s.id === submission.id);
        expect(cells).toMatchObject({
          questionnaire_id: submission.questionnaireId,
          commune_code: submission.communeCode,
          wave: receipt.wave,
          channel: submission.channel,
          started_at: submission.startedAt ? new Date(submission.startedAt).toISOString() : '',
          completed_at: submission.completedAt
            ? new Date(submission.completedAt).toISOString()
            : '',
          received_at: db?.received_at.toISOString(),
          is_demo: String(db?.is_demo),
          flags: db?.flags.join(';'),
          review_state: db?.review_state,
        });
        for (const name of questionNames) {
          expect(cells[name], name).toBe(expectedCell(submission.answers[name]));
        }
        for (const name of scoreNames) {
          const cell = cells[`score_${name}`] ?? '';
          const score = receipt.scores[name] ?? null;
          expect(cell === '' ? null : Number(cell), name).toBe(score);
        }
      }
      const first = byName(header, rows.find((r) => r[0] === sent[0]?.submission.id) ?? []);
      expect(first.comment).toBe(comment);
      expect(first.sec_income).toBe('10');
      const second = byName(header, rows.find((r) => r[0] === sent[1]?.submission.id) ?? []);
      expect(second.comment).toBe('\'=HYPERLINK("http://x","y")');
      expect(second.sec_income).toBe('98');
      expect(byName(header, rows.find((r) => r[0] === sent[4]?.submission.id) ?? []).is_demo).toBe(
        'true',
      );
    });

    it("carries each response's flags and review state: a flagged one, an excluded one", async () => {
      // Set directly, as the flag rules and the review would: the export only reads them.
      const [flagged, excluded] = [sent[1]?.submission.id ?? '', sent[2]?.submission.id ?? ''];
      const mark = (
        id: string,
        set: { flags: string[]; review_state?: 'excluded' | 'unreviewed' },
      ) => database.db.updateTable('responses').set(set).where('id', '=', id).execute();
      await mark(flagged, { flags: ['too_fast', 'straight_line'] });
      await mark(excluded, { flags: ['duplicate', 'burst'], review_state: 'excluded' });
      try {
        for (const url of [
          `/api/exports/responses.csv?wave=${wave()}`,
          `/api/exports/responses.csv?wave=${wave()}&communeCode=${sent[2]?.submission.communeCode}`,
        ]) {
          const { header, rows } = parseCsvFile((await get(url)).rawPayload);
          const row = (id: string) => byName(header, rows.find((r) => r[0] === id) ?? []);
          expect(row(excluded)).toMatchObject({
            flags: 'duplicate;burst',
            review_state: 'excluded',
          });
          if (url.includes('communeCode')) continue;
          expect(rows).toHaveLength(sent.length);
          expect(row(flagged)).toMatchObject({
            flags: 'too_fast;straight_line',
            review_state: 'unreviewed',
          });
          // The columns sit after is_demo, before the answers.
          expect(header.indexOf('flags')).toBe(header.indexOf('is_demo') + 1);
          expect(header.indexOf('review_state')).toBe(header.indexOf('is_demo') + 2);
        }
      } finally {
        await mark(flagged, { flags: [] });
        await mark(excluded, { flags: [], review_state: 'unreviewed' });
      }
    });

    it('shows nothing that could trace a respondent or a device', async () => {
      const res = await get(`/api/exports/responses.csv?wave=${wave()}`);
      const { header } = parseCsvFile(res.rawPayload);
      expect(header.filter((name) => forbidden.test(name))).toEqual([]);
      const hashes = await database.db.selectFrom('responses').select('request_hash').execute();
      for (const secret of [kioskId, kioskToken, ...hashes.map((h) => h.request_hash)]) {
        expect(res.body).not.toContain(secret);
      }
    });

    it('exports one commune when asked, and only that', async () => {
      const res = await get(`/api/exports/responses.csv?wave=${wave()}&communeCode=01279`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain(`cb-hpi-responses-${wave()}-01279.csv`);
      const { rows } = parseCsvFile(res.rawPayload);
      expect(rows.map((row) => row[0])).toEqual([sent[4]?.submission.id]);
    });

    it('gives a commune officer their own commune only, and only when they name it', async () => {
      const own = await get(`/api/exports/responses.csv?wave=${wave()}&communeCode=01273`, officer);
      expect(own.statusCode).toBe(200);
      const { rows } = parseCsvFile(own.rawPayload);
      expect(rows).toHaveLength(4);
      expect(new Set(rows.map((row) => row[2]))).toEqual(new Set(['01273']));

      for (const url of [
        `/api/exports/responses.csv?wave=${wave()}`,
        `/api/exports/responses.csv?wave=${wave()}&communeCode=01279`,
        '/api/exports/results.csv',
        '/api/exports/results.xlsx',
      ]) {
        const res = await get(url, officer);
        expect(res.statusCode, url).toBe(403);
        expect(res.json().error.code).toBe('forbidden');
      }
    });

    it('answers a bad query with the error shape, before any file', async () => {
      const unknown = await get('/api/exports/responses.csv?communeCode=99999');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.code).toBe('not_found');
      for (const url of [
        '/api/exports/responses.csv?communeCode=12',
        // Not a wave under any rule: a leading dash, capitals, an underscore.
        '/api/exports/responses.csv?wave=-26',
        '/api/exports/results.csv?wave=ABCD',
        '/api/exports/results.xlsx?wave=20_26',
        '/api/exports/responses-dictionary.csv?wave=-1',
      ]) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(400);
        expect(res.json().error.code).toBe('validation_failed');
      }
      const anonymous = await app.inject({ method: 'GET', url: '/api/exports/responses.csv' });
      expect(anonymous.statusCode).toBe(401);
    });

    it('gives a header and no rows for a wave without responses', async () => {
      const res = await get('/api/exports/responses.csv?wave=2019');
      expect(res.statusCode).toBe(200);
      const { header, rows } = parseCsvFile(res.rawPayload);
      expect(header[0]).toBe('id');
      expect(rows).toEqual([]);
    });

    it('pages commune by commune, in id order, without losing or repeating a row', async () => {
      const communeCodes = ['01288', '01273', '01290', '01279', '01297'];
      const all: string[] = [];
      for await (const page of pageResponses(database.db, { wave: resultsWave, communeCodes }, 7)) {
        expect(page.length).toBeLessThanOrEqual(7);
        all.push(...page.map((row) => `${row.commune_code}/${row.id}`));
      }
      const stored = await database.db
        .selectFrom('responses')
        .select(['commune_code', 'id'])
        .where('wave', '=', resultsWave)
        .orderBy('id')
        .execute();
      const expected = communeCodes.flatMap((code) =>
        stored.filter((row) => row.commune_code === code).map((row) => `${code}/${row.id}`),
      );
      expect(all).toEqual(expected);
      expect(all).toHaveLength(30 + 64 + 5);
    });

    it('lets other requests run between pages', async () => {
      // A prefetched page's reply can already be waiting; an export that never yields a turn
      // of the event loop would then hold up every other request until it ends.
      const pages = pageResponses(database.db, { wave: resultsWave, communeCodes: ['01279'] }, 5);
      await pages.next();
      let turned = false;
      setImmediate(() => {
        turned = true;
      });
      await pages.next();
      expect(turned).toBe(true);
      await pages.return(undefined);
    });
  });

  describe('responses.xlsx and the column dictionary', () => {
    const round1 = (v: number) => Math.round(v * 10) / 10;
    /** The cells of a worksheet row from column 1, empty ones as null. */
    const rowValues = (sheet: Worksheet, r: number, width: number) =>
      Array.from({ length: width }, (_, i) => sheet.getRow(r).getCell(i + 1).value ?? null);

    it('has the rows of responses.csv in its order, with words for codes', async () => {
      const csv = parseCsvFile((await get(`/api/exports/responses.csv?wave=${wave()}`)).rawPayload);
      const res = await get(`/api/exports/responses.xlsx?wave=${wave()}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="cb-hpi-responses-${wave()}.xlsx"`,
      );
      expect(res.headers['cache-control']).toBe('no-store');
      const book = await readWorkbook(res.rawPayload);
      const [sheet, dictionary] = book.worksheets;
      if (!sheet || !dictionary) throw new Error('expected two sheets');
      expect([sheet.name, dictionary.name]).toEqual([
        'Câu trả lời (responses)',
        'Giải thích cột (columns)',
      ]);

      // The dictionary sheet names every CSV column in order, with its Excel heading.
      const entries = Array.from({ length: dictionary.rowCount - 1 }, (_, i) =>
        rowValues(dictionary, i + 2, 5),
      );
      expect(entries.map((entry) => entry[0])).toEqual(csv.header);
      const headings = entries.map((entry) => String(entry[1]));
      const codeAt = csv.header.indexOf('commune_code');
      const expectedHeadings = [
        ...headings.slice(0, codeAt + 1),
        'Tên xã, phường (commune)',
        ...headings.slice(codeAt + 1),
      ];
      const width = expectedHeadings.length;
      expect(rowValues(sheet, 1, width)).toEqual(expectedHeadings);
      // Questions are headed by their wording, not their internal names.
      expect(headings[csv.header.indexOf('sex')]).toBe('Giới tính của Ông/Bà');

      // The same rows, in the same order.
      expect(sheet.rowCount).toBe(csv.rows.length + 1);
      const column = (name: string) => {
        const at = csv.header.indexOf(name);
        return at > codeAt ? at + 2 : at + 1;
      };
      const names = new Map(
        (
          (await app.inject({ method: 'GET', url: '/api/communes' })).json() as Array<{
            code: string;
            name: string;
          }>
        ).map((c) => [c.code, c.name]),
      );
      csv.rows.forEach((csvRow, i) => {
        const r = i + 2;
        const cells = byName(csv.header, csvRow);
        const xlsx = (name: string) => sheet.getRow(r).getCell(column(name)).value ?? null;
        expect(xlsx('id')).toBe(cells.id);
        expect(xlsx('commune_code')).toBe(cells.commune_code);
        expect(sheet.getRow(r).getCell(codeAt + 2).value).toBe(names.get(cells.commune_code ?? ''));
        expect(xlsx('wave')).toBe(cells.wave);
        expect(xlsx('channel')).toBe(
          { web: 'Trên mạng', kiosk: 'Ki-ốt', paper: 'Phiếu giấy' }[cells.channel ?? ''],
        );
        expect(xlsx('is_demo')).toBe(cells.is_demo === 'true' ? 'Có' : 'Không');
        expect(xlsx('review_state')).toBe('Chưa xem xét');
        for (const time of ['started_at', 'completed_at', 'received_at']) {
          const iso = cells[time] ?? '';
          const value = xlsx(time);
          if (iso === '') expect(value, time).toBe(null);
          // Excel's dates carry no zone: the clock time in Vietnam (UTC+7).
          else expect((value as Date).getTime(), time).toBe(Date.parse(iso) + 7 * 3_600_000);
        }
        for (const name of scoreNames) {
          const score = cells[`score_${name}`] ?? '';
          expect(xlsx(`score_${name}`), name).toBe(score === '' ? null : round1(Number(score)));
        }
        for (const name of questionNames) {
          const answer = cells[name] ?? '';
          const value = xlsx(name);
          if (answer === '') expect(value, name).toBe(null);
          else if (/^\d+$/.test(answer) && Number(answer) < 98)
            // Ratings stay numbers; only 98/99 and choices become words.
            expect(value, name).toBe(Number(answer));
          else expect(typeof value, name).toBe('string');
        }
      });

      const row = (id: string | undefined) => csv.rows.findIndex((r) => r[0] === id) + 2;
      const first = row(sent[0]?.submission.id);
      const at = (r: number, name: string) => sheet.getRow(r).getCell(column(name)).value;
      expect(at(first, 'sex')).toBe('Nữ');
      expect(at(first, 'ethnicity')).toBe('Tày');
      expect(at(first, 'age_band')).toBe('18–29 tuổi');
      expect(at(first, 'comment')).toBe(comment);
      const second = row(sent[1]?.submission.id);
      expect(at(second, 'sec_income')).toBe('Không biết');
      // A formula a resident typed stays text: inline strings are never evaluated.
      expect(at(second, 'comment')).toBe('=HYPERLINK("http://x","y")');
      expect(sheet.getRow(second).getCell(column('comment')).formula).toBeUndefined();
      expect(at(row(sent[4]?.submission.id), 'sex')).toBe('Nam');
      expect(at(row(sent[4]?.submission.id), 'is_demo')).toBe('Có');
      // Times shown as dates and times, scores with one decimal.
      expect(sheet.getRow(first).getCell(column('received_at')).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
      expect(sheet.getRow(first).getCell(column('score_overall')).numFmt).toBe('0.0');
    });

    it('gives the rights and errors of responses.csv', async () => {
      const own = await get(
        `/api/exports/responses.xlsx?wave=${wave()}&communeCode=01273`,
        officer,
      );
      expect(own.statusCode).toBe(200);
      expect(own.headers['content-disposition']).toContain(`cb-hpi-responses-${wave()}-01273.xlsx`);
      const sheet = (await readWorkbook(own.rawPayload)).worksheets[0];
      expect(sheet?.rowCount).toBe(1 + 4);
      for (const url of [
        `/api/exports/responses.xlsx?wave=${wave()}`,
        `/api/exports/responses.xlsx?wave=${wave()}&communeCode=01279`,
      ]) {
        const res = await get(url, officer);
        expect(res.statusCode, url).toBe(403);
        expect(res.json().error.code).toBe('forbidden');
      }
      expect((await get('/api/exports/responses.xlsx?communeCode=99999')).statusCode).toBe(404);
      const bad = await get('/api/exports/responses.xlsx?wave=-26');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('validation_failed');
      const anonymous = await app.inject({ method: 'GET', url: '/api/exports/responses.xlsx' });
      expect(anonymous.statusCode).toBe(401);
    });

    it('responses-dictionary.csv explains every column of responses.csv, in order', async () => {
      const csv = parseCsvFile((await get(`/api/exports/responses.csv?wave=${wave()}`)).rawPayload);
      const res = await get(`/api/exports/responses-dictionary.csv?wave=${wave()}`, officer);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="cb-hpi-responses-${wave()}-dictionary.csv"`,
      );
      const { header, rows } = parseCsvFile(res.rawPayload);
      expect(header).toEqual(['column', 'excel_heading', 'meaning_vi', 'meaning_en', 'values']);
      expect(rows.map((r) => r[0])).toEqual(csv.header);
      const entry = (name: string) => byName(header, rows.find((r) => r[0] === name) ?? []);
      expect(entry('sex').values).toContain('female = Nữ');
      expect(entry('ethnicity').values).toContain('lo_lo = Lô Lô');
      expect(entry('sec_income').values).toMatch(/^0–10; 98 = Không biết; 99 = Không áp dụng$/);
      expect(entry('review_state').values).toContain('excluded = Đã loại khỏi kết quả');
      expect(entry('commune_code').meaning_en).toBe('Commune code (five digits)');
      for (const r of rows)
        expect(
          r.every((cell) => cell !== ''),
          r[0],
        ).toBe(true);
    });
  });

  describe('results', () => {
    const measureCells = (m: {
      n: number;
      mean: number | null;
      ciLow: number | null;
      ciHigh: number | null;
    }) => [m.n, m.mean, m.ciLow, m.ciHigh];
    type CommuneJson = {
      code: string;
      name: string;
      rank: number | null;
      n: number;
      status: string;
      confident: boolean;
      pMeets: number | null;
      weighting: string;
      overall: {
        n: number;
        mean: number | null;
        ciLow: number | null;
        ciHigh: number | null;
        se?: number;
        effectiveN?: number;
        unplaced?: number;
      };
      dimensions: Record<
        string,
        { n: number; mean: number | null; ciLow: number | null; ciHigh: number | null }
      >;
    };
    const expectedRow = (c: CommuneJson, kind: string) => [
      c.code,
      c.name,
      kind,
      c.rank,
      c.n,
      c.status,
      c.overall.mean,
      c.overall.ciLow,
      c.overall.ciHigh,
      c.pMeets,
      c.confident,
      ...dimensionKeys.flatMap((key) => {
        const dimension = c.dimensions[key];
        if (!dimension) throw new Error(`${c.code} has no ${key} in GET /api/results`);
        return measureCells(dimension);
      }),
      c.weighting,
      c.overall.se ?? null,
      c.overall.effectiveN ?? null,
      c.overall.unplaced ?? null,
    ];

    it('results.csv has the figures of GET /api/results, unrounded, and the method', async () => {
      const json = (await get(`/api/results?wave=${resultsWave}`)).json();
      const kinds = new Map(
        (
          (await app.inject({ method: 'GET', url: '/api/communes' })).json() as Array<{
            code: string;
            kind: string;
          }>
        ).map((c) => [c.code, c.kind]),
      );
      const res = await get(`/api/exports/results.csv?wave=${resultsWave}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="cb-hpi-results-${resultsWave}.csv"`,
      );
      const { header, rows } = parseCsvFile(res.rawPayload);
      expect(header.slice(0, 11)).toEqual([
        'Mã (code)',
        'Tên (name)',
        'Loại (kind)',
        'Hạng (rank)',
        'Số phiếu (n)',
        'Trạng thái (status)',
        'Điểm CB-HPI (overall_mean)',
        'Cận dưới KTC 95% (overall_ci_low)',
        'Cận trên KTC 95% (overall_ci_high)',
        'Xác suất đạt P(≥90) (p_meets)',
        'Chắc chắn đạt (confident)',
      ]);
      expect(header).toContain('Niềm tin: cận trên KTC 95% (trust_ci_high)');
      expect(header).toHaveLength(11 + 4 * 4 + 4);
      expect(header.slice(-4)).toEqual([
        'Trọng số (weighting)',
        'Sai số chuẩn có trọng số (overall_se)',
        'Cỡ mẫu hiệu dụng (overall_effective_n)',
        'Phiếu không xếp nhóm (overall_unplaced)',
      ]);

      const communes = json.communes as CommuneJson[];
      expect(communes).toHaveLength(56);
      expect(communes.filter((c) => c.rank !== null).length).toBe(3);
      communes.forEach((commune, i) => {
        const row = rows[i] ?? [];
        const expected = expectedRow(commune, kinds.get(commune.code) ?? '');
        expected.forEach((value, column) => {
          const cell = row[column] ?? '';
          if (typeof value === 'number')
            expect(Number(cell), `${commune.code} ${header[column]}`).toBe(value);
          else
            expect(cell, `${commune.code} ${header[column]}`).toBe(
              value === null ? '' : String(value),
            );
        });
      });
      // A mean that is not a round number is written in full.
      expect(rows.some((row) => /\.\d{6,}/.test(row[6] ?? ''))).toBe(true);

      const trailer = rows.slice(56);
      expect(trailer[0]?.every((cell) => cell === '')).toBe(true);
      const method = Object.fromEntries(trailer.slice(1).map((row) => [row[0], row[1]]));
      expect(method).toEqual({
        'Phương pháp (method)': 'CB-HPI method v1',
        'Đợt khảo sát (wave)': resultsWave,
        'Bảng hỏi (questionnaire_id)': questionnaire.id,
        'Ngưỡng điểm (threshold)': '90',
        'Số phiếu tối thiểu (min_n)': '30',
        'Tổng số xã/phường (headline_total)': String(json.headline.total),
        'Số xã/phường đạt (headline_meeting)': String(json.headline.meeting),
        'Tỷ lệ đạt (headline_share)': String(json.headline.share),
        'Tỷ lệ mục tiêu (headline_target_share)': String(json.headline.targetShare),
        'Đạt mục tiêu (headline_target_met)': String(json.headline.targetMet),
        'Số xã/phường cần đạt (headline_needed)': String(json.headline.needed),
      });
    });

    it('results.csv without a wave is the latest wave, as GET /api/results', async () => {
      const json = (await get('/api/results')).json();
      const res = await get('/api/exports/results.csv');
      expect(res.headers['content-disposition']).toContain(`cb-hpi-results-${json.wave}.csv`);
    });

    it('results.xlsx is for people: Vietnamese words, rounded figures, codes as text', async () => {
      const json = (await get(`/api/results?wave=${resultsWave}`)).json();
      const res = await get(`/api/exports/results.xlsx?wave=${resultsWave}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="cb-hpi-results-${resultsWave}.xlsx"`,
      );
      expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
      // A strict reader (its XML parser refuses any malformed part) opens the file.
      const book = await readWorkbook(res.rawPayload);
      expect(book.worksheets.map((sheet) => sheet.name)).toEqual([
        'Kết quả (results)',
        'Phương pháp (method)',
      ]);
      const sheet = book.worksheets[0];
      if (!sheet) throw new Error('no results sheet');
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(header.slice(0, 11)).toEqual([
        'Mã xã, phường (code)',
        'Tên xã, phường (name)',
        'Loại (kind)',
        'Hạng (rank)',
        'Số phiếu (responses)',
        'Tình trạng (status)',
        'Điểm CB-HPI (score)',
        'KTC 95% cận dưới (95% interval, low)',
        'KTC 95% cận trên (95% interval, high)',
        'Xác suất đạt ≥ 90 (chance of ≥ 90)',
        'Chắc chắn đạt (confidently meets)',
      ]);
      const kinds = new Map(
        (
          (await app.inject({ method: 'GET', url: '/api/communes' })).json() as Array<{
            code: string;
            kind: string;
          }>
        ).map((c) => [c.code, c.kind]),
      );
      const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
      const words = { meets: 'Đạt', below: 'Chưa đạt', insufficient: 'Chưa đủ mẫu' };
      const communes = json.communes as CommuneJson[];
      const cell = (row: number, column: number) => sheet.getRow(row).getCell(column).value ?? null;
      let sawUnroundedMean = false;
      communes.forEach((commune, i) => {
        const r = i + 2;
        // The code stays text, leading zero and all.
        expect(cell(r, 1)).toBe(commune.code);
        expect(typeof cell(r, 1)).toBe('string');
        expect(cell(r, 2)).toBe(commune.name);
        expect(cell(r, 3)).toBe(kinds.get(commune.code) === 'ward' ? 'Phường' : 'Xã');
        expect(cell(r, 4)).toBe(commune.rank);
        expect(cell(r, 5)).toBe(commune.n);
        expect(cell(r, 6)).toBe(words[commune.status as keyof typeof words]);
        expect(cell(r, 7)).toBe(round1(commune.overall.mean));
        expect(cell(r, 8)).toBe(round1(commune.overall.ciLow));
        expect(cell(r, 9)).toBe(round1(commune.overall.ciHigh));
        if (commune.status === 'insufficient') {
          // No verdict for a commune with too few responses.
          expect(cell(r, 10)).toBe(null);
          expect(cell(r, 11)).toBe(null);
        } else {
          expect(cell(r, 10)).toBe(
            commune.pMeets === null ? null : Math.round(commune.pMeets * 1000) / 1000,
          );
          expect(cell(r, 11)).toBe(commune.confident ? 'Có' : 'Không');
        }
        if (commune.overall.mean !== null && commune.overall.mean !== round1(commune.overall.mean))
          sawUnroundedMean = true;
        // Every number in the row has at most one decimal, but the percentage (three).
        (sheet.getRow(r).values as unknown[]).forEach((value, column) => {
          if (typeof value !== 'number') return;
          const decimals = column === 10 ? 3 : 1;
          expect(
            Math.abs(value * 10 ** decimals - Math.round(value * 10 ** decimals)),
          ).toBeLessThan(1e-6);
        });
      });
      // The rounding was really needed: some mean had more decimals in the JSON.
      expect(sawUnroundedMean).toBe(true);
      // Shown with one decimal and as a percentage, whatever Excel's defaults.
      expect(sheet.getRow(2).getCell(7).numFmt).toBe('0.0');
      expect(sheet.getRow(2).getCell(10).numFmt).toBe('0.0%');
      expect(sheet.getRow(58).getCell(1).value ?? null).toBe(null);
      // No English code is left in the sheet.
      const texts = communes.flatMap((_, i) =>
        (sheet.getRow(i + 2).values as unknown[]).filter((v) => typeof v === 'string'),
      );
      for (const code of ['meets', 'below', 'insufficient', 'ward', 'commune', 'true', 'false'])
        expect(texts).not.toContain(code);

      const method = book.worksheets[1];
      if (!method) throw new Error('no method sheet');
      const value = (row: number) => method.getRow(row).getCell(2).value;
      expect(value(2)).toBe('CB-HPI method v1');
      expect(value(3)).toBe(resultsWave);
      expect(value(4)).toBe(questionnaire.id);
      expect(value(5)).toBe(90);
      expect(value(6)).toBe(30);
      expect(method.getRow(9).getCell(1).value).toBe('Tỷ lệ xã, phường đạt (share meeting)');
      expect(value(9)).toBe(Math.round(json.headline.share * 1000) / 1000);
      expect(method.getRow(9).getCell(2).numFmt).toBe('0.0%');
      expect(value(11)).toBe(json.headline.targetMet ? 'Có' : 'Không');
    });
  });
});
