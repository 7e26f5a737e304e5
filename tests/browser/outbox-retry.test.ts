import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchBrowser, type Page, screenshot } from '../helpers/browser.ts';
import { postgresBackend, type TestDatabase } from '../helpers/databases.ts';
import {
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from '../helpers/server-process.ts';
import { fillSurveyByClicking } from '../helpers/survey-page.ts';
import { questionnaire } from '../helpers/test-app.ts';
import { postgresAdminUrl } from '../helpers/test-env.ts';

// The database is made to refuse while the server runs, which only a real PostgreSQL can do.
const suites = chromiumMissing() ? [] : postgresBackend().map(() => ({ name: 'Chromium' }));

const admin = { email: 'admin@cbhpi.test', password: 'admin password for tests' };

/** What the page's outbox holds, read from IndexedDB as the page itself would. */
const outboxItems = (page: Page, dbName: string) =>
  page.evaluate(
    (name) =>
      new Promise<{ id: string; state: string; attempts: number; status?: number }[]>(
        (resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const all = db.transaction('outbox').objectStore('outbox').getAll();
            all.onsuccess = () => {
              db.close();
              resolve(all.result);
            };
            all.onerror = () => reject(all.error);
          };
        },
      ),
    dbName,
  );

/** Every answer the page got to a submission: its status, or 0 when none came. */
function watchSubmissions(page: Page) {
  const statuses: number[] = [];
  page.on('response', (res) => {
    if (res.url().endsWith('/api/responses') && res.request().method() === 'POST') {
      statuses.push(res.status());
    }
  });
  page.on('requestfailed', (req) => {
    if (req.url().endsWith('/api/responses') && req.method() === 'POST') statuses.push(0);
  });
  return statuses;
}

