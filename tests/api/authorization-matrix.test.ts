import { randomUUID } from 'node:crypto';
import type { RouteOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { zipStream } from '../../server/exports/zip-stream.ts';
import { collect } from '../../server/languages/kit-files.ts';
import { kitRows } from '../../server/languages/kit-rows.ts';
import { languageTexts } from '../../server/languages/language-texts.ts';
import { readLanguageFiles } from '../../server/languages/read-language-files.ts';
import { formatSerial } from '../../server/paper/serial.ts';
import { findServedQuestionnaire } from '../../server/questionnaires/served-questionnaire.ts';
import { audioFixture } from '../fixtures/audio/audio-fixtures.ts';
import { databaseBackends, type TestDatabase } from '../helpers/databases.ts';
import { shippedLanguagesDir } from '../helpers/languages.ts';
import { questionnaireJson } from '../helpers/questionnaire-json.ts';
import { createStaff, sameOrigin, signedInStaff } from '../helpers/staff.ts';
import { catalog, questionnaire, testConfig } from '../helpers/test-app.ts';

type Persona = 'none' | 'otherOfficer' | 'enumerator' | 'analyst' | 'admin';
type Setup = { db: TestDatabase['db']; adminId: string };
type Row = {
  request: (
    setup: Setup,
  ) => Promise<{ url: string; payload?: object; headers?: Record<string, string> }>;
  expect: Record<Persona, number>;
};

/** The routes anyone may call. A route marked public that is not here fails the test. */
const publicRoutes = [
  'GET /api/health',
  'GET /api/communes',
  'GET /api/questionnaires/current',
  'POST /api/responses',
  'POST /api/kiosks/pair',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/audio/:questionnaireId',
  'GET /api/audio/:questionnaireId/:language/:question',
  'GET /api/languages',
  'GET /api/languages/:code',
];

/**
 * An unfilled Tày kit, as exported for the questionnaire served now (the rows before may have
 * closed today's wave): an admin's dry run of it is accepted.
 */
async function emptyKit({ db }: Setup) {
  const files = readLanguageFiles([shippedLanguagesDir]);
  const { questionnaire: served } = await findServedQuestionnaire(db, catalog, new Date());
  const tyz = languageTexts(files, [], served).find((language) => language.code === 'tyz');
  if (!tyz) throw new Error('no tyz');
  const rows = kitRows(files, tyz, served).map((row) => [row.key, '', '', '', '']);
  return [['key', 'where', 'vi', 'en', 'tyz'], ...rows].map((row) => row.join(',')).join('\n');
}

let counter = 0;
const unique = () => {
  counter += 1;
  return `${Date.now()}${counter}`;
};

/** A kiosk to act on, straight in the database (its token is of no use here). */
async function newKioskId({ db, adminId }: Setup) {
  const kiosk = await db
    .insertInto('kiosks')
    .values({ commune_code: '01273', label: 'x', token_hash: unique(), created_by: adminId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return kiosk.id;
}

/** A stored response to review, straight in the database (no scores: no rollup to move). */
async function newResponseId({ db }: Setup) {
  const { questionnaire_id } = await db
    .selectFrom('questionnaires')
    .select('id as questionnaire_id')
    .executeTakeFirstOrThrow();
  const id = randomUUID();
  await db
    .insertInto('responses')
    .values({
      id,
      questionnaire_id,
      commune_code: '01273',
      wave: '2026',
      channel: 'web',
      answers: '{}',
      request_hash: unique(),
      flags: sql<string[]>`array['burst']::text[]`,
    })
    .execute();
  return id;
}

/** A planned wave to act on, straight in the database, on days no other test wave takes. */
async function newWaveId({ db }: Setup) {
  const { questionnaire_id } = await db
    .selectFrom('questionnaires')
    .select('id as questionnaire_id')
    .executeTakeFirstOrThrow();
  counter += 1;
  const id = `matrix-${counter}`;
  const year = 2200 + counter;
  await db
    .insertInto('waves')
    .values({
      id,
      name: id,
      opens_on: `${year}-01-01`,
      closes_on: `${year}-01-31`,
      questionnaire_id,
    })
    .execute();
  return id;
}

/** A recording to remove, straight in the database (its bytes are never served here). */
async function newRecordingUrl({ db, adminId }: Setup) {
  counter += 1;
  const key = `matrix_${counter}`;
  const bytes = Buffer.from('stored as is');
  await db
    .insertInto('recordings')
    .values({
      questionnaire_id: questionnaire.id,
      language: 'tyz',
      key,
      content_type: 'audio/ogg',
      bytes,
      byte_length: bytes.length,
      seconds: 1,
      sha256: '0'.repeat(64),
      uploaded_by: adminId,
    })
    .execute();
  return `/api/audio/${questionnaire.id}/tyz/${key}`;
}

/** The new install's wave, open today: paper forms are entered into it. */
const openWave = String(new Date().getUTCFullYear());

/** A printed batch of 5 forms of a commune, straight in the database; returns it and a serial. */
async function newBatch({ db, adminId }: Setup, communeCode = '01273') {
  counter += 1;
  const number = counter;
  const { questionnaire_id } = await db
    .selectFrom('waves')
    .select('questionnaire_id')
    .where('id', '=', openWave)
    .executeTakeFirstOrThrow();
  const batch = await db
    .insertInto('paper_batches')
    .values({
      commune_code: communeCode,
      number,
      wave: openWave,
      questionnaire_id,
      language: 'vi',
      form_count: 5,
      created_by: adminId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: batch.id, serial: formatSerial({ communeCode, batch: number, form: 1 }) };
}

/** A form whose two entries (by two other people) disagree on one answer. */
async function newConflictSerial(setup: Setup) {
  const { db } = setup;
  const { id, serial } = await newBatch(setup);
  const typists = [await createStaff(db, 'admin'), await createStaff(db, 'admin')];
  await db.insertInto('paper_forms').values({ serial, batch_id: id, state: 'conflict' }).execute();
  await db
    .insertInto('paper_entries')
    .values(
      typists.map((typist, index) => ({
        serial,
        batch_id: id,
        entered_by: typist.id,
        entered_by_email: typist.email,
        answers: JSON.stringify({ sec_income: 5 + index }),
        completed_on: null,
      })),
    )
    .execute();
  return serial;
}

/**
 * Every staff route × who asks → the expected status. The officer belongs to commune 01279
 * and asks about 01273, so "another commune" is tested wherever a commune is named. The
 * enumerator enters paper forms of 01273 and may call nothing else but who they are and the
 * questionnaire version a form was printed with.
 * A new staff route without a row here fails the first test.
 */
const matrix: Record<string, Row> = {
  'GET /api/auth/me': {
    request: async () => ({ url: '/api/auth/me' }),
    expect: { none: 401, otherOfficer: 200, enumerator: 200, analyst: 200, admin: 200 },
  },
  'GET /api/users': {
    request: async () => ({ url: '/api/users' }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 200 },
  },
  'POST /api/users': {
    request: async () => ({
      url: '/api/users',
      payload: {
        email: `new${unique()}@cbhpi.test`,
        password: 'a long enough password',
        role: 'analyst',
      },
    }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 201 },
  },
  'PATCH /api/users/:id': {
    request: async ({ db }) => ({
      url: `/api/users/${(await createStaff(db, 'analyst')).id}`,
      payload: { role: 'commune_officer', communeCode: '01273' },
    }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 200 },
  },
  'GET /api/kiosks': {
    request: async () => ({ url: '/api/kiosks' }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 200 },
  },
  'POST /api/kiosks': {
    request: async () => ({
      url: '/api/kiosks',
      payload: { communeCode: '01273', label: 'Bưu điện' },
    }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 201 },
  },
  'DELETE /api/kiosks/:id': {
    request: async (setup) => ({ url: `/api/kiosks/${await newKioskId(setup)}` }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 204 },
  },
  'POST /api/kiosks/:id/pairing': {
    request: async (setup) => ({ url: `/api/kiosks/${await newKioskId(setup)}/pairing` }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 201 },
  },
  'GET /api/results': {
    request: async () => ({ url: '/api/results?wave=2026' }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 200, admin: 200 },
  },
  'GET /api/results/trend': {
    request: async () => ({ url: '/api/results/trend' }),
    expect: { none: 401, otherOfficer: 200, enumerator: 403, analyst: 200, admin: 200 },
  },
  'GET /api/results/:communeCode': {
    request: async () => ({ url: '/api/results/01273?wave=2026' }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 200, admin: 200 },
  },
  'GET /api/results/items': {
    request: async () => ({ url: '/api/results/items?wave=2026' }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 200, admin: 200 },
  },
  'GET /api/results/:communeCode/items': {
    request: async () => ({ url: '/api/results/01273/items?wave=2026' }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 200, admin: 200 },
  },
  'GET /api/review': {
    request: async () => ({ url: '/api/review?communeCode=01273' }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 200, admin: 200 },
  },
  'POST /api/responses/:id/review': {
    request: async (setup) => ({
      url: `/api/responses/${await newResponseId(setup)}/review`,
      payload: { decision: 'exclude', reason: 'authorisation matrix' },
    }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 200, admin: 200 },
  },
  'GET /api/audit': {
    request: async () => ({ url: '/api/audit' }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 200 },
  },
  'PUT /api/population': {
    request: async () => ({
      url: '/api/population',
      payload: {
        source: 'authorisation matrix',
        margins: [
          ['sex', 'female', 60],
          ['sex', 'male', 40],
          ['age_band', '18-29', 25],
          ['age_band', '30-44', 25],
          ['age_band', '45-59', 25],
          ['age_band', '60+', 25],
        ].map(([variable, category, population]) => ({
          communeCode: '01273',
          variable,
          category,
          population,
        })),
      },
    }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 200 },
  },
  'GET /api/population': {
    request: async () => ({ url: '/api/population' }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 200, admin: 200 },
  },
  'POST /api/questionnaires/check': {
    request: async () => ({
      url: '/api/questionnaires/check',
      payload: questionnaireJson(`m-${unique()}`),
    }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 200 },
  },
  'POST /api/questionnaires': {
    request: async () => ({
      url: '/api/questionnaires',
      payload: questionnaireJson(`m-${unique()}`),
    }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 201 },
  },
  'GET /api/questionnaires': {
    request: async () => ({ url: '/api/questionnaires' }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 200 },
  },
  'GET /api/questionnaires/:id': {
    request: async () => ({ url: '/api/questionnaires/cb-hpi-2026-v1' }),
    expect: { none: 401, otherOfficer: 200, enumerator: 200, analyst: 200, admin: 200 },
  },
  'GET /api/exports/results.csv': {
    request: async () => ({ url: '/api/exports/results.csv?wave=2026' }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 200, admin: 200 },
  },
  'GET /api/exports/results.xlsx': {
    request: async () => ({ url: '/api/exports/results.xlsx?wave=2026' }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 200, admin: 200 },
  },
  'GET /api/exports/responses.csv': {
    request: async () => ({ url: '/api/exports/responses.csv?wave=2026&communeCode=01273' }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 200, admin: 200 },
  },
  'GET /api/exports/responses.xlsx': {
    request: async () => ({ url: '/api/exports/responses.xlsx?wave=2026&communeCode=01273' }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 200, admin: 200 },
  },
  'GET /api/exports/responses-dictionary.csv': {
    request: async () => ({ url: '/api/exports/responses-dictionary.csv?wave=2026' }),
    expect: { none: 401, otherOfficer: 200, enumerator: 403, analyst: 200, admin: 200 },
  },
  'GET /api/waves': {
    request: async () => ({ url: '/api/waves' }),
    expect: { none: 401, otherOfficer: 200, enumerator: 403, analyst: 200, admin: 200 },
  },
  'POST /api/waves': {
    request: async ({ db }) => {
      const { id: questionnaireId } = await db
        .selectFrom('questionnaires')
        .select('id')
        .executeTakeFirstOrThrow();
      counter += 1;
      const year = 2200 + counter;
      return {
        url: '/api/waves',
        payload: {
          id: `matrix-new-${counter}`,
          name: 'Đợt thử',
          opensOn: `${year}-01-01`,
          closesOn: `${year}-01-31`,
          questionnaireId,
        },
      };
    },
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 201 },
  },
  'PATCH /api/waves/:id': {
    request: async (setup) => ({
      url: `/api/waves/${await newWaveId(setup)}`,
      payload: { name: 'Đợt đổi tên' },
    }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 200 },
  },
  'POST /api/waves/:id/close': {
    // The new install's wave, open today.
    request: async () => ({ url: `/api/waves/${new Date().getUTCFullYear()}/close` }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 200 },
  },
  'PUT /api/waves/:id/targets': {
    request: async (setup) => ({
      url: `/api/waves/${await newWaveId(setup)}/targets`,
      payload: { targets: [{ communeCode: '01273', target: 40 }] },
    }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 200 },
  },
  'GET /api/waves/:id/progress': {
    // An officer of another commune sees their own commune's progress, never 01273's.
    request: async (setup) => ({ url: `/api/waves/${await newWaveId(setup)}/progress` }),
    expect: { none: 401, otherOfficer: 200, enumerator: 403, analyst: 200, admin: 200 },
  },
  'PUT /api/audio/:questionnaireId/:language/:question': {
    request: async () => ({
      url: `/api/audio/${questionnaire.id}/tyz/sec_income`,
      payload: audioFixture('question.ogg'),
      headers: { 'content-type': 'audio/ogg' },
    }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 201 },
  },
  'GET /api/audio/:questionnaireId/archive': {
    request: async () => ({ url: `/api/audio/${questionnaire.id}/archive?language=tyz` }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 200 },
  },
  'POST /api/audio/archive': {
    request: async () => ({
      url: '/api/audio/archive?dryRun=true',
      payload: await collect(
        zipStream([
          {
            name: 'manifest.json',
            content: [
              JSON.stringify({
                questionnaireId: questionnaire.id,
                language: 'tyz',
                recordings: [],
              }),
            ],
          },
        ]),
      ),
      headers: { 'content-type': 'application/zip' },
    }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 200 },
  },
  'GET /api/languages/:code/kit': {
    request: async () => ({ url: '/api/languages/tyz/kit?format=csv' }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 200 },
  },
  'POST /api/languages/import': {
    request: async (setup) => ({
      url: '/api/languages/import?dryRun=true',
      payload: Buffer.from(await emptyKit(setup)),
      headers: { 'content-type': 'text/csv' },
    }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 200 },
  },
  'DELETE /api/audio/:questionnaireId/:language/:question': {
    request: async (setup) => ({ url: await newRecordingUrl(setup) }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 204 },
  },
  'POST /api/imports/responses': {
    request: async () => ({
      url: '/api/imports/responses?dryRun=true',
      payload: Buffer.from('row_id,commune_code,sec_income\nr1,01273,7\n'),
      headers: { 'content-type': 'text/csv' },
    }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 200 },
  },
  'POST /api/paper/batches': {
    request: async () => ({
      url: '/api/paper/batches',
      payload: { communeCode: '01273', wave: openWave, count: 3 },
    }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 201 },
  },
  'GET /api/paper/batches': {
    request: async () => ({ url: `/api/paper/batches?wave=${openWave}` }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 200 },
  },
  'GET /api/paper/batches/:id': {
    request: async (setup) => ({ url: `/api/paper/batches/${(await newBatch(setup)).id}` }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 403, admin: 200 },
  },
  'GET /api/paper/forms/:serial': {
    request: async (setup) => ({ url: `/api/paper/forms/${(await newBatch(setup)).serial}` }),
    expect: { none: 401, otherOfficer: 403, enumerator: 200, analyst: 403, admin: 200 },
  },
  'POST /api/paper/entries': {
    request: async (setup) => ({
      url: '/api/paper/entries',
      payload: { serial: (await newBatch(setup)).serial, answers: { sec_income: 7 } },
    }),
    expect: { none: 401, otherOfficer: 403, enumerator: 201, analyst: 403, admin: 201 },
  },
  'GET /api/paper/conflicts': {
    request: async () => ({ url: '/api/paper/conflicts?communeCode=01273' }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 200, admin: 200 },
  },
  'POST /api/paper/conflicts/:serial/resolve': {
    request: async (setup) => ({
      url: `/api/paper/conflicts/${await newConflictSerial(setup)}/resolve`,
      payload: { answers: { sec_income: 6 }, reason: 'authorisation matrix' },
    }),
    expect: { none: 401, otherOfficer: 403, enumerator: 403, analyst: 200, admin: 200 },
  },
};

describe.each(databaseBackends())('authorisation matrix on $kind', ({ create }) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const routes: RouteOptions[] = [];
  const cookies: Partial<Record<Persona, string>> = {};
  let adminId = '';
  beforeAll(async () => {
    database = await create();
    app = await buildApp({
      config: testConfig,
      database,
      catalog,
      onRoute: (route) => routes.push(route),
    });
    const admin = await signedInStaff(app, database.db, 'admin');
    adminId = admin.user.id;
    cookies.admin = admin.cookie;
    cookies.analyst = (await signedInStaff(app, database.db, 'analyst')).cookie;
    cookies.otherOfficer = (
      await signedInStaff(app, database.db, 'commune_officer', '01279')
    ).cookie;
    cookies.enumerator = (
      await signedInStaff(app, database.db, 'enumerator', null, ['01273'])
    ).cookie;
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const apiRoutes = () =>
    routes
      .flatMap((route) => [route.method].flat().map((method) => ({ method, route })))
      .filter(({ method, route }) => method !== 'HEAD' && route.url.startsWith('/api/'));

  it('has a row for every staff route and knows every public one', () => {
    const staff = apiRoutes()
      .filter(({ route }) => route.config?.access !== 'public')
      .map(({ method, route }) => `${method} ${route.url}`);
    const declaredPublic = apiRoutes()
      .filter(({ route }) => route.config?.access === 'public')
      .map(({ method, route }) => `${method} ${route.url}`);
    expect(staff.sort()).toEqual(Object.keys(matrix).sort());
    expect(declaredPublic.sort()).toEqual([...publicRoutes].sort());
  });

  const cases = Object.entries(matrix).flatMap(([route, row]) =>
    (['none', 'otherOfficer', 'enumerator', 'analyst', 'admin'] as const).map((persona) => ({
      route,
      persona,
      row,
    })),
  );

  it.each(cases)('$route as $persona', async ({ route, persona, row }) => {
    const [method] = route.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'];
    const { url, payload, headers } = await row.request({ db: database.db, adminId });
    const cookie = cookies[persona as Exclude<Persona, 'none'>];
    const res = await app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      // Sent as our own staff page would; the cross-site refusal has its own test.
      headers: { ...sameOrigin, ...(cookie ? { cookie } : {}), ...headers },
    });
    expect(res.statusCode).toBe(row.expect[persona]);
    if (res.statusCode >= 400)
      expect(res.json().error.code).toBe(res.statusCode === 401 ? 'unauthorized' : 'forbidden');
  });

  it('refuses an enumerator a serial of a commune they are not bound to, and tells nothing of it', async () => {
    const setup = { db: database.db, adminId };
    const { serial } = await newBatch(setup, '01279');
    const unprinted = formatSerial({ communeCode: '01279', batch: 9000, form: 1 });
    const cookie = cookies.enumerator as string;
    for (const typed of [serial, unprinted]) {
      const form = await app.inject({ url: `/api/paper/forms/${typed}`, headers: { cookie } });
      const entry = await app.inject({
        method: 'POST',
        url: '/api/paper/entries',
        headers: { ...sameOrigin, cookie },
        payload: { serial: typed, answers: {} },
      });
      for (const res of [form, entry]) {
        expect(res.statusCode).toBe(400);
        // The same answer whether that commune printed the form or not.
        expect(res.json().error.details).toEqual([
          { path: 'serial', message: 'a form of commune 01279; you enter forms of 01273 only' },
        ]);
      }
    }
    const stored = await database.db
      .selectFrom('paper_entries')
      .select('serial')
      .where('serial', '=', serial)
      .execute();
    expect(stored).toEqual([]);
  });
});
