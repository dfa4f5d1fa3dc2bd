import type { App } from '@toandan/server/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startApp } from './fixtures/app.ts';
import type { EnrolmentSpec, SubmittedEnrolment } from './fixtures/enrolments.ts';

let app: App;
let graphql: GraphQLCall;
let dbModule: typeof import('@toandan/db/db');
let submitEnrolments: typeof import('./fixtures/enrolments.ts').submitEnrolments;

const UNITS = ['386-01', '386-01', '390', '405'] as const;
const specOf = (n: number): EnrolmentSpec => ({
  unitCode: UNITS[n % 4] ?? '386-01',
  scheme: n % 2 === 0 ? 'VOLUNTARY_SI' : 'HOUSEHOLD_HI',
  person: n,
  enrolledAt: new Date(n < 60 ? '2026-05-10T09:00:00+07:00' : '2026-05-11T09:00:00+07:00'),
  // Seven at a time arrive in the same millisecond, so pages must break ties by id, and the
  // boundaries after 50 and 100 fall inside such a group.
  receivedAt: new Date(Date.parse('2026-05-12T00:00:00Z') + Math.floor(n / 7) * 1000),
});
let specs: EnrolmentSpec[];
let submitted: (SubmittedEnrolment & EnrolmentSpec)[];
/** Newest first, as the API must list them: receivedAt descending, then id descending. */
let newestFirst: (SubmittedEnrolment & EnrolmentSpec)[];

