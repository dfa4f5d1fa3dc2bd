import { SEED_002 } from '@toandan/db/demo/briefing';
import type { App } from '@toandan/server/app';
import type { ParticipationFigureData } from '@toandan/server/participation/loadParticipation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startApp } from './fixtures/app.ts';
import { loadSeed002, OFFICE_CODE, PARTICIPATION } from './fixtures/briefing.ts';

// The briefing report (API.md, "Participation") reproduces seed 002's paragraph to the unit:
// Thanh Hóa on 30 November 2021, from the figures, plans and populations that the article's
// own numbers imply, sent through the bulk mutations.
let app: App;
let graphql: GraphQLCall;

beforeAll(async () => {
  ({ app, graphql } = await startApp());
  await loadSeed002(graphql);
});
afterAll(() => app.stop());

type Figure = ParticipationFigureData;
interface Report {
  unit: { code: string; name: string };
  asOf: string;
  totals: Figure[];
  rows: { unit: { code: string; name: string; kind: string }; figures: Figure[] }[];
}

async function report(unitCode: string, asOf: string): Promise<Report> {
  const { body } = await graphql(PARTICIPATION, { unitCode, asOf });
  expect(body.errors).toBeUndefined();
  return body.data.participation;
}
const figure = (figures: Figure[], indicator: string) => {
  const found = figures.find((candidate) => candidate.indicator === indicator);
  if (!found) throw new Error(`no ${indicator} figure`);
  return found;
};
/** As the article writes it: 104,61%. */
const vi = (percent: number | null) => (percent === null ? null : percent.toFixed(2).replace('.', ','));

describe('seed 002: Thanh Hóa on 30 November 2021', () => {
  it('reproduces the province’s figures, changes and shares of plan', async () => {
    const thanhHoa = await report('38', SEED_002.asOf);
    expect(thanhHoa.unit).toEqual({ code: '38', name: 'Thanh Hóa' });
    const seen = (
      ['ALL_PARTICIPANTS', 'COMPULSORY_SI', 'VOLUNTARY_SI', 'UNEMPLOYMENT', 'HEALTH'] as const
    ).map((indicator) => {
      const total = figure(thanhHoa.totals, indicator);
      return [
        indicator,
        total.participants,
        total.changeSinceLastMonth,
        total.changeSinceDecember,
        vi(total.percentOfPlan),
      ];
    });
    expect(seen).toEqual([
      ['ALL_PARTICIPANTS', 3_294_829, 19_164, 34_597, null],
      ['COMPULSORY_SI', 391_893, 6_114, 36_236, '104,61'],
      ['VOLUNTARY_SI', 74_632, 2_377, 15_204, '84,73'],
      ['UNEMPLOYMENT', 365_863, 6_235, 36_628, '105,09'],
      ['HEALTH', 3_220_197, 17_201, 19_393, '98,73'],
    ]);
    const health = figure(thanhHoa.totals, 'HEALTH');
    expect(health.coverageBase).toBe('POPULATION');
    expect(health.coverageRate?.toFixed(1)).toBe('87.1');
    expect(health.importedOn).toBe('2021-11-30');
    // "còn phải phấn đấu phát triển khoảng hơn 40.000 người tham gia BHYT": over 31 days.
    expect(health.remainingToPlan).toBeGreaterThan(40_000);
    expect(health.remainingToPlan).toBeLessThan(45_000);
    expect(health.requiredDailyPace).toBe(Math.ceil((health.remainingToPlan as number) / 31));
    expect(figure(thanhHoa.totals, 'ALL_PARTICIPANTS').coverageBase).toBeNull();
    expect(figure(thanhHoa.totals, 'COMPULSORY_SI').coverageBase).toBe('LABOUR_FORCE');
    expect(thanhHoa.totals.every((total) => total.rank === null)).toBe(true);
  });

  it('lists the 27 district-level units of 2021 and the provincial office, whose sums are the province’s', async () => {
    const thanhHoa = await report('38', SEED_002.asOf);
    expect(thanhHoa.rows).toHaveLength(28);
    expect(thanhHoa.rows[0]?.unit).toEqual({
      code: OFFICE_CODE,
      name: 'BHXH tỉnh',
      kind: 'SOCIAL_SECURITY_OFFICE',
    });
    for (const indicator of ['ALL_PARTICIPANTS', 'COMPULSORY_SI', 'VOLUNTARY_SI', 'UNEMPLOYMENT', 'HEALTH']) {
      const sum = thanhHoa.rows.reduce(
        (total, row) => total + figure(row.figures, indicator).participants,
        0,
      );
      expect(sum).toBe(figure(thanhHoa.totals, indicator).participants);
    }
  });

  it('names the units that met the health plan and the voluntary-SI plan', async () => {
    const thanhHoa = await report('38', SEED_002.asOf);
    const met = (indicator: string) =>
      thanhHoa.rows.filter((row) => figure(row.figures, indicator).metPlan).map((row) => row.unit.name);
    expect(met('HEALTH').sort()).toEqual([...SEED_002.metHealthPlan].sort());
    expect(met('VOLUNTARY_SI').sort()).toEqual([...SEED_002.metVoluntaryPlan].sort());
    // The units that met a plan rank above those that did not.
    const health = thanhHoa.rows.map((row) => figure(row.figures, 'HEALTH'));
    const worstMet = Math.max(...health.filter((f) => f.metPlan).map((f) => f.rank as number));
    const bestMissed = Math.min(...health.filter((f) => !f.metPlan).map((f) => f.rank as number));
    expect(worstMet).toBeLessThan(bestMissed);
    expect(health.map((f) => f.rank).sort((a, b) => (a as number) - (b as number))[0]).toBe(1);
  });
});
