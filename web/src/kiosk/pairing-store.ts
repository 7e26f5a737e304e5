import type { PairedKiosk } from '../../../server/kiosks/schema.ts';

/** The only thing a kiosk keeps in localStorage: its pairing (the kiosk's, no resident's). */
export const pairingKey = 'cbhpi.kiosk';

const isPairedKiosk = (value: unknown): value is PairedKiosk => {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const pin = v.exitPinHash as Record<string, unknown> | undefined;
  return (
    ['kioskId', 'token', 'communeCode', 'label', 'communeName'].every(
      (key) => typeof v[key] === 'string',
    ) &&
    typeof pin?.salt === 'string' &&
    typeof pin.sha256 === 'string'
  );
};

export function loadPairing(): PairedKiosk | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(pairingKey) ?? 'null');
    return isPairedKiosk(value) ? value : null;
  } catch {
    return null;
  }
}

export function savePairing(kiosk: PairedKiosk) {
  localStorage.setItem(pairingKey, JSON.stringify(kiosk));
}

export function forgetPairing() {
  localStorage.removeItem(pairingKey);
}
