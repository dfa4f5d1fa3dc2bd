// @testDatabase demo@2026-11-22T03:00:00Z
// (starts from the demo dataset as loaded on 22 November 2026, copied from the run's template: test/setup/templateNames.ts)
import { SEED_002 } from '@toandan/db/demo/briefing';
import type { App } from '@toandan/server/app';
import { indicators } from '@toandan/server/participation/indicators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startApp } from './fixtures/app.ts';
import { figureIn, participationOf } from './fixtures/briefing.ts';

// The demo dataset's briefing report (API.md, "Running it"; docs/domain.md, "The demo
// dataset"): seed 002's paragraph on its own days, and a full report at every month end of the
// past 13 months, at every level, with the year's plans; loaded as on 22 November 2026.
let app: App;
let graphql: GraphQLCall;
let sql: typeof import('@toandan/db/db').sql;

beforeAll(async () => {
  ({ app, graphql } = await startApp());
  const { db } = await import('@toandan/db/db');
  ({ sql } = await import('@toandan/db/db'));
  const { seedDemo } = await import('@toandan/db/seed');
  await seedDemo(db, new Date('2026-11-22T03:00:00Z'));
}, 180_000);
afterAll(() => app.stop());

const report = (unitCode: string, asOf: string) => participationOf(graphql, unitCode, asOf);
const figure = figureIn;

describe('the demo’s briefing report', () => {
  it('is seed 002’s paragraph on 30 November 2021, the province’s figures as the article gives them', async () => {
    const thanhHoa = await report('38', SEED_002.asOf);
    expect(figure(thanhHoa.totals, 'ALL_PARTICIPANTS')).toMatchObject({
      participants: 3_294_829,
      changeSinceLastMonth: 19_164,
      changeSinceDecember: 34_597,
    });
    expect(figure(thanhHoa.totals, 'HEALTH')?.percentOfPlan?.toFixed(2)).toBe('98.73');
    expect(figure(thanhHoa.totals, 'HEALTH')?.coverageRate?.toFixed(1)).toBe('87.1');
    for (const row of thanhHoa.rows)
      expect(figure(row.figures, 'ALL_PARTICIPANTS').participants).toBeGreaterThan(
        figure(row.figures, 'HEALTH').participants,
      );
    const met = thanhHoa.rows
      .filter((row) => figure(row.figures, 'HEALTH')?.metPlan)
      .map((row) => row.unit.name);
    expect(met.sort()).toEqual(
      SEED_002.metHealthPlan.map((name) => (name === 'BHXH tỉnh' ? 'BHXH tỉnh Thanh Hóa' : name)).sort(),
    );
    // The article's figures are marked real, their split over the districts generated.
    const marks = await sql<{ code: string; generated: boolean }>(
      `SELECT DISTINCT u.code, pc.generated FROM "ParticipantCount" pc JOIN "Unit" u ON u.id = pc."unitId"
       WHERE pc.day = '2021-11-30' AND u.code IN ('38', '395') ORDER BY 1`,
      [],
    );
    expect(marks).toEqual([
      { code: '38', generated: false },
      { code: '395', generated: true },
    ]);
  });

  it('has figures, changes and plans at the last month end for every row, at every level', async () => {
    for (const [unitCode, rows] of [
      // Since 1 July 2025 each province's communes and its office, no district between.
      ['VN', 3],
      ['38', 28],
      ['30', 13],
      ['92', 10],
    ] as const) {
      const r = await report(unitCode, '2026-10-31');
      expect(r.rows).toHaveLength(rows);
      for (const row of [{ figures: r.totals }, ...r.rows]) {
        const health = figure(row.figures, 'HEALTH');
        expect(health.importedOn).toBe('2026-10-31');
        expect(health.changeSinceLastMonth).not.toBeNull();
        expect(health.changeSinceDecember).not.toBeNull();
        // Generated, but coherent: everyone in health insurance is a participant, and no unit
        // covers more people than it has.
        expect(figure(row.figures, 'ALL_PARTICIPANTS').participants).toBeGreaterThan(health.participants);
        expect(health.coverageRate ?? 0).toBeLessThan(100);
      }
      if (unitCode !== 'VN') {
        const planned = r.rows.filter((row) => figure(row.figures, 'VOLUNTARY_SI')?.planned !== null);
        expect(planned.length).toBeGreaterThan(0);
        expect(r.rows.some((row) => figure(row.figures, 'VOLUNTARY_SI')?.rank === 1)).toBe(true);
      }
    }
    const thanhHoa = await report('38', '2026-10-31');
    // Every indicator, the health groups too.
    expect(thanhHoa.totals.map((total) => total.indicator)).toEqual(indicators.map((rule) => rule.code));
    expect(thanhHoa.rows[0]?.unit).toMatchObject({
      name: 'BHXH tỉnh Thanh Hóa',
      kind: 'SOCIAL_SECURITY_OFFICE',
    });
  });

  it('plans Hải Dương in seed 003’s rates: 55% / 46% / 9% of the labour force, 95% of the population', async () => {
    const haiDuong = await report('30', '2026-10-31');
    expect(
      ['SOCIAL_INSURANCE', 'COMPULSORY_SI', 'VOLUNTARY_SI', 'HEALTH'].map((indicator) => {
        const total = figure(haiDuong.totals, indicator);
        return [indicator, total?.coverageBase, total?.coverageTargetPercent];
      }),
    ).toEqual([
      ['SOCIAL_INSURANCE', 'LABOUR_FORCE', 55],
      ['COMPULSORY_SI', 'LABOUR_FORCE', 46],
      ['VOLUNTARY_SI', 'LABOUR_FORCE', 9],
      ['HEALTH', 'POPULATION', 95],
    ]);
    expect(figure(haiDuong.totals, 'HEALTH')?.coverageRate).toBeGreaterThan(90);
  });

  it('adds today’s drive to the last month end’s figure', async () => {
    const { body } = await graphql('{ campaigns { id kind startsOn } }');
    const drive = body.data.campaigns.find(
      (campaign: { kind: string; startsOn: string }) =>
        campaign.kind === 'DRIVE' && campaign.startsOn > '2026',
    );
    const board = await graphql(
      `query ($id: ID!) { board(campaignId: $id, unitCode: "38", date: "2026-11-22") { totals { scheme cumulative } } }`,
      { id: drive.id },
    );
    const cumulative = board.body.data.board.totals.find(
      (tally: { scheme: string }) => tally.scheme === 'VOLUNTARY_SI',
    ).cumulative;
    expect(cumulative).toBeGreaterThan(0);
    const monthEnd = figure((await report('38', '2026-10-31')).totals, 'VOLUNTARY_SI')
      ?.participants as number;
    const today = figure((await report('38', '2026-11-22')).totals, 'VOLUNTARY_SI');
    expect(today).toMatchObject({ participants: monthEnd + cumulative, importedOn: '2026-10-31' });
  });
});

