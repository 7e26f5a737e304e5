import type { PairedKiosk } from '../../../server/kiosks/schema.ts';
import { sha256Hex } from './sha256.ts';

/** Checks a PIN on the device, offline, against the salted hash received at pairing. */
export async function checkExitPin(pin: string, expected: PairedKiosk['exitPinHash']) {
  return (await sha256Hex(`${expected.salt}${pin}`)) === expected.sha256;
}
