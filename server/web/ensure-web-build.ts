import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const webDist = join(root, 'dist', 'web');
const stampFile = join(webDist, '.build-hash');

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** A hash of everything the build reads: the pages' sources, the build config and the lockfile. */
function sourceHash() {
  const hash = createHash('sha256');
  const inputs = [
    ...listFiles(join(root, 'web')),
    join(root, 'vite.config.ts'),
    join(root, 'package-lock.json'),
  ];
  for (const path of inputs.sort()) {
    hash.update(path.slice(root.length));
    hash.update(readFileSync(path));
  }
  return hash.digest('hex');
}

/**
 * Builds the web pages when they are not built yet or their sources changed since the last
 * build, so `npm install && npm start` serves them with no separate build step.
 */
export async function ensureWebBuild(log: (message: string) => void) {
  const wanted = sourceHash();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === wanted) return false;
  log('building the web pages (first start or changed sources)…');
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(stampFile, wanted);
  return true;
}
