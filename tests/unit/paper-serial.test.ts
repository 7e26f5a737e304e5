import { describe, expect, it } from 'vitest';
import {
  dammCheckDigit,
  formatSerial,
  hasValidDammCheck,
  parseSerial,
} from '../../server/paper/serial.ts';

/** Serials spread over communes, batches and forms, edge numbers included. */
function sampleSerials(): string[] {
  const communes = ['01273', '00001', '99999', '04321', '10987'];
  const numbers = [1, 2, 9, 10, 99, 100, 1234, 2000, 9998, 9999];
  const serials: string[] = [];
  for (const communeCode of communes) {
    for (const batch of numbers) {
      for (const form of numbers) serials.push(formatSerial({ communeCode, batch, form }));
    }
  }
  return serials;
}

const digitsOf = (serial: string) => serial.replace(/-/g, '');
/** Puts 14 digits back into the dashed shape, so a changed serial is typed as a clerk would. */
const dashed = (d: string) => `${d.slice(0, 5)}-${d.slice(5, 9)}-${d.slice(9, 13)}-${d.slice(13)}`;

describe('paper serials', () => {
  it('formats commune, batch, form and a Damm check digit', () => {
    // Worked example of Damm's paper: 572 has check digit 4.
    expect(dammCheckDigit('572')).toBe(4);
    expect(hasValidDammCheck('5724')).toBe(true);
    expect(hasValidDammCheck('5727')).toBe(false);
    const serial = formatSerial({ communeCode: '01273', batch: 1, form: 7 });
    expect(serial).toMatch(/^01273-0001-0007-\d$/);
    expect(parseSerial(serial)).toEqual({
      ok: true,
      serial,
      communeCode: '01273',
      batch: 1,
      form: 7,
    });
  });

  it('reads a serial typed without dashes or with spaces around it', () => {
    const serial = formatSerial({ communeCode: '04321', batch: 12, form: 345 });
    expect(parseSerial(` ${digitsOf(serial)} `)).toMatchObject({ ok: true, serial });
  });

  it('catches every single-digit error, at every position, with every wrong digit', () => {
    let tried = 0;
    for (const serial of sampleSerials()) {
      const digits = digitsOf(serial);
      for (let position = 0; position < digits.length; position += 1) {
        for (let digit = 0; digit <= 9; digit += 1) {
          if (String(digit) === digits[position]) continue;
          const typo = digits.slice(0, position) + digit + digits.slice(position + 1);
          tried += 1;
          const parsed = parseSerial(dashed(typo));
          expect(parsed.ok, `${serial} typed as ${dashed(typo)}`).toBe(false);
        }
      }
    }
    expect(tried).toBe(500 * 14 * 9);
  });

  it('catches every swap of adjacent differing digits, across the dashes too', () => {
    let tried = 0;
    for (const serial of sampleSerials()) {
      const digits = digitsOf(serial);
      for (let position = 0; position + 1 < digits.length; position += 1) {
        const [a, b] = [digits[position], digits[position + 1]];
        if (a === b) continue;
        const swapped = digits.slice(0, position) + b + a + digits.slice(position + 2);
        tried += 1;
        expect(hasValidDammCheck(swapped), `${serial} swapped at ${position}`).toBe(false);
        expect(parseSerial(dashed(swapped)).ok).toBe(false);
      }
    }
    expect(tried).toBeGreaterThan(500 * 5);
  });

  it('catches every single-digit error and adjacent swap over all 13-digit prefixes of a random sample', () => {
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let sample = 0; sample < 2000; sample += 1) {
      const body = Array.from({ length: 13 }, () => String(next() % 10)).join('');
      const digits = body + dammCheckDigit(body);
      expect(hasValidDammCheck(digits)).toBe(true);
      for (let position = 0; position < 14; position += 1) {
        for (let digit = 0; digit <= 9; digit += 1) {
          if (String(digit) === digits[position]) continue;
          const typo = digits.slice(0, position) + digit + digits.slice(position + 1);
          expect(hasValidDammCheck(typo)).toBe(false);
        }
        const [a, b] = [digits[position], digits[position + 1]];
        if (b === undefined || a === b) continue;
        const swapped = digits.slice(0, position) + b + a + digits.slice(position + 2);
        expect(hasValidDammCheck(swapped)).toBe(false);
      }
    }
  });

  it.each([
    ['', 'a serial has the form'],
    ['01273-0001-0007', 'a serial has the form'],
    ['01273-1-7-4', 'a serial has the form'],
    ['0127a-0001-0007-4', 'a serial has the form'],
  ])('refuses %j with a reason', (typed, reason) => {
    const parsed = parseSerial(typed);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });

  it('refuses batch or form number 0000 even with a matching check digit', () => {
    for (const body of ['0127300000007', '0127300010000']) {
      const parsed = parseSerial(dashed(body + dammCheckDigit(body)));
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.reason).toMatch(/0000 is never printed/);
    }
  });

  it('names a mistyped check digit as the reason', () => {
    const serial = formatSerial({ communeCode: '01273', batch: 1, form: 7 });
    const wrong = `${serial.slice(0, -1)}${(Number(serial.slice(-1)) + 1) % 10}`;
    const parsed = parseSerial(wrong);
    expect(parsed).toEqual({ ok: false, reason: expect.stringContaining('check digit') });
  });

  it('refuses numbers it cannot print', () => {
    expect(() => formatSerial({ communeCode: '01273', batch: 0, form: 1 })).toThrow();
    expect(() => formatSerial({ communeCode: '01273', batch: 1, form: 10000 })).toThrow();
    expect(() => formatSerial({ communeCode: '1273', batch: 1, form: 1 })).toThrow();
  });
});
