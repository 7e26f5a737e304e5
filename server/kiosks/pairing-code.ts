import { createHash, randomBytes, randomInt } from 'node:crypto';
import { hashToken } from '../auth/tokens.ts';
import { formatPairingCode, pairingAlphabet, pairingCodeLength } from './pairing-alphabet.ts';

export { normalizePairingCode } from './pairing-alphabet.ts';

/** How long a code stays valid; the database's clock decides. */
export const pairingLifetimeHours = 24;

/** A fresh code, shown as `XXXX-XXXX`. `randomInt` draws without modulo bias. */
export function newPairingCode(): string {
  const symbols = Array.from(
    { length: pairingCodeLength },
    () => pairingAlphabet[randomInt(pairingAlphabet.length)],
  ).join('');
  return formatPairingCode(symbols);
}

/**
 * Each code is live for a day and guessed at most a few times a minute per address, so a
 * plain sha256 suffices (no salt, no argon2), as for tokens.
 */
export function hashPairingCode(normalized: string): string {
  return hashToken(`pairing:${normalized}`);
}

/** Six random digits: what staff type on the kiosk to leave kiosk mode. */
export function newExitPin(): string {
  return String(randomInt(1_000_000)).padStart(6, '0');
}

/**
 * sha256 of salt + PIN, in hex. The kiosk computes the same with WebCrypto, offline, to check
 * a PIN: see `exitPinHashSchema`.
 */
export function hashExitPin(salt: string, pin: string): string {
  return createHash('sha256').update(`${salt}${pin}`, 'utf8').digest('hex');
}

/** A code and its hash, and an exit PIN with its salt and hash: what an admin is given. */
export function newPairing() {
  const code = newPairingCode();
  const exitPin = newExitPin();
  const salt = randomBytes(16).toString('hex');
  return {
    code,
    codeHash: hashPairingCode(code.replace('-', '')),
    exitPin,
    exitPinSalt: salt,
    exitPinHash: hashExitPin(salt, exitPin),
  };
}
