import { buildWebIfStale } from '../../web/scripts/build.ts';

/**
 * Vitest's global setup for the integration tests: the browser tests open the app as the
 * server serves it from web/dist, so build it once, before any test file starts a server, when
 * it is missing or was built from other sources (what `pnpm start` does too).
 */
export default function buildWebForTests(): void {
  buildWebIfStale();
}
