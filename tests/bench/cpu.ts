import { readFileSync } from 'node:fs';
import pg from 'pg';

/** Linux clock ticks per second (`getconf CLK_TCK`), 100 on every common kernel. */
const ticksPerSecond = 100;

/** CPU seconds (user + system) a process has used, with its start time to detect a reused pid. */
function processCpu(pid: number): { seconds: number; startedAt: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)", 1-based in proc(5): utime 14, stime 15, starttime 22.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const seconds = (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
    return { seconds, startedAt: fields[19] ?? '' };
  } catch {
    return null;
  }
}

/** Busy and total CPU seconds of the whole machine, all cores. */
function machineSeconds(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0); // idle + iowait
  return { busy: (total - idle) / ticksPerSecond, total: total / ticksPerSecond };
}

/**
 * The PostgreSQL processes working for this bench: the backends connected to its database
 * and the server's shared background processes (WAL writer, checkpointer, autovacuum, …).
 * Backends of other databases (other people's tests on the same server) are left out.
 */
async function postgresPids(adminUrl: string, database: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      `select pid from pg_stat_activity
       where (datname = $1 or datname is null) and pid <> pg_backend_pid()`,
      [database],
    );
    return rows.map((row) => row.pid);
  } finally {
    await client.end();
  }
}

/** Share of one core (100 = one core busy all the time), per part, over a sampled interval. */
export type CpuShares = {
  server: number;
  postgres: number;
  loadGenerator: number;
  /** Everything else busy on the machine (other people's work, the kernel's network stack). */
  other: number;
  idle: number;
};

/**
 * Starts sampling the CPU used by the target server process, by this bench's PostgreSQL
 * processes, by this process (the load generator) and by the machine as a whole. Call the
 * returned function at the end of the interval. A PostgreSQL process that starts during the
 * interval counts in full; one that ends during it is lost (rare: the pool keeps its
 * connections).
 */
export async function sampleCpu(options: {
  serverPid: number;
  adminUrl: string;
  database: string;
}): Promise<() => Promise<CpuShares>> {
  const atStart = new Map<number, { seconds: number; startedAt: string }>();
  for (const pid of await postgresPids(options.adminUrl, options.database)) {
    const cpu = processCpu(pid);
    if (cpu) atStart.set(pid, cpu);
  }
  const start = {
    wall: performance.now(),
    server: processCpu(options.serverPid)?.seconds ?? 0,
    self: process.cpuUsage(),
    machine: machineSeconds(),
  };
  return async () => {
    const seconds = (performance.now() - start.wall) / 1000;
    const self = process.cpuUsage(start.self);
    const machine = machineSeconds();
    const server = (processCpu(options.serverPid)?.seconds ?? start.server) - start.server;
    let postgres = 0;
    for (const pid of await postgresPids(options.adminUrl, options.database)) {
      const now = processCpu(pid);
      const before = atStart.get(pid);
      if (!now) continue;
      postgres +=
        before && before.startedAt === now.startedAt ? now.seconds - before.seconds : now.seconds;
    }
    const cores = (machine.total - start.machine.total) / seconds;
    const share = (cpuSeconds: number) => (100 * cpuSeconds) / seconds;
    const busy = share(machine.busy - start.machine.busy);
    const parts = {
      server: share(server),
      postgres: share(postgres),
      loadGenerator: share((self.user + self.system) / 1e6),
    };
    return {
      ...parts,
      other: Math.max(0, busy - parts.server - parts.postgres - parts.loadGenerator),
      idle: Math.max(0, 100 * cores - busy),
    };
  };
}
