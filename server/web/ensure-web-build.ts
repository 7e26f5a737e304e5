import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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
    // The pages carry Vietnamese and English from the language files (web/src/shared/i18n.ts).
    ...listFiles(join(root, 'surveys', 'languages', 'vi')),
    ...listFiles(join(root, 'surveys', 'languages', 'en')),
    join(root, 'vite.config.ts'),
    join(root, 'package-lock.json'),
  ];
  for (const path of inputs.sort()) {
    hash.update(path.slice(root.length));
    hash.update(readFileSync(path));
  }
  return hash.digest('hex');
}

const builtHash = () => (existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : null);

/**
 * Builds the web pages when they are not built yet or their sources changed since the last
 * build, so `npm install && npm start` serves them with no separate build step. The build is
 * made in a directory of its own and then put in place whole: a server starting meanwhile
 * (tests start several at once) never sees, nor empties, a half-written build.
 */
export async function ensureWebBuild(log: (message: string) => void) {
  const wanted = sourceHash();
  if (builtHash() === wanted) return false;
  log('building the web pages (first start or changed sources)…');
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = join(root, 'dist', `.web-building-${tag}`);
  const retired = join(root, 'dist', `.web-retired-${tag}`);
  try {
    await buildInChildProcess(staging);
    writeFileSync(join(staging, '.build-hash'), wanted);
    // Another start may have put the same build in place while this one was made.
    if (builtHash() === wanted) return true;
    try {
      if (existsSync(webDist)) renameSync(webDist, retired);
      renameSync(staging, webDist);
    } catch (error) {
      // Someone else's build went in meanwhile (or moved the old one first); theirs will do
      // if it is of the same sources.
      if (builtHash() !== wanted) throw error;
    }
    return true;
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(retired, { recursive: true, force: true });
  }
}

/**
 * Vite's own command line, in a process of its own: a build holds some 500 MB (the bundler's
 * graph, the compressed copies) that a process keeps once it has had it, so built in the
 * server's process the pages would leave a first start at 650 MB for as long as it serves,
 * against 170 MB for a start that finds them built. Its warnings go to our output.
 */
function buildInChildProcess(outDir: string) {
  const vitePackage = createRequire(import.meta.url).resolve('vite/package.json');
  const { bin } = JSON.parse(readFileSync(vitePackage, 'utf8')) as { bin: { vite: string } };
  const vite = join(dirname(vitePackage), bin.vite);
  const args = ['build', '--config', 'vite.config.ts', '--outDir', outDir, '--emptyOutDir'];
  const child = spawn(process.execPath, [vite, ...args, '--logLevel', 'warn'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`building the web pages failed (${signal ?? `exit code ${code}`})`));
    });
  });
}
