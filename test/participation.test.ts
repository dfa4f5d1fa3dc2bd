import type { Indicator } from '@toandan/db/client';
import { SEED_002 } from '@toandan/db/demo/briefing';
import type { App } from '@toandan/server/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLCall, startApp } from './fixtures/app.ts';
import { figureIn, importBriefing, loadSeed002, OFFICE_CODE, participationOf } from './fixtures/briefing.ts';

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

const report = (unitCode: string, asOf: string) => participationOf(graphql, unitCode, asOf);
const figure = figureIn;
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

// Seed 003: Hải Dương plans in rates, social insurance (compulsory + voluntary) of the labour
// force and health insurance of the population: 48,6% (42,6 + 6) and 92% in 2022, 55% (46 + 9)
// and 95% in 2025. The targets are the seed's; the participants are made up for the test.
describe('seed 003: Hải Dương’s coverage targets', () => {
  const POPULATION = 1_936_800;
  const LABOUR_FORCE = 1_170_000;
  const targets = (year: number, rates: Partial<Record<Indicator, number>>) => ({
    year,
    rows: (Object.entries(rates) as [Indicator, number][]).map(([indicator, coverageTargetPercent]) => ({
      unitCode: '30',
      indicator,
      planned: null,
      coverageTargetPercent,
    })),
  });
  /** The province's compulsory, voluntary and health participants, and the city of Hải Dương's health ones. */
  const figuresOn = (asOf: string, [compulsory, voluntary, health, city]: number[]) => ({
    asOf,
    rows: [
      { unitCode: '30', indicator: 'COMPULSORY_SI' as const, participants: compulsory ?? 0 },
      { unitCode: '30', indicator: 'VOLUNTARY_SI' as const, participants: voluntary ?? 0 },
      { unitCode: '30', indicator: 'HEALTH' as const, participants: health ?? 0 },
      { unitCode: '288', indicator: 'HEALTH' as const, participants: city ?? 0 },
    ],
  });

  beforeAll(async () => {
    const { db } = await import('@toandan/db/db');
    const nation = await db.unit.findUniqueOrThrow({ where: { code: 'VN' } });
    const province = await db.unit.create({
      data: {
        code: '30',
        name: 'Hải Dương',
        kind: 'PROVINCE',
        parentId: nation.id,
        ancestorIds: [nation.id],
        depth: 1,
      },
    });
    for (const [code, name] of [
      ['288', 'Hải Dương'],
      ['290', 'Chí Linh'],
    ] as const)
      await db.unit.create({
        data: {
          code,
          name,
          kind: 'PROVINCIAL_CITY',
          parentId: province.id,
          ancestorIds: [nation.id, province.id],
          depth: 2,
        },
      });
    await importBriefing(graphql, {
      // Only 2022's bases are known: every later year uses them.
      populations: [
        {
          year: 2022,
          rows: [
            { unitCode: '30', population: POPULATION, labourForce: LABOUR_FORCE },
            { unitCode: '288', population: 508_000, labourForce: 310_000 },
          ],
        },
      ],
      plans: [
        targets(2022, { SOCIAL_INSURANCE: 48.6, COMPULSORY_SI: 42.6, VOLUNTARY_SI: 6, HEALTH: 92 }),
        targets(2025, { SOCIAL_INSURANCE: 55, COMPULSORY_SI: 46, VOLUNTARY_SI: 9, HEALTH: 95 }),
      ],
      counts: [
        figuresOn('2022-12-31', [480_000, 60_000, 1_760_000, 480_000]),
        figuresOn('2025-11-30', [520_000, 95_000, 1_820_000, 490_000]),
      ],
    });
  });

  it('plans 55% / 46% / 9% of the labour force and 95% of the population in 2025', async () => {
    const haiDuong = await report('30', '2025-11-30');
    const coverage = (['SOCIAL_INSURANCE', 'COMPULSORY_SI', 'VOLUNTARY_SI', 'HEALTH'] as const).map(
      (indicator) => {
        const total = figure(haiDuong.totals, indicator);
        return [
          indicator,
          total.coverageBase,
          total.coverageTargetPercent,
          total.planned,
          total.participants,
        ];
      },
    );
    expect(coverage).toEqual([
      ['SOCIAL_INSURANCE', 'LABOUR_FORCE', 55, 643_500, 615_000],
      ['COMPULSORY_SI', 'LABOUR_FORCE', 46, 538_200, 520_000],
      ['VOLUNTARY_SI', 'LABOUR_FORCE', 9, 105_300, 95_000],
      ['HEALTH', 'POPULATION', 95, 1_839_960, 1_820_000],
    ]);
    // Social insurance is the sum of its two parts, in participants and in rate.
    const rate = (indicator: string) => figure(haiDuong.totals, indicator).coverageRate as number;
    expect(rate('SOCIAL_INSURANCE')).toBeCloseTo(rate('COMPULSORY_SI') + rate('VOLUNTARY_SI'), 10);
    expect(rate('SOCIAL_INSURANCE')).toBe((615_000 / LABOUR_FORCE) * 100);
    expect(rate('HEALTH')).toBe((1_820_000 / POPULATION) * 100);
    expect(figure(haiDuong.totals, 'HEALTH')).toMatchObject({
      percentOfPlan: (1_820_000 / 1_839_960) * 100,
      metPlan: false,
      remainingToPlan: 19_960,
      requiredDailyPace: Math.ceil(19_960 / 31),
      // The figure of 31 December 2024 is the latest on or before it: 31 December 2022's.
      changeSinceDecember: 1_820_000 - 1_760_000,
      changeSinceLastMonth: 1_820_000 - 1_760_000,
    });
    // A city with a population of its own has a coverage rate, and no plan.
    expect(figure(haiDuong.rows.find((r) => r.unit.code === '288')?.figures ?? [], 'HEALTH')).toMatchObject({
      participants: 490_000,
      coverageRate: (490_000 / 508_000) * 100,
      planned: null,
      metPlan: false,
      rank: null,
    });
  });

  it('plans 48,6% / 42,6% / 6% and 92% in 2022', async () => {
    const haiDuong = await report('30', '2022-12-31');
    expect(
      haiDuong.totals.map((total) => [
        total.indicator,
        total.coverageTargetPercent,
        total.planned,
        total.metPlan,
      ]),
    ).toEqual([
      ['SOCIAL_INSURANCE', 48.6, 568_620, false],
      ['COMPULSORY_SI', 42.6, 498_420, false],
      ['VOLUNTARY_SI', 6, 70_200, false],
      ['HEALTH', 92, 1_781_856, false],
    ]);
  });
});
