/**
 * `npm run bench:web`: a resident's first visit on a phone with a weak signal. Chromium at
 * 360×740 with touch and a cold profile opens the resident page, throttled by DevTools to
 * 400 kbps down and up with 400 ms latency, and beside it the same visit unthrottled; it
 * reports when the commune chooser is usable, when the first question is usable (a commune
 * chosen and "start" pressed as soon as they can be), and the bytes of the visit, service
 * worker included.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumMissing } from '../helpers/browser.ts';
import { startServerProcess, stopServerProcess } from '../helpers/server-process.ts';
import { formatNumber, formatTable } from './table.ts';
import { startByteCounter } from './web-byte-counter.ts';
import { measureFirstVisit, type Network, type Visit } from './web-visit.ts';

const runs = Number(process.env.WEB_BENCH_RUNS ?? 1);
const slowLine = { kbps: 400, latencyMs: 400 };
const throttled: Network = { name: 'DevTools 400 kbps, 400 ms', devtools: slowLine };
const unthrottled: Network = { name: 'unthrottled' };
/** The same line for the service worker too: its precache then competes with the page. */
const wholeLine: Network = { name: 'whole line 400 kbps, 400 ms', relay: slowLine };
/** The aims (seconds, seconds, kB of 1000 bytes), for the throttled visit. */
const aims = { chooserS: 4, firstQuestionS: 12, firstVisitKb: 550 };

const started = performance.now();
const say = (message: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${message}`);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

function summarise(visits: Visit[]) {
  const of = (pick: (visit: Visit) => number) => median(visits.map(pick));
  return {
    chooserS: of((v) => v.chooserMs) / 1000,
    firstQuestionS: of((v) => v.firstQuestionMs) / 1000,
    totalKb: of((v) => v.totalBytes) / 1000,
    pageKb: of((v) => v.pageBytes) / 1000,
    workerKb: of((v) => v.totalBytes - v.pageBytes) / 1000,
    requests: of((v) => v.pageRequests),
  };
}

const verdict = (value: number, aim: number) => (value <= aim ? 'aim met' : 'ABOVE AIM');

async function main() {
  const missing = chromiumMissing();
  if (missing) throw new Error(`the web bench needs Chromium: ${missing}`);
  // The embedded database in a fresh directory: the visit reads two small lists from it only.
  const dataDir = mkdtempSync(join(tmpdir(), 'cbhpi-web-bench-data-'));
  const server = await startServerProcess({
    DATABASE_URL: '',
    DATA_DIR: dataDir,
    ADMIN_EMAIL: '',
    ADMIN_PASSWORD: '',
  });
  const counter = await startByteCounter(new URL(server.url));
  try {
    say(`server at ${server.url} (embedded database), measured through ${counter.url}`);
    const results = [];
    for (const network of [throttled, unthrottled, wholeLine]) {
      const visits: Visit[] = [];
      for (let run = 1; run <= runs; run += 1) {
        const visit = await measureFirstVisit(counter, network);
        say(
          `${network.name}, run ${run}/${runs}: chooser ${(visit.chooserMs / 1000).toFixed(2)} s, ` +
            `first question ${(visit.firstQuestionMs / 1000).toFixed(2)} s, ` +
            `${formatNumber(visit.totalBytes / 1000)} kB`,
        );
        visits.push(visit);
      }
      results.push(summarise(visits));
    }
    const [slow, fast, whole] = results as Array<ReturnType<typeof summarise>>;
    if (!slow || !fast || !whole) throw new Error('a visit is missing');
    type Summary = ReturnType<typeof summarise>;
    const row = (label: string, pick: (r: Summary) => number, fixed: number, aim?: number) => [
      label,
      formatNumber(pick(slow), fixed),
      formatNumber(pick(fast), fixed),
      aim === undefined ? '' : `≤ ${aim}: ${verdict(pick(slow), aim)}`,
      formatNumber(pick(whole), fixed),
    ];
    console.log(
      `\nResident page, first visit, cold profile, 360×740 touch (median of ${runs} run${runs > 1 ? 's' : ''})`,
    );
    console.log(
      formatTable(
        ['measure', throttled.name, unthrottled.name, 'aim (DevTools)', wholeLine.name],
        [
          row('commune chooser usable, s', (r) => r.chooserS, 2, aims.chooserS),
          row('first question usable, s', (r) => r.firstQuestionS, 2, aims.firstQuestionS),
          row('first visit, kB (page + service worker)', (r) => r.totalKb, 0, aims.firstVisitKb),
          row('  of which the page, kB', (r) => r.pageKb, 0),
          row('  of which the service worker, kB', (r) => r.workerKb, 0),
          row('  page requests', (r) => r.requests, 0),
        ],
      ),
    );
    console.log(
      '(kB = 1000 bytes as sent by the server, headers included. DevTools throttles the page ' +
        "only: the service worker's downloads run at full speed, but their bytes are counted. " +
        'The last column slows the relay itself, one shared line for the page and the worker.)',
    );
  } finally {
    await counter.close();
    await stopServerProcess(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
