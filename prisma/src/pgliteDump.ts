import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

/**
 * Written into DATA_DIR just before PGlite tars it, so the tarball says when it was taken;
 * removed from DATA_DIR right after, and from the restored directory when it is read.
 */
export const MANIFEST = 'backup.json';

/**
 * A backup of an open embedded database, from the process that holds it: a checkpoint (so the
 * restore has little to replay), then PGlite's tarball of DATA_DIR, made while no query and no
 * transaction runs (they wait for it, as PGlite's one connection makes them wait for each other).
 */
export async function dumpOpenPglite(
  pglite: PGlite,
  dataDir: string,
): Promise<{ data: Blob; takenAt: Date }> {
  await pglite.query('CHECKPOINT');
  const takenAt = new Date();
  const manifest = join(dataDir, MANIFEST);
  writeFileSync(manifest, JSON.stringify({ takenAt: takenAt.toISOString() }), { mode: 0o600 });
  try {
    // Between transactions (dumpDataDir itself only waits for the query running).
    return { data: await pglite._runExclusiveTransaction(() => pglite.dumpDataDir('gzip')), takenAt };
  } finally {
    rmSync(manifest, { force: true });
  }
}
