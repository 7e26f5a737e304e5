import { type AuditActor, appendAudit } from '../audit/append-audit.ts';
import type { Db } from '../db/database.ts';
import { checkKit, type KitTable } from './check-kit.ts';
import { kitRows } from './kit-rows.ts';
import type { LanguageService } from './language-service.ts';
import { isSourceLanguage, languageTexts, messagesScope } from './language-texts.ts';
import { readTranslations, replaceTranslations } from './queries.ts';
import { readCsv } from './read-csv.ts';
import { readXlsx } from './read-xlsx.ts';
import type { KitCheck } from './schema.ts';

/** A language the kit cannot be made for: unknown, or a source (vi, en). */
export class KitLanguageError extends Error {}

/** The kit of a language for the questionnaire served now, with its existing translations. */
export async function exportKit(service: LanguageService, code: string) {
  const state = await service.state();
  const texts = state.texts.find((language) => language.code === code);
  if (!texts)
    throw new KitLanguageError(`no language "${code}": add surveys/languages/${code}/ first`);
  if (isSourceLanguage(code)) {
    throw new KitLanguageError(`"${code}" is a source language of the kit; choose another`);
  }
  return kitRows(service.files, texts, { id: state.questionnaireId, survey: state.survey });
}

/** A kit file's rows: an .xlsx workbook (by its zip signature) or CSV text. */
export function readKitFile(file: Buffer): KitTable {
  return file.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))
    ? readXlsx(file)
    : readCsv(file.toString('utf8'));
}

/**
 * Checks a filled kit and, when it has no error and this is no dry run, stores its
 * translations in place of the language's earlier ones (messages and the served
 * questionnaire's strings), with an audit entry, in one transaction. Coverage is what the
 * language would have after storing: the file's translations over the shipped ones.
 */
export async function importKit(
  db: Db,
  service: LanguageService,
  table: KitTable,
  options: { actor: AuditActor; dryRun: boolean },
): Promise<KitCheck> {
  const state = await service.state();
  const questionnaire = { id: state.questionnaireId, survey: state.survey };
  const reading = checkKit(table, {
    isLanguage: (language) => service.files.has(language),
    isSource: isSourceLanguage,
    expectedFor: (code) => {
      const texts = state.texts.find((language) => language.code === code);
      return texts ? kitRows(service.files, texts, questionnaire) : [];
    },
  });
  const scopes = [messagesScope, state.questionnaireId];
  const language = reading.language;
  let translated = 0;
  let needed = 0;
  if (language && !isSourceLanguage(language)) {
    const others = (await readTranslations(db)).filter(
      (row) => row.language !== language || !scopes.includes(row.scope),
    );
    const after = languageTexts(
      service.files,
      [...others, ...reading.rows.map((row) => ({ ...row, language }))],
      questionnaire,
    ).find((entry) => entry.code === language);
    translated = after?.translated ?? 0;
    needed = after?.needed ?? 0;
  }
  const check: KitCheck = {
    language,
    questionnaireId: state.questionnaireId,
    errors: reading.errors,
    warnings: reading.warnings,
    translated,
    needed,
    coverage: needed === 0 ? 0 : Math.floor((translated / needed) * 1000) / 1000,
    stored: false,
  };
  if (!language || reading.errors.length > 0 || options.dryRun) return check;
  await db.transaction().execute(async (trx) => {
    await replaceTranslations(trx, language, scopes, reading.rows, options.actor.email);
    await appendAudit(trx, {
      actor: options.actor,
      action: 'translations.import',
      target: language,
      details: {
        questionnaireId: state.questionnaireId,
        strings: reading.rows.length,
        coverage: check.coverage,
        warnings: reading.warnings.length,
      },
    });
  });
  service.forget();
  return { ...check, stored: true };
}
