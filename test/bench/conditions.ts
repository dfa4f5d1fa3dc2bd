import os from 'node:os';

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** The machine a figure was measured on, printed and kept beside every result. */
export function machine() {
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpu: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}`,
    memoryGiB: round(os.totalmem() / 2 ** 30),
    // Read when the run ends: above the core count, something besides the benchmark was running.
    loadAverage1m5m: os
      .loadavg()
      .slice(0, 2)
      .map((n) => round(n))
      .join(' / '),
  };
}

/** Resident memory and CPU seconds so far of a process, from /proc (Linux). */
export async function processUsage(pid: number): Promise<{ rssBytes: number; cpuSeconds: number }> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name.
  const ticks = Number(stat[11] ?? 0) + Number(stat[12] ?? 0);
  return { rssBytes: rssKiB * 1024, cpuSeconds: ticks / 100 };
}

/** CPU seconds so far: the machine's busy time, one process's, this process's, PostgreSQL's. */
export interface CpuSnapshot {
  machine: number;
  process: number;
  self: number;
  postgres: Map<number, number>;
}

/**
 * Where the CPU went, read from /proc. With `databaseUrl`, PostgreSQL's share is that of the
 * backends connected to that database only: other work on the same server (another test run's
 * databases) is left out, and with it most of a shared machine's noise in CPU per request.
 */
export async function cpuSnapshot(pid: number, databaseUrl?: string): Promise<CpuSnapshot> {
  const { readFile, readdir } = await import('node:fs/promises');
  const backends = databaseUrl ? await backendsOf(databaseUrl) : null;
  // user nice system idle iowait irq softirq steal: all but idle and iowait are busy.
  const total =
    (await readFile('/proc/stat', 'utf8')).split('\n')[0]?.split(/\s+/).slice(1).map(Number) ?? [];
  const busyTicks = total.reduce((sum, n, i) => (i === 3 || i === 4 ? sum : sum + (n || 0)), 0);
  const postgres = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    if (!stat.includes('(postgres)')) continue;
    if (backends && !backends.has(Number(entry))) continue;
    const fields = stat.split(') ')[1]?.split(' ') ?? [];
    postgres.set(Number(entry), (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100);
  }
  const self = process.cpuUsage();
  return {
    machine: busyTicks / 100,
    process: (await processUsage(pid)).cpuSeconds,
    self: (self.user + self.system) / 1e6,
    postgres,
  };
}

async function backendsOf(databaseUrl: string): Promise<Set<number>> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return new Set(rows.map((row) => row.pid));
  } finally {
    await client.end();
  }
}

/**
 * Where the cores went between two snapshots, in % of one core: the server, PostgreSQL (its
 * processes alive at both ends), this process (the load generator) and the whole machine.
 */
export function cpuShares(before: CpuSnapshot, after: CpuSnapshot, seconds: number) {
  let postgres = 0;
  for (const [pid, cpu] of after.postgres) {
    const was = before.postgres.get(pid);
    if (was !== undefined) postgres += cpu - was;
  }
  const percent = (value: number) => round((value / seconds) * 100, 0);
  return {
    server: percent(after.process - before.process),
    postgres: percent(postgres),
    loadGenerator: percent(after.self - before.self),
    machine: percent(after.machine - before.machine),
  };
}

/** A run's timings in milliseconds. */
export interface Timing {
  p50: number;
  p99: number;
  mean: number;
}

/** The p50, p99 and mean of samples in milliseconds (sorted here). */
export function timingOf(samples: number[]): Timing {
  samples.sort((a, b) => a - b);
  return {
    p50: round(percentile(samples, 50)),
    p99: round(percentile(samples, 99)),
    mean: round(samples.reduce((a, b) => a + b, 0) / samples.length),
  };
}

/** `run` timed `runs` times, one after the other, after `warmUp` untimed runs. */
export async function timeRuns(runs: number, run: () => Promise<unknown>, warmUp: number): Promise<Timing> {
  for (let i = 0; i < warmUp; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return timingOf(samples);
}
