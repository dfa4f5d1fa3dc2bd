import type { App } from '@toandan/server/app';
import { vnDay } from '@toandan/shared/vnDay';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type GraphQLCall, startAppOnSmallTree } from './fixtures/app.ts';
import { validSubmission } from './fixtures/submissions.ts';

// The board by the hour (issue 17, item 1): planToNow and the status judged against it, and the
// board day kept within the campaign. The server runs in this process: its clock is set with
// vi.setSystemTime around each read, so "12:00 on the second day" is that for the server too.

let app: App;
let graphql: GraphQLCall;
let db: typeof import('@toandan/db/db').db;

/** A 20-day drive, running in real time (so its days' enrolments are in the past), over Thanh Hóa. */
const D1 = vnDay.addDays(vnDay.today(), -10);
const D2 = vnDay.addDays(D1, 1);
const D3 = vnDay.addDays(D1, 2);
const LAST = vnDay.addDays(D1, 19);
const UPCOMING = vnDay.addDays(vnDay.today(), 5);

const BOARD = `query ($campaignId: ID!, $unitCode: String!, $date: Date) {
  board(campaignId: $campaignId, unitCode: $unitCode, date: $date) {
    date
    totals { ...tally }
    rows { unit { code } tallies { ...tally } }
  }
}
fragment tally on Tally {
  scheme today dailyGoal cumulative target planBeforeDay planToNow status projectedTotal metTarget
}`;

type Tally = {
  today: number;
  dailyGoal: number;
  cumulative: number;
  target: number;
  planBeforeDay: number;
  planToNow: number;
  status: string;
  projectedTotal: number;
  metTarget: boolean;
};
type Board = { date: string; totals: Tally[]; rows: { unit: { code: string }; tallies: Tally[] }[] };

