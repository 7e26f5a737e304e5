import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { appendAudit, staffActor } from '../audit/append-audit.ts';
import { staffOf, staffRoles } from '../auth/access.ts';
import type { Db } from '../db/database.ts';
import { AppError, type ErrorDetail, validationFailed } from '../errors.ts';
import type { CheckedQuestionnaire } from '../questionnaires/check-questionnaire.ts';
import { findAnswerProblems } from '../questionnaires/find-answer-problems.ts';
import { findVersion } from '../questionnaires/find-version.ts';
import type { QuestionnaireCatalog } from '../questionnaires/load-questionnaires.ts';
import { errorSchema } from '../shared-schemas.ts';
import { findWave, type WaveRecord } from '../waves/queries.ts';
import {
  containsInstant,
  lateArrivalDeadline,
  startOfVietnamDay,
  vietnamDate,
} from '../waves/wave-dates.ts';
import { decideForm } from './double-entry.ts';
import { findPrintedForm } from './printed-form.ts';
import { findForm, insertEntry, listEntries, lockForm, setFormState } from './queries.ts';
import type { PaperRoutesOptions } from './routes.ts';
import {
  type EntryReceipt,
  entryReceiptSchema,
  formParamsSchema,
  formStatusSchema,
  newEntrySchema,
} from './schema.ts';
import { paperCompletedAt, storePaperResponse } from './store-paper-response.ts';

/** The questionnaire a batch was printed with; its absence is a broken database, not a request. */
export async function batchQuestionnaire(
  db: Db,
  catalog: QuestionnaireCatalog,
  batch: { id: string; questionnaireId: string },
): Promise<CheckedQuestionnaire> {
  const questionnaire = await findVersion(db, catalog, batch.questionnaireId);
  if (!questionnaire) {
    throw new Error(`batch ${batch.id} names unknown questionnaire ${batch.questionnaireId}`);
  }
  return questionnaire;
}

/**
 * What is wrong with the day written on a form: in the future (in Việt Nam), or outside the
 * days of its batch's wave.
 */
export function completedOnProblems(
  completedOn: string | null,
  wave: WaveRecord,
  now: Date,
  path = 'completedOn',
): ErrorDetail[] {
  if (completedOn === null) return [];
  if (completedOn > vietnamDate(now)) return [{ path, message: 'must not be in the future' }];
  if (!containsInstant(wave, new Date(paperCompletedAt(completedOn)))) {
    return [
      {
        path,
        message: `must be a day of wave "${wave.id}" (${wave.opensOn} to ${wave.closesOn})`,
      },
    ];
  }
  return [];
}

async function batchWave(db: Db, waveId: string): Promise<WaveRecord> {
  const wave = await findWave(db, waveId);
  if (!wave) throw new Error(`a batch names unknown wave ${waveId}`);
  return wave;
}

