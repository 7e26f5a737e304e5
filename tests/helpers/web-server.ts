import type { DatabaseHandle } from '../../server/db/connect.ts';
import { databaseBackends, type TestDatabase } from './databases.ts';
import { type ServerProcess, startServerProcess, stopServerProcess } from './server-process.ts';

/**
 * The real server as a process, for browser tests, on PostgreSQL when the machine has it
 * (the test can read the database while the server runs) and else on the embedded database
 * (read only once the server has stopped, since PGlite has a single owner).
 */
export async function startWebServer(env: Record<string, string> = {}) {
  const backends = databaseBackends();
  const backend = backends.find((b) => b.kind === 'postgres') ?? backends[0];
  if (!backend) throw new Error('no database backend');
  const database: TestDatabase = await backend.create();
  if (database.kind === 'embedded') await database.db.destroy();
  const server: ServerProcess = await startServerProcess({
    ...database.env,
    RATE_LIMIT_PER_MINUTE: '100000',
    ADMIN_EMAIL: 'admin@cbhpi.test',
    ADMIN_PASSWORD: 'admin password for tests',
    ...env,
  });
  let stopped = false;
  const stop = async () => {
    if (!stopped) await stopServerProcess(server);
    stopped = true;
  };
  return {
    url: server.url,
    server,
    kind: database.kind,
    admin: { email: 'admin@cbhpi.test', password: 'admin password for tests' },
    /** Runs `read` against the server's database (stopping the server first if it is embedded). */
    async query<T>(read: (db: DatabaseHandle['db']) => Promise<T>): Promise<T> {
      if (database.kind === 'postgres') return read(database.db);
      await stop();
      const handle = await database.reopen();
      try {
        return await read(handle.db);
      } finally {
        await handle.db.destroy();
      }
    },
    stop,
    async close() {
      await stop();
      await database.drop().catch(() => {});
    },
  };
}

export type WebServer = Awaited<ReturnType<typeof startWebServer>>;
