import { randomUUID } from 'node:crypto';
import type { App } from '@toandan/server/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startApp } from './fixtures/app.ts';
import { figureIn, importBriefing, participationOf } from './fixtures/briefing.ts';
import { createStandingCampaign } from './fixtures/covers.ts';
import { citizenIdOf } from './fixtures/enrolments.ts';
import { fetchBoard, tallyOf } from './fixtures/live.ts';

// Seed 004: "Đến hết tháng 6-2022, thành phố giảm khoảng 37.404 người tham gia BHYT so với cuối
// năm 2021, trong đó, phần lớn giảm người tham gia BHYT hộ gia đình … BHXH tự nguyện cũng giảm
// khoảng 6.859 người". Communes had sold 3-month cards at the end of 2021 to reach their plan,
// and the collection agents did not call people back in time. Here at its own magnitudes: BHXH's
// figure of 31 December 2021; BHXH's list of the covers that end in January–June 2022, most of it
// generated straight into the database and counted by the product's recount (rebuildCoverEnds:
// importCoverage seals each row, too slow on PGlite for a test at this size), the rest, with
// every cover that gets renewed, through importCoverage; and the year's standing campaign's sign-ups and
// renewals through submitEnrolments. The figures checked are the product's: the report's change
// since December on 30 June, and the board's lapsed and net growth, never this file's sums.

// The list's covers ended over four years ago: kept, as for a look back, rather than erased after
// the default 24 months (README, "Personal data"); and one token syncs the campaign's phones.
process.env.COVERAGE_RETENTION_MONTHS = '120';
process.env.RATE_LIMIT_SUBMISSIONS_PER_MINUTE = '100000';

let app: App;
let base: string;
let graphql: GraphQLCall;

const CAMPAIGN = 'can-tho-2022';
const CITY = '92';
/** Two of Cần Thơ's districts, one commune each: the covers and sign-ups split over them. */
const COMMUNES = ['916-01', '925-01'] as const;
const DECEMBER = '2021-12-31';
const JUNE = '2022-06-30';
/** BHXH's figures of 31 December 2021, per commune. */
const IMPORTED = { HEALTH: 560_000, HOUSEHOLD_HI: 210_000, VOLUNTARY_SI: 21_000 };

/**
 * Per scheme: the covers of BHXH's list that end in January–June 2022, how many of them are
 * renewed in time, and the new participants the campaign signs up.
 */
const STORY = {
  HOUSEHOLD_HI: { ending: 37_804, renewed: 150, signedUp: 250 },
  VOLUNTARY_SI: { ending: 6_984, renewed: 50, signedUp: 75 },
} as const;
/** Of the covers that end, those sent through importCoverage (every renewed one among them). */
const THROUGH_THE_API = { HOUSEHOLD_HI: 500, VOLUNTARY_SI: 200 } as const;
type Scheme = keyof typeof STORY;

beforeAll(async () => {
  ({ app, base, graphql } = await startApp());
  const { db } = await import('@toandan/db/db');
  const nation = await db.unit.create({
    data: { code: 'VN', name: 'Việt Nam', kind: 'NATION', ancestorIds: [], depth: 0 },
  });
  const city = await db.unit.create({
    data: {
      code: CITY,
      name: 'Cần Thơ',
      kind: 'PROVINCE',
      parentId: nation.id,
      ancestorIds: [nation.id],
      depth: 1,
    },
  });
  for (const [code, name, commune] of [
    ['916', 'Ninh Kiều', 'An Hòa'],
    ['925', 'Phong Điền', 'Nhơn Ái'],
  ] as const) {
    const district = await db.unit.create({
      data: { code, name, kind: 'DISTRICT', parentId: city.id, ancestorIds: [nation.id, city.id], depth: 2 },
    });
    await db.unit.create({
      data: {
        code: `${code}-01`,
        name: commune,
        kind: 'COMMUNE',
        parentId: district.id,
        ancestorIds: [nation.id, city.id, district.id],
        depth: 3,
      },
    });
  }
  await createStandingCampaign(CAMPAIGN, {
    startsOn: '2022-01-01',
    endsOn: '2022-12-31',
    schemes: ['VOLUNTARY_SI', 'HOUSEHOLD_HI'],
  });
  await importBriefing(graphql, {
    populations: [],
    plans: [],
    counts: [
      {
        asOf: DECEMBER,
        rows: COMMUNES.flatMap((unitCode) =>
          Object.entries(IMPORTED).map(([indicator, participants]) => ({
            unitCode,
            indicator,
            participants,
          })),
        ) as never,
      },
    ],
  });
}, 120_000);
afterAll(() => app.stop());

