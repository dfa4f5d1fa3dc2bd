import type { Scheme } from '@toandan/db/client';
import type { App } from '@toandan/server/app';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startApp } from './fixtures/app.ts';
import { expectCountersEqualRecount } from './fixtures/counters.ts';
import { enrolmentInput } from './fixtures/enrolments.ts';

// Every writer of the counters takes their rows in one order (prisma/src/counters.ts,
// counterWrites). An order read off the unit chain, root first, agrees with one by unit id only
// while ids grow with depth; a merge moves units under a successor created after them, and then
// a void and a submission batch can lock the same two rows in opposite orders. PGlite has one
// connection, so nothing runs at once there: this runs in .ci/run's PostgreSQL pass.
const onPostgres = Boolean(process.env.DATABASE_URL);

/** How long submissions and voids run at once: several deadlock checks' worth (1 s each). */
const RUN_MS = 6_000;
const SUBMITTERS = 8;
const VOIDERS = 4;
const UNITS = ['386', '386-01', '386-02', '386-03'];
const SCHEMES: Scheme[] = ['VOLUNTARY_SI', 'HOUSEHOLD_HI'];
const DAYS = ['2026-05-10', '2026-05-11'];

describe.runIf(onPostgres)('counter writes after a merge that breaks the order of unit ids', () => {
  let app: App;
  let graphql: GraphQLCall;
  let db: typeof import('@toandan/db/db').db;
  let counters: typeof import('@toandan/db/counters');
  let submitEnrolment: typeof import('@toandan/server/enrolments/submitEnrolment').submitEnrolment;
  let voidEnrolment: typeof import('@toandan/server/enrolments/voidEnrolment').voidEnrolment;

  const mutate = async (query: string, input: Record<string, unknown>) => {
    const { body } = await graphql(query, { input });
    expect(body.errors).toBeUndefined();
    expect((Object.values(body.data)[0] as { userErrors: unknown[] }).userErrors).toEqual([]);
  };
  const ADD = `mutation ($input: AddUnitInput!) { addUnit(input: $input) { userErrors { message } } }`;
  const MERGE = `mutation ($input: MergeUnitInput!) { mergeUnit(input: $input) { userErrors { message } } }`;

  // As in the 2025 reform, Thanh Hóa is merged into a province created after it, and two of its
  // districts into a district created after them (with Bá Thước's two new communes): every unit
  // the test writes to now lies below units with larger ids.
  beforeAll(async () => {
    ({ app, graphql } = await startApp());
    ({ db } = await import('@toandan/db/db'));
    counters = await import('@toandan/db/counters');
    ({ submitEnrolment } = await import('@toandan/server/enrolments/submitEnrolment'));
    ({ voidEnrolment } = await import('@toandan/server/enrolments/voidEnrolment'));
    const { loadSmallTree } = await import('./fixtures/smallTree.ts');
    await loadSmallTree();
    for (const [code, name] of [
      ['386-02', 'Điền Lư'],
      ['386-03', 'Lũng Niêm'],
    ])
      await mutate(ADD, { code, name, kind: 'COMMUNE', parentCode: '386' });
    await mutate(ADD, { code: '38-2025', name: 'Thanh Hóa (từ 2025)', kind: 'PROVINCE', parentCode: 'VN' });
    await mutate(MERGE, { code: '38', intoCode: '38-2025', effectiveOn: '2026-05-20' });
    await mutate(ADD, {
      code: '386-390',
      name: 'Bá Thước – Cẩm Thủy',
      kind: 'DISTRICT',
      parentCode: '38-2025',
    });
    await mutate(MERGE, { code: '386', intoCode: '386-390', effectiveOn: '2026-05-20' });
    await mutate(MERGE, { code: '390', intoCode: '386-390', effectiveOn: '2026-05-20' });
  });
  let stopped: Promise<void> | undefined;
  const stopApp = () => {
    stopped ??= app.stop();
    return stopped;
  };
  afterAll(stopApp);

  it('merged so that each unit written to has a smaller id than its parent and its province', async () => {
    const units = await db.unit.findMany({ where: { code: { in: UNITS } } });
    expect(units).toHaveLength(UNITS.length);
    for (const unit of units) {
      const [, province, ...below] = unit.ancestorIds;
      expect(unit.id).toBeLessThan(below.at(-1) as number);
      expect(unit.id).toBeLessThan(province as number);
    }
  });

  it('runs submission batches and voids at once across the merged subtree with no deadlock, counters equal to a recount', async () => {
    let person = 0;
    const submitOne = async () => {
      const n = person++;
      const unitCode = UNITS[n % UNITS.length] as string;
      const result = await submitEnrolment(
        enrolmentInput({
          unitCode,
          scheme: SCHEMES[Math.floor(n / UNITS.length) % SCHEMES.length] as Scheme,
          person: n,
          enrolledAt: new Date(
            `${DAYS[Math.floor(n / UNITS.length / SCHEMES.length) % DAYS.length]}T09:00:00+07:00`,
          ),
          // The officer's count is written in the same statements, after the day counters.
          ...(unitCode === '386-01' ? { officerCode: 'CB-386-01-1' } : {}),
        }),
        { actor: { auth: null, client: 'counter lock order test' } },
      );
      if (!result.enrolment || result.userErrors.length > 0)
        throw new Error(`submission ${n} was not stored: ${JSON.stringify(result.userErrors)}`);
      return result.enrolment.id;
    };

    // Voids take what submissions stored, the oldest first, while newer ones still arrive.
    const toVoid = await Promise.all(Array.from({ length: 40 }, submitOne));
    const failures: string[] = [];
    let submitted = toVoid.length;
    let voided = 0;
    const until = Date.now() + RUN_MS;
    const keepGoing = () => Date.now() < until && failures.length === 0;
    const loop = async (step: () => Promise<void>) => {
      while (keepGoing()) await step().catch((error: unknown) => failures.push(String(error)));
    };
    await Promise.all([
      ...Array.from({ length: SUBMITTERS }, () =>
        loop(async () => {
          toVoid.push(await submitOne());
          submitted++;
        }),
      ),
      ...Array.from({ length: VOIDERS }, () =>
        loop(async () => {
          const id = toVoid.shift();
          if (!id) return;
          const result = await voidEnrolment(id, 'Nhập trùng hồ sơ', {
            subject: 'test:command-center',
            unitId: null,
            unitCode: null,
          });
          if (result.userErrors.length > 0) throw new Error(JSON.stringify(result.userErrors));
          voided++;
        }),
      ),
    ]);
    expect(failures).toEqual([]);
    // Both kinds of writer ran many times over the same rows.
    expect(voided).toBeGreaterThan(50);
    expect(submitted - voided).toBeGreaterThan(50);

    const successor = await db.unit.findUniqueOrThrow({ where: { code: '386-390' } });
    // Dated before the merges, they count on their day's tree, and in the successor from the
    // merge day through its opening balance (docs/design.md, "Counters and the tree's history").
    const atSuccessor = [
      ...(await counters.readCounters(db, 'test-campaign')),
      ...(await counters.readCarried(db, 'test-campaign')),
    ]
      .filter((row) => row.unitId === successor.id)
      .reduce((sum, row) => sum + row.count, 0);
    expect(atSuccessor).toBe(submitted - voided);
    await expectCountersEqualRecount();

    // A batch that the database aborted is written again one by one (writeBatch.ts), so a
    // deadlock can hide behind a success: the database's own count says none happened. A
    // backend reports it when it exits, so the server stops first.
    await stopApp();
    expect(await deadlocks()).toBe(0);
  }, 30_000);
});

/**
 * Deadlocks detected in this file's database since it was created, once every other connection
 * to it has ended (a backend adds its own to the statistics when it exits at the latest).
 */
async function deadlocks(): Promise<number> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await expect
      .poll(
        async () =>
          (
            await client.query<{ others: number }>(
              `SELECT count(*)::int AS others FROM pg_stat_activity
               WHERE datname = current_database() AND pid <> pg_backend_pid()`,
            )
          ).rows[0]?.others,
        { timeout: 10_000, message: "the server's connections to end" },
      )
      .toBe(0);
    const { rows } = await client.query<{ deadlocks: number }>(
      'SELECT deadlocks::int FROM pg_stat_database WHERE datname = current_database()',
    );
    return rows[0]?.deadlocks ?? 0;
  } finally {
    await client.end();
  }
}
