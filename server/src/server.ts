import { isActionable } from '@toandan/db/cli/run';
import type { App } from './app.ts';
// First: a bad environment is reported, one line per problem, before anything connects.
import { env } from './env.ts';
import { logger } from './log.ts';

// Ctrl-C or SIGTERM at any moment is a clean stop (exit code 0, one line): once the server is
// built it stops it; while it is still starting there is nothing to hand over yet.
let app: App | undefined;
let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info(`${signal}: stopping`);
  await app?.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

try {
  const { buildApp } = await import('./app.ts');
  const { personalDataKeyOrThrow, tokenSecretOrThrow } = await import('@toandan/db/secrets');
  const { describeCurrentDatabase } = await import('@toandan/db/prepare');
  const { pubsubKind } = await import('./pubsub.ts');
  tokenSecretOrThrow();
  personalDataKeyOrThrow();
  app = await buildApp({
    port: env.PORT,
    host: env.HOST,
    metrics: { token: env.METRICS_TOKEN, trustProxy: env.TRUST_PROXY },
  });
  const { url } = await app.start();
  const { applied, sealed, seeded } = app.prepared;
  if (applied.length)
    logger.info({ applied }, `applied ${applied.length} migration(s): ${applied.join(', ')}`);
  if (sealed) logger.info(`sealed the citizen IDs and names of ${sealed} enrolment(s) stored before sealing`);
  if (seeded) logger.info(`loaded the demo dataset: ${seeded.units} units, ${seeded.enrolments} enrolments`);
  logger.info(
    { url: `${url}/graphql` },
    `Toàn Dân is serving ${url}/graphql on ${describeCurrentDatabase()}, live updates through ${pubsubKind}`,
  );
} catch (error) {
  if (!isActionable(error)) throw error;
  // A start refused is the answer to whoever ran it, as a wrong setting is (env.ts): one plain
  // line on stderr, before the server has served anything.
  console.error(`error: ${error.message}`);
  process.exit(1);
}
