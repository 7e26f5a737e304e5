import { z } from 'zod';
import { emailSchema } from './users/schema.ts';

const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);

/** The environment the server reads (server/API.md "Starting"), with its defaults. */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.preprocess(emptyAsUnset, z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  DATA_DIR: z.string().min(1).default('./data'),
  ADMIN_EMAIL: z.preprocess(emptyAsUnset, emailSchema.optional()),
  ADMIN_PASSWORD: z.preprocess(emptyAsUnset, z.string().min(12).optional()),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(60),
  /** Which questionnaire `GET /api/questionnaires/current` serves; default: the newest published. */
  CURRENT_QUESTIONNAIRE: z.preprocess(emptyAsUnset, z.string().optional()),
  SURVEYS_DIR: z.string().min(1).default('./surveys'),
  /** The shipped languages (server/API.md "Languages"), one folder per language. */
  LANGUAGES_DIR: z.string().min(1).default('./surveys/languages'),
  /** More language folders beside the shipped ones, e.g. a test's pseudo-language. */
  EXTRA_LANGUAGES_DIR: z.preprocess(emptyAsUnset, z.string().optional()),
  /** Behind a reverse proxy, trust its X-Forwarded-For so the rate limit sees residents' addresses. */
  TRUST_PROXY: z.preprocess(emptyAsUnset, z.stringbool().default(false)),
  /**
   * Mark the session cookie Secure, so a browser sends it over HTTPS only. Unset, it follows
   * TLS_CERT: on with built-in TLS, off otherwise (set it to true behind an HTTPS proxy).
   */
  SECURE_COOKIES: z.preprocess(emptyAsUnset, z.stringbool().optional()),
  /** PEM files of the certificate (with its chain) and its private key: both or neither. */
  TLS_CERT: z.preprocess(emptyAsUnset, z.string().optional()),
  TLS_KEY: z.preprocess(emptyAsUnset, z.string().optional()),
  /** METHOD.md section 6: the score a commune must reach, the responses it needs, the share of communes. */
  THRESHOLD: z.coerce.number().min(0).max(100).default(90),
  MIN_N: z.coerce.number().int().min(2).default(30),
  TARGET_SHARE: z.coerce.number().min(0).lt(1).default(0.9),
  TARGET_YEAR: z.coerce.number().int().default(2030),
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = Omit<z.infer<typeof configSchema>, 'SECURE_COOKIES'> & {
  SECURE_COOKIES: boolean;
};

/**
 * Half a TLS pair would serve plain HTTP while the operator believes it is HTTPS. Checked on
 * the raw environment, beside the schema, so it is listed together with any other problem.
 */
function tlsPairProblems(env: NodeJS.ProcessEnv): string[] {
  const cert = emptyAsUnset(env.TLS_CERT) !== undefined;
  const key = emptyAsUnset(env.TLS_KEY) !== undefined;
  if (cert === key) return [];
  const [given, missing] = cert ? ['TLS_CERT', 'TLS_KEY'] : ['TLS_KEY', 'TLS_CERT'];
  return [`  ${missing}: required when ${given} is set (give both for HTTPS, or neither)`];
}

/** Reads the environment; a bad variable stops the start with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  const problems = [
    ...(parsed.error?.issues ?? []).map((issue) => `  ${issue.path.join('.')}: ${issue.message}`),
    ...tlsPairProblems(env),
  ];
  if (problems.length > 0 || !parsed.success) {
    throw new Error(`invalid configuration:\n${problems.join('\n')}`);
  }
  const config = parsed.data;
  return { ...config, SECURE_COOKIES: config.SECURE_COOKIES ?? config.TLS_CERT !== undefined };
}
