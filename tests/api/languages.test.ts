import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { readCsv } from '../../server/languages/read-csv.ts';
import { readLanguageFiles } from '../../server/languages/read-language-files.ts';
import { readXlsx } from '../../server/languages/read-xlsx.ts';
import { databaseBackends, type TestDatabase } from '../helpers/databases.ts';
import {
  fixtureLanguagesDir,
  pseudo,
  qaaWithoutOneMessage,
  shippedLanguagesDir,
} from '../helpers/languages.ts';
import { sameOrigin, signedInStaff } from '../helpers/staff.ts';
import { catalog, testConfig } from '../helpers/test-app.ts';

type Summary = { code: string; offered: boolean; coverage: number; version: string };
type Problem = { row: number | null; key: string | null; code: string };

const csvType = { 'content-type': 'text/csv' };
const xlsxType = {
  'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A kit's rows (header first) back to CSV, as a spreadsheet would save them. */
const toCsv = (rows: string[][]) =>
  `${rows.map((row) => row.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(',')).join('\r\n')}\r\n`;

/** The translator's work: the target filled with a pseudo-translation of the Vietnamese. */
const filled = (rows: string[][]) =>
  rows.map((row, i) =>
    i === 0 ? row : [row[0] ?? '', row[1] ?? '', row[2] ?? '', row[3] ?? '', `⟪${row[2]}⟫`],
  );

describe.each(databaseBackends())('languages on $kind', ({ create }) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let admin = '';
  let analyst = '';

  beforeAll(async () => {
    database = await create();
    app = await buildApp({
      config: testConfig,
      database,
      catalog,
      languages: readLanguageFiles([shippedLanguagesDir, fixtureLanguagesDir]),
    });
    admin = (await signedInStaff(app, database.db, 'admin')).cookie;
    analyst = (await signedInStaff(app, database.db, 'analyst')).cookie;
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const list = async (on = app) => {
    const res = await on.inject({ method: 'GET', url: '/api/languages' });
    expect(res.statusCode, res.body).toBe(200);
    return new Map((res.json() as Summary[]).map((entry) => [entry.code, entry]));
  };
  const kit = async (code: string, format: 'csv' | 'xlsx') => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/languages/${code}/kit?format=${format}`,
      headers: { cookie: admin },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.rawPayload;
  };
  const upload = (body: string | Buffer, headers: Record<string, string>, dryRun = false) =>
    app.inject({
      method: 'POST',
      url: `/api/languages/import${dryRun ? '?dryRun=true' : ''}`,
      headers: { ...sameOrigin, cookie: admin, ...headers },
      payload: body,
    });
  const storedCount = async () =>
    Number(
      (
        await database.db
          .selectFrom('translations')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('lists every language; the complete ones are offered, the rest show their coverage', async () => {
    const languages = await list();
    expect([...languages.keys()].sort()).toEqual(['en', 'hmn', 'ium', 'nut', 'qaa', 'tyz', 'vi']);
    for (const code of ['vi', 'en', 'qaa']) {
      expect(languages.get(code)).toMatchObject({ offered: true, coverage: 1 });
    }
    for (const code of ['tyz', 'nut', 'hmn', 'ium']) {
      expect(languages.get(code)).toMatchObject({ offered: false, coverage: 0 });
    }
  });

  it("serves a language's messages and the current questionnaire's strings, cacheable by version", async () => {
    const { version } = (await list()).get('qaa') as Summary;
    const res = await app.inject({ method: 'GET', url: `/api/languages/qaa?v=${version}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const pack = res.json();
    expect(pack.questionnaireId).toBe(catalog.current.id);
    expect(pack.messages['resident.waiting']).toBe(pseudo('Đang chờ gửi: {count}'));
    expect(pack.strings['sec_income.rateValues.98']).toBe(pseudo('Không biết'));
    const again = await app.inject({
      method: 'GET',
      url: '/api/languages/qaa',
      headers: { 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.headers['cache-control']).toBe('no-cache');
    expect((await app.inject({ method: 'GET', url: '/api/languages/xyz' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/languages/NOPE' })).statusCode).toBe(400);
  });

  it('withdraws a language one string short of complete', async () => {
    const copy = qaaWithoutOneMessage('kiosk.stillHere');
    const other = await buildApp({
      config: testConfig,
      database,
      catalog,
      languages: readLanguageFiles([shippedLanguagesDir, copy.dir]),
    });
    try {
      const qaa = (await list(other)).get('qaa') as Summary;
      expect(qaa.offered).toBe(false);
      expect(qaa.coverage).toBeLessThan(1);
      expect(qaa.coverage).toBeGreaterThan(0.99);
    } finally {
      await other.close();
      copy.remove();
    }
  });

  it('gives the kit to admins only, never for a source language', async () => {
    for (const cookie of ['', analyst]) {
      const res = await app.inject({
        method: 'GET',
        url: '/api/languages/tyz/kit',
        headers: cookie ? { cookie } : {},
      });
      expect(res.statusCode).toBe(cookie ? 403 : 401);
    }
    for (const code of ['vi', 'xyz']) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/languages/${code}/kit`,
        headers: { cookie: admin },
      });
      expect(res.statusCode).toBe(404);
    }
  });

  it('round-trips every string through the CSV kit, placeholders kept, and offers the language', async () => {
    const exported = readCsv((await kit('tyz', 'csv')).toString('utf8')).filter(
      (r) => r.length > 1,
    );
    expect(exported[0]).toEqual(['key', 'where', 'vi', 'en', 'tyz']);
    const rows = exported.slice(1);
    expect(rows.every((row) => row[4] === '')).toBe(true);
    expect(rows.map((row) => row[0])).toContain(`${catalog.current.id}:sec_income.title`);
    expect(rows.map((row) => row[0])).toContain('kiosk.thanksNext');

    const before = await storedCount();
    const checked = await upload(toCsv(filled(exported)), csvType, true);
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json()).toMatchObject({
      language: 'tyz',
      stored: false,
      coverage: 1,
      errors: [],
    });
    expect(await storedCount()).toBe(before);

    const stored = await upload(toCsv(filled(exported)), csvType);
    expect(stored.statusCode, stored.body).toBe(200);
    expect(stored.json()).toMatchObject({ stored: true, coverage: 1 });
    expect(await storedCount()).toBe(before + rows.length);
    expect((await list()).get('tyz')).toMatchObject({ offered: true, coverage: 1 });

    // Exported again, the target column is exactly what was imported, row by row.
    const again = readCsv((await kit('tyz', 'csv')).toString('utf8')).filter((r) => r.length > 1);
    expect(again).toEqual(filled(exported));
    const pack = (await app.inject({ method: 'GET', url: '/api/languages/tyz' })).json();
    expect(pack.messages['kiosk.thanksNext']).toBe('⟪Bảng hỏi mới sau {seconds} giây.⟫');

    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'target', 'details'])
      .where('action', '=', 'translations.import')
      .execute();
    expect(audit).toEqual([
      {
        action: 'translations.import',
        target: 'tyz',
        details: expect.objectContaining({ strings: rows.length, coverage: 1 }),
      },
    ]);
  });

  it('reads the XLSX kit back, as written and as a spreadsheet saves it (shared strings)', async () => {
    const rows = readXlsx(await kit('nut', 'xlsx'));
    expect(rows[0]).toEqual(['key', 'where', 'vi', 'en', 'nut']);
    const csvRows = readCsv((await kit('nut', 'csv')).toString('utf8')).filter((r) => r.length > 1);
    expect(rows).toEqual(csvRows);

    // Excel and LibreOffice save text in a shared-strings table: ExcelJS does the same.
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('strings-nut');
    for (const row of filled(rows)) sheet.addRow(row);
    const saved = Buffer.from(await book.xlsx.writeBuffer());
    const res = await upload(saved, xlsxType);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ language: 'nut', stored: true, coverage: 1 });
    expect(readXlsx(await kit('nut', 'xlsx'))).toEqual(filled(rows));
  });

  it('refuses a broken kit with each problem listed by row, and stores nothing', async () => {
    const exported = readCsv((await kit('hmn', 'csv')).toString('utf8')).filter(
      (r) => r.length > 1,
    );
    const rows = filled(exported);
    const at = (key: string) => rows.findIndex((row) => row[0] === key);
    const waiting = at('resident.waiting');
    const title = at(`${catalog.current.id}:intro.html`);
    const button = at('resident.start');
    const gone = at('kiosk.ok');
    (rows[waiting] as string[])[4] = 'Đang chờ gửi: {số}';
    (rows[title] as string[])[4] = '<script>alert(1)</script>';
    (rows[button] as string[])[4] = 'Bắt đầu trả lời bảng hỏi này ngay bây giờ';
    const broken = [
      ...rows.filter((_, i) => i !== gone),
      ['resident.nonsense', '', '', '', 'x'],
      rows[button] as string[],
    ];
    const before = await storedCount();
    const res = await upload(toCsv(broken), csvType);
    expect(res.statusCode).toBe(400);
    const check = res.json().error.details as {
      errors: Problem[];
      warnings: Problem[];
      stored: boolean;
    };
    const codes = (problems: Problem[]) => problems.map((p) => [p.code, p.key, p.row]);
    expect(codes(check.errors)).toEqual(
      expect.arrayContaining([
        ['placeholders', 'resident.waiting', waiting + 1],
        ['markup', `${catalog.current.id}:intro.html`, title + 1],
        ['unknown_key', 'resident.nonsense', broken.length - 1],
        ['duplicate_key', 'resident.start', broken.length],
        ['missing_key', 'kiosk.ok', null],
      ]),
    );
    expect(check.errors).toHaveLength(5);
    expect(codes(check.warnings)).toEqual([['too_long', 'resident.start', button + 1]]);
    expect(check.stored).toBe(false);
    expect(await storedCount()).toBe(before);
    expect((await list()).get('hmn')).toMatchObject({ offered: false, coverage: 0 });

    const noLanguage = await upload('key,where,vi,en\r\nresident.start,,,\r\n', csvType);
    expect(noLanguage.statusCode).toBe(400);
    expect(noLanguage.json().error.details.errors[0].code).toBe('missing_columns');
    const source = await upload('key,where,vi,en,vi\r\n', csvType);
    expect(source.json().error.details.errors[0].code).toBe('source_language');
    const notAZip = await upload(Buffer.from('PK\u0003\u0004 broken'), xlsxType);
    expect(notAZip.statusCode).toBe(400);
    const forAnalyst = await app.inject({
      method: 'POST',
      url: '/api/languages/import',
      headers: { ...sameOrigin, cookie: analyst, ...csvType },
      payload: toCsv(filled(exported)),
    });
    expect(forAnalyst.statusCode).toBe(403);
    expect(await storedCount()).toBe(before);
  });
});
