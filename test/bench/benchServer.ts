import { vnDay } from '@toandan/shared/vnDay';
import { envWith, type ServerProcess, startServerProcess } from '../fixtures/run.ts';
import { connectInspector } from './inspector.ts';
import { buildNationalTree } from './nationalTree.ts';

/**
 * The bench database migrated and holding the country's tree with a campaign running today,
 * then the server on it as `pnpm start` runs it in production, with its inspector open (memory,
 * event-loop delay) and, with BENCH_PROFILE=<dir>, writing a CPU profile there when it stops.
 */
export async function startBenchServer(databaseUrl: string): Promise<{
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
  const profile = process.env.BENCH_PROFILE;
  const server = await startServerProcess(
    envWith({
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      REDIS_URL: undefined,
    }),
    ['--inspect=127.0.0.1:0', ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])],
  );
  return { server, inspector: await connectInspector(server.output), postgres: version };
}
