// `pnpm start`: brings the Prisma client and the built web app up to date when their sources
// changed (saying what it rebuilt and why), then serves, in this same process. One process
// from pnpm to the server: Ctrl-C reaches the server alone, which stops cleanly and exits 0,
// where a chain of `pnpm --filter … start` under `sh -c` made pnpm report the signal as a
// failed command.
import { generateClientIfStale } from '../prisma/src/generate.ts';
import { buildWebIfStale } from '../web/scripts/build.ts';

// Ctrl-C (or SIGTERM) while the client is generated or the app is built is the same clean stop
// as later: one line, exit 0, no error from pnpm. The generator and Vite are in this process's
// group and get the signal themselves; this process hears of it when they return. Once the
// server has its own handlers (server.ts), they do the stop.
const stopBeforeServing = (signal: NodeJS.Signals) => {
  if (process.listenerCount(signal) > 1) return;
  console.error(`${signal}: stopping`);
  process.exit(0);
};
process.on('SIGINT', stopBeforeServing);
process.on('SIGTERM', stopBeforeServing);
try {
  generateClientIfStale();
  buildWebIfStale();
} catch (error) {
  const { signal } = error as { signal?: unknown };
  if (signal === 'SIGINT' || signal === 'SIGTERM') stopBeforeServing(signal);
  throw error;
}
await import('../server/src/server.ts');
