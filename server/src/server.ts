import { isActionable } from '@toandan/db/cli/run';
import type { App } from './app.ts';
import { readEnvOrExit } from './env.ts';

const env = readEnvOrExit();

// Ctrl-C or SIGTERM at any moment is a clean stop (exit code 0, one line): once the server is
// built it stops it; while it is still starting there is nothing to hand over yet.
let app: App | undefined;
let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping`);
  await app?.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

try {
  // Imported here so that a bad environment is reported before anything connects.
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
  if (applied.length) console.log(`applied ${applied.length} migration(s): ${applied.join(', ')}`);
  if (sealed) console.log(`sealed the citizen IDs and names of ${sealed} enrolment(s) stored before sealing`);
  if (seeded) console.log(`loaded the demo dataset: ${seeded.units} units, ${seeded.enrolments} enrolments`);
  console.log(
    `Toàn Dân is serving ${url}/graphql on ${describeCurrentDatabase()}, live updates through ${pubsubKind}`,
  );
} catch (error) {
  if (!isActionable(error)) throw error;
  console.error(`error: ${error.message}`);
  process.exit(1);
}
