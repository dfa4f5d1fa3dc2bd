import type { App } from '@toandan/server/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startApp } from './fixtures/app.ts';
import { validSubmission } from './fixtures/submissions.ts';

let app: App;
let graphql: GraphQLCall;
let dbModule: typeof import('@toandan/db/db');

const BOARD = `query ($unitCode: String!, $date: Date) {
  board(campaignId: "test-campaign", unitCode: $unitCode, date: $date) {
    date
    sequence
    unit { code }
    campaign { id }
    totals { ...tally }
    rows { unit { code name } tallies { ...tally } }
    rowsMetDailyGoal { unit { code } }
    rowsWithoutActivityToday { unit { code } }
    officers { total atZero metQuota }
  }
}
fragment tally on Tally {
  scheme today dailyGoal dailyGoalIsExplicit cumulative target planBeforeDay planToNow
  percentOfDailyGoal percentOfTarget status requiredDailyPace projectedTotal metDailyGoal metTarget
}`;

/**
 * The scenario, with every number worked out by hand: the May campaign (31 days), read on
 * 10 May (day 10; 21 days after it; 22 days from it to the end, inclusive).
 *
 * Voluntary SI targets: Thanh Hóa 310 = Bá Thước 124 + Cẩm Thủy 93 + Đông Sơn 93.
 * Household HI targets: Thanh Hóa 62 = Bá Thước 62 (+ 0 + 0).
 * Enrolments (all in Cành Nàng, under Bá Thước, unless said): VSI 2 on 9 May and 3 on 10 May,
 * HHI 1 on 10 May, VSI 1 in Cẩm Thủy on 10 May, where the command centre set a goal of 1.
 */
beforeAll(async () => {
  ({ app, graphql } = await startApp());
  dbModule = await import('@toandan/db/db');
  const { db } = dbModule;
  const { loadSmallTree } = await import('./fixtures/smallTree.ts');
  const { province, districts, campaign, officer, commune } = await loadSmallTree();
  const target = (unitId: number, scheme: 'VOLUNTARY_SI' | 'HOUSEHOLD_HI', value: number) => ({
    campaignId: campaign.id,
    unitId,
    scheme,
    target: value,
  });
  await db.target.createMany({
    data: [
      target(province.id, 'VOLUNTARY_SI', 310),
      target(districts.baThuoc.id, 'VOLUNTARY_SI', 124),
      target(districts.camThuy.id, 'VOLUNTARY_SI', 93),
      target(districts.dongSon.id, 'VOLUNTARY_SI', 93),
      target(province.id, 'HOUSEHOLD_HI', 62),
      target(districts.baThuoc.id, 'HOUSEHOLD_HI', 62),
    ],
  });
  await db.dailyGoal.create({
    data: {
      campaignId: campaign.id,
      unitId: districts.camThuy.id,
      scheme: 'VOLUNTARY_SI',
      day: new Date('2026-05-10T00:00:00Z'),
      goal: 1,
    },
  });
  const idle = await db.officer.create({
    data: {
      code: 'CB-390-1',
      fullName: 'Hà Thị Yến',
      organisation: 'WOMENS_UNION',
      unitId: districts.camThuy.id,
    },
  });
  await db.officerQuota.createMany({
    data: [officer, idle].flatMap((o) => [
      { campaignId: campaign.id, officerId: o.id, scheme: 'VOLUNTARY_SI' as const, quota: 1 },
      { campaignId: campaign.id, officerId: o.id, scheme: 'HOUSEHOLD_HI' as const, quota: 2 },
    ]),
  });

  let person = 0;
  const submit = async (unitCode: string, scheme: string, enrolledAt: string, officerCode?: string) => {
    person++;
    const { body } = await graphql(
      'mutation ($input: SubmitEnrolmentInput!) { submitEnrolment(input: $input) { userErrors { message } } }',
      {
        input: validSubmission(850_000 + person, {
          campaignId: campaign.id,
          unitCode,
          scheme,
          enrolledAt,
          officerCode,
        }),
      },
    );
    expect(body.data.submitEnrolment.userErrors).toEqual([]);
  };
  await submit(commune.code, 'VOLUNTARY_SI', '2026-05-09T08:00:00+07:00', officer.code);
  await submit(commune.code, 'VOLUNTARY_SI', '2026-05-09T15:00:00+07:00');
  for (const hour of ['08', '09', '10'])
    await submit(commune.code, 'VOLUNTARY_SI', `2026-05-10T${hour}:00:00+07:00`);
  await submit(commune.code, 'HOUSEHOLD_HI', '2026-05-10T11:00:00+07:00');
  await submit('390', 'VOLUNTARY_SI', '2026-05-10T12:00:00+07:00');
  // Let the live updates of these submissions go out, so that nothing else queries meanwhile.
  const { publishedAll } = await import('@toandan/server/live/boardPublisher');
  await publishedAll();
});
afterAll(() => app.stop());

