// Imports nothing, so the kiosk page can share it with the server.

/**
 * No 0/O, 1/I/L: an officer reads the code off a screen or paper and types it on a kiosk.
 * 31 symbols, 8 of them: about 8.5 × 10^11 codes.
 */
export const pairingAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const pairingCodeLength = 8;

/**
 * The code as typed (any case, spaces or dashes) reduced to its 8 symbols, or null when it
 * cannot be a code at all.
 */
export function normalizePairingCode(typed: string): string | null {
  const symbols = typed.toUpperCase().replace(/[\s-]/g, '');
  if (symbols.length !== pairingCodeLength) return null;
  return [...symbols].every((c) => pairingAlphabet.includes(c)) ? symbols : null;
}

/** `ABCD2345` → `ABCD-2345`, the way it is shown and typed. */
export function formatPairingCode(symbols: string): string {
  return symbols.length > 4 ? `${symbols.slice(0, 4)}-${symbols.slice(4)}` : symbols;
}
