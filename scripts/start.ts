// `pnpm start`: brings the Prisma client and the built web app up to date when their sources
// changed (saying what it rebuilt and why), then serves, in this same process. One process
// from pnpm to the server: Ctrl-C reaches the server alone, which stops cleanly and exits 0,
// where a chain of `pnpm --filter … start` under `sh -c` made pnpm report the signal as a
// failed command.
import { generateClientIfStale } from '../prisma/src/generate.ts';
import { buildWebIfStale } from '../web/scripts/build.ts';

generateClientIfStale();
buildWebIfStale();
await import('../server/src/server.ts');
