import { type ServerProcess, startServerProcess } from '../helpers/server-process.ts';

/**
 * Starts `baseline-server.ts` as its own process (Node with tsx, as the real server is
 * started) on a free port, and resolves once it says where it serves. Stop it with
 * `stopServerProcess`.
 */
export function startBaselineProcess(databaseUrl: string, poolSize = 10): Promise<ServerProcess> {
  return startServerProcess(
    { DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: String(poolSize) },
    'tests/bench/baseline-server.ts',
  );
}
