import { randomUUID } from 'node:crypto';
import type { App } from '@toandan/server/app';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startApp } from './fixtures/app.ts';
import { expectCountersEqualRecount } from './fixtures/counters.ts';
import { citizenIdOf } from './fixtures/enrolments.ts';
import {
  BOARD_SUBSCRIPTION,
  fetchBoard,
  sseClient,
  type Tally,
  tallyOf,
  type Update,
  until,
  watchBoard,
  wsClient,
} from './fixtures/live.ts';
import { bearer, commandCenterToken } from './fixtures/tokens.ts';

let app: App;
let base: string;
let graphql: GraphQLCall;
let publishedAll: () => Promise<boolean>;

/** A standing campaign over three years, holding the days of API.md's cases. */
const STANDING = 'standing-tallies';
const COMMUNE = '386-01';

beforeAll(async () => {
  ({ app, base, graphql } = await startApp());
  const { db } = await import('@toandan/db/db');
  ({ publishedAll } = await import('@toandan/server/live/boardPublisher'));
  const { vnDay } = await import('@toandan/shared/vnDay');
  const { loadSmallTree } = await import('./fixtures/smallTree.ts');
  const { nation } = await loadSmallTree();
  await db.campaign.create({
    data: {
      id: STANDING,
      name: 'Vận động thường xuyên',
      kind: 'CAMPAIGN_MONTH',
      startsOn: vnDay.toDateColumn('2025-06-01'),
      endsOn: vnDay.toDateColumn('2027-12-31'),
      schemes: ['HOUSEHOLD_HI'],
      unitId: nation.id,
      graceDays: 800,
    },
  });
});
afterAll(() => app.stop());

const SUBMIT = `mutation ($input: SubmitEnrolmentInput!) {
  submitEnrolment(input: $input) { enrolment { id kind coverageFrom coverageUntil } userErrors { code message } }
}`;
const VOID = `mutation ($id: ID!, $reason: String!) {
  voidEnrolment(id: $id, reason: $reason) { enrolment { id } userErrors { field code message } }
}`;

let serial = 0;
const person = () => citizenIdOf(810_000 + ++serial);

async function submit(day: string, citizenId: string, months = 3) {
  const { body } = await graphql(SUBMIT, {
    input: {
      campaignId: STANDING,
      unitCode: COMMUNE,
      scheme: 'HOUSEHOLD_HI',
      citizenId,
      fullName: 'Phạm Thị Hoa',
      idempotencyKey: randomUUID(),
      enrolledAt: day.length > 10 ? day : `${day}T09:00:00+07:00`,
      coverageMonths: months,
    },
  });
  const answer = body.data?.submitEnrolment as {
    enrolment: { id: string; kind: string; coverageFrom: string; coverageUntil: string } | null;
    userErrors: unknown[];
  };
  expect(answer.userErrors).toEqual([]);
  return answer.enrolment as NonNullable<typeof answer.enrolment>;
}

async function voidOf(id: string, language?: string) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: bearer(await commandCenterToken()),
      ...(language ? { 'accept-language': language } : {}),
    },
    body: JSON.stringify({ query: VOID, variables: { id, reason: 'Nhập nhầm' } }),
  });
  const body = (await response.json()) as { data: { voidEnrolment: VoidAnswer } };
  return body.data.voidEnrolment;
}

interface VoidAnswer {
  enrolment: { id: string } | null;
  userErrors: { field: string[]; code: string; message: string }[];
}

const FIGURES = [
  'today',
  'cumulative',
  'renewedToday',
  'renewed',
  'dueForRenewal',
  'lapsed',
  'netGrowth',
] as const;

/** The commune's and the nation's household-HI figures on `day`, as the board serves them. */
async function figuresOn(day: string) {
  const pick = (tally: Tally | undefined) =>
    Object.fromEntries(FIGURES.map((field) => [field, tally?.[field] ?? Number.NaN]));
  const commune = await fetchBoard(base, COMMUNE, day, STANDING);
  const nation = await fetchBoard(base, 'VN', day, STANDING);
  expect(commune.date).toBe(day);
  return {
    commune: pick(tallyOf(commune, COMMUNE, 'HOUSEHOLD_HI')),
    nation: pick(tallyOf(nation, 'VN', 'HOUSEHOLD_HI')),
  };
}