describe('the demo’s 2025 reform', () => {
  const board = async (unitCode: string, date: string) => {
    const { body } = await graphql(
      `query ($unitCode: String!, $date: Date!) {
         board(campaignId: "ra-quan-2025-06-16", unitCode: $unitCode, date: $date) {
           date
           totals { scheme cumulative target }
           rows { unit { code } tallies { scheme cumulative target } }
         }
       }`,
      { unitCode, date },
    );
    expect(body.errors).toBeUndefined();
    return body.data.board as {
      date: string;
      totals: { scheme: string; cumulative: number; target: number }[];
      rows: { unit: { code: string }; tallies: { scheme: string; cumulative: number; target: number }[] }[];
    };
  };
  const sum = (tallies: { cumulative: number; target: number }[], field: 'cumulative' | 'target') =>
    tallies.reduce((total, tally) => total + tally[field], 0);
  const row = (of: Awaited<ReturnType<typeof board>>, code: string) =>
    of.rows.find((r) => r.unit.code === code)?.tallies ?? [];

  it('shows the districts on a board of 30 June 2025 and the communes from 1 July, history rolled up, targets of each day', async () => {
    const before = await board('38', '2025-06-30');
    const after = await board('38', '2025-07-15');
    const codes = (of: typeof before) => of.rows.map((r) => r.unit.code);
    expect(codes(before)).toEqual(expect.arrayContaining(['395', '385', '382']));
    expect(codes(before)).not.toContain('X395');
    expect(codes(after)).toEqual(expect.arrayContaining(['X395', 'P382']));
    expect(codes(after)).not.toContain('395');
    // The province's own figures go on across the day: the same tree above the communes.
    expect(sum(after.totals, 'target')).toBe(sum(before.totals, 'target'));
    expect(sum(after.totals, 'cumulative')).toBeGreaterThan(sum(before.totals, 'cumulative'));
    // Thọ Xuân's three communes became X395: their results and targets are its own from 1 July.
    const thoXuan = await board('395', '2025-06-30');
    const communesOf2021 = [...row(thoXuan, '395-01'), ...row(thoXuan, '395-02'), ...row(thoXuan, '395-03')];
    const successorOn = await board('X395', '2025-07-01');
    const firstDay = await graphql(
      `{ board(campaignId: "ra-quan-2025-06-16", unitCode: "X395", date: "2025-07-01") { totals { today } } }`,
    );
    const todayOfFirstDay = sum(
      firstDay.body.data.board.totals.map((t: { today: number }) => ({ cumulative: t.today, target: 0 })),
      'cumulative',
    );
    expect(sum(successorOn.totals, 'cumulative')).toBe(sum(communesOf2021, 'cumulative') + todayOfFirstDay);
    expect(sum(successorOn.totals, 'target')).toBe(sum(communesOf2021, 'target'));
    expect(sum(row(after, 'X395'), 'target')).toBe(sum(communesOf2021, 'target'));
    // Each level's targets are its parts' on each day.
    for (const of of [before, after])
      for (const scheme of ['VOLUNTARY_SI', 'HOUSEHOLD_HI'])
        expect(
          of.rows.reduce((total, r) => total + (r.tallies.find((t) => t.scheme === scheme)?.target ?? 0), 0),
        ).toBe(of.totals.find((t) => t.scheme === scheme)?.target);
  });

  it('reports Thanh Hóa by district on 30 November 2021 and by commune on 31 October 2026', async () => {
    const codes = async (asOf: string) => (await report('38', asOf)).rows.map((r) => r.unit.code);
    const of2021 = await codes(SEED_002.asOf);
    expect(of2021).toEqual(expect.arrayContaining(['395', '385', 'BHXH-38']));
    expect(of2021.filter((code) => code !== 'BHXH-38')).toHaveLength(27);
    const of2026 = await codes('2026-10-31');
    expect(of2026).toEqual(expect.arrayContaining(['X395', 'BHXH-38']));
    expect(of2026).not.toContain('395');
    expect(of2026.filter((code) => code !== 'BHXH-38')).toHaveLength(27);
  });
});
