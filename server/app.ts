import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyReply, type FastifyServerOptions, type RouteOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { audioRoutes } from './audio/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { registerAccessControl } from './auth/access.ts';
import { authRoutes } from './auth/routes.ts';
import { listCommunes } from './communes/queries.ts';
import { communeRoutes } from './communes/routes.ts';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/connect.ts';
import { errorBody, registerErrorHandlers } from './errors.ts';
import { exportRoutes } from './exports/routes.ts';
import { healthRoutes } from './health/routes.ts';
import { importRoutes } from './imports/routes.ts';
import { kioskRoutes } from './kiosks/routes.ts';
import { languageService } from './languages/language-service.ts';
import { type LanguageFiles, readLanguageFiles } from './languages/read-language-files.ts';
import { languageRoutes } from './languages/routes.ts';
import { paperRoutes } from './paper/routes.ts';
import { populationRoutes } from './population/routes.ts';
import type { QuestionnaireCatalog } from './questionnaires/load-questionnaires.ts';
import { publishRoutes } from './questionnaires/publish-routes.ts';
import { questionnaireRoutes } from './questionnaires/routes.ts';
import { responseRoutes } from './responses/routes.ts';
import { itemMeansRoutes } from './results/item-means-routes.ts';
import { resultRoutes } from './results/routes.ts';
import { reviewRoutes } from './review/routes.ts';
import { registerRefusedTextCheck } from './text-postgres-refuses.ts';
import type { TlsFiles } from './tls-files.ts';
import { userRoutes } from './users/routes.ts';
import { ensureDefaultWave } from './waves/ensure-default-wave.ts';
import { waveRoutes } from './waves/routes.ts';
import { registerJsonCompression } from './web/compress-json.ts';
import { setPageSecurityHeaders, webRoutes } from './web/routes.ts';

export type AppConfig = Pick<
  Config,
  | 'RATE_LIMIT_PER_MINUTE'
  | 'TRUST_PROXY'
  | 'LOG_LEVEL'
  | 'SECURE_COOKIES'
  | 'THRESHOLD'
  | 'MIN_N'
  | 'TARGET_SHARE'
  | 'TARGET_YEAR'
>;

export type AppDeps = {
  config: AppConfig;
  database: DatabaseHandle;
  catalog: QuestionnaireCatalog;
  /** The languages' files (server/API.md "Languages"); without them, the shipped ones. */
  languages?: LanguageFiles;
  /** Tests pass `false`; the server passes pino options. */
  logger?: FastifyServerOptions['logger'];
  /** Where the built web pages are; without it only the API is served. */
  webRoot?: string;
  /** Sees every route as it is added (the authorisation test lists them all). */
  onRoute?: (route: RouteOptions) => void;
  /** Certificate and key (TLS_CERT, TLS_KEY): the server then speaks HTTPS itself. */
  tls?: TlsFiles | null;
};

const shippedLanguagesDir = fileURLToPath(new URL('../surveys/languages', import.meta.url));

/** 1 MiB: a questionnaire's answers are a few kilobytes; anything near this is not one. */
const bodyLimit = 1024 * 1024;

/**
 * Builds the app and never listens: the server (`main.ts`) and the tests (`app.inject`) both
 * start from here. The database must already be migrated and the questionnaires stored.
 */
export async function buildApp({
  config,
  database,
  catalog,
  languages = readLanguageFiles([shippedLanguagesDir]),
  logger = false,
  webRoot,
  onRoute,
  tls,
}: AppDeps) {
  // Declared apart so Fastify keeps its plain-HTTP types: with `https` it serves the same
  // routes over TLS, and nothing here depends on the server's class.
  const options: FastifyServerOptions & { https?: TlsFiles } = {
    logger,
    bodyLimit,
    trustProxy: config.TRUST_PROXY,
    // Request ids come from the server only; a client cannot plant one in our logs.
    genReqId: undefined,
    // A URL Fastify cannot decode (a lone surrogate in `%ED%A0%80`) is answered in the API's
    // error shape, like every other client mistake.
    frameworkErrors: (_error, _request, reply) =>
      (reply as FastifyReply)
        .status(400)
        .send(errorBody('validation_failed', 'The URL is not valid')),
    ...(tls ? { https: tls } : {}),
  };
  const app = Fastify(options).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandlers(app);
  registerRefusedTextCheck(app);
  // JSON answers above 1 KB go out compressed; the web pages' files are compressed at build.
  registerJsonCompression(app);
  // The API speaks JSON only; a text body is a client mistake better named (415) than parsed.
  app.removeContentTypeParser('text/plain');

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'CB-HPI API',
        description: "Cao Bằng People's Happiness Index: questionnaire, submissions and results",
        version: '1',
      },
    },
    transform: jsonSchemaTransform,
  });
  // The reference is a page like ours: the same policy (its scripts are files, none inline).
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiHooks: {
      onRequest: async (_request, reply) => {
        setPageSecurityHeaders(reply);
      },
    },
  });

  if (onRoute) app.addHook('onRoute', onRoute);
  const { db } = database;
  await app.register(cookie);
  registerAccessControl(app, db);

  const communes = await listCommunes(db);
  // A new install takes responses at once: its first wave is this year's (server/API.md).
  await ensureDefaultWave(db, catalog.current.id);
  const communeCodes = new Set(communes.map((commune) => commune.code));
  const prefix = '/api';
  await app.register(healthRoutes, { prefix, db, databaseKind: database.kind });
  await app.register(communeRoutes, { prefix, communes });
  await app.register(questionnaireRoutes, { prefix, db, catalog });
  await app.register(publishRoutes, { prefix, db, catalog, languageFiles: languages });
  await app.register(responseRoutes, {
    prefix,
    db,
    catalog,
    communeCodes,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
  });
  await app.register(authRoutes, { prefix, db, secureCookies: config.SECURE_COOKIES });
  await app.register(userRoutes, { prefix, db, communeCodes });
  await app.register(kioskRoutes, { prefix, db, communeCodes });
  await app.register(reviewRoutes, { prefix, db });
  await app.register(auditRoutes, { prefix, db });
  await app.register(populationRoutes, { prefix, db, communeCodes });
  await app.register(languageRoutes, {
    prefix,
    db,
    languages: languageService(db, catalog, languages),
  });
  await app.register(waveRoutes, { prefix, db, communeCodes, minN: config.MIN_N });
  await app.register(audioRoutes, { prefix, db, catalog });
  await app.register(paperRoutes, { prefix, db, catalog, communeCodes, languageFiles: languages });
  await app.register(importRoutes, { prefix, db, catalog, communeCodes });
  await app.register(resultRoutes, {
    prefix,
    db,
    catalog,
    communes,
    rules: { threshold: config.THRESHOLD, minN: config.MIN_N, targetShare: config.TARGET_SHARE },
    targetYear: config.TARGET_YEAR,
  });
  await app.register(itemMeansRoutes, {
    prefix,
    db,
    catalog,
    communes,
    threshold: config.THRESHOLD,
  });
  await app.register(exportRoutes, {
    prefix,
    db,
    pool: database.pool,
    catalog,
    communes,
    rules: { threshold: config.THRESHOLD, minN: config.MIN_N, targetShare: config.TARGET_SHARE },
  });
  if (webRoot) await app.register(webRoutes, { root: webRoot });
  return app;
}
