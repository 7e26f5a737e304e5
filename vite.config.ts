import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const web = (path: string) => fileURLToPath(new URL(`./web/${path}`, import.meta.url));

/**
 * Writes `sw.js`, the service worker, with the list of every file of the build, so it caches
 * all of them (lazy chunks included) when it installs: the page must open and be filled with
 * no network at all, not only the parts a first visit happened to load. The list's hash is
 * the worker's version, so a new build replaces the old worker and its cache.
 */
function serviceWorker(): Plugin {
  return {
    name: 'cbhpi-service-worker',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((name) => name.startsWith('assets/') && !name.endsWith('.map'))
        .map((name) => `/${name}`)
        .sort();
      const list = JSON.stringify(files);
      const version = createHash('sha256').update(list).digest('hex').slice(0, 12);
      const source = readFileSync(web('sw/service-worker.js'), 'utf8')
        .replace("'__VERSION__'", JSON.stringify(version))
        .replace('__PRECACHE__', list);
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  root: web(''),
  publicDir: web('public'),
  plugins: [serviceWorker()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    reportCompressedSize: true,
    // SurveyJS alone is about 290 KB gzipped; the size that matters is measured and reported.
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: {
        resident: web('index.html'),
        kiosk: web('kiosk/index.html'),
        staff: web('staff/index.html'),
      },
    },
  },
});
