import type { App } from '@toandan/server/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startAppOnSmallTree } from './fixtures/app.ts';
import { figureIn, importBriefing, participationOf } from './fixtures/briefing.ts';
import { type CoverAnswer, createStandingCampaign, submitCover } from './fixtures/covers.ts';
import { citizenIdOf } from './fixtures/enrolments.ts';
import { fetchBoard, tallyOf } from './fixtures/live.ts';
import { bearer, commandCenterToken } from './fixtures/tokens.ts';

// The briefing report less lapses (API.md, "Participation": "less lapses once renewals exist";
// "Renewals"): BHXH's figure of 30 November 2025 for Cành Nàng (386-01), then 3-month household
// cards sold on 1 December, which cover to 28 February. On 15 March a card not renewed has left
// the figure; a renewed one is still in it, and its renewal added nobody.
let app: App;
let base: string;
let graphql: GraphQLCall;

const STANDING = 'standing-lapses';
const COMMUNE = '386-01';
const IMPORTED_ON = '2025-11-30';
const IMPORTED = { HOUSEHOLD_HI: 100, HEALTH: 400 };

beforeAll(async () => {
  ({ app, base, graphql } = await startAppOnSmallTree());
  await createStandingCampaign(STANDING, {
    startsOn: '2025-06-01',
    endsOn: '2027-12-31',
    schemes: ['HOUSEHOLD_HI'],
  });
  await importBriefing(graphql, {
    populations: [],
    plans: [],
    counts: [
      {
        asOf: IMPORTED_ON,
        rows: Object.entries(IMPORTED).map(([indicator, participants]) => ({
          unitCode: COMMUNE,
          indicator,
          participants,
        })) as never,
      },
    ],
  });
});
afterAll(() => app.stop());

let serial = 0;
const person = () => citizenIdOf(830_000 + ++serial);

const submit = (day: string, citizenId: string) =>
  submitCover(graphql, {
    campaignId: STANDING,
    unitCode: COMMUNE,
    scheme: 'HOUSEHOLD_HI',
    citizenId,
    day,
    months: 3,
  });

async function voidOf(id: string) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: bearer(await commandCenterToken()) },
    body: JSON.stringify({
      query: `mutation ($id: ID!) { voidEnrolment(id: $id, reason: "Nhập nhầm") { userErrors { code } } }`,
      variables: { id },
    }),
  });
  const body = (await response.json()) as { data: { voidEnrolment: { userErrors: unknown[] } } };
  expect(body.data.voidEnrolment.userErrors).toEqual([]);
}

/** The commune's household-HI and health figures on a day, with the province's, which sums it. */
async function figuresOn(asOf: string) {
  const commune = await participationOf(graphql, COMMUNE, asOf);
  const province = await participationOf(graphql, '38', asOf);
  const pick = (indicator: string) => {
    const own = figureIn(commune.totals, indicator);
    expect(figureIn(province.totals, indicator).participants).toBe(own.participants);
    return {
      participants: own.participants,
      changeSinceLastMonth: own.changeSinceLastMonth,
      changeSinceDecember: own.changeSinceDecember,
    };
  };
  return { household: pick('HOUSEHOLD_HI'), health: pick('HEALTH') };
}

describe('the briefing report less lapses', () => {
  let renewing: string;
  let renewal: CoverAnswer;

  it('takes a 3-month card of 1 December out on 1 March when it is not renewed', async () => {
    renewing = person();
    const cards = [await submit('2025-12-01', person()), await submit('2025-12-01', renewing)];
    for (const card of cards) {
      expect(card).toMatchObject({ kind: 'NEW', coverageFrom: '2025-12-01', coverageUntil: '2026-02-28' });
    }
    // Covered to 28 February: both in the figure, every day of their cover.
    expect(await figuresOn('2026-02-28')).toEqual({
      household: { participants: 102, changeSinceLastMonth: 0, changeSinceDecember: 0 },
      health: { participants: 402, changeSinceLastMonth: 0, changeSinceDecember: 0 },
    });
    // 1 March is their first day without cover; 15 March is against 28 February and 31 December.
    for (const day of ['2026-03-01', '2026-03-15']) {
      expect(await figuresOn(day)).toEqual({
        household: { participants: 100, changeSinceLastMonth: -2, changeSinceDecember: -2 },
        health: { participants: 400, changeSinceLastMonth: -2, changeSinceDecember: -2 },
      });
    }
  });

  it('keeps a card renewed on 20 February, counting the renewal as nobody new', async () => {
    renewal = await submit('2026-02-20', renewing);
    expect(renewal).toMatchObject({
      kind: 'RENEWAL',
      coverageFrom: '2026-03-01',
      coverageUntil: '2026-05-31',
    });
    expect(await figuresOn('2026-02-28')).toEqual({
      household: { participants: 102, changeSinceLastMonth: 0, changeSinceDecember: 0 },
      health: { participants: 402, changeSinceLastMonth: 0, changeSinceDecember: 0 },
    });
    expect(await figuresOn('2026-03-15')).toEqual({
      household: { participants: 101, changeSinceLastMonth: -1, changeSinceDecember: -1 },
      health: { participants: 401, changeSinceLastMonth: -1, changeSinceDecember: -1 },
    });
    // The board of the same day agrees: two new in the campaign, one lapsed, net growth 1.
    const board = await fetchBoard(base, COMMUNE, '2026-03-15', STANDING);
    expect(tallyOf(board, COMMUNE, 'HOUSEHOLD_HI')).toMatchObject({
      cumulative: 2,
      renewed: 1,
      lapsed: 1,
      netGrowth: 1,
    });
  });

  it('takes the renewed card out again once its renewal is voided, and the renewal’s cover out at its end', async () => {
    // Renewed to 31 May: out on 1 June, the day after, unless renewed again.
    expect((await figuresOn('2026-06-01')).household).toEqual({
      participants: 100,
      changeSinceLastMonth: -1,
      changeSinceDecember: -2,
    });
    await voidOf(renewal.id);
    expect((await figuresOn('2026-03-15')).household).toEqual({
      participants: 100,
      changeSinceLastMonth: -2,
      changeSinceDecember: -2,
    });
  });

  it('starts from a later import: a lapse on or before its day is in BHXH’s figure already', async () => {
    await importBriefing(graphql, {
      populations: [],
      plans: [],
      counts: [
        { asOf: '2026-03-05', rows: [{ unitCode: COMMUNE, indicator: 'HOUSEHOLD_HI', participants: 90 }] },
      ],
    });
    const figure = figureIn((await participationOf(graphql, COMMUNE, '2026-03-15')).totals, 'HOUSEHOLD_HI');
    expect(figure).toMatchObject({ participants: 90, importedOn: '2026-03-05', changeSinceLastMonth: -12 });
  });
});
