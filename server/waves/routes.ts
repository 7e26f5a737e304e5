import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit, staffActor } from '../audit/append-audit.ts';
import { staffOf, staffRoles } from '../auth/access.ts';
import type { Db } from '../db/database.ts';
import { AppError, validationFailed } from '../errors.ts';
import { errorSchema } from '../shared-schemas.ts';
import { waveProgress } from './progress.ts';
import {
  findAnsweredWaves,
  findOverlappingWaves,
  findWave,
  insertWave,
  listCommuneTargets,
  listWaves,
  replaceCommuneTargets,
  updateWave,
  type WaveRecord,
} from './queries.ts';
import {
  newWaveSchema,
  waveChangeSchema,
  waveParamsSchema,
  waveProgressSchema,
  waveSchema,
  waveTargetsSchema,
} from './schema.ts';
import { vietnamDate, waveState } from './wave-dates.ts';
import { waveView } from './wave-view.ts';

export type WaveRoutesOptions = {
  db: Db;
  communeCodes: ReadonlySet<string>;
  /** The configured `MIN_N`: a wave's target when none is set. */
  minN: number;
  now?: () => Date;
};

const conflict = (message: string) => new AppError(409, 'wave_conflict', message);

/** PostgreSQL's codes for the two constraints a concurrent change can still break. */
const uniqueViolation = '23505';
const exclusionViolation = '23P01';
function asConflict(error: unknown): never {
  const code = (error as { code?: unknown }).code;
  if (code === uniqueViolation) throw conflict('A wave with this id exists already');
  if (code === exclusionViolation) throw conflict('Another wave shares some of these days');
  throw error;
}