/** Typing paper forms twice: `GET /api/paper/forms/:serial`, `POST /api/paper/entries`. */
export const entryRoutes: FastifyPluginAsyncZod<PaperRoutesOptions> = async (app, options) => {
  const { db, catalog } = options;
  const now = options.now ?? (() => new Date());

  app.get(
    '/paper/forms/:serial',
    {
      config: { access: staffRoles.paperEntry },
      schema: {
        summary: 'Check a serial before typing a form: its commune, wave, questionnaire, state',
        description:
          'A bad check digit, a serial never printed or a form of a commune the enumerator is ' +
          'not bound to answer 400 naming `serial`.',
        tags: ['paper'],
        params: formParamsSchema,
        response: { 200: formStatusSchema, 400: errorSchema },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const { serial, batch } = await findPrintedForm(db, request.params.serial, staff);
      const [form, entries] = await Promise.all([findForm(db, serial), listEntries(db, serial)]);
      return {
        serial,
        batchId: batch.id,
        communeCode: batch.communeCode,
        communeName: batch.communeName,
        wave: batch.wave,
        questionnaireId: batch.questionnaireId,
        language: batch.language,
        state: entries.length === 0 ? ('not_entered' as const) : (form?.state ?? 'awaiting_second'),
        entries: entries.length,
        enteredByYou: entries.some((entry) => entry.enteredBy === staff.id),
      };
    },
  );

  app.post(
    '/paper/entries',
    {
      config: { access: staffRoles.paperEntry },
      schema: {
        summary: 'Enter a paper form (each form is typed twice, by two different people)',
        description:
          'Two entries that agree on every answer and the date store the response once ' +
          '(channel `paper`, id derived from the serial); two that disagree make a conflict. ' +
          'The same person twice: 409 `already_entered`; a third entry of a decided form: ' +
          '409 `form_decided`; a wave that does not take responses: 409 `no_open_wave`.',
        tags: ['paper'],
        body: newEntrySchema,
        response: { 201: entryReceiptSchema, 400: errorSchema, 409: errorSchema },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const { serial, batch } = await findPrintedForm(db, request.body.serial, staff);
      if (request.body.wave !== undefined && request.body.wave !== batch.wave) {
        throw validationFailed([
          { path: 'serial', message: `a form of wave "${batch.wave}", not "${request.body.wave}"` },
        ]);
      }
      const [questionnaire, wave] = await Promise.all([
        batchQuestionnaire(db, catalog, batch),
        batchWave(db, batch.wave),
      ]);
      const { answers } = request.body;
      const completedOn = request.body.completedOn ?? null;
      const at = now();
      const problems = [
        ...findAnswerProblems(questionnaire, answers),
        ...completedOnProblems(completedOn, wave, at),
      ];
      if (problems.length > 0) throw validationFailed(problems);
      if (at < startOfVietnamDay(wave.opensOn)) {
        throw new AppError(
          409,
          'no_open_wave',
          `Wave "${wave.id}" opens on ${wave.opensOn}; nothing was stored`,
        );
      }
      if (at >= lateArrivalDeadline(wave)) {
        throw new AppError(
          409,
          'no_open_wave',
          `Wave "${wave.id}" no longer takes responses; nothing was stored`,
        );
      }
      const order = [...questionnaire.questions.keys()];

      const receipt = await db.transaction().execute(async (trx): Promise<EntryReceipt> => {
        const form = await lockForm(trx, serial, batch.id);
        const earlier = await listEntries(trx, serial);
        if (earlier.some((entry) => entry.enteredBy === staff.id)) {
          throw new AppError(
            409,
            'already_entered',
            `You have entered form ${serial} already; a second person enters it again`,
          );
        }
        if (form.state !== 'awaiting_second' || earlier.length >= 2) {
          throw new AppError(
            409,
            'form_decided',
            `Form ${serial} has been entered twice already (${form.state})`,
          );
        }
        await insertEntry(trx, {
          serial,
          batchId: batch.id,
          enteredBy: staff.id,
          enteredByEmail: staff.email,
          answers,
          completedOn,
        });
        const decision = decideForm([...earlier, { answers, completedOn }], order);
        let responseId: string | undefined;
        if (decision.state === 'verified') {
          responseId = await storePaperResponse(
            trx,
            questionnaire,
            { ...decision.form, serial, communeCode: batch.communeCode, wave: batch.wave },
            at,
          );
          await setFormState(trx, serial, { state: 'verified', responseId });
        } else if (decision.state === 'conflict') {
          await setFormState(trx, serial, { state: 'conflict' });
        }
        const entries = earlier.length + 1;
        await appendAudit(trx, {
          actor: staffActor(staff),
          action: 'paper.entry',
          target: serial,
          details: {
            batchId: batch.id,
            entries,
            state: decision.state,
            ...(responseId ? { responseId } : {}),
            ...(decision.state === 'conflict'
              ? { differing: decision.differences.map((d) => d.question) }
              : {}),
          },
        });
        return { serial, entries, state: decision.state, ...(responseId ? { responseId } : {}) };
      });
      return reply.status(201).send(receipt);
    },
  );
};
