/**
 * `pnpm bench [board] [fanout] [submit]`: runs the named benchmarks (all when none is named), one process
 * each, one after the other, on the PostgreSQL server of DATABASE_URL.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benchmarks = ['board', 'fanout', 'submit'];
const asked = process.argv.slice(2).filter((name) => name !== '--');
const unknown = asked.filter((name) => !benchmarks.includes(name));
if (unknown.length) {
  console.error(`error: no benchmark named ${unknown.join(', ')}; there are ${benchmarks.join(', ')}`);
  process.exit(2);
}
for (const name of asked.length ? asked : benchmarks) {
  const file = fileURLToPath(new URL(`./${name}.bench.ts`, import.meta.url));
  const { status } = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}
