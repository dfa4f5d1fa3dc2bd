import { vnDay } from '@toandan/shared/vnDay';
import { envWith, type ServerProcess, startServerProcess } from '../fixtures/run.ts';
import { connectInspector } from './inspector.ts';
import { buildNationalTree } from './nationalTree.ts';

/**
 * BENCH_NODE_FLAGS: flags for Node in every server a benchmark starts, ours and the floor alike
 * (--max-semi-space-size=64, --trace-gc-nvp), to try a runtime setting on both sides at once.
 */
export const benchNodeFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);

/**
 * The bench database migrated and holding the country's tree with a campaign running today,
 * then the server on it as `pnpm start` runs it in production, with its inspector open (memory,
 * event-loop delay, CPU profiles of a benchmark's measured phase).
 */
export async function startBenchServer(
  databaseUrl: string,
  options: { redisUrl?: string } = {},
): Promise<{
  server: ServerProcess;
  inspector: Awaited<ReturnType<typeof connectInspector>>;
  postgres: string;
}> {
  const { db, database } = await import('@toandan/db/db');
  const { prepareDatabaseOrThrow } = await import('@toandan/db/prepare');
  await prepareDatabaseOrThrow({ seed: 'never' });
  const today = vnDay.today();
  await buildNationalTree(db, { startsOn: vnDay.addDays(today, -14), endsOn: vnDay.addDays(today, 16) });
  const [{ version } = { version: '' }] = await db.$queryRawUnsafe<{ version: string }[]>('SELECT version()');
  await database.close();
  const server = await startBenchInstance(databaseUrl, options);
  return { server, inspector: await connectInspector(server.output), postgres: version };
}

/** One more server on the bench database, as a second instance behind the same proxy would run. */
export function startBenchInstance(databaseUrl: string, options: { redisUrl?: string } = {}) {
  return startServerProcess(
    envWith({
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      REDIS_URL: options.redisUrl,
    }),
    ['--inspect=127.0.0.1:0', ...benchNodeFlags],
  );
}