/** The i-th cover of a scheme sent through importCoverage: its person, commune and days, in January–June. */
function cover(scheme: Scheme, i: number) {
  const month = 1 + (i % 6);
  const day = 1 + (Math.floor(i / 6) % 28);
  const until = `2022-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  // 3 months paid, from the day after the same day three months before.
  const from = new Date(Date.UTC(2022, month - 4, day + 1)).toISOString().slice(0, 10);
  return {
    citizenId: citizenIdOf((scheme === 'HOUSEHOLD_HI' ? 100_000 : 400_000) + i),
    unitCode: COMMUNES[i % COMMUNES.length] as string,
    until,
    from,
  };
}

const IMPORT = `mutation ($rows: [CoverageInput!]!) { importCoverage(rows: $rows) { applied userErrors { field message } } }`;
const SUBMIT_MANY = `mutation ($inputs: [SubmitEnrolmentInput!]!) {
  submitEnrolments(inputs: $inputs) { enrolment { kind } userErrors { code message } }
}`;

/** BHXH's list: the generated part written and counted by the database, the rest through the API. */
async function importList() {
  const { db } = await import('@toandan/db/db');
  const { rebuildCoverEnds } = await import('@toandan/db/counters');
  for (const scheme of Object.keys(STORY) as Scheme[]) {
    await db.$executeRawUnsafe(
      `INSERT INTO "ImportedCover" (id, "unitId", scheme, "citizenKey", "citizenIdSealed", "fullNameSealed",
         "coverageFrom", "coverageUntil")
       SELECT gen_random_uuid()::text, u.ids[1 + g % 2], $1::"Scheme", 'generated:' || $1 || ':' || g,
              -- Stand-ins shaped like sealed values ('v1.' …), as the benchmarks' generated rows.
              'v1.generated.' || g, 'v1.generated.' || g, (d - interval '3 months' + interval '1 day')::date, d
       FROM generate_series($2::int, $3::int) g
       CROSS JOIN (SELECT array_agg(id ORDER BY code) AS ids FROM "Unit" WHERE code = ANY($4::text[])) u
       CROSS JOIN LATERAL (SELECT date '2022-01-01' + g % 179 AS d) day`,
      scheme,
      THROUGH_THE_API[scheme],
      STORY[scheme].ending - 1,
      [...COMMUNES],
    );
  }
  await rebuildCoverEnds(db);
  const rows = (Object.keys(STORY) as Scheme[]).flatMap((scheme) =>
    Array.from({ length: THROUGH_THE_API[scheme] }, (_, i) => {
      const { citizenId, unitCode, from, until } = cover(scheme, i);
      return {
        citizenId,
        fullName: 'Nguyễn Văn Tư',
        scheme,
        unitCode,
        coverageFrom: from,
        coverageUntil: until,
      };
    }),
  );
  const { body } = await graphql(IMPORT, { rows });
  expect(body.errors).toBeUndefined();
  expect(body.data.importCoverage).toEqual({ applied: rows.length, userErrors: [] });
}

/**
 * The campaign's work: the first `renewed` covers of each scheme renewed for 12 months ten days
 * before they end, and `signedUp` people new to the scheme, in batches as phones sync them.
 */
async function campaignSubmissions() {
  const inputs = (Object.keys(STORY) as Scheme[]).flatMap((scheme) => [
    ...Array.from({ length: STORY[scheme].renewed }, (_, i) => {
      const { citizenId, unitCode, until } = cover(scheme, i);
      const day = new Date(Date.parse(`${until}T00:00:00Z`) - 10 * 86_400_000).toISOString().slice(0, 10);
      return { citizenId, unitCode, scheme, day: day < '2022-01-01' ? '2022-01-01' : day, kind: 'RENEWAL' };
    }),
    ...Array.from({ length: STORY[scheme].signedUp }, (_, i) => ({
      citizenId: citizenIdOf((scheme === 'HOUSEHOLD_HI' ? 700_000 : 800_000) + i),
      unitCode: COMMUNES[i % COMMUNES.length] as string,
      scheme,
      day: `2022-0${1 + (i % 6)}-15`,
      kind: 'NEW',
    })),
  ]);
  const kinds: Record<string, number> = {};
  for (let start = 0; start < inputs.length; start += 500) {
    const batch = inputs.slice(start, start + 500);
    const { body } = await graphql(SUBMIT_MANY, {
      inputs: batch.map(({ citizenId, unitCode, scheme, day }) => ({
        campaignId: CAMPAIGN,
        unitCode,
        scheme,
        citizenId,
        fullName: 'Lê Thị Bảy',
        idempotencyKey: randomUUID(),
        enrolledAt: `${day}T09:00:00+07:00`,
        coverageMonths: 12,
      })),
    });
    expect(body.errors).toBeUndefined();
    body.data.submitEnrolments.forEach(
      (answer: { enrolment: { kind: string } | null; userErrors: unknown[] }, i: number) => {
        expect(answer.userErrors).toEqual([]);
        // The server decides each kind from the cover it knows (BHXH's list), as a phone leaves it.
        expect(answer.enrolment?.kind).toBe(batch[i]?.kind);
        kinds[answer.enrolment?.kind as string] = (kinds[answer.enrolment?.kind as string] ?? 0) + 1;
      },
    );
  }
  return kinds;
}

describe('seed 004: Cần Thơ, first half of 2022', () => {
  it('loses 37,404 health and 6,859 voluntary-SI participants since December, from lapsed cards', async () => {
    await importList();
    expect(await campaignSubmissions()).toEqual({ RENEWAL: 200, NEW: 325 });

    const june = await participationOf(graphql, CITY, JUNE);
    const health = figureIn(june.totals, 'HEALTH');
    const voluntary = figureIn(june.totals, 'VOLUNTARY_SI');
    expect(health.changeSinceDecember).toBe(-37_404);
    expect(voluntary.changeSinceDecember).toBe(-6_859);
    // "phần lớn giảm người tham gia BHYT hộ gia đình": household HI carries the whole loss here.
    expect(figureIn(june.totals, 'HOUSEHOLD_HI').changeSinceDecember).toBe(-37_404);
    expect(health.participants).toBe(2 * IMPORTED.HEALTH - 37_404);
    expect(health.importedOn).toBe(DECEMBER);

    // The board of 30 June says the same from its own counters: new sign-ups less lapses.
    const board = await fetchBoard(base, CITY, JUNE, CAMPAIGN);
    expect(tallyOf(board, CITY, 'HOUSEHOLD_HI')).toMatchObject({
      cumulative: 250,
      renewed: 150,
      lapsed: 37_654,
      netGrowth: -37_404,
    });
    expect(tallyOf(board, CITY, 'VOLUNTARY_SI')).toMatchObject({
      cumulative: 75,
      renewed: 50,
      lapsed: 6_934,
      netGrowth: -6_859,
    });
  }, 120_000);
});
