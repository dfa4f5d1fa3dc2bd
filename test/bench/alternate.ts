/**
 * `pnpm -s bench:alternate <tree A> <tree B> [rounds]`: the submission benchmark's ratio to the
 * floor in two working trees (git worktrees of two commits, each installed and generated), in
 * alternating rounds A B A B …, so that what a shared, noisy machine does to one round it does
 * to both trees alike. Each round is `pnpm bench submit` with BENCH_QUICK=1 (submitEnrolment
 * and the floor only) and BENCH_SECONDS (15 unless set); it prints each round, then each tree's
 * mean and spread, B's mean ÷ A's, and the paired ratios of throughput and of server + PostgreSQL
 * CPU per request (the steadier of the two on a shared machine).
 *
 *   git worktree add /tmp/before <commit> && (cd /tmp/before && pnpm install --frozen-lockfile)
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres pnpm -s bench:alternate /tmp/before . 4
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';

const [first, second, roundsArgument] = process.argv.slice(2).filter((argument) => argument !== '--');
if (!first || !second) {
  console.error('usage: pnpm -s bench:alternate <tree A> <tree B> [rounds, 4 unless given]');
  process.exit(2);
}
if (!process.env.DATABASE_URL) {
  console.error('error: DATABASE_URL must name a PostgreSQL server: the floor needs one');
  process.exit(2);
}
const rounds = Number(roundsArgument ?? 4);
const trees = [resolve(first), resolve(second)];

interface Round {
  throughput: number;
  cpuPerRequest: number;
  /** submitEnrolment's CPU per request, the server's and PostgreSQL's together, in ms. */
  totalCpuMs: number;
  load: number;
}
const results: Round[][] = [[], []];
const RATIO =
  /ours ÷ floor: throughput ([\d.]+), p99 [\d.]+, server CPU per request [\d.]+ ÷ [\d.]+ ms = ([\d.]+)/;
// The submitEnrolment row of the bench's table: requests/s, then the CPU % of the server and PostgreSQL.
const SUBMIT_ROW = /^\| submitEnrolment \| ([\d.]+) \|.*?\| (\d+) \/ (\d+) \/ \d+ \/ \d+ \|/m;

for (let round = 1; round <= rounds; round++) {
  for (const [index, tree] of trees.entries()) {
    const run = spawnSync('pnpm', ['-s', 'bench', 'submit'], {
      cwd: tree,
      env: { BENCH_SECONDS: '15', ...process.env, BENCH_QUICK: '1' },
      encoding: 'utf8',
    });
    const match = RATIO.exec(run.stdout);
    const row = SUBMIT_ROW.exec(run.stdout);
    if (run.status !== 0 || !match || !row) {
      console.error(
        `error: round ${round} in ${tree} failed (exit ${run.status}):\n${run.stdout}${run.stderr}`,
      );
      process.exit(1);
    }
    const figures = {
      throughput: Number(match[1]),
      cpuPerRequest: Number(match[2]),
      totalCpuMs: ((Number(row[2]) + Number(row[3])) * 10) / Number(row[1]),
      load: loadavg()[0] ?? 0,
    };
    results[index]?.push(figures);
    console.log(
      `round ${round} ${'AB'[index]}: throughput ÷ floor ${figures.throughput}, CPU per request ÷ floor ${figures.cpuPerRequest}, server + PostgreSQL CPU ${figures.totalCpuMs.toFixed(3)} ms per request, load ${figures.load.toFixed(1)}`,
    );
  }
}

const stats = (values: number[]) => {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return { mean, min: Math.min(...values), max: Math.max(...values) };
};
const summary = results.map((tree) => ({
  throughput: stats(tree.map((round) => round.throughput)),
  cpuPerRequest: stats(tree.map((round) => round.cpuPerRequest)),
}));
console.log('\n| tree | throughput ÷ floor, mean (min–max) | CPU per request ÷ floor, mean (min–max) |');
console.log('|---|---|---|');
for (const [index, tree] of summary.entries()) {
  const cell = (s: { mean: number; min: number; max: number }) => `${s.mean.toFixed(2)} (${s.min}–${s.max})`;
  console.log(`| ${'AB'[index]}: ${trees[index]} | ${cell(tree.throughput)} | ${cell(tree.cpuPerRequest)} |`);
}
const [a, b] = summary as [(typeof summary)[0], (typeof summary)[0]];
// Each round's B ÷ A, the two runs next to each other in time: what disturbed one round (a
// neighbour's burst during a floor run) moves its pair, and the median keeps it from the claim.
const paired = (results[0] ?? []).map(
  (round, index) => (results[1]?.[index]?.throughput ?? 0) / round.throughput,
);
const median = [...paired].sort((x, y) => x - y)[Math.floor(paired.length / 2)] ?? Number.NaN;
// CPU time per request is what a CPU-bound machine turns into throughput, and what a neighbour's
// burst moves least: it waits for the cores rather than spending them.
const pairedCpu = (results[0] ?? []).map(
  (round, index) => (results[1]?.[index]?.totalCpuMs ?? 0) / round.totalCpuMs,
);
const medianCpu = [...pairedCpu].sort((x, y) => x - y)[Math.floor(pairedCpu.length / 2)] ?? Number.NaN;
console.log(
  `\nB ÷ A server + PostgreSQL CPU per request, per round: ${pairedCpu.map((ratio) => ratio.toFixed(3)).join(', ')}; median ${medianCpu.toFixed(3)}`,
);
console.log(
  `\nB ÷ A per round: ${paired.map((ratio) => ratio.toFixed(3)).join(', ')}; median ${median.toFixed(3)}`,
);
console.log(
  `\nB ÷ A: throughput ratio ${(b.throughput.mean / a.throughput.mean).toFixed(3)}, CPU per request ${(b.cpuPerRequest.mean / a.cpuPerRequest.mean).toFixed(3)} (${rounds} rounds of ${process.env.BENCH_SECONDS ?? 15} s each)`,
);