/** Runs SQL as the superuser on the maintenance database (never on the test's own one). */
async function asAdmin(statements: string[]) {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * What a PostgreSQL restart or failover looks like to the server: every session of its
 * database ended, and no new one accepted. Only this test's own database.
 */
const refuseConnections = (name: string) =>
  asAdmin([
    `alter database ${name} allow_connections false`,
    `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`,
  ]);
const allowConnections = (name: string) =>
  asAdmin([`alter database ${name} allow_connections true`]);

describe.each(suites)('outbox retry rule in $name on PostgreSQL', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let databaseName: string;
  beforeAll(async () => {
    const [backend] = postgresBackend();
    if (!backend) throw new Error('no PostgreSQL');
    database = await backend.create();
    databaseName = new URL(database.env.DATABASE_URL ?? '').pathname.slice(1);
    server = await startServerProcess({
      ...database.env,
      RATE_LIMIT_PER_MINUTE: '100000',
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
    });
  });
  afterAll(async () => {
    if (databaseName) await allowConnections(databaseName).catch(() => {});
    if (server) await stopServerProcess(server);
    await database?.drop().catch(() => {});
  });

  it('a response made while the database refuses is kept, said to be kept, and stored once when it is back', async () => {
    const browser = await launchBrowser({ viewport: { width: 360, height: 800 } });
    try {
      const page = await browser.context.newPage();
      const statuses = watchSubmissions(page);
      await page.goto(`${server.url}/`);
      await page.locator('select').waitFor();
      await page.locator('select').selectOption('01273');
      await page.getByRole('button', { name: 'Bắt đầu' }).click();

      await refuseConnections(databaseName);
      const answers = Object.fromEntries(questionnaire.scoring.items.map((item) => [item.name, 5]));
      await fillSurveyByClicking(page, answers);
      await page.getByRole('heading', { name: 'Cảm ơn Ông/Bà!' }).waitFor();

      // Tried and refused at least twice, and still waiting on the device.
      await expect
        .poll(async () => (await outboxItems(page, 'cbhpi-resident'))[0]?.attempts ?? 0, {
          timeout: 20_000,
        })
        .toBeGreaterThanOrEqual(2);
      const [waiting, ...others] = await outboxItems(page, 'cbhpi-resident');
      expect(others).toEqual([]);
      expect(waiting?.state).toBe('pending');
      expect(statuses.length).toBeGreaterThanOrEqual(2);
      expect(statuses.filter((s) => s >= 200 && s < 300)).toEqual([]);
      expect(statuses.filter((s) => s >= 400 && s < 500)).toEqual([]);

      // The resident is told, calmly, that the answers are kept and will go by themselves.
      await expect
        .poll(() => page.locator('main .status').textContent())
        .toBe(
          'Câu trả lời của Ông/Bà đã được lưu trên máy này và sẽ tự gửi đi khi kết nối được với máy chủ. Ông/Bà không cần làm gì thêm.',
        );
      expect(await page.locator('.queue-status').textContent()).toBe('Đang chờ gửi: 1');
      expect(await page.locator('[role="alert"]:visible').count()).toBe(0);
      await screenshot(page, 'outbox-retry-waiting-360');
      expect(server.child.exitCode).toBeNull();

      // The database is back: the next retry stores the response, once.
      await allowConnections(databaseName);
      await expect
        .poll(() => page.locator('.queue-status').isHidden(), { timeout: 60_000 })
        .toBe(true);
      expect(await page.locator('main .status').textContent()).toBe(
        'Đã gửi. Câu trả lời của Ông/Bà đã đến máy chủ.',
      );
      expect(await outboxItems(page, 'cbhpi-resident')).toEqual([]);
      expect(statuses.filter((s) => s >= 200 && s < 300)).toEqual([201]);
      expect(statuses.at(-1)).toBe(201);

      const rows = await database.db
        .selectFrom('responses')
        .select(['id', 'commune_code', 'score_overall'])
        .execute();
      expect(rows).toEqual([{ id: waiting?.id, commune_code: '01273', score_overall: 50 }]);
      const rollups = await database.db
        .selectFrom('rollups')
        .select(['commune_code', 'n'])
        .where('commune_code', '=', '01273')
        .execute();
      expect(rollups.length).toBeGreaterThan(0);
      expect(rollups.every((r) => r.n === 1)).toBe(true);
      expect(browser.errors).toEqual([]);
    } finally {
      await allowConnections(databaseName);
      await browser.close();
    }
  }, 150_000);

  it('a kiosk whose token was revoked gets 401 once: the item is final, shown, and not retried', async () => {
    const headers = { 'content-type': 'application/json', origin: server.url };
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers,
      body: JSON.stringify(admin),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const created = await fetch(`${server.url}/api/kiosks`, {
      method: 'POST',
      headers: { ...headers, cookie },
      body: JSON.stringify({ communeCode: '01279', label: 'Nhà văn hoá' }),
    });
    expect(created.status).toBe(201);
    const kiosk = (await created.json()) as { id: string; pairingCode: string };

    const browser = await launchBrowser({ viewport: { width: 360, height: 800 } });
    try {
      const page = await browser.context.newPage();
      const statuses = watchSubmissions(page);
      await page.goto(`${server.url}/kiosk?thanks=60#pair=${kiosk.pairingCode}`);
      await page.locator('.sd-root-modern').waitFor();

      const revoked = await fetch(`${server.url}/api/kiosks/${kiosk.id}`, {
        method: 'DELETE',
        headers: { origin: server.url, cookie },
      });
      expect(revoked.status).toBe(204);

      await page.locator('.sd-navigation__next-btn:visible').first().click();
      await fillSurveyByClicking(page, { sec_income: 6, life_sat: 8 });
      await page.getByRole('heading', { name: 'Cảm ơn Ông/Bà!' }).waitFor();
      await expect.poll(() => statuses).toEqual([401]);
      await expect
        .poll(() => page.locator('#waiting').textContent())
        .toBe(
          'Đang chờ gửi: 0 · Bị từ chối: 1 · Máy chủ không còn nhận máy ki-ốt này. Hãy nhờ cán bộ ghép nối lại máy.',
        );
      await screenshot(page, 'outbox-kiosk-token-refused-360');

      // Longer than the first two backoffs (at most 2 s, then 4 s): a retry would have come.
      await page.waitForTimeout(9_000);
      expect(statuses).toEqual([401]);
      const items = await outboxItems(page, 'cbhpi-kiosk');
      expect(items.map(({ state, status, attempts }) => ({ state, status, attempts }))).toEqual([
        { state: 'rejected', status: 401, attempts: 0 },
      ]);
      const stored = await database.db
        .selectFrom('responses')
        .select('id')
        .where('kiosk_id', '=', kiosk.id)
        .execute();
      expect(stored).toEqual([]);
      expect(browser.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 90_000);
});
