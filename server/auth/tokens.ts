import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes (256 bits), URL-safe: a session id or a kiosk token. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Tokens are stored only as this hash. sha256 suffices (no salt, no argon2): a 256-bit random
 * token cannot be guessed, so the hash only has to keep a stolen table from being replayed.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
