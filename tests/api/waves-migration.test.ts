import { randomUUID } from 'node:crypto';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.ts';
import { listCommunes } from '../../server/communes/queries.ts';
import type { Db } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { insertResponseOnce } from '../../server/responses/queries.ts';
import { findWaveResults } from '../../server/results/find-wave-results.ts';
import { scoreResponse } from '../../server/scoring/score-response.ts';
import { databaseBackends, type TestDatabase } from '../helpers/databases.ts';
import { signedInStaff } from '../helpers/staff.ts';
import { uniformAnswers } from '../helpers/submissions.ts';
import { buildTestApp, catalog, type TestApp } from '../helpers/test-app.ts';

/**
 * A database from before waves were records (migrations up to 0007, responses in calendar-year
 * waves) migrated to 0008: its years become wave records with the same ids, and every result
 * stays what it was.
 */
const [v1, v2] = ['cb-hpi-2026-v1', 'cb-hpi-2026-v2'].map((id) => {
  const q = catalog.byId.get(id);
  if (!q) throw new Error(`missing questionnaire ${id}`);
  return q;
}) as [
  NonNullable<ReturnType<typeof catalog.byId.get>>,
  NonNullable<ReturnType<typeof catalog.byId.get>>,
];

async function store(
  db: Db,
  wave: string,
  questionnaireId: string,
  communeCode: string,
  value: number,
) {
  const q = questionnaireId === v1.id ? v1 : v2;
  const answers = uniformAnswers(value);
  await insertResponseOnce(db, {
    id: randomUUID(),
    questionnaireId,
    communeCode,
    wave,
    channel: 'paper',
    answers,
    requestHash: 'test',
    scores: scoreResponse(q.scoring, answers),
    startedAt: null,
    completedAt: null,
    receivedAt: new Date(),
    kioskId: null,
  });
}

describe.each(databaseBackends())('calendar-year waves migrated on $kind', ({ create }) => {
  let database: TestDatabase;
  let app: TestApp;
  const before: Record<string, unknown> = {};
  const rules = { threshold: 90, minN: 30, targetShare: 0.9 };

  beforeAll(async () => {
    database = await create();
    const { db } = database;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo('0007_weights_and_review_counts');
    if (down.error) throw down.error;
    for (let i = 0; i < 12; i += 1) {
      await store(db, '2025', v1.id, i % 2 ? '01273' : '01279', 4 + (i % 5));
      await store(db, '2026', i % 3 ? v1.id : v2.id, '01273', 3 + (i % 7));
    }
    const communes = await listCommunes(db);
    for (const wave of ['2025', '2026']) {
      before[wave] = await findWaveResults(db, { catalog, communes, rules }, wave);
    }
    await migrateToLatest(db);
    app = await buildTestApp(database);
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('makes each year a wave record with the same id, its whole year, the newest questionnaire answered', async () => {
    const { cookie } = await signedInStaff(app, database.db, 'analyst');
    const res = await app.inject({ url: '/api/waves', headers: { cookie } });
    expect(res.json()).toEqual([
      expect.objectContaining({
        id: '2025',
        name: 'Đợt khảo sát 2025',
        opensOn: '2025-01-01',
        closesOn: '2025-12-31',
        questionnaireId: v1.id,
        state: 'closed',
        answered: true,
      }),
      expect.objectContaining({
        id: '2026',
        opensOn: '2026-01-01',
        closesOn: '2026-12-31',
        questionnaireId: v2.id,
        answered: true,
      }),
    ]);
  });

  it('gives the same results as before for each year, by its id and as the default', async () => {
    const { cookie } = await signedInStaff(app, database.db, 'analyst');
    for (const wave of ['2025', '2026']) {
      const res = await app.inject({ url: `/api/results?wave=${wave}`, headers: { cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(JSON.parse(JSON.stringify(before[wave])));
    }
    const latest = await app.inject({ url: '/api/results', headers: { cookie } });
    expect(latest.json().wave).toBe('2026');
  });
});
