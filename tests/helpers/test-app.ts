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
