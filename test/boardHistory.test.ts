import type { App } from '@toandan/server/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startAppOnSmallTree } from './fixtures/app.ts';
import { validSubmission } from './fixtures/submissions.ts';
import { tokenFor } from './fixtures/tokens.ts';

let app: App;
let graphql: GraphQLCall;

// Thanh Hóa's voluntary-SI target is 310 over May's 31 days (10 a day); enrolments in Cành Nàng
// (under Bá Thước): 2 on 2 May, 1 on 4 May, and in Cẩm Thủy 1 on 4 May.
beforeAll(async () => {
  ({ app, graphql } = await startAppOnSmallTree());
  const { db } = await import('@toandan/db/db');
  const province = await db.unit.findUniqueOrThrow({ where: { code: '38' } });
  await db.target.create({
    data: { campaignId: 'test-campaign', unitId: province.id, scheme: 'VOLUNTARY_SI', target: 310 },
  });
  let person = 0;
  for (const [unitCode, enrolledAt] of [
    ['386-01', '2026-05-02T08:00:00+07:00'],
    ['386-01', '2026-05-02T09:00:00+07:00'],
    ['386-01', '2026-05-04T06:30:00+07:00'],
    ['390', '2026-05-04T10:15:00+07:00'],
  ]) {
    person++;
    const { body } = await graphql(
      'mutation ($input: SubmitEnrolmentInput!) { submitEnrolment(input: $input) { userErrors { message } } }',
      {
        input: validSubmission(person, { unitCode, enrolledAt }),
      },
    );
    expect(body.data.submitEnrolment.userErrors).toEqual([]);
  }
});
afterAll(() => app.stop());

const HISTORY = `query ($unitCode: String!, $date: Date) {
  board(campaignId: "test-campaign", unitCode: $unitCode, date: $date) {
    history { date scheme count cumulative plan }
  }
}`;

describe('Board.history', () => {
  it('gives every day from the campaign’s start to the board day, with running totals and the plan', async () => {
    const { body } = await graphql(HISTORY, { unitCode: '38', date: '2026-05-05' });
    expect(body.errors).toBeUndefined();
    const voluntary = body.data.board.history.filter(
      (day: { scheme: string }) => day.scheme === 'VOLUNTARY_SI',
    );
    expect(voluntary).toEqual([
      { date: '2026-05-01', scheme: 'VOLUNTARY_SI', count: 0, cumulative: 0, plan: 10 },
      { date: '2026-05-02', scheme: 'VOLUNTARY_SI', count: 2, cumulative: 2, plan: 20 },
      { date: '2026-05-03', scheme: 'VOLUNTARY_SI', count: 0, cumulative: 2, plan: 30 },
      { date: '2026-05-04', scheme: 'VOLUNTARY_SI', count: 2, cumulative: 4, plan: 40 },
      { date: '2026-05-05', scheme: 'VOLUNTARY_SI', count: 0, cumulative: 4, plan: 50 },
    ]);
    // Household HI has no target here: a flat plan of 0, and every day listed all the same.
    const household = body.data.board.history.filter(
      (day: { scheme: string }) => day.scheme === 'HOUSEHOLD_HI',
    );
    expect(household.map((day: { plan: number }) => day.plan)).toEqual([0, 0, 0, 0, 0]);
  });

  it('stays inside the campaign: a day after its end is served as its last, one before its start as its first', async () => {
    const after = await graphql(HISTORY, { unitCode: '386', date: '2026-06-15' });
    const days = after.body.data.board.history.filter(
      (day: { scheme: string }) => day.scheme === 'VOLUNTARY_SI',
    );
    expect(days).toHaveLength(31);
    expect(days.at(-1)).toMatchObject({ date: '2026-05-31', cumulative: 3 });
    const before = await graphql(HISTORY, { unitCode: '38', date: '2026-04-30' });
    const first = before.body.data.board.history.map((day: { date: string }) => day.date);
    expect(first).toEqual(['2026-05-01', '2026-05-01']);
  });
});

describe('Board.recentEnrolments', () => {
  const RECENT = `query ($first: Int) {
    board(campaignId: "test-campaign", unitCode: "38", date: "2026-05-04") {
      recentEnrolments(first: $first) { unit { code name } scheme enrolledAt receivedAt }
    }
  }`;

  it('lists the latest enrolments of the subtree, newest first, to a partner, with nothing of the person', async () => {
    const { body } = await graphql(RECENT, { first: 3 }, await tokenFor('PARTNER'));
    expect(body.errors).toBeUndefined();
    const recent = body.data.board.recentEnrolments;
    expect(recent.map((e: { unit: { code: string } }) => e.unit.code)).toEqual(['390', '386-01', '386-01']);
    expect(recent[0]).toMatchObject({ scheme: 'VOLUNTARY_SI', enrolledAt: '2026-05-04T03:15:00.000Z' });
    expect(JSON.stringify(recent)).not.toMatch(/Lê Thị Hoa|038190/);
  });

  it('offers no personal field at all', async () => {
    const { body } = await graphql(
      '{ board(campaignId: "test-campaign", unitCode: "38") { recentEnrolments { fullName } } }',
    );
    expect(body.errors?.[0]?.message).toMatch(/fullName/);
  });

  it('leaves out voided enrolments', async () => {
    const list = await graphql(
      '{ enrolments(campaignId: "test-campaign", unitCode: "390") { edges { node { id } } } }',
    );
    const id = list.body.data.enrolments.edges[0].node.id;
    const voided = await graphql(
      'mutation ($id: ID!) { voidEnrolment(id: $id, reason: "Nhập trùng") { userErrors { code } } }',
      { id },
    );
    expect(voided.body.data.voidEnrolment.userErrors).toEqual([]);
    const { body } = await graphql(RECENT, { first: 10 });
    expect(body.data.board.recentEnrolments.map((e: { unit: { code: string } }) => e.unit.code)).toEqual([
      '386-01',
      '386-01',
      '386-01',
    ]);
  });
});

