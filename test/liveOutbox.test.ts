import type { App } from '@toandan/server/app';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startAppOnSmallTree } from './fixtures/app.ts';
import { exactBy } from './fixtures/exactBoards.ts';
import { enrolmentSubmitter, until, watchBoard, wsClient } from './fixtures/live.ts';

// The live outbox in one process, on either database (server/src/live/boardPublisher.ts); the
// loss of an instance itself is test/instanceLoss.test.ts.
let app: App;
let base: string;
let graphql: GraphQLCall;
let client: Client;
let db: typeof import('@toandan/db/db').db;
let publishedAll: () => Promise<boolean>;
let ORPHANED_AFTER_MS: number;

const DAY = '2026-05-10';
const BOARDS = ['VN', '38', '386', '386-01', '390'];

beforeAll(async () => {
  ({ app, base, graphql } = await startAppOnSmallTree());
  ({ db } = await import('@toandan/db/db'));
  ({ publishedAll, ORPHANED_AFTER_MS } = await import('@toandan/server/live/boardPublisher'));
  client = wsClient(base);
});
afterAll(async () => {
  await client.dispose();
  await app.stop();
});

const submit = enrolmentSubmitter((query, variables) => graphql(query, variables), '038096');

describe('the live outbox', () => {
  it('holds nothing once the updates of submissions and voids went out', async () => {
    const bodies = await Promise.all(['386-01', '386', '390', '405', '386-01'].map((unit) => submit(unit)));
    for (const body of bodies) expect(body.data.submitEnrolment.userErrors).toEqual([]);
    const { body } = await graphql(
      'mutation ($id: ID!) { voidEnrolment(id: $id, reason: "Nhập trùng") { userErrors { code } } }',
      { id: bodies[0]?.data.submitEnrolment.enrolment.id },
    );
    expect(body.data.voidEnrolment.userErrors).toEqual([]);
    expect(await publishedAll()).toBe(true);
    expect(await db.liveOutbox.count()).toBe(0);
  });

  it('sends the changes that a dead instance committed and left behind, and then forgets them', async () => {
    const watchers = BOARDS.map((code) => watchBoard(client, code, { base, date: DAY }));
    await Promise.all(watchers.map((watcher) => watcher.opened()));
    await exactBy(base, BOARDS, watchers, DAY, Date.now() + 5_000);
    // What an instance that died right after its commit leaves: the counts, and its changes in
    // the outbox for longer than ORPHANED_AFTER_MS, and no update.
    const chain = `SELECT id FROM "Unit" WHERE code IN ('VN', '38', '390')`;
    await db.$transaction([
      db.$executeRawUnsafe(
        `INSERT INTO "DailyCount" ("campaignId", "unitId", "scheme", "day", "slot", "count")
         SELECT 'test-campaign', id, 'HOUSEHOLD_HI', '${DAY}', 0, 7 FROM (${chain}) AS u
         ON CONFLICT ("campaignId", "unitId", "scheme", "day", "slot") DO UPDATE SET "count" = "DailyCount"."count" + 7`,
      ),
      db.$executeRawUnsafe(
        `INSERT INTO "LiveOutbox" ("createdAt", "leasedAt", "changes")
         SELECT now() - $1::int * interval '1 millisecond', now() - $1::int * interval '1 millisecond',
                json_build_array(json_build_array('test-campaign', 'HOUSEHOLD_HI', '${DAY}', vn.id, p.id, d.id))
         FROM "Unit" vn, "Unit" p, "Unit" d WHERE vn.code = 'VN' AND p.code = '38' AND d.code = '390'`,
        ORPHANED_AFTER_MS + 1,
      ),
    ]);
    // Claimed at the next look (every second) and sent like the instance's own changes.
    await exactBy(base, BOARDS, watchers, DAY, Date.now() + 3_000);
    await until(async () => (await db.liveOutbox.count()) === 0, 'the outbox to empty', 3_000);
    for (const watcher of watchers) {
      expect(watcher.state.refetches).toEqual(['start']);
      expect(watcher.state.errors).toEqual([]);
      watcher.stop();
    }
  });
});