describe('board', () => {
  it('gives the province’s totals and one row per district, against hand-computed figures', async () => {
    const { status, body } = await graphql(BOARD, { unitCode: '38', date: '2026-05-10' });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const board = body.data.board;
    expect(board.date).toBe('2026-05-10');
    // The version that live updates continue from: one was sent for the submissions above.
    const stored = await dbModule.db.boardSequence.findFirstOrThrow({
      where: { campaignId: 'test-campaign', unit: { code: '38' } },
    });
    expect(board.sequence).toBe(stored.sequence);
    expect(board.sequence).toBeGreaterThan(0);
    expect(board.unit.code).toBe('38');

    const [vsi, hhi] = board.totals;
    expect(vsi).toEqual({
      scheme: 'VOLUNTARY_SI',
      today: 4,
      // ceil((310 − 2) / 22)
      dailyGoal: 14,
      dailyGoalIsExplicit: false,
      cumulative: 6,
      target: 310,
      // 1–9 May at their derived goals, nothing counted before the 9th: ceil(310 / 31) = 10,
      // then ceil(310 / 30 … 310 / 23) = 11, 11, 12, 12, 12, 13, 13, 14
      planBeforeDay: 108,
      // 10 May is over: its whole goal is due
      planToNow: 108 + 14,
      percentOfDailyGoal: (4 / 14) * 100,
      percentOfTarget: (6 / 310) * 100,
      // 6 is under 90% of 122
      status: 'BEHIND',
      // ceil((310 − 6) / 21)
      requiredDailyPace: 15,
      // its ratio to the plan kept to the end: round(6 × 310 / 122)
      projectedTotal: 15,
      metDailyGoal: false,
      metTarget: false,
    });
    expect(hhi).toMatchObject({ scheme: 'HOUSEHOLD_HI', today: 1, dailyGoal: 3, cumulative: 1, target: 62 });

    expect(board.rows.map((row: { unit: { name: string } }) => row.unit.name)).toEqual([
      'Bá Thước',
      'Cẩm Thủy',
      'Đông Sơn',
    ]);
    const [baThuoc, camThuy, dongSon] = board.rows;
    expect(baThuoc.tallies[0]).toMatchObject({ today: 3, cumulative: 5, target: 124, dailyGoal: 6 });
    expect(camThuy.tallies[0]).toMatchObject({
      today: 1,
      cumulative: 1,
      target: 93,
      dailyGoal: 1,
      dailyGoalIsExplicit: true,
      metDailyGoal: true,
      percentOfDailyGoal: 100,
    });
    expect(camThuy.tallies[1]).toMatchObject({
      today: 0,
      target: 0,
      dailyGoal: 0,
      percentOfDailyGoal: null,
      percentOfTarget: null,
    });
    expect(dongSon.tallies[0]).toMatchObject({
      today: 0,
      cumulative: 0,
      dailyGoal: 5,
      status: 'NO_ACTIVITY_YET',
    });

    expect(board.rowsMetDailyGoal).toEqual([{ unit: { code: '390' } }]);
    expect(board.rowsWithoutActivityToday).toEqual([{ unit: { code: '405' } }]);
    // Two officers with quotas; the idle one is at zero; nobody has met 1 VSI + 2 HHI.
    expect(board.officers).toEqual({ total: 2, atZero: 1, metQuota: 0 });
  });

  it('shows a past day as it stood', async () => {
    const { body } = await graphql(BOARD, { unitCode: '38', date: '2026-05-09' });
    // Nothing counted before 9 May, 23 days left from it: ceil(310 / 23) = 14.
    expect(body.data.board.totals[0]).toMatchObject({ today: 2, cumulative: 2, dailyGoal: 14 });
  });

  it('works at every level: the nation, a district, a commune with no children', async () => {
    const nation = (await graphql(BOARD, { unitCode: 'VN', date: '2026-05-10' })).body.data.board;
    expect(nation.rows.map((row: { unit: { code: string } }) => row.unit.code)).toEqual(['38']);
    expect(nation.totals[0]).toMatchObject({ today: 4, cumulative: 6 });
    const commune = (await graphql(BOARD, { unitCode: '386-01', date: '2026-05-10' })).body.data.board;
    expect(commune.rows).toEqual([]);
    expect(commune.totals[0]).toMatchObject({ today: 3, cumulative: 5 });
  });

  it('says which campaign or unit it cannot find, and refuses a day that does not exist', async () => {
    const noUnit = await graphql(BOARD, { unitCode: 'XX' });
    expect(noUnit.body.errors?.[0]).toMatchObject({
      message: 'No unit has the code "XX".',
      extensions: { code: 'NOT_FOUND' },
    });
    const noCampaign = await graphql('{ board(campaignId: "nope", unitCode: "38") { date } }');
    expect(noCampaign.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const badDay = await graphql(BOARD, { unitCode: '38', date: '2026-02-30' });
    expect(badDay.status).toBe(400);
    expect(badDay.body.errors?.[0]?.message).toContain('Date must be a real calendar day written YYYY-MM-DD');
  });

  it('costs the same number of database round trips for 3 districts as for 23 (no N+1)', async () => {
    const { db, onQuery } = dbModule;
    const countQueries = async () => {
      // The live boards' last statements (a flush, the outbox rows' delete) go first.
      const { publishedAll } = await import('@toandan/server/live/boardPublisher');
      expect(await publishedAll()).toBe(true);
      let queries = 0;
      const stop = onQuery(() => {
        queries++;
      });
      const { body } = await graphql(BOARD, { unitCode: '38', date: '2026-05-10' });
      stop();
      expect(body.errors).toBeUndefined();
      return { queries, rows: body.data.board.rows.length };
    };
    const small = await countQueries();
    const province = await db.unit.findUniqueOrThrow({ where: { code: '38' } });
    for (let n = 0; n < 20; n++) {
      const district = await db.unit.create({
        data: {
          code: `9${String(n).padStart(2, '0')}`,
          name: `Huyện thử ${n}`,
          kind: 'DISTRICT',
          parentId: province.id,
          ancestorIds: [...province.ancestorIds, province.id],
          depth: 2,
        },
      });
      await db.target.create({
        data: { campaignId: 'test-campaign', unitId: district.id, scheme: 'VOLUNTARY_SI', target: 10 },
      });
    }
    const large = await countQueries();
    expect(small.rows).toBe(3);
    expect(large.rows).toBe(23);
    expect(large.queries).toBe(small.queries);
    // Campaign, unit, children, targets, goals, officers, and the sequence with the counters.
    expect(small.queries).toBeLessThanOrEqual(7);
  });
});