export const waveRoutes: FastifyPluginAsyncZod<WaveRoutesOptions> = async (app, options) => {
  const { db, communeCodes, minN } = options;
  const now = options.now ?? (() => new Date());

  const viewOf = async (trx: Db, wave: WaveRecord) => {
    const [answered, targets] = await Promise.all([
      findAnsweredWaves(trx, [wave.id]),
      listCommuneTargets(trx),
    ]);
    return waveView(wave, {
      now: now(),
      minN,
      answered: answered.has(wave.id),
      communeTargets: targets.get(wave.id) ?? [],
    });
  };
  const mustFind = async (trx: Db, id: string) => {
    const wave = await findWave(trx, id);
    if (!wave) throw new AppError(404, 'not_found', `No wave "${id}"`);
    return wave;
  };
  const assertQuestionnaireKnown = async (trx: Db, id: string) => {
    const known = await trx
      .selectFrom('questionnaires')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!known) {
      throw validationFailed([
        { path: 'questionnaireId', message: `unknown questionnaire "${id}"` },
      ]);
    }
  };
  const assertNoOverlap = async (
    trx: Db,
    dates: { opensOn: string; closesOn: string },
    exceptId: string | null,
  ) => {
    const [other] = await findOverlappingWaves(trx, dates, exceptId);
    if (other) {
      throw conflict(
        `These days overlap the wave "${other.id}" (${other.name}); two waves may not share a day`,
      );
    }
  };

  app.get(
    '/waves',
    {
      config: { access: staffRoles.all },
      schema: {
        summary: 'Every survey wave, the earliest first, with its state and targets',
        tags: ['waves'],
        response: { 200: z.array(waveSchema) },
      },
    },
    async () => {
      const waves = await listWaves(db);
      const [answered, targets] = await Promise.all([
        findAnsweredWaves(
          db,
          waves.map((w) => w.id),
        ),
        listCommuneTargets(db),
      ]);
      const at = now();
      return waves.map((wave) =>
        waveView(wave, {
          now: at,
          minN,
          answered: answered.has(wave.id),
          communeTargets: targets.get(wave.id) ?? [],
        }),
      );
    },
  );

  app.post(
    '/waves',
    {
      config: { access: staffRoles.admin },
      schema: {
        summary: 'Create a wave: its days (Asia/Ho_Chi_Minh), questionnaire and target',
        tags: ['waves'],
        body: newWaveSchema,
        response: { 201: waveSchema, 400: errorSchema, 409: errorSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const wave = { ...body, target: body.target ?? null };
      const created = await db
        .transaction()
        .execute(async (trx) => {
          await assertQuestionnaireKnown(trx, wave.questionnaireId);
          if (await findWave(trx, wave.id)) throw conflict(`A wave "${wave.id}" exists already`);
          await assertNoOverlap(trx, wave, null);
          await insertWave(trx, wave);
          await appendAudit(trx, {
            actor: staffActor(staffOf(request)),
            action: 'wave.create',
            target: wave.id,
            details: { ...wave },
          });
          return mustFind(trx, wave.id);
        })
        .catch(asConflict);
      return reply.status(201).send(await viewOf(db, created));
    },
  );

  app.patch(
    '/waves/:id',
    {
      config: { access: staffRoles.admin },
      schema: {
        summary:
          "Change a wave's name, days or target; its questionnaire only while it has no responses",
        tags: ['waves'],
        params: waveParamsSchema,
        body: waveChangeSchema,
        response: { 200: waveSchema, 400: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    },
    async (request) => {
      const change = request.body;
      const updated = await db
        .transaction()
        .execute(async (trx) => {
          const before = await mustFind(trx, request.params.id);
          const after: WaveRecord = {
            ...before,
            name: change.name ?? before.name,
            opensOn: change.opensOn ?? before.opensOn,
            closesOn: change.closesOn ?? before.closesOn,
            questionnaireId: change.questionnaireId ?? before.questionnaireId,
            target: change.target === undefined ? before.target : change.target,
          };
          if (after.closesOn < after.opensOn) {
            throw validationFailed([{ path: 'closesOn', message: 'must not be before opensOn' }]);
          }
          const datesChange =
            after.opensOn !== before.opensOn || after.closesOn !== before.closesOn;
          if (datesChange && before.closedAt) {
            throw conflict(`The wave "${before.id}" was closed; its days no longer change`);
          }
          if (after.questionnaireId !== before.questionnaireId) {
            await assertQuestionnaireKnown(trx, after.questionnaireId);
            if ((await findAnsweredWaves(trx, [before.id])).size > 0) {
              throw conflict(
                `The wave "${before.id}" has responses: its questionnaire can no longer change`,
              );
            }
          }
          if (datesChange) await assertNoOverlap(trx, after, before.id);
          await updateWave(trx, before.id, after);
          const changed = Object.fromEntries(
            (['name', 'opensOn', 'closesOn', 'questionnaireId', 'target'] as const)
              .filter((key) => after[key] !== before[key])
              .map((key) => [key, { from: before[key], to: after[key] }]),
          );
          await appendAudit(trx, {
            actor: staffActor(staffOf(request)),
            action: 'wave.update',
            target: before.id,
            details: changed,
          });
          return after;
        })
        .catch(asConflict);
      return viewOf(db, updated);
    },
  );

  app.post(
    '/waves/:id/close',
    {
      config: { access: staffRoles.admin },
      schema: {
        summary:
          'Close an open wave now: responses completed from now on are refused; its last day becomes today',
        tags: ['waves'],
        params: waveParamsSchema,
        response: { 200: waveSchema, 404: errorSchema, 409: errorSchema },
      },
    },
    async (request) => {
      const closedAt = now();
      const closed = await db.transaction().execute(async (trx) => {
        const wave = await mustFind(trx, request.params.id);
        const state = waveState(wave, closedAt);
        if (state !== 'open') {
          throw conflict(
            state === 'planned'
              ? `The wave "${wave.id}" has not opened yet; change its days instead`
              : `The wave "${wave.id}" is closed already`,
          );
        }
        // Today becomes its last day, so the days after it are free for the next wave, and
        // late responses are taken for 14 days from today.
        const today = vietnamDate(closedAt);
        const after: WaveRecord = {
          ...wave,
          closesOn: [today, wave.closesOn].sort()[0] ?? today,
          closedAt,
        };
        await updateWave(trx, wave.id, after);
        await appendAudit(trx, {
          actor: staffActor(staffOf(request)),
          action: 'wave.close',
          target: wave.id,
          details: { closedAt: closedAt.toISOString(), closesOn: after.closesOn },
        });
        return after;
      });
      return viewOf(db, closed);
    },
  );

  app.put(
    '/waves/:id/targets',
    {
      config: { access: staffRoles.admin },
      schema: {
        summary: "Replace every commune's own target in a wave (the others keep the wave's)",
        tags: ['waves'],
        params: waveParamsSchema,
        body: waveTargetsSchema,
        response: { 200: waveSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const { targets } = request.body;
      const unknown = targets
        .map((t, index) => ({ ...t, index }))
        .filter((t) => !communeCodes.has(t.communeCode));
      if (unknown.length > 0) {
        throw validationFailed(
          unknown.map((t) => ({
            path: `targets.${t.index}.communeCode`,
            message: `unknown commune "${t.communeCode}"`,
          })),
        );
      }
      const wave = await db.transaction().execute(async (trx) => {
        const found = await mustFind(trx, request.params.id);
        await replaceCommuneTargets(trx, found.id, targets);
        await appendAudit(trx, {
          actor: staffActor(staffOf(request)),
          action: 'wave.targets',
          target: found.id,
          details: { targets },
        });
        return found;
      });
      return viewOf(db, wave);
    },
  );

  app.get(
    '/waves/:id/progress',
    {
      config: { access: staffRoles.all },
      schema: {
        summary:
          "Field progress: each commune's responses against its target, the last 7 days, kiosks' last contact, a projected day",
        description:
          'Admins and analysts see every commune; a commune officer sees their own commune only.',
        tags: ['waves'],
        params: waveParamsSchema,
        response: { 200: waveProgressSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const wave = await viewOf(db, await mustFind(db, request.params.id));
      return waveProgress(db, wave, {
        now: now(),
        communeCode: staff.role === 'commune_officer' ? staff.communeCode : null,
      });
    },
  );
};