const LIST = `query ($campaignId: ID! = "test-campaign", $unitCode: String!, $first: Int, $after: String, $scheme: Scheme, $day: Date) {
  enrolments(campaignId: $campaignId, unitCode: $unitCode, first: $first, after: $after, scheme: $scheme, day: $day) {
    edges { cursor node { id scheme day voided voidReason receivedAt unit { code } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

type Page = {
  edges: {
    cursor: string;
    node: {
      id: string;
      scheme: string;
      day: string;
      voided: boolean;
      voidReason: string | null;
      receivedAt: string;
      unit: { code: string };
    };
  }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
};

// 120 enrolments in May 2026: 386-01 (a township of Bá Thước, 386) gets half, Cẩm Thủy (390)
// and Đông Sơn (405) a quarter each; both schemes; 10 and 11 May.
beforeAll(async () => {
  ({ app, graphql } = await startApp());
  dbModule = await import('@toandan/db/db');
  ({ submitEnrolments } = await import('./fixtures/enrolments.ts'));
  const { loadSmallTree } = await import('./fixtures/smallTree.ts');
  await loadSmallTree();
  specs = Array.from({ length: 120 }, (_, n) => specOf(n));
  const stored = await submitEnrolments(specs);
  submitted = stored.map((enrolment, n) => ({ ...(specs[n] as EnrolmentSpec), ...enrolment }));
  newestFirst = [...submitted].sort(
    (a, b) => b.receivedAt.getTime() - a.receivedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  );
});
afterAll(() => app.stop());

async function page(variables: Record<string, unknown>): Promise<Page> {
  const { body } = await graphql(LIST, variables);
  expect(body.errors).toBeUndefined();
  return body.data.enrolments;
}

/** Follows `after` from the first page to the last; returns every page. */
async function allPages(variables: Record<string, unknown>): Promise<Page[]> {
  const pages: Page[] = [];
  let after: string | null = null;
  do {
    const result: Page = await page({ ...variables, after });
    pages.push(result);
    after = result.pageInfo.hasNextPage ? result.pageInfo.endCursor : null;
  } while (after !== null && pages.length < 100);
  return pages;
}

const idsOf = (pages: Page[]) => pages.flatMap((result) => result.edges.map((edge) => edge.node.id));

describe('Query.enrolments', () => {
  it('pages through a subtree newest first, 50 at a time, with no overlap and no gap', async () => {
    const pages = await allPages({ unitCode: '38', first: 50 });
    expect(pages.map((result) => result.edges.length)).toEqual([50, 50, 20]);
    expect(pages.map((result) => result.pageInfo.hasNextPage)).toEqual([true, true, false]);
    expect(pages.map((result) => result.pageInfo.hasPreviousPage)).toEqual([false, true, true]);
    for (const result of pages) {
      expect(result.pageInfo.startCursor).toBe(result.edges[0]?.cursor);
      expect(result.pageInfo.endCursor).toBe(result.edges.at(-1)?.cursor);
    }
    const ids = idsOf(pages);
    expect(new Set(ids).size).toBe(120);
    expect(ids).toEqual(newestFirst.map((enrolment) => enrolment.id));
    const receivedAt = pages.flatMap((result) =>
      result.edges.map((edge) => Date.parse(edge.node.receivedAt)),
    );
    expect(receivedAt).toEqual([...receivedAt].sort((a, b) => b - a));
  });

  it('gives 50 when first is left out, and at most 500', async () => {
    const firstPage = await page({ unitCode: '38' });
    expect(firstPage.edges).toHaveLength(50);
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    const everything = await page({ unitCode: '38', first: 500 });
    expect(everything.edges).toHaveLength(120);
    expect(everything.pageInfo.hasNextPage).toBe(false);
    expect((await page({ unitCode: '38', first: 120 })).pageInfo.hasNextPage).toBe(false);
    expect((await page({ unitCode: '38', first: 119 })).pageInfo.hasNextPage).toBe(true);
    const lastOne = await page({ unitCode: '38', first: 1, after: everything.edges[118]?.cursor });
    expect(lastOne.edges.map((edge) => edge.node.id)).toEqual([newestFirst[119]?.id]);
    expect(lastOne.pageInfo.hasNextPage).toBe(false);
    const pastTheEnd = await page({ unitCode: '38', after: everything.edges[119]?.cursor });
    expect(pastTheEnd.edges).toEqual([]);
    expect(pastTheEnd.pageInfo).toMatchObject({ hasNextPage: false, startCursor: null, endCursor: null });
  });

  it('keeps to the unit’s whole subtree', async () => {
    const codes = async (unitCode: string) =>
      (await page({ unitCode, first: 500 })).edges.map((edge) => edge.node.unit.code);
    const baThuoc = await codes('386');
    expect(baThuoc).toHaveLength(60);
    expect(new Set(baThuoc)).toEqual(new Set(['386-01']));
    expect(await codes('386-01')).toEqual(baThuoc);
    const dongSon = await codes('405');
    expect(dongSon).toHaveLength(30);
    expect(new Set(dongSon)).toEqual(new Set(['405']));
    expect(await codes('390')).toHaveLength(30);
    expect(await codes('VN')).toHaveLength(120);
    // An-Định (999) was merged into Đông Sơn but has no enrolment of its own.
    expect(await codes('999')).toEqual([]);
  });

  it('filters by scheme and by Viet Nam day, and pages through the filtered list', async () => {
    const voluntaryOn11 = await page({
      unitCode: 'VN',
      first: 500,
      scheme: 'VOLUNTARY_SI',
      day: '2026-05-11',
    });
    expect(voluntaryOn11.edges.map((edge) => edge.node.id)).toEqual(
      newestFirst
        .filter((enrolment) => enrolment.scheme === 'VOLUNTARY_SI' && enrolment.person >= 60)
        .map((enrolment) => enrolment.id),
    );
    expect(voluntaryOn11.edges).toHaveLength(30);
    expect(
      voluntaryOn11.edges.every(
        (edge) => edge.node.scheme === 'VOLUNTARY_SI' && edge.node.day === '2026-05-11',
      ),
    ).toBe(true);

    const on10 = await page({ unitCode: '386', first: 500, day: '2026-05-10' });
    expect(on10.edges).toHaveLength(30);
    expect(on10.edges.every((edge) => edge.node.day === '2026-05-10')).toBe(true);
    expect((await page({ unitCode: '405', first: 500, scheme: 'VOLUNTARY_SI' })).edges).toEqual([]);
    expect((await page({ unitCode: 'VN', first: 500, day: '2026-05-12' })).edges).toEqual([]);

    const pages = await allPages({ unitCode: 'VN', first: 7, scheme: 'HOUSEHOLD_HI' });
    expect(pages).toHaveLength(Math.ceil(60 / 7));
    expect(idsOf(pages)).toEqual(
      newestFirst.filter((enrolment) => enrolment.scheme === 'HOUSEHOLD_HI').map((enrolment) => enrolment.id),
    );
  });

  it.each([0, -1, 501])('refuses a page size of %i with PAGE_SIZE, naming the bound', async (first) => {
    const { body } = await graphql(LIST, { unitCode: '38', first });
    expect(body.data).toBeNull();
    expect(body.errors?.[0]).toMatchObject({
      message: `"first" must be from 1 to 500; got ${first}.`,
      extensions: { code: 'PAGE_SIZE' },
    });
  });

  it.each([
    ['not-a-cursor'],
    [Buffer.from('{"receivedAt":"2026-05-12"}').toString('base64url')],
    [Buffer.from('["2026-05-12T00:00:00.000Z",7]').toString('base64url')],
    [Buffer.from('["yesterday","019a0000-0000-7000-8000-000000000000"]').toString('base64url')],
  ])('refuses the cursor %s, which it never gave out', async (after) => {
    const { body } = await graphql(LIST, { unitCode: '38', after });
    expect(body.data).toBeNull();
    expect(body.errors?.[0]).toMatchObject({
      message: 'The "after" cursor is not one this API gave out; start again without it.',
      extensions: { code: 'BAD_CURSOR' },
    });
  });

  it('refuses an unknown unit or campaign with NOT_FOUND', async () => {
    const noUnit = await graphql(LIST, { unitCode: 'nowhere' });
    expect(noUnit.body.errors?.[0]).toMatchObject({
      message: 'No unit has the code "nowhere".',
      extensions: { code: 'NOT_FOUND' },
    });
    const noCampaign = await graphql(LIST, { campaignId: 'no-such-campaign', unitCode: '38' });
    expect(noCampaign.body.errors?.[0]).toMatchObject({
      message: 'No campaign has the id "no-such-campaign".',
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('costs the same number of database round trips for 5 enrolments as for 100 (no N+1)', async () => {
    const query = `query ($first: Int) {
      enrolments(campaignId: "test-campaign", unitCode: "38", first: $first) {
        edges { node { id unit { code name parent { code } } } }
      }
    }`;
    const countQueries = async (first: number) => {
      // The live boards' last statements (a flush, the outbox rows' delete) go first.
      const { publishedAll } = await import('@toandan/server/live/boardPublisher');
      expect(await publishedAll()).toBe(true);
      let queries = 0;
      const stop = dbModule.onQuery(() => {
        queries++;
      });
      const { body } = await graphql(query, { first });
      stop();
      expect(body.errors).toBeUndefined();
      expect(body.data.enrolments.edges).toHaveLength(first);
      return queries;
    };
    const small = await countQueries(5);
    expect(await countQueries(100)).toBe(small);
    expect(small).toBeLessThanOrEqual(5);
  });

  it('lists voided enrolments too, marked voided with their reason', async () => {
    const target = newestFirst[3]?.id;
    const { body } = await graphql(
      `mutation ($id: ID!) { voidEnrolment(id: $id, reason: "Nhập trùng") { userErrors { code } } }`,
      { id: target },
    );
    expect(body.data.voidEnrolment.userErrors).toEqual([]);
    const everything = await page({ unitCode: '38', first: 500 });
    expect(everything.edges.map((edge) => edge.node.id)).toEqual(
      newestFirst.map((enrolment) => enrolment.id),
    );
    expect(
      everything.edges.filter((edge) => edge.node.voided).map((edge) => [edge.node.id, edge.node.voidReason]),
    ).toEqual([[target, 'Nhập trùng']]);
  });

  it('continues where it stopped when a newer enrolment arrives between two pages', async () => {
    const first = await page({ unitCode: '38', first: 50 });
    const [arrived] = await submitEnrolments([
      {
        unitCode: '386-01',
        scheme: 'VOLUNTARY_SI',
        person: 500,
        enrolledAt: new Date('2026-05-20T08:00:00+07:00'),
      },
    ]);
    const second = await page({ unitCode: '38', first: 50, after: first.pageInfo.endCursor });
    expect(second.edges.map((edge) => edge.node.id)).toEqual(
      newestFirst.slice(50, 100).map((enrolment) => enrolment.id),
    );
    const fresh = await page({ unitCode: '38', first: 1 });
    expect(fresh.edges[0]?.node.id).toBe(arrived?.id);
  });
});
