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
import { unzip } from '../helpers/unzip.ts';

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

/** Cells of a worksheet's XML as `A1` → value: numbers as numbers, text unescaped. */
function sheetCells(xml: string): Map<string, string | number | boolean> {
  const cells = new Map<string, string | number | boolean>();
  const unescapeXml = (text: string) =>
    text
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&amp;', '&');
  for (const match of xml.matchAll(/<c r="([A-Z]+\d+)"(?: s="\d+")?(?: t="(\w+)")?>(.*?)<\/c>/g)) {
    const [, ref = '', type, body = ''] = match;
    if (type === 'inlineStr') {
      cells.set(
        ref,
        unescapeXml(body.replace(/^<is><t xml:space="preserve">(.*)<\/t><\/is>$/s, '$1')),
      );
    } else {
      const value = body.replace(/^<v>(.*)<\/v>$/, '$1');
      cells.set(ref, type === 'b' ? value === '1' : Number(value));
    }
  }
  return cells;
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
        '/api/exports/responses.csv?wave=26',
        '/api/exports/results.csv?wave=abcd',
        '/api/exports/results.xlsx?wave=1',
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
      overall: { n: number; mean: number | null; ciLow: number | null; ciHigh: number | null };
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
      expect(header).toHaveLength(11 + 4 * 4);

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

    it('results.xlsx is a valid workbook with the same figures as real numbers', async () => {
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
      const files = unzip(res.rawPayload);
      const workbook = files.get('xl/workbook.xml')?.toString('utf8') ?? '';
      expect(workbook).toContain('name="Kết quả (results)"');
      expect(workbook).toContain('name="Phương pháp (method)"');
      const sheet = sheetCells(files.get('xl/worksheets/sheet1.xml')?.toString('utf8') ?? '');
      expect(sheet.get('G1')).toBe('Điểm CB-HPI (overall_mean)');
      expect(sheet.get('A1')).toBe('Mã (code)');
      const communes = json.communes as CommuneJson[];
      communes.forEach((commune, i) => {
        const r = i + 2;
        expect(sheet.get(`A${r}`)).toBe(commune.code);
        expect(sheet.get(`B${r}`)).toBe(commune.name);
        expect(sheet.get(`D${r}`)).toBe(commune.rank ?? undefined);
        expect(sheet.get(`E${r}`)).toBe(commune.n);
        expect(sheet.get(`G${r}`)).toBe(commune.overall.mean ?? undefined);
        expect(sheet.get(`H${r}`)).toBe(commune.overall.ciLow ?? undefined);
        expect(sheet.get(`J${r}`)).toBe(commune.pMeets ?? undefined);
        expect(sheet.get(`K${r}`)).toBe(commune.confident);
      });
      expect(sheet.has('A58')).toBe(false);
      const method = sheetCells(files.get('xl/worksheets/sheet2.xml')?.toString('utf8') ?? '');
      expect(method.get('B2')).toBe('CB-HPI method v1');
      expect(method.get('B3')).toBe(resultsWave);
      expect(method.get('B4')).toBe(questionnaire.id);
      expect(method.get('B5')).toBe(90);
      expect(method.get('B6')).toBe(30);
      expect(method.get('B11')).toBe(json.headline.targetMet);
    });
  });
});
