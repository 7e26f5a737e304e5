import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id (the library's default algorithm) with its default cost, 19 MiB and 2 passes:
 * OWASP's recommended minimum. The parameters travel in the hash, so raising them later
 * keeps old hashes valid.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verified against when the e-mail is unknown, so a wrong e-mail costs the same time as a
// wrong password and the answer's timing does not reveal which accounts exist.
const decoyHash = hashPassword('decoy password that no account has');

export async function verifyPassword(passwordHash: string | null, password: string) {
  try {
    const ok = await verify(passwordHash ?? (await decoyHash), password);
    return passwordHash !== null && ok;
  } catch {
    return false;
  }
}
