/** Where the tests find the machine's PostgreSQL; any database of the server will do. */
export const postgresAdminUrl =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** `.ci/run` sets this: a missing real part (PostgreSQL, Chromium) is then a failure, not a notice. */
export const requireAllParts = process.env.CBHPI_REQUIRE_ALL_PARTS === '1';

export function databaseUrl(name: string) {
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