describe('Query.recentEnrolments, the ticker on its own', () => {
  const TICKER = `query ($unitCode: String!, $first: Int) {
    recentEnrolments(campaignId: "test-campaign", unitCode: $unitCode, first: $first) {
      unit { code } scheme enrolledAt receivedAt
    }
  }`;
  const BOARD_TICKER = `query ($unitCode: String!, $first: Int) {
    board(campaignId: "test-campaign", unitCode: $unitCode) {
      recentEnrolments(first: $first) { unit { code } scheme enrolledAt receivedAt }
    }
  }`;

  /** The SQL statements the server sends while it answers one query. */
  async function statementsOf(query: string, variables: Record<string, unknown>) {
    const { onQuery } = await import('@toandan/db/db');
    await graphql(query, variables); // units and campaign in memory first, as on a busy server
    // The live boards' last statements (a flush, the outbox rows' delete) would count as this
    // request's: they go before it.
    const { publishedAll } = await import('@toandan/server/live/boardPublisher');
    expect(await publishedAll()).toBe(true);
    let statements = 0;
    const stop = onQuery(() => {
      statements++;
    });
    const { body } = await graphql(query, variables, await tokenFor('PARTNER'));
    stop();
    return { body, statements };
  }

  it('gives the board’s ticker to a partner in two statements, where the board takes several more', async () => {
    for (const unitCode of ['38', '386', 'VN']) {
      const alone = await statementsOf(TICKER, { unitCode, first: 5 });
      const withBoard = await statementsOf(BOARD_TICKER, { unitCode, first: 5 });
      expect(alone.body.errors).toBeUndefined();
      expect(alone.body.data.recentEnrolments).toEqual(withBoard.body.data.board.recentEnrolments);
      // The enrolments, then their units; the board first reads its counts under its lock.
      expect(alone.statements).toBe(2);
      expect(withBoard.statements).toBeGreaterThan(alone.statements + 1);
    }
    // The nation's board (the campaign's own unit) reads the campaign's newest, a province's its
    // units one by one: every enrolment is in Thanh Hóa, so both lists are the same.
    const nation = await graphql(TICKER, { unitCode: 'VN', first: 5 });
    const province = await graphql(TICKER, { unitCode: '38', first: 5 });
    expect(nation.body.data.recentEnrolments).toHaveLength(3);
    expect(nation.body.data.recentEnrolments).toEqual(province.body.data.recentEnrolments);
    const { body } = await statementsOf(TICKER, { unitCode: '386', first: 5 });
    expect(body.data.recentEnrolments.map((e: { unit: { code: string } }) => e.unit.code)).toEqual([
      '386-01',
      '386-01',
      '386-01',
    ]);
  });

  it('names each unit with its parent, read with the units in one more statement', async () => {
    const WITH_PARENT = TICKER.replace('unit { code }', 'unit { code name kind parent { code name kind } }');
    const { body, statements } = await statementsOf(WITH_PARENT, { unitCode: '38', first: 5 });
    expect(body.errors).toBeUndefined();
    // Cành Nàng, the seat of Bá Thước (the enrolment in Cẩm Thủy was voided above).
    expect(body.data.recentEnrolments[0].unit).toEqual({
      code: '386-01',
      name: 'Cành Nàng',
      kind: 'TOWNSHIP',
      parent: { code: '386', name: 'Bá Thước', kind: 'DISTRICT' },
    });
    // The enrolments, their units, and the units' parents: one statement each, however many.
    expect(statements).toBe(3);
    expect((await statementsOf(WITH_PARENT, { unitCode: '38', first: 1 })).statements).toBe(3);
    const board = await statementsOf(BOARD_TICKER.replace('unit { code }', 'unit { code parent { name } }'), {
      unitCode: '38',
      first: 5,
    });
    expect(board.body.data.board.recentEnrolments[0].unit).toEqual({
      code: '386-01',
      parent: { name: 'Bá Thước' },
    });
  });

  it('names the campaign or the unit it cannot find', async () => {
    const noUnit = await graphql(TICKER, { unitCode: '99999' });
    expect(noUnit.body.errors?.[0]).toMatchObject({
      message: 'No unit has the code "99999".',
      extensions: { code: 'NOT_FOUND' },
    });
    const noCampaign = await graphql(
      '{ recentEnrolments(campaignId: "no-such-campaign", unitCode: "38") { scheme } }',
    );
    expect(noCampaign.body.errors?.[0]).toMatchObject({
      message: 'No campaign has the id "no-such-campaign".',
      extensions: { code: 'NOT_FOUND' },
    });
  });
});
