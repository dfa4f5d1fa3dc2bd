import { randomUUID } from 'node:crypto';
import type { App } from '@toandan/server/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startApp } from './fixtures/app.ts';

let app: App;
let graphql: GraphQLCall;
let db: typeof import('@toandan/db/db').db;
let counters: typeof import('@toandan/db/counters');
const ids: string[] = [];

const LIST = `query ($unitCode: String!, $first: Int, $after: String, $scheme: Scheme, $day: Date) {
  enrolments(campaignId: "test-campaign", unitCode: $unitCode, first: $first, after: $after, scheme: $scheme, day: $day) {
    edges { cursor node { id scheme day voided unit { code } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

// 120 enrolments: 386-01 (under Bá Thước) gets two in three, 390 the rest; both schemes; 2 days.
beforeAll(async () => {
  ({ app, graphql } = await startApp());
  ({ db } = await import('@toandan/db/db'));
  counters = await import('@toandan/db/counters');
  const { loadSmallTree } = await import('./fixtures/smallTree.ts');
  const { submitEnrolment } = await import('@toandan/server/enrolments/submitEnrolment');
  await loadSmallTree();
  for (let n = 0; n < 120; n++) {
    const result = await submitEnrolment(
      {
        campaignId: 'test-campaign',
        unitCode: n % 3 === 2 ? '390' : '386-01',
        scheme: n % 2 === 0 ? 'VOLUNTARY_SI' : 'HOUSEHOLD_HI',
        citizenId: `038090${String(n).padStart(6, '0')}`,
        fullName: 'Đỗ Thị Hằng',
        idempotencyKey: randomUUID(),
        enrolledAt: new Date(n < 60 ? '2026-05-10T09:00:00+07:00' : '2026-05-11T09:00:00+07:00'),
      },
      { submittedBy: null },
    );
    expect(result.userErrors).toEqual([]);
    ids.push(result.enrolment?.id ?? '');
  }
});
afterAll(() => app.stop());

type Page = {
  edges: {
    cursor: string;
    node: { id: string; scheme: string; day: string; voided: boolean; unit: { code: string } };
  }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
};

async function page(variables: Record<string, unknown>): Promise<Page> {
  const { body } = await graphql(LIST, variables);
  expect(body.errors).toBeUndefined();
  return body.data.enrolments;
}

describe('enrolments', () => {
  it('pages through a subtree newest first, 50 at a time, with no overlap and no gap', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const result: Page = await page({ unitCode: '38', after });
      seen.push(...result.edges.map((edge) => edge.node.id));
      expect(result.pageInfo.hasPreviousPage).toBe(after !== null);
      after = result.pageInfo.hasNextPage ? result.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    // Submitted one after another: newest first is the reverse of the order of submission.
    expect(seen).toEqual([...ids].reverse());
  });

  it('keeps to the unit’s subtree and filters by scheme and day', async () => {
    const baThuoc = await page({ unitCode: '386', first: 500 });
    expect(baThuoc.edges).toHaveLength(80);
    expect(baThuoc.edges.every((edge) => edge.node.unit.code === '386-01')).toBe(true);
    expect((await page({ unitCode: '405', first: 500 })).edges).toEqual([]);
    const filtered = await page({ unitCode: 'VN', first: 500, scheme: 'VOLUNTARY_SI', day: '2026-05-11' });
    expect(filtered.edges).toHaveLength(30);
    expect(
      filtered.edges.every((edge) => edge.node.scheme === 'VOLUNTARY_SI' && edge.node.day === '2026-05-11'),
    ).toBe(true);
  });

  it.each([0, -1, 501])('refuses a page size of %i, naming the bound', async (first) => {
    const { body } = await graphql(LIST, { unitCode: '38', first });
    expect(body.errors?.[0]).toMatchObject({
      message: `"first" must be from 1 to 500; got ${first}.`,
      extensions: { code: 'PAGE_SIZE' },
    });
  });

  it('refuses a cursor it did not give out, and an unknown unit', async () => {
    const badCursor = await graphql(LIST, { unitCode: '38', after: 'not-a-cursor' });
    expect(badCursor.body.errors?.[0]?.extensions?.code).toBe('BAD_CURSOR');
    const noUnit = await graphql(LIST, { unitCode: 'nowhere' });
    expect(noUnit.body.errors?.[0]).toMatchObject({
      message: 'No unit has the code "nowhere".',
      extensions: { code: 'NOT_FOUND' },
    });
  });
});

describe('voidEnrolment', () => {
  const VOID = `mutation ($id: ID!, $reason: String!) {
    voidEnrolment(id: $id, reason: $reason) { enrolment { id voided voidReason } userErrors { field code message } }
  }`;
  const countsFor = async (day: string) => {
    const rows = await counters.readCounters(db, 'test-campaign');
    const units = await db.unit.findMany({
      where: { code: { in: ['VN', '38', '386', '386-01'] } },
      orderBy: { depth: 'asc' },
    });
    return units.map(
      (unit) =>
        rows.find((row) => row.unitId === unit.id && row.day === day && row.scheme === 'VOLUNTARY_SI')
          ?.count ?? 0,
    );
  };

  it('moves the counters back for the unit and every ancestor, and keeps the reason', async () => {
    const id = ids[0] ?? '';
    const before = await countsFor('2026-05-10');
    const { body } = await graphql(VOID, { id, reason: '  Nhập trùng hồ sơ  ' });
    expect(body.data.voidEnrolment).toEqual({
      enrolment: { id, voided: true, voidReason: 'Nhập trùng hồ sơ' },
      userErrors: [],
    });
    expect(await countsFor('2026-05-10')).toEqual(before.map((count) => count - 1));
    const kept = await counters.readCounters(db, 'test-campaign');
    await counters.rebuildCounters(db, 'test-campaign');
    expect(await counters.readCounters(db, 'test-campaign')).toEqual(kept);
  });

  it('voids once under 10 concurrent requests; the others are told it was already voided', async () => {
    // ids[6]: Cành Nàng (386-01), voluntary SI, 10 May.
    const id = ids[6] ?? '';
    const before = await countsFor('2026-05-10');
    const results = await Promise.all(
      Array.from({ length: 10 }, () => graphql(VOID, { id, reason: 'Sai loại hình' })),
    );
    const codes = results.map((result) => result.body.data.voidEnrolment.userErrors[0]?.code ?? 'OK');
    expect(codes.filter((code) => code === 'OK')).toHaveLength(1);
    expect(codes.filter((code) => code === 'ALREADY_VOIDED')).toHaveLength(9);
    expect(await countsFor('2026-05-10')).toEqual(before.map((count) => count - 1));
  });

  it('lets a voided person be enrolled again, and counts them again', async () => {
    const voided = await db.enrolment.findUniqueOrThrow({ where: { id: ids[0] ?? '' } });
    const before = await countsFor('2026-05-10');
    const { submitEnrolment } = await import('@toandan/server/enrolments/submitEnrolment');
    const again = await submitEnrolment(
      {
        campaignId: 'test-campaign',
        unitCode: '386-01',
        scheme: voided.scheme,
        citizenId: voided.citizenId,
        fullName: voided.fullName,
        idempotencyKey: randomUUID(),
        enrolledAt: voided.enrolledAt,
      },
      { submittedBy: null },
    );
    expect(again).toMatchObject({ duplicate: false, userErrors: [] });
    expect(await countsFor('2026-05-10')).toEqual(before.map((count) => count + 1));
  });

  it('refuses an empty reason and an unknown id, and changes nothing', async () => {
    const before = await counters.readCounters(db, 'test-campaign');
    const empty = await graphql(VOID, { id: ids[4], reason: '   ' });
    expect(empty.body.data.voidEnrolment).toEqual({
      enrolment: null,
      userErrors: [
        { field: ['reason'], code: 'INVALID', message: 'The reason must have 1 to 500 characters.' },
      ],
    });
    const unknown = await graphql(VOID, { id: 'no-such-id', reason: 'x' });
    expect(unknown.body.data.voidEnrolment.userErrors[0]).toMatchObject({ field: ['id'], code: 'NOT_FOUND' });
    expect(await counters.readCounters(db, 'test-campaign')).toEqual(before);
    expect((await db.enrolment.findUniqueOrThrow({ where: { id: ids[4] ?? '' } })).voidedAt).toBeNull();
  });

  it('shows voided enrolments in the list, marked', async () => {
    const all = await page({ unitCode: 'VN', first: 500 });
    const voided = all.edges.filter((edge) => edge.node.voided).map((edge) => edge.node.id);
    expect(voided.sort()).toEqual([ids[0], ids[6]].sort());
  });
});
