import { resolve } from 'node:path';
import {
  BackupError,
  type RestoreSummary,
  restoreDataDirOrThrow,
  restorePostgresOrThrow,
} from '@toandan/db/backups';
import { runCli } from '@toandan/db/cli/run';
import { databaseConfigFromEnv, describeDatabase } from '@toandan/db/config';

// pnpm -s restore <file>
//   a backup of pnpm -s backup (or, on the embedded database, a copy of a stopped DATA_DIR) into the database that `pnpm start` would use, which must be new
//   or empty (README, "Backups"): DATA_DIR held by no server, or the PostgreSQL database of
//   DATABASE_URL (created when missing). Then the migrations the backup lacks, and the live
//   boards' numbers raised above every number handed out before.

await runCli(async () => {
  const [given, ...rest] = process.argv.slice(2);
  if (!given || rest.length > 0 || given.startsWith('-')) {
    throw new BackupError(
      'usage: pnpm -s restore <file>  (into a new DATA_DIR, or a new DATABASE_URL database)',
    );
  }
  const file = resolve(process.env.INIT_CWD ?? process.cwd(), given);
  const config = databaseConfigFromEnv();
  if (config.kind === 'pglite' && config.dataDir.startsWith('memory://')) {
    throw new BackupError('DATA_DIR is in memory: restore into a directory');
  }
  const started = Date.now();
  const summary =
    config.kind === 'postgres'
      ? await restorePostgresOrThrow(
          file,
          config.databaseUrl,
          async () => (await import('@toandan/db/db')).database,
        )
      : await restoreDataDirOrThrow(file, config.dataDir);
  report(file, describeDatabase(config), summary, started);
});

function report(
  file: string,
  target: string,
  summary: RestoreSummary & { created?: boolean },
  started: number,
) {
  const lines = [
    `restored ${file} into ${target}${summary.created ? ' (created it)' : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.campaigns} campaign(s), ${summary.enrolments} enrolment(s), as of ${summary.takenAt.toISOString()} (from ${summary.takenAtFrom})`,
    summary.migrations.length
      ? `applied ${summary.migrations.length} migration(s) the backup lacked: ${summary.migrations.join(', ')}`
      : null,
    `live boards now number their updates from ${summary.floor + 1}: above every number handed out before, so open boards refetch`,
    'tokens revoked after the backup was taken are valid again: revoke them once more (pnpm -s token --revoke)',
  ];
  for (const line of lines) if (line) console.error(line);
}
