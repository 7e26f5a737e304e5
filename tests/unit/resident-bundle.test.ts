import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { webDist } from '../../server/web/ensure-web-build.ts';

/**
 * The built resident page (the global setup builds it) against its budget in
 * resident-budget.json: what index.html loads for the first screen, and where the audio
 * player lives (a chunk of its own, fetched at the first press of "Nghe").
 */
const budget = JSON.parse(
  readFileSync(new URL('./resident-budget.json', import.meta.url), 'utf8'),
) as {
  firstScreenBrotliBytes: number;
  firstScreenRawBytes: number;
};

/** `import{a}from"./x.js"` and `import"./x.js"`: loaded with the chunk, never `import(…)`. */
const staticImport = /(?:\bfrom\s*|\bimport\s*)["']\.\/([^"']+\.js)["']/g;
const dynamicImport = /\bimport\(\s*[`"']\.\/([^`"']+\.js)[`"']\s*\)/g;

function readBuild() {
  const asset = (name: string) => readFileSync(join(webDist, 'assets', name), 'utf8');
  const html = readFileSync(join(webDist, 'index.html'), 'utf8');
  const named = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((m) => m[1] ?? '');
  // The HTML's scripts and everything they import statically: all of it loads before the page runs.
  const firstScreen = new Set<string>();
  const visit = (name: string) => {
    if (firstScreen.has(name)) return;
    firstScreen.add(name);
    if (!name.endsWith('.js')) return;
    for (const [, imported] of asset(name).matchAll(staticImport)) if (imported) visit(imported);
  };
  for (const name of named) visit(name);
  const sent = (name: string) => {
    const path = join(webDist, 'assets', name);
    return statSync(existsSync(`${path}.br`) ? `${path}.br` : path).size;
  };
  const scripts = readdirSync(join(webDist, 'assets')).filter((name) => name.endsWith('.js'));
  return {
    named,
    firstScreen: [...firstScreen].sort(),
    brotliBytes: [...firstScreen].reduce((sum, name) => sum + sent(name), 0),
    rawBytes: [...firstScreen].reduce(
      (sum, name) => sum + statSync(join(webDist, 'assets', name)).size,
      0,
    ),
    scripts,
    asset,
  };
}

/** The build is put in place whole, but another test's start may swap it between two reads. */
function readBuildSteadily() {
  try {
    return readBuild();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return readBuild();
  }
}

describe('the resident bundle', () => {
  const build = readBuildSteadily();

  it('loads its first screen within the budget', () => {
    expect(build.named.some((name) => name.endsWith('.js'))).toBe(true);
    expect(build.named.some((name) => name.endsWith('.css'))).toBe(true);
    console.log(
      `resident first screen: ${build.firstScreen.length} files, ` +
        `${build.brotliBytes} bytes sent (Brotli), ${build.rawBytes} bytes as written`,
    );
    expect(build.brotliBytes).toBeLessThanOrEqual(budget.firstScreenBrotliBytes);
    expect(build.rawBytes).toBeLessThanOrEqual(budget.firstScreenRawBytes);
  });

  it('keeps the audio player and the form library out of the first screen', () => {
    // Its own chunk (the bundler may split it in two, a part shared with the greeting).
    const player = build.scripts.filter((name) => /^audio-player-[\w-]+\.js$/.test(name));
    expect(player.length).toBeGreaterThan(0);
    for (const chunk of player) expect(build.firstScreen).not.toContain(chunk);
    // Not folded into a first-screen file either: its one audio element's class is its own.
    for (const name of build.firstScreen.filter((n) => n.endsWith('.js')))
      expect(build.asset(name), name).not.toContain('listen-audio');
    // Every other script that names the player asks for it only when called (a press, autoplay).
    const importers = build.scripts.filter(
      (name) => !player.includes(name) && player.some((chunk) => build.asset(name).includes(chunk)),
    );
    expect(importers.length).toBeGreaterThan(0);
    for (const name of importers) {
      const source = build.asset(name);
      const statics = [...source.matchAll(staticImport)].map((m) => m[1] ?? '');
      const dynamic = [...source.matchAll(dynamicImport)].map((m) => m[1] ?? '');
      expect(
        statics.filter((chunk) => player.includes(chunk)),
        name,
      ).toEqual([]);
      expect(
        dynamic.some((chunk) => player.includes(chunk)),
        name,
      ).toBe(true);
    }
    const form = build.scripts.filter((name) => /^form-screens-[\w-]+\.js$/.test(name));
    expect(form).toHaveLength(1);
    expect(build.firstScreen).not.toContain(form[0]);
  });
});
