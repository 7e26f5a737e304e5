import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from '../../server/db/data-dir-lock.ts';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cbhpi-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the embedded data directory lock', () => {
  it('takes a free directory and releases it', () => {
    const dir = freshDir();
    const unlock = lockDataDir(dir);
    expect(readFileSync(join(dir, 'cbhpi.lock'), 'utf8')).toBe(String(process.pid));
    unlock();
    expect(existsSync(join(dir, 'cbhpi.lock'))).toBe(false);
  });

  it('refuses a directory a live process holds', () => {
    const dir = freshDir();
    // pid 1 is always alive.
    writeFileSync(join(dir, 'cbhpi.lock'), '1');
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    expect(() => lockDataDir(dir)).toThrow(/open in another process \(pid 1/);
  });

  it('takes over the stale lock of a process that died (a crash, SIGKILL)', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'cbhpi.lock'), '2147483646');
    const unlock = lockDataDir(dir);
    expect(readFileSync(join(dir, 'cbhpi.lock'), 'utf8')).toBe(String(process.pid));
    unlock();
  });
});
