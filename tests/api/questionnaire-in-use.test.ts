import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { readQuestionnaires } from '../../server/questionnaires/load-questionnaires.ts';
import { addDays, vietnamDate } from '../../server/waves/wave-dates.ts';
import { databaseBackends, type TestDatabase } from '../helpers/databases.ts';
import { questionnaireJson } from '../helpers/questionnaire-json.ts';
import { sameOrigin, signedInStaff } from '../helpers/staff.ts';
import { surveysDir, testConfig } from '../helpers/test-app.ts';

const today = vietnamDate(new Date());
const year = today.slice(0, 4);
const published = 'cb-hpi-2026-dot2';

describe.each(databaseBackends())('the version "in use", on $kind', ({ create }) => {
  // Its own catalog: publishing adds to it, and other files must not see that.
  const catalog = readQuestionnaires(surveysDir);
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let admin = '';
  const send = (method: 'POST' | 'PATCH', url: string, payload: unknown) =>
    app.inject({
      method,
      url,
      payload: payload as object,
      headers: { cookie: admin, ...sameOrigin },
    });
  /** The ids the versions list says residents answer now, and the one the resident page gets. */
  const inUse = async () => {
    const list = await app.inject({ url: '/api/questionnaires', headers: { cookie: admin } });
    const current = await app.inject({ url: '/api/questionnaires/current' });
    return {
      listed: (list.json() as Array<{ id: string; current: boolean }>)
        .filter((v) => v.current)
        .map((v) => v.id),
      served: current.json().id as string,
    };
  };

  beforeAll(async () => {
    database = await create();
    app = await buildApp({ config: testConfig, database, catalog });
    admin = (await signedInStaff(app, database.db, 'admin')).cookie;
    expect(
      (await send('POST', '/api/questionnaires', questionnaireJson(published))).statusCode,
    ).toBe(201);
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('is the open wave’s questionnaire, not the newest file', async () => {
    expect(await inUse()).toEqual({ listed: [catalog.current.id], served: catalog.current.id });
    const changed = await send('PATCH', `/api/waves/${year}`, { questionnaireId: published });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await inUse()).toEqual({ listed: [published], served: published });
  });

  it('with no wave open, is the next wave’s', async () => {
    const ended = await send('PATCH', `/api/waves/${year}`, {
      questionnaireId: catalog.current.id,
      closesOn: addDays(today, -1),
    });
    expect(ended.statusCode, ended.body).toBe(200);
    const next = await send('POST', '/api/waves', {
      id: 'dot-sau',
      name: 'Đợt sau',
      opensOn: addDays(today, 10),
      closesOn: addDays(today, 40),
      questionnaireId: published,
    });
    expect(next.statusCode, next.body).toBe(201);
    expect(await inUse()).toEqual({ listed: [published], served: published });
  });
});
