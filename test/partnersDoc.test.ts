// @testDatabase demo@2026-11-22T03:00:00Z
// (starts from the demo dataset as loaded on 22 November 2026, copied from the run's template: test/setup/templateNames.ts)
import { readFileSync } from 'node:fs';
import type { App } from '@toandan/server/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startApp } from './fixtures/app.ts';
import { repoRoot } from './fixtures/run.ts';
import { tokenFor } from './fixtures/tokens.ts';

// docs/partners.md promises queries that run as they stand: each is run here, with a partner's
// token, against the demo dataset as it is loaded in 2026 (the year the page's ids and dates name).
const page = readFileSync(`${repoRoot}docs/partners.md`, 'utf8');
const queries = [...page.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1] as string);

let app: App;
let graphql: GraphQLCall;
let partner: string;

beforeAll(async () => {
  ({ app, graphql } = await startApp());
  const { db } = await import('@toandan/db/db');
  const { seedDemo } = await import('@toandan/db/seed');
  await seedDemo(db, new Date('2026-11-22T03:00:00Z'));
  partner = await tokenFor('PARTNER', null, { subject: 'test:partner-agency' });
}, 180_000);
afterAll(() => app.stop());

describe('docs/partners.md', () => {
  it('has a query for each question partners ask', () => {
    expect(queries.length).toBeGreaterThanOrEqual(5);
    for (const heading of [
      'Coverage of a province',
      'Which units are behind plan?',
      "A day's enrolments by scheme",
      'Participants against plan, as at the monthly briefing',
      'How far is a province from its coverage targets?',
    ]) {
      expect(page).toContain(`## ${heading}`);
    }
  });

  it.each(queries.map((query, index) => [index + 1, query] as const))(
    'query %i runs as it stands with a partner token and answers with data',
    async (_number, query) => {
      const { status, body } = await graphql(query, undefined, partner);
      expect(body.errors).toBeUndefined();
      expect(status).toBe(200);
      expect(body.data).toBeTruthy();
      // A board that answers with nothing counted would make the page's example pointless.
      const boards = JSON.stringify(body.data);
      expect(boards).not.toMatch(/"(cumulative|today)":null/);
    },
  );

  it('shows partners the figures they came for', async () => {
    const behind = queries.find((query) => query.includes('"2026-05-20"') && query.includes('status'));
    const { body } = await graphql(behind as string, undefined, partner);
    const statuses = body.data.board.rows.flatMap((row: { tallies: { status: string }[] }) =>
      row.tallies.map((tally) => tally.status),
    );
    expect(statuses).toContain('BEHIND');
    const coverage = await graphql(queries[1] as string, undefined, partner);
    expect(coverage.body.data.board.unit.population.population).toBeGreaterThan(3_000_000);
  });

  it('answers the briefing’s questions: seed 002’s figures, and Hải Dương’s coverage targets', async () => {
    type Figure = { indicator: string; participants: number; percentOfPlan: number | null };
    const run = async (marker: string) => {
      const query = queries.find((candidate) => candidate.includes(marker));
      const { body } = await graphql(query as string, undefined, partner);
      expect(body.errors).toBeUndefined();
      return body.data;
    };
    const briefing = (await run('participation(unitCode: "38"')).participation;
    const total = (indicator: string) =>
      briefing.totals.find((figure: Figure) => figure.indicator === indicator) as Figure & {
        changeSinceLastMonth: number;
        coverageRate: number;
      };
    expect(total('ALL_PARTICIPANTS')).toMatchObject({
      participants: 3_294_829,
      changeSinceLastMonth: 19_164,
    });
    expect(total('HEALTH').percentOfPlan?.toFixed(2)).toBe('98.73');
    expect(total('HEALTH').coverageRate.toFixed(1)).toBe('87.1');
    expect(
      briefing.rows.filter((row: { figures: (Figure & { metPlan: boolean })[] }) =>
        row.figures.some((figure) => figure.indicator === 'HEALTH' && figure.metPlan),
      ),
    ).toHaveLength(10);

    const targets = (await run('participation(unitCode: "30"')).participation.totals.map(
      (figure: { indicator: string; coverageTargetPercent: number | null }) => [
        figure.indicator,
        figure.coverageTargetPercent,
      ],
    );
    expect(targets).toEqual(
      expect.arrayContaining([
        ['SOCIAL_INSURANCE', 55],
        ['COMPULSORY_SI', 46],
        ['VOLUNTARY_SI', 9],
        ['HEALTH', 95],
      ]),
    );
    const tree = (await run('children(asOf: "2021-11-30")')).unit.children;
    expect(tree).toHaveLength(28);
  });
});