/** What changed between two readings of the same day, figure by figure. */
function moved(before: Awaited<ReturnType<typeof figuresOn>>, after: Awaited<ReturnType<typeof figuresOn>>) {
  const diff = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(FIGURES.map((field) => [field, (b[field] ?? 0) - (a[field] ?? 0)]));
  return { commune: diff(before.commune, after.commune), nation: diff(before.nation, after.nation) };
}

const none = Object.fromEntries(FIGURES.map((field) => [field, 0]));
const both = (change: Partial<Record<(typeof FIGURES)[number], number>>) => {
  const whole = { ...none, ...change };
  return { commune: whole, nation: whole };
};

describe('renewals and lapses on the board (API.md, Renewals)', () => {
  it('counts a 3-month card of 1 December 2026 due from 29 January 2027, lapsed from 1 March', async () => {
    const days = ['2027-01-28', '2027-01-29', '2027-02-28', '2027-03-01', '2027-04-15'];
    const before = await Promise.all(days.map(figuresOn));
    const card = await submit('2026-12-01', person());
    expect(card).toMatchObject({ kind: 'NEW', coverageFrom: '2026-12-01', coverageUntil: '2027-02-28' });
    const after = await Promise.all(days.map(figuresOn));
    const change = days.map((_, i) => moved(before[i] as never, after[i] as never));
    // Bought before these days: in cumulative, not in today.
    expect(change[0]).toEqual(both({ cumulative: 1, netGrowth: 1 }));
    expect(change[1]).toEqual(both({ cumulative: 1, netGrowth: 1, dueForRenewal: 1 }));
    expect(change[2]).toEqual(both({ cumulative: 1, netGrowth: 1, dueForRenewal: 1 }));
    expect(change[3]).toEqual(both({ cumulative: 1, lapsed: 1 }));
    expect(change[4]).toEqual(both({ cumulative: 1, lapsed: 1 }));
    await expectCountersEqualRecount(STANDING);
  });

  it('counts a renewal of 20 February in renewed, leaves today alone, takes the card out of due and lapsed, and a void moves all of it back', async () => {
    const citizenId = person();
    const days = ['2026-01-29', '2026-02-20', '2026-03-01', '2026-05-20', '2026-06-01'];
    const start = await Promise.all(days.map(figuresOn));
    const card = await submit('2025-12-01', citizenId);
    expect(card.coverageUntil).toBe('2026-02-28');
    const bought = await Promise.all(days.map(figuresOn));
    expect(moved(start[1] as never, bought[1] as never)).toEqual(
      both({ cumulative: 1, netGrowth: 1, dueForRenewal: 1 }),
    );
    expect(moved(start[2] as never, bought[2] as never)).toEqual(both({ cumulative: 1, lapsed: 1 }));

    const renewal = await submit('2026-02-20', citizenId);
    expect(renewal).toMatchObject({
      kind: 'RENEWAL',
      coverageFrom: '2026-03-01',
      coverageUntil: '2026-05-31',
    });
    const renewed = await Promise.all(days.map(figuresOn));
    const change = days.map((_, i) => moved(bought[i] as never, renewed[i] as never));
    // A board of any day reads the covers as they stand: renewed since, the card is due no more
    // (docs/design.md, "Cover ends").
    expect(change[0]).toEqual(both({ dueForRenewal: -1 }));
    // On its day: renewed +1, today unchanged, the card no longer due.
    expect(change[1]).toEqual(both({ renewedToday: 1, renewed: 1, dueForRenewal: -1 }));
    expect(change[2]).toEqual(both({ renewed: 1, lapsed: -1, netGrowth: 1 }));
    // The renewal's own cover, to 31 May, is due in its turn (the card no longer lapsed), then lapses.
    expect(change[3]).toEqual(both({ renewed: 1, dueForRenewal: 1, lapsed: -1, netGrowth: 1 }));
    expect(change[4]).toEqual(both({ renewed: 1 }));
    await expectCountersEqualRecount(STANDING);

    // The card cannot go while the renewal stands, in Vietnamese by default, naming it.
    const refused = await voidOf(card.id);
    expect(refused.enrolment).toBeNull();
    expect(refused.userErrors).toEqual([
      {
        field: ['id'],
        code: 'COVER_RENEWED',
        message: `Không hủy được hồ sơ ${card.id}: thời hạn tham gia này đã được tái tục bởi hồ sơ ${renewal.id} (ngày 20/02/2026). Hãy hủy hồ sơ tái tục đó trước.`,
      },
    ]);
    expect((await voidOf(card.id, 'en')).userErrors[0]?.message).toBe(
      `Enrolment ${card.id} cannot be voided: its cover was renewed by enrolment ${renewal.id} (on 2026-02-20). Void that renewal first.`,
    );
    expect(await Promise.all(days.map(figuresOn))).toEqual(renewed);

    // Void the renewal: the card's figures come back; then the card itself can go.
    expect((await voidOf(renewal.id)).userErrors).toEqual([]);
    expect(await Promise.all(days.map(figuresOn))).toEqual(bought);
    await expectCountersEqualRecount(STANDING);
    expect((await voidOf(card.id)).userErrors).toEqual([]);
    expect(await Promise.all(days.map(figuresOn))).toEqual(start);
    await expectCountersEqualRecount(STANDING);
  });

  it('counts a cover in dueWithin7Days from 7 days before its last day, not 8, until it is renewed; the same as a recount from the enrolments', async () => {
    const citizenId = person();
    // A 3-month card of 1 September 2026 covers to 30 November 2026.
    const days = ['2026-11-22', '2026-11-23', '2026-11-30', '2026-12-01'];
    const within7 = async () =>
      Promise.all(
        days.map(async (day) => {
          const [commune, nation] = await Promise.all([
            fetchBoard(base, COMMUNE, day, STANDING),
            fetchBoard(base, 'VN', day, STANDING),
          ]);
          return [
            tallyOf(commune, COMMUNE, 'HOUSEHOLD_HI')?.dueWithin7Days ?? Number.NaN,
            tallyOf(nation, 'VN', 'HOUSEHOLD_HI')?.dueWithin7Days ?? Number.NaN,
          ];
        }),
      );
    /** The nation's covers ending from each day to 7 days after it, counted from the enrolments. */
    const recount = async () => {
      const { db } = await import('@toandan/db/db');
      const { vnDay } = await import('@toandan/shared/vnDay');
      return Promise.all(
        days.map(async (day) => {
          const [row] = await db.$queryRaw<{ n: number }[]>`
            SELECT count(*)::int AS n FROM "Enrolment" e
            WHERE e."voidedAt" IS NULL AND e."scheme" = 'HOUSEHOLD_HI'
              AND e."coverageUntil" BETWEEN ${vnDay.toDateColumn(day)}::date AND ${vnDay.toDateColumn(day)}::date + 7
              AND NOT EXISTS (SELECT 1 FROM "Enrolment" r WHERE r."renewsId" = e.id AND r."voidedAt" IS NULL)`;
          return row?.n ?? Number.NaN;
        }),
      );
    };
    const nationOf = (figures: number[][]) => figures.map(([, nation]) => nation);
    const start = await within7();
    expect(nationOf(start)).toEqual(await recount());

    const card = await submit('2026-09-01', citizenId);
    expect(card.coverageUntil).toBe('2026-11-30');
    const bought = await within7();
    // 8 days before its last day: not yet; 7 days before and on its last day: due; the day after: lapsed.
    expect(bought.map((pair, i) => pair.map((n, j) => n - (start[i]?.[j] ?? 0)))).toEqual([
      [0, 0],
      [1, 1],
      [1, 1],
      [0, 0],
    ]);
    expect(nationOf(bought)).toEqual(await recount());

    // Renewed on 25 November: out of the week's list on every day; its own cover, from
    // 1 December, is not due within 7 days of any of them.
    const renewal = await submit('2026-11-25', citizenId);
    expect(renewal).toMatchObject({ kind: 'RENEWAL', coverageFrom: '2026-12-01' });
    expect(await within7()).toEqual(start);
    expect(nationOf(start)).toEqual(await recount());
    await expectCountersEqualRecount(STANDING);

    // A void of the renewal puts the card back.
    expect((await voidOf(renewal.id)).userErrors).toEqual([]);
    expect(await within7()).toEqual(bought);
    expect(nationOf(bought)).toEqual(await recount());
    await expectCountersEqualRecount(STANDING);
  });

  it('sends renewedToday and renewed to live boards over WebSocket and server-sent events', async () => {
    const { vnDay } = await import('@toandan/shared/vnDay');
    const today = vnDay.today();
    const citizenId = person();
    // A card ending within 7 days from today, so that its renewal is due today, this week.
    const card = await submit(vnDay.addDays(today, -86), citizenId);
    await publishedAll();
    const client: Client = wsClient(base);
    const overWs = watchBoard(client, '38', { base, date: today, campaignId: STANDING });
    const sse = sseClient(base);
    const overSse: Update[] = [];
    const stop = sse.subscribe<{ boardUpdated: Update }>(
      { query: BOARD_SUBSCRIPTION, variables: { campaignId: STANDING, unitCode: '38' } },
      {
        next: (message) => message.data && overSse.push(message.data.boardUpdated),
        error: () => {},
        complete: () => {},
      },
    );
    try {
      await Promise.all([overWs.opened(), until(() => overSse.length > 0, 'the SSE opening')]);
      await until(() => overWs.state.board !== null, 'the first board');
      const before = tallyOf(overWs.state.board, '38', 'HOUSEHOLD_HI') as Tally;
      const renewal = await submit(new Date().toISOString(), citizenId);
      expect(renewal.kind).toBe('RENEWAL');
      expect(card.coverageUntil >= today).toBe(true);
      expect(card.coverageUntil <= vnDay.addDays(today, 7)).toBe(true);
      await publishedAll();
      const expected = await fetchBoard(base, '38', today, STANDING);
      await until(
        () =>
          overSse.at(-1)?.sequence === expected.sequence &&
          overWs.state.updates.at(-1)?.sequence === expected.sequence,
        'both transports to reach the board',
      );
      const change = overWs.state.updates
        .at(-1)
        ?.changes.find((c) => c.unitCode === '38' && c.scheme === 'HOUSEHOLD_HI' && c.date === today);
      expect(change).toMatchObject({
        today: before.today,
        cumulative: before.cumulative,
        renewedToday: before.renewedToday + 1,
        renewed: before.renewed + 1,
        dueForRenewal: before.dueForRenewal - 1,
        dueWithin7Days: before.dueWithin7Days - 1,
        netGrowth: before.netGrowth,
      });
      expect(overSse.slice(1)).toEqual(overWs.state.updates);
      expect(tallyOf(overWs.state.board, '38', 'HOUSEHOLD_HI')).toEqual(
        tallyOf(expected, '38', 'HOUSEHOLD_HI'),
      );
      // A void goes the same way back, live.
      expect((await voidOf(renewal.id)).userErrors).toEqual([]);
      await publishedAll();
      const back = await fetchBoard(base, '38', today, STANDING);
      await until(() => overWs.state.updates.at(-1)?.sequence === back.sequence, 'the void, live');
      expect(tallyOf(overWs.state.board, '38', 'HOUSEHOLD_HI')).toEqual(before);
    } finally {
      stop();
      sse.dispose();
      overWs.stop();
      await client.dispose();
    }
  });
});
