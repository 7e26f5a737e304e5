import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { appendAudit, staffActor } from '../audit/append-audit.ts';
import { staffOf, staffRoles } from '../auth/access.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { errorSchema } from '../shared-schemas.ts';
import { readPopulation, replaceMargins } from './queries.ts';
import { populationBodySchema, populationSchema, populationStoredSchema } from './schema.ts';
import { checkMargins, describeMarginProblem, type MarginProblem } from './validate-margins.ts';

export type PopulationRoutesOptions = { db: Db; communeCodes: ReadonlySet<string> };

/**
 * A problem as the API's `details` give it: the usual `path` and `message`, and the row,
 * field and kind of problem (with its figures) so a client can point at the line of its file.
 */
const problemDetail = (problem: MarginProblem) => ({
  path: `margins.${problem.row}.${problem.field}`,
  message: describeMarginProblem(problem),
  ...problem,
});

/**
 * Population margins (METHOD.md section 8): an admin replaces them all at once, as the
 * statistics office sends them; admins and analysts read the set in force.
 */
export const populationRoutes: FastifyPluginAsyncZod<PopulationRoutesOptions> = async (
  app,
  { db, communeCodes },
) => {
  app.put(
    '/population',
    {
      config: { access: staffRoles.admin },
      schema: {
        summary: "Replace every commune's population margins (sex, age band) at once",
        description:
          'What the list does not name is no longer a margin; an empty list leaves every ' +
          'commune unweighted. Every problem is listed in `details`, each with its `row` ' +
          '(from 0), `field` and `kind`; a refused request changes nothing. Audited.',
        tags: ['population'],
        body: populationBodySchema,
        response: { 200: populationStoredSchema, 400: errorSchema },
      },
    },
    async (request) => {
      const { source, margins } = request.body;
      const check = checkMargins(margins, communeCodes);
      if (!check.ok) {
        const details = check.problems.map(problemDetail);
        const shown = details.slice(0, 3).map((d) => `${d.path}: ${d.message}`);
        const more = details.length > 3 ? ` (and ${details.length - 3} more)` : '';
        throw new AppError(
          400,
          'validation_failed',
          `The margins were not stored: ${shown.join('; ')}${more}`,
          details,
        );
      }
      const staff = staffOf(request);
      await db.transaction().execute(async (trx) => {
        const replaced = await replaceMargins(trx, check.rows, {
          source,
          updatedBy: staff.email,
          isDemo: false,
        });
        await appendAudit(trx, {
          actor: staffActor(staff),
          action: 'population.replace',
          target: null,
          details: {
            source,
            communes: check.communes,
            rows: check.rows.length,
            replaced: replaced,
          },
        });
      });
      return { communes: check.communes };
    },
  );

  app.get(
    '/population',
    {
      config: { access: staffRoles.analysts },
      schema: {
        summary: 'The population margins in force, where they come from, when and by whom',
        tags: ['population'],
        response: { 200: populationSchema },
      },
    },
    () => readPopulation(db),
  );
};
