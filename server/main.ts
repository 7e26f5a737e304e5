import { loadConfig } from './config.ts';
import { prepareServer } from './start.ts';
import { ensureWebBuild } from './web/ensure-web-build.ts';

/**
 * `npm start`: reads the environment, listens (HTTP, or HTTPS with TLS_CERT and TLS_KEY) and
 * exits. The server's only entry point; the users CLI (`cli/users.ts`) and the demo loader
 * (`demo/main.ts`) are entry points of their own and read the environment too. The modules
 * below them take a Config and never read `process.env`.
 */
async function main() {
  const config = loadConfig();
  await ensureWebBuild((message) => console.log(message));
  const { app, database, catalog } = await prepareServer(config, (message) => console.log(message));
  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'closing');
    await app.close();
    // PGlite must be closed cleanly so its files are whole for the next start.
    await database.db.destroy();
    process.exit(0);
  };
  process.on('SIGINT', () => void close('SIGINT'));
  process.on('SIGTERM', () => void close('SIGTERM'));
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  const where =
    database.kind === 'embedded' ? `embedded database in ${config.DATA_DIR}` : 'PostgreSQL';
  console.log(
    `CB-HPI serving on ${address} (${where}); questionnaire ${catalog.current.id}; API docs at ${address}/docs`,
  );
}

main().catch((error: unknown) => {
  console.error(
    `CB-HPI could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
