import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { type LanguageFile, languageFileSchema, stringsFileSchema } from './schema.ts';

/** A language as its files give it: its name, the pages' messages, each questionnaire's strings. */
export type ShippedLanguage = LanguageFile & {
  messages: Record<string, string>;
  /** By questionnaire id. */
  questionnaires: ReadonlyMap<string, Record<string, string>>;
};

/** The languages a server holds, by code; `vi` is the source every other is measured against. */
export type LanguageFiles = ReadonlyMap<string, ShippedLanguage>;

export class LanguageFileError extends Error {}

function readJson<T>(path: string, schema: z.ZodType<T>, fail: (message: string) => void) {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    fail(`not valid JSON (${(error as Error).message})`);
    return null;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      fail(`${issue.path.join('.') || 'file'}: ${issue.message}`);
    return null;
  }
  return parsed.data;
}

function readLanguage(dir: string, fail: (message: string) => void): ShippedLanguage | null {
  const at = (file: string) => (message: string) => fail(`${file}: ${message}`);
  const info = readJson(join(dir, 'language.json'), languageFileSchema, at('language.json'));
  if (!info) return null;
  const messagesPath = join(dir, 'messages.json');
  const messages = existsSync(messagesPath)
    ? readJson(messagesPath, stringsFileSchema, at('messages.json'))
    : {};
  const questionnaires = new Map<string, Record<string, string>>();
  const questionnairesDir = join(dir, 'questionnaires');
  if (existsSync(questionnairesDir)) {
    for (const file of readdirSync(questionnairesDir)
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      const strings = readJson(
        join(questionnairesDir, file),
        stringsFileSchema,
        at(`questionnaires/${file}`),
      );
      if (strings) questionnaires.set(file.slice(0, -'.json'.length), strings);
    }
  }
  return messages ? { ...info, messages, questionnaires } : null;
}

/**
 * Reads every language folder (`<code>/language.json`, `messages.json`,
 * `questionnaires/<id>.json`) of the given directories: the shipped `surveys/languages` and,
 * when set, an extra one (EXTRA_LANGUAGES_DIR). A language is data only: a new folder is a new
 * language, with no code changed. All problems of all files are gathered before throwing, so
 * a translator fixes them in one pass.
 */
export function readLanguageFiles(dirs: readonly string[]): LanguageFiles {
  const problems: string[] = [];
  const languages = new Map<string, ShippedLanguage>();
  for (const dir of dirs) {
    if (!existsSync(dir)) {
      problems.push(`${dir}: no such folder`);
      continue;
    }
    for (const name of readdirSync(dir).sort()) {
      const folder = join(dir, name);
      if (!statSync(folder).isDirectory()) continue;
      const fail = (message: string) => problems.push(`${name}/${message}`);
      const language = readLanguage(folder, fail);
      if (!language) continue;
      if (language.code !== name)
        fail(`language.json: code "${language.code}" is not the folder's name`);
      else if (languages.has(name)) fail('language.json: this code is held by another folder');
      else languages.set(name, language);
    }
  }
  const vi = languages.get('vi');
  if (!vi || Object.keys(vi.messages).length === 0) {
    problems.push('vi/messages.json: Vietnamese is the source of every message and must be there');
  }
  for (const [code, language] of languages) {
    if (!vi || code === 'vi') continue;
    for (const key of Object.keys(language.messages)) {
      if (!(key in vi.messages))
        problems.push(`${code}/messages.json: "${key}" is no Vietnamese message`);
    }
  }
  if (problems.length > 0) {
    throw new LanguageFileError(`language files are invalid:\n  ${problems.join('\n  ')}`);
  }
  return languages;
}
