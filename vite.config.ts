import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin, type Rolldown } from 'vite';

const web = (path: string) => fileURLToPath(new URL(`./web/${path}`, import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));

/**
 * The pages that work offline, each with a service worker of its own that precaches that
 * page's files only. Staff pages have none: they show live figures behind a signed-in session
 * and are used from offices with a connection; offline they could show nothing true, and a
 * worker would only add downloads.
 */
const offlinePages = [
  {
    html: 'index.html',
    worker: 'sw.js',
    page: '/',
    id: 'resident',
    data: ['/api/questionnaires/current', '/api/communes', '/api/languages'],
  },
  {
    html: 'kiosk/index.html',
    worker: 'kiosk-sw.js',
    page: '/kiosk',
    id: 'kiosk',
    data: ['/api/questionnaires/current', '/api/languages'],
  },
];

/**
 * Every file a page can load, from the bundle graph: the scripts and styles its HTML names,
 * then each script's static and dynamic imports and the CSS and assets they bring, so a form
 * chunk loaded later (and the page's own split into entries) is in the list by itself.
 */
function pageFiles(bundle: Rolldown.OutputBundle, htmlName: string): string[] {
  const html = bundle[htmlName];
  if (html?.type !== 'asset') throw new Error(`no ${htmlName} in the bundle`);
  const named = [...String(html.source).matchAll(/(?:src|href)="\/([^"]+)"/g)].map((m) => m[1]);
  const files = new Set<string>();
  const visit = (fileName: string) => {
    if (files.has(fileName) || !bundle[fileName]) return;
    files.add(fileName);
    const chunk = bundle[fileName];
    if (chunk?.type !== 'chunk') return;
    for (const css of chunk.viteMetadata?.importedCss ?? []) visit(css);
    for (const asset of chunk.viteMetadata?.importedAssets ?? []) visit(asset);
    for (const imported of [...chunk.imports, ...chunk.dynamicImports]) visit(imported);
  };
  for (const name of named) if (name) visit(name);
  return [...files]
    .filter((name) => name.startsWith('assets/') && !name.endsWith('.map'))
    .map((name) => `/${name}`)
    .sort();
}

/**
 * Writes one service worker per offline page with the list of that page's files, so it caches
 * them (lazy chunks included) when it installs: the page must open and be filled with no
 * network at all, not only the parts a first visit happened to load. The list's hash is the
 * worker's version, so a new build replaces the old worker and its cache.
 */
function serviceWorkers(): Plugin {
  return {
    name: 'cbhpi-service-workers',
    // After Vite has written the pages' HTML into the bundle.
    enforce: 'post',
    generateBundle(_options, bundle) {
      const template = readFileSync(web('sw/service-worker.js'), 'utf8');
      for (const { html, worker, page, id, data } of offlinePages) {
        const files = pageFiles(bundle, html);
        const version = createHash('sha256')
          .update(JSON.stringify([page, data, files]))
          .digest('hex')
          .slice(0, 12);
        const source = template
          .replace("'__VERSION__'", JSON.stringify(version))
          .replace("'__PAGE_ID__'", JSON.stringify(id))
          .replace("'__PAGE__'", JSON.stringify(page))
          .replace('__DATA__', JSON.stringify(data))
          .replace('__PRECACHE__', JSON.stringify(files));
        this.emitFile({ type: 'asset', fileName: worker, source });
      }
    },
  };
}

const compressible = /\.(js|mjs|css|html|svg|json|webmanifest|txt|xml|ico)$/;

async function listFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  const nested = await Promise.all(
    names.map(async (name) => {
      const path = join(dir, name);
      return (await stat(path)).isDirectory() ? listFiles(path) : [path];
    }),
  );
  return nested.flat();
}

/**
 * Brotli (quality 11) and gzip (level 9) copies next to every text file of the build, made
 * once here so the server sends them as they are (`@fastify/static`'s `preCompressed`) and
 * never compresses a file per request. A copy that would not be smaller is not written: the
 * server then sends the file itself.
 */
function precompress(): Plugin {
  const brotli = promisify(brotliCompress);
  const deflate = promisify(gzip);
  let builtDir = outDir;
  return {
    name: 'cbhpi-precompress',
    apply: 'build',
    configResolved(config) {
      builtDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = (await listFiles(builtDir)).filter((path) => compressible.test(path));
      await Promise.all(
        files.map(async (path) => {
          const source = await readFile(path);
          const [br, gz] = await Promise.all([
            brotli(source, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
                [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
              },
            }),
            deflate(source, { level: constants.Z_BEST_COMPRESSION }),
          ]);
          if (br.length < source.length) await writeFile(`${path}.br`, br);
          if (gz.length < source.length) await writeFile(`${path}.gz`, gz);
        }),
      );
    },
  };
}

export default defineConfig({
  root: web(''),
  publicDir: web('public'),
  plugins: [serviceWorkers(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    reportCompressedSize: true,
    // SurveyJS alone is about 290 KB gzipped; the size that matters is measured and reported.
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // Brotli at its best quality takes seconds for the form's chunk, on purpose and once a
      // build: no need to hear it named the slowest step at every start that builds.
      checks: { bundlerTimings: false },
      input: {
        resident: web('index.html'),
        kiosk: web('kiosk/index.html'),
        staff: web('staff/index.html'),
      },
    },
  },
});
