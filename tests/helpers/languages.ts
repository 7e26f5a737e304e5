import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The shipped languages, and the test-only pseudo-language `qaa` (every string as ⟦…⟧): ISO
 * 639-2 keeps qaa–qtz for local use, so it is a valid `lang` no real language will take.
 */
export const shippedLanguagesDir = fileURLToPath(
  new URL('../../surveys/languages', import.meta.url),
);
export const fixtureLanguagesDir = fileURLToPath(new URL('../fixtures/languages', import.meta.url));

/**
 * A copy of the fixture languages with one message of `qaa` taken out, so a test sees the
 * language withdrawn. Returns the folder and its removal.
 */
export function qaaWithoutOneMessage(key: string) {
  const dir = mkdtempSync(join(tmpdir(), 'cbhpi-languages-'));
  cpSync(fixtureLanguagesDir, dir, { recursive: true });
  const path = join(dir, 'qaa', 'messages.json');
  const messages = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
  if (!(key in messages)) throw new Error(`qaa has no message ${key}`);
  delete messages[key];
  writeFileSync(path, JSON.stringify(messages));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The pseudo-translation the fixture uses, for a text a test fills in itself. */
export const pseudo = (text: string) => `⟦${text}⟧`;
