import { database } from '@toandan/db/db';
import { tokenSecretOrThrow } from '@toandan/db/secrets';
import type { Plugin } from 'graphql-yoga';
import { verifyBackupTokenOrThrow } from '../auth/tokens.ts';

/**
 * POST /backup: a backup of the embedded database, made by the server that holds it (no other
 * process may open DATA_DIR while it runs), for `pnpm -s backup` (README, "Backups"). Only with
 * the one-minute token that command signs with the server's own secret: no token the API
 * issues opens it. On PostgreSQL there is nothing here: pg_dump reads a running database.
 */
export function useBackupEndpoint(): Plugin {
  let running = false;
  return {
    onRequest({ url, request, endResponse, fetchAPI }) {
      if (url.pathname !== '/backup') return;
      const say = (status: number, message: string) =>
        endResponse(
          new fetchAPI.Response(`${message}\n`, {
            status,
            headers: { 'content-type': 'text/plain; charset=utf-8' },
          }),
        );
      const dump = database.dumpDataDir;
      if (!dump) {
        say(
          404,
          'This server runs on PostgreSQL: its backups are taken with pg_dump (pnpm -s backup, DATABASE_URL set).',
        );
        return;
      }
      if (request.method !== 'POST') {
        say(
          405,
          'POST /backup, with the token that pnpm -s backup signs, returns a backup of the embedded database.',
        );
        return;
      }
      const token = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
      return (async () => {
        try {
          await verifyBackupTokenOrThrow(tokenSecretOrThrow(), token);
        } catch {
          say(401, 'A backup takes the token that pnpm -s backup signs with this server’s secret.');
          return;
        }
        if (running) {
          say(409, 'A backup is being taken already: try again once it is done.');
          return;
        }
        running = true;
        try {
          const { data, takenAt } = await dump();
          // As bytes: the Response of Yoga's fetch API takes no Blob of Node's own.
          const bytes = new Uint8Array(await data.arrayBuffer());
          endResponse(
            new fetchAPI.Response(bytes, {
              headers: {
                'content-type': 'application/gzip',
                'content-length': String(bytes.byteLength),
                'x-backup-taken-at': takenAt.toISOString(),
                'cache-control': 'no-store',
              },
            }),
          );
        } catch (error) {
          say(500, `The backup failed: ${(error as Error).message}`);
        } finally {
          running = false;
        }
      })();
    },
  };
}
