import { z } from 'zod';
import { emailSchema } from './users/schema.ts';

const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);

/** The environment the server reads (API.md "Starting"), with its defaults. */
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
  /** Behind a reverse proxy, trust its X-Forwarded-For so the rate limit sees residents' addresses. */
  TRUST_PROXY: z.preprocess(emptyAsUnset, z.stringbool().default(false)),
  /** Mark the session cookie Secure: set it when staff reach the server over HTTPS. */
  SECURE_COOKIES: z.preprocess(emptyAsUnset, z.stringbool().default(false)),
  /** METHOD.md section 6: the score a commune must reach, the responses it needs, the share of communes. */
  THRESHOLD: z.coerce.number().min(0).max(100).default(90),
  MIN_N: z.coerce.number().int().min(2).default(30),
  TARGET_SHARE: z.coerce.number().min(0).lt(1).default(0.9),
  TARGET_YEAR: z.coerce.number().int().default(2030),
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema>;

/** Reads the environment; a bad variable stops the start with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `  ${issue.path.join('.')}: ${issue.message}`,
  );
  throw new Error(`invalid configuration:\n${problems.join('\n')}`);
}
