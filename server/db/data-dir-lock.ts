import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The embedded database's data directory is open in another live process. */
export class DataDirInUseError extends Error {}

const lockName = 'cbhpi.lock';

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite lets a second process open a data directory another process holds, and the two then
 * overwrite each other's pages (seen: rows vanished, rollups stopped matching). PGlite's own
 * `postmaster.pid` cannot tell a live owner from a crash (it always says -42), so the
 * directory gets a lock file with our real process id: a live owner refuses the open; a
 * dead one (a crash, a SIGKILL) left a stale lock that is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, lockName);
  try {
    writeFileSync(path, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = Number(readFileSync(path, 'utf8'));
    if (owner !== process.pid && Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
      throw new DataDirInUseError(
        `the embedded database in ${dataDir} is open in another process (pid ${owner}; is the server running?). Stop it first.`,
      );
    }
    writeFileSync(path, String(process.pid));
  }
  return () => rmSync(path, { force: true });
}
