import { afterAll, beforeAll } from 'vitest';
import { type AppConfig, buildApp } from '../../server/app.ts';
import { readQuestionnaires } from '../../server/questionnaires/load-questionnaires.ts';
import type { TestDatabase } from './databases.ts';

export const surveysDir = new URL('../../surveys', import.meta.url).pathname;
export const catalog = readQuestionnaires(surveysDir);
export const questionnaire = catalog.current;

export const testConfig: AppConfig = {
  RATE_LIMIT_PER_MINUTE: 1_000_000,
  TRUST_PROXY: false,
  LOG_LEVEL: 'silent',
  SECURE_COOKIES: false,
  THRESHOLD: 90,
  MIN_N: 30,
  TARGET_SHARE: 0.9,
  TARGET_YEAR: 2030,
};

/** The real app on a test database, for `app.inject`. */
export function buildTestApp(database: TestDatabase, config: Partial<AppConfig> = {}) {
  return buildApp({ config: { ...testConfig, ...config }, database, catalog });
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>;

/**
 * For one describe block: a fresh database of this kind and the app on it, made before its
 * tests and closed and dropped after them. Read `ctx.app` and `ctx.database` inside tests.
 */
export function useTestApp(create: () => Promise<TestDatabase>, config: Partial<AppConfig> = {}) {
  const ctx = {} as { database: TestDatabase; app: TestApp };
  beforeAll(async () => {
    ctx.database = await create();
    ctx.app = await buildTestApp(ctx.database, config);
  });
  afterAll(async () => {
    await ctx.app?.close();
    await ctx.database?.drop();
  });
  return ctx;
}
