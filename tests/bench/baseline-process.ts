import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServerProcess } from '../helpers/server-process.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Starts `baseline-server.ts` as its own process (Node with tsx, as the real server is
 * started) on a free port, and resolves once it says where it serves. Stop it with
 * `stopServerProcess`.
 */
export async function startBaselineProcess(
  databaseUrl: string,
  poolSize = 10,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/baseline-server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: String(poolSize),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`baseline did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/serving on (http:\/\/[^\s]+)/);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`baseline exited (${code}) before serving:\n${output}`));
    });
  });
  return { url, child, output: () => output, exited };
}