/** The board as the server answers it at `clock` (Viet Nam time) on `day`. */
async function boardAt(
  day: string,
  clock: string,
  campaignId: string,
  unitCode = '38',
  date?: string,
): Promise<Board & { byCode: Record<string, Tally> }> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${day}T${clock}:00+07:00`));
  try {
    const { body } = await graphql(BOARD, { campaignId, unitCode, date });
    expect(body.errors).toBeUndefined();
    const board = body.data.board as Board;
    const byCode = Object.fromEntries(board.rows.map((row) => [row.unit.code, row.tallies[0] as Tally]));
    return { ...board, byCode };
  } finally {
    vi.useRealTimers();
  }
}

let person = 0;
/** Enrolments in `unitCode` on `day`, one a minute from `from` (Viet Nam time), in one batch. */
async function enrol(
  campaignId: string,
  unitCode: string,
  day: string,
  from: string,
  count: number,
  scheme = 'VOLUNTARY_SI',
) {
  const start = new Date(`${day}T${from}:00+07:00`).getTime();
  const inputs = Array.from({ length: count }, (_, n) =>
    validSubmission(700_000 + ++person, {
      campaignId,
      unitCode,
      scheme,
      enrolledAt: new Date(start + n * 60_000).toISOString(),
    }),
  );
  const { body } = await graphql(
    'mutation ($inputs: [SubmitEnrolmentInput!]!) { submitEnrolments(inputs: $inputs) { userErrors { code message } } }',
    { inputs },
  );
  expect(body.errors).toBeUndefined();
  expect(body.data.submitEnrolments.flatMap((r: { userErrors: unknown[] }) => r.userErrors)).toEqual([]);
}

beforeAll(async () => {
  ({ app, graphql } = await startAppOnSmallTree());
  ({ db } = await import('@toandan/db/db'));
  const units = await db.unit.findMany({ where: { code: { in: ['VN', '38', '386', '390', '405'] } } });
  const id = (code: string) => units.find((unit) => unit.code === code)?.id ?? 0;
  const campaign = (campaignId: string, startsOn: string, endsOn: string) =>
    db.campaign.create({
      data: {
        id: campaignId,
        name: `Đợt ra quân ${campaignId}`,
        kind: 'DRIVE',
        startsOn: vnDay.toDateColumn(startsOn),
        endsOn: vnDay.toDateColumn(endsOn),
        schemes: ['VOLUNTARY_SI'],
        unitId: id('VN'),
      },
    });
  await campaign('drive', D1, LAST);
  await campaign('upcoming', UPCOMING, vnDay.addDays(UPCOMING, 9));
  // 400 each in 20 days: 20 a day for a district on pace; the province 1,200, 60 a day.
  const targets = (campaignId: string) =>
    db.target.createMany({
      data: [
        { campaignId, unitId: id('38'), scheme: 'VOLUNTARY_SI', target: 1200 },
        ...['386', '390', '405'].map((code) => ({
          campaignId,
          unitId: id(code),
          scheme: 'VOLUNTARY_SI' as const,
          target: 400,
        })),
      ],
    });
  await targets('drive');
  await targets('upcoming');
  // May's test campaign, long over: Đông Sơn's household HI target of 2, met on 20 May.
  await db.target.create({
    data: { campaignId: 'test-campaign', unitId: id('405'), scheme: 'HOUSEHOLD_HI', target: 2 },
  });
  await enrol('test-campaign', '405', '2026-05-20', '09:00', 2, 'HOUSEHOLD_HI');
  // The first day: Bá Thước (in its commune Cành Nàng) and Đông Sơn on pace, Cẩm Thủy idle.
  await enrol('drive', '386-01', D1, '08:00', 20);
  await enrol('drive', '405', D1, '08:00', 20);
});
afterAll(() => app.stop());

describe('the board by the hour', () => {
  it('owes nothing of the second day before its working day starts, and calls nobody behind', async () => {
    const board = await boardAt(D2, '07:30', 'drive');
    expect(board.date).toBe(D2);
    // The first day at its derived goal, 400 / 20; the second's is (400 − 20) / 19 = 20.
    expect(board.byCode['386']).toMatchObject({ planBeforeDay: 20, dailyGoal: 20, planToNow: 20 });
    // Cẩm Thủy counted nothing: 400 / 20 on the first day, 400 / 19 = 21.05 → 22 on the second.
    expect(board.byCode['390']).toMatchObject({ planBeforeDay: 20, dailyGoal: 22, planToNow: 20 });
    expect(board.totals[0]).toMatchObject({
      planBeforeDay: 60,
      dailyGoal: 62,
      planToNow: 60,
      cumulative: 40,
    });
    for (const tally of [...board.totals, ...Object.values(board.byCode)])
      expect(tally.status).toBe('NO_ACTIVITY_YET');
  });

  it('at noon owes 270 of the 570 working minutes of the day’s goal: on pace is ON_TRACK, 80% BEHIND', async () => {
    await enrol('drive', '386-01', D2, '08:00', 9);
    await enrol('drive', '405', D2, '08:00', 3);
    const board = await boardAt(D2, '12:00', 'drive');
    // 20 + 20 × 270 / 570 = 29.47 → 29, all counted by Bá Thước: exactly on pace.
    expect(board.byCode['386']).toMatchObject({
      today: 9,
      cumulative: 29,
      planToNow: 29,
      status: 'ON_TRACK',
    });
    // On its plan, it projects to its target.
    expect(board.byCode['386']?.projectedTotal).toBe(400);
    // Đông Sơn, 23 of 29: 79%.
    expect(board.byCode['405']).toMatchObject({ today: 3, cumulative: 23, planToNow: 29, status: 'BEHIND' });
    // 20 + 22 × 270 / 570 = 30.4 → 30.
    expect(board.byCode['390']).toMatchObject({ planToNow: 30, status: 'NO_ACTIVITY_YET' });
    // 60 + 62 × 270 / 570 = 89.4 → 89; 52 is 58% of it.
    expect(board.totals[0]).toMatchObject({ today: 12, cumulative: 52, planToNow: 89, status: 'BEHIND' });
  });

  it('owes the whole day’s goal from 17:00, and the whole of a past day asked for the next morning', async () => {
    await enrol('drive', '386-01', D2, '13:00', 11);
    const evening = await boardAt(D2, '17:00', 'drive');
    expect(evening.byCode['386']).toMatchObject({
      today: 20,
      cumulative: 40,
      planToNow: 40,
      status: 'ON_TRACK',
    });
    expect(evening.byCode['405']).toMatchObject({ cumulative: 23, planToNow: 40, status: 'BEHIND' });

    const nextMorning = await boardAt(D3, '07:30', 'drive');
    expect(nextMorning.date).toBe(D3);
    // Đông Sơn fell behind on the second day, so its third day's goal is (400 − 23) / 18 = 20.9 → 21.
    expect(nextMorning.byCode['386']).toMatchObject({
      planToNow: 40,
      dailyGoal: 20,
      status: 'NO_ACTIVITY_YET',
    });
    expect(nextMorning.byCode['405']).toMatchObject({
      planToNow: 40,
      dailyGoal: 21,
      status: 'NO_ACTIVITY_YET',
    });
    const yesterday = await boardAt(D3, '07:30', 'drive', '38', D2);
    expect(yesterday.date).toBe(D2);
    expect(yesterday.byCode['386']).toMatchObject({ today: 20, planToNow: 40, status: 'ON_TRACK' });
  });

  it('serves the days asked for within the campaign: its first before, its last after', async () => {
    expect((await boardAt(D2, '12:00', 'drive', '38', vnDay.addDays(D1, -5))).date).toBe(D1);
    expect((await boardAt(D2, '12:00', 'drive', '38', vnDay.addDays(LAST, 30))).date).toBe(LAST);
    // Now, on the server's own clock: a clock set later in the day than the test's token lives
    // would refuse the token (at 00:40, noon is eleven hours ahead).
    const { body } = await graphql(BOARD, { campaignId: 'upcoming', unitCode: '38' });
    expect(body.errors).toBeUndefined();
    const upcoming = body.data.board as Board;
    expect(upcoming.date).toBe(UPCOMING);
    expect(upcoming.totals[0]).toMatchObject({ planToNow: 0, dailyGoal: 120, status: 'NO_ACTIVITY_YET' });
  });

  it('opens an ended campaign on its last day, with its result, and TARGET_MET over a quiet day', async () => {
    const { body } = await graphql(BOARD, { campaignId: 'test-campaign', unitCode: '38' });
    expect(body.errors).toBeUndefined();
    const board = body.data.board as Board;
    expect(board.date).toBe('2026-05-31');
    const dongSon = board.rows.find((row) => row.unit.code === '405')?.tallies[1];
    expect(dongSon).toMatchObject({
      today: 0,
      cumulative: 2,
      target: 2,
      metTarget: true,
      status: 'TARGET_MET',
      // The last working day is over: the projection is the result.
      projectedTotal: 2,
    });
    expect(
      (await graphql(BOARD, { campaignId: 'test-campaign', unitCode: '38', date: '2026-08-01' })).body.data
        .board.date,
    ).toBe('2026-05-31');
  });

  it('spreads the day’s goal over the campaign’s own working day, and refuses one that is not a day', async () => {
    const UPDATE = `mutation ($input: CampaignInput!) {
      updateCampaign(id: "drive", input: $input) { campaign { workingHours { start end } } userErrors { field code } }
    }`;
    const update = async (workingHours: { start: string; end: string }) =>
      (await graphql(UPDATE, { input: { workingHours } })).body.data.updateCampaign;
    expect(await update({ start: '08:00', end: '12:00' })).toEqual({
      campaign: { workingHours: { start: '08:00', end: '12:00' } },
      userErrors: [],
    });
    // Bá Thước's second day: 20 due before it and a goal of 20, half of it due at 10:00 of 08:00–12:00.
    expect((await boardAt(D2, '10:00', 'drive')).byCode['386']).toMatchObject({
      planBeforeDay: 20,
      planToNow: 30,
    });
    expect((await boardAt(D2, '12:00', 'drive')).byCode['386']).toMatchObject({ planToNow: 40 });

    expect(await update({ start: '17:00', end: '07:30' })).toEqual({
      campaign: null,
      userErrors: [{ field: ['input', 'workingHours', 'end'], code: 'INVALID' }],
    });
    expect(await update({ start: '7:30', end: '24:00' })).toEqual({
      campaign: null,
      userErrors: [
        { field: ['input', 'workingHours', 'start'], code: 'INVALID' },
        { field: ['input', 'workingHours', 'end'], code: 'INVALID' },
      ],
    });
    // Nothing of a refused change was kept: still 08:00–12:00.
    expect((await boardAt(D2, '10:00', 'drive')).byCode['386']).toMatchObject({ planToNow: 30 });
    expect(await update({ start: '07:30', end: '17:00' })).toEqual({
      campaign: { workingHours: { start: '07:30', end: '17:00' } },
      userErrors: [],
    });
  });
});
