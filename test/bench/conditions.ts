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
