/**
 * `pnpm bench [board] [participation] [fanout] [submit] [web] [coverage] [covers]`: runs the named benchmarks (all when none is named), one process
 * each, one after the other, on the PostgreSQL server of DATABASE_URL.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benchmarks = ['board', 'participation', 'fanout', 'submit', 'web', 'coverage', 'covers'];
const asked = process.argv.slice(2).filter((name) => name !== '--');
const unknown = asked.filter((name) => !benchmarks.includes(name));
if (unknown.length) {
  console.error(`error: no benchmark named ${unknown.join(', ')}; there are ${benchmarks.join(', ')}`);
  process.exit(2);
}
const run = (file: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' }).status;
for (const name of asked.length ? asked : benchmarks) {
  const status = run(fileURLToPath(new URL(`./${name}.bench.ts`, import.meta.url)));
  if (status !== 0) process.exit(status ?? 1);
}
// docs/benchmarks.md from the latest results of each.
process.exit(run(fileURLToPath(new URL('./report.ts', import.meta.url))) ?? 1);
