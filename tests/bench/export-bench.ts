import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { type CpuShares, sampleCpu } from './cpu.ts';

/** A `kB` field of /proc/<pid>/status (VmRSS, VmHWM), in MB; NaN once the process is gone. */
export function processMemoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return match?.[1] ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export type ExportResult = {
  /** Data rows (CRLF-ended lines after the header). */
  rows: number;
  bytes: number;
  seconds: number;
  /** Seconds until the first byte of the body. */
  firstByteSeconds: number;
  rowsPerSecond: number;
  rssBeforeMb: number;
  /** Highest VmRSS seen, polled every 100 ms during the export. */
  peakRssMb: number;
  /** VmHWM after the export: the peak since the process started, earlier phases included. */
  highWaterMb: number;
  cpu: CpuShares;
};

/**
 * GET /api/exports/responses.csv?wave=… through the server, the body streamed and its CRLFs
 * counted here without keeping it (`countCrlfLines`), while the server's RSS is polled.
 */
export async function measureExport(options: {
  serverUrl: string;
  serverPid: number;
  cookie: string;
  wave: string;
  adminUrl: string;
  database: string;
}): Promise<ExportResult> {
  const pid = options.serverPid;
  const rssBeforeMb = processMemoryMb(pid, 'VmRSS');
  let peakRssMb = rssBeforeMb;
  const poll = setInterval(() => {
    const rss = processMemoryMb(pid, 'VmRSS');
    if (rss > peakRssMb) peakRssMb = rss;
  }, 100);
  const stopCpu = await sampleCpu({
    serverPid: pid,
    adminUrl: options.adminUrl,
    database: options.database,
  });
  const started = performance.now();
  let counted: { lines: number; bytes: number; firstByteSeconds: number };
  try {
    counted = await countCrlfLines(
      `${options.serverUrl}/api/exports/responses.csv?wave=${options.wave}`,
      options.cookie,
      started,
    );
  } finally {
    clearInterval(poll);
  }
  const { lines, bytes, firstByteSeconds } = counted;
  const seconds = (performance.now() - started) / 1000;
  const cpu = await stopCpu();
  const rss = processMemoryMb(pid, 'VmRSS');
  if (rss > peakRssMb) peakRssMb = rss;
  const rows = Math.max(0, lines - 1);
  return {
    rows,
    bytes,
    seconds,
    firstByteSeconds,
    rowsPerSecond: rows / seconds,
    rssBeforeMb,
    peakRssMb,
    highWaterMb: processMemoryMb(pid, 'VmHWM'),
    cpu,
  };
}

/**
 * GET `url` with node:http, counting the body's CRLF-ended lines as its chunks arrive and
 * keeping none of them. The client shares the machine's two cores with the server and
 * PostgreSQL, so it is kept as lean as the bare COPY's reader: fetch's web streams cost it
 * about half as much CPU again (16% of a core against 11%, 1,000,000 rows).
 */
function countCrlfLines(
  url: string,
  cookie: string,
  started: number,
): Promise<{ lines: number; bytes: number; firstByteSeconds: number }> {
  return new Promise((resolve, reject) => {
    let lines = 0;
    let bytes = 0;
    let previous = 0;
    let firstByteSeconds = Number.NaN;
    const req = request(url, { headers: { cookie } }, (res) => {
      if (res.statusCode !== 200) {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () =>
          reject(new Error(`GET /api/exports/responses.csv: ${res.statusCode} ${text}`)),
        );
        return;
      }
      res.on('data', (buffer: Buffer) => {
        if (bytes === 0) firstByteSeconds = (performance.now() - started) / 1000;
        // A CRLF may straddle two chunks: remember the last byte of the previous one.
        for (let at = buffer.indexOf(10); at !== -1; at = buffer.indexOf(10, at + 1)) {
          if ((at > 0 ? buffer[at - 1] : previous) === 13) lines++;
        }
        previous = buffer[buffer.length - 1] ?? previous;
        bytes += buffer.length;
      });
      res.on('end', () => resolve({ lines, bytes, firstByteSeconds }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
