import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import {
  BackupError,
  backupDataDirOrThrow,
  backupPostgresOrThrow,
  refuseExistingFile,
  writeBackupFile,
} from '@toandan/db/backups';
import { runCli } from '@toandan/db/cli/run';
import { databaseConfigFromEnv, describeDatabase } from '@toandan/db/config';
import { dataDirHolder } from '@toandan/db/dataDirLock';
import { tokenSecretOrThrow } from '@toandan/db/secrets';
import { issueBackupToken } from '../auth/tokens.ts';

// pnpm -s backup <file>
//   the database that `pnpm start` uses, into <file> (README, "Backups"): on the embedded
//   database, the tarball of DATA_DIR (from the running server when one holds it); on
//   PostgreSQL, pg_dump's custom-format archive. Refuses to overwrite a file.

await runCli(async () => {
  const [given, ...rest] = process.argv.slice(2);
  if (!given || rest.length > 0 || given.startsWith('-')) {
    throw new BackupError('usage: pnpm -s backup <file>  (the file must not exist yet)');
  }
  // pnpm runs the script at the repository root; INIT_CWD is where the command was typed.
  const file = resolve(process.env.INIT_CWD ?? process.cwd(), given);
  const config = databaseConfigFromEnv();
  const started = Date.now();
  if (config.kind === 'postgres') {
    const { bytes } = await backupPostgresOrThrow(config.databaseUrl, file);
    done(file, bytes, describeDatabase(config), started);
    return;
  }
  const holder = dataDirHolder(config.dataDir);
  if (holder && !holder.url) {
    throw new BackupError(
      `DATA_DIR ${config.dataDir} is held by a server (pid ${holder.pid}) that does not serve yet: run the backup again once it serves`,
    );
  }
  if (holder?.url) {
    const bytes = await backupFromServer(holder.url, file);
    done(file, bytes, `${describeDatabase(config)}, from the server at ${holder.url}`, started);
    return;
  }
  const { bytes } = await backupDataDirOrThrow(config.dataDir, file);
  done(file, bytes, describeDatabase(config), started);
});

/** Asks the server that holds DATA_DIR for the backup, signed with its own secret. */
async function backupFromServer(graphqlUrl: string, file: string): Promise<number> {
  refuseExistingFile(file);
  const endpoint = graphqlUrl.replace(/\/graphql$/, '/backup');
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { authorization: `Bearer ${await issueBackupToken(tokenSecretOrThrow())}` },
    });
  } catch (error) {
    throw new BackupError(
      `the server holding DATA_DIR did not answer at ${endpoint}: ${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}`,
    );
  }
  if (!response.ok || !response.body) {
    const said = (await response.text()).trim();
    throw new BackupError(`the server at ${endpoint} refused the backup (${response.status}): ${said}`);
  }
  return writeBackupFile(file, Readable.fromWeb(response.body as never));
}

function done(file: string, bytes: number, source: string, started: number): void {
  // stderr: nothing on stdout, as for pnpm -s token.
  console.error(
    `backed up ${source} into ${file} (${(bytes / 1_048_576).toFixed(1)} MiB, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}
