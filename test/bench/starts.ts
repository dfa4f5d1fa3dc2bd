/**
 * `pnpm bench:starts`: how long `pnpm start` takes to answer /healthz with 200, twice in a row
 * on a new DATA_DIR: the first start as on a fresh clone (the Prisma client generated, the web
 * app built, the database created, migrated and loaded with the demo), the second on the
 * unchanged checkout. Prints the wall time and the CPU time the start used (Linux's /proc):
 * on a busy machine the CPU time is what a quiet one would wait.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { envWith, freePort, repoRoot } from '../fixtures/run.ts';

const DEADLINE_MS = 300_000;
const ticksPerSecond = 100;

interface Start {
  wallSeconds: number;
  cpuSeconds: number;
  output: string;
}

/** CPU seconds used so far by a process group, counting the children its members waited for. */
function cpuSecondsOf(group: number): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    // After "pid (command)": state is field 3, pgrp 5, utime 14 … cstime 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== group) continue;
    ticks += [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0);
  }
  return ticks / ticksPerSecond;
}

async function timeStart(env: NodeJS.ProcessEnv, port: number): Promise<Start> {
  const started = performance.now();
  const child: ChildProcess = spawn('pnpm', ['start'], {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const group = child.pid as number;
  for (;;) {
    if (exitCode !== undefined)
      throw new Error(`pnpm start exited (${exitCode}) before it was healthy:\n${output}`);
    if (performance.now() - started > DEADLINE_MS)
      throw new Error(`not healthy in ${DEADLINE_MS} ms:\n${output}`);
    const healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (healthy) break;
    await sleep(50);
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSecondsOf(group);
  // As a terminal's Ctrl-C does: the whole foreground group.
  process.kill(-group, 'SIGINT');
  const code = await exited;
  if (code !== 0) throw new Error(`pnpm start exited ${code} on SIGINT:\n${output}`);
  return { wallSeconds, cpuSeconds, output };
}

const dataDir = mkdtempSync(join(tmpdir(), 'toandan-starts-'));
const port = await freePort();
const env = envWith({
  DATA_DIR: dataDir,
  PORT: String(port),
  HOST: '127.0.0.1',
  DATABASE_URL: undefined,
  REDIS_URL: undefined,
});
// As on a fresh clone: no record of a generated client or a built app.
for (const stamp of ['prisma/generated/.inputs.json', 'web/dist/.inputs.json'])
  rmSync(join(repoRoot, stamp), { force: true });

const load = () => loadavg()[0]?.toFixed(2);
const report = (name: string, start: Start, loadBefore: string | undefined) =>
  console.log(
    `${name}: healthy after ${start.wallSeconds.toFixed(1)} s (${start.cpuSeconds.toFixed(1)} s of CPU; load average ${loadBefore})`,
  );
try {
  const loadFirst = load();
  const first = await timeStart(env, port);
  const loadSecond = load();
  const second = await timeStart(env, port);
  const rebuilt = (output: string) =>
    output
      .split('\n')
      .filter((line) => /^(generated|building|built) /.test(line))
      .join('; ') || 'nothing rebuilt';
  report('first start', first, loadFirst);
  console.log(`  ${rebuilt(first.output)}`);
  report('second start', second, loadSecond);
  console.log(`  ${rebuilt(second.output)}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
