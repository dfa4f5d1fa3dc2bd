import { vnDay } from '@toandan/shared/vnDay';
import type { Indicator } from '../../generated/prisma/client.ts';
import { splitByWeights } from './split.ts';

/**
 * The figures of the briefing report (báo cáo giao ban): imported participants, the year's
 * plans and the coverage bases, as the rows of setParticipantCounts, setPlans and
 * setPopulations (API.md, "Participation"). The demo loads them straight into the database
 * (marked generated where they are); the tests send them through the API.
 */

export type ImportedIndicator = Exclude<Indicator, 'SOCIAL_INSURANCE'>;

export interface BriefingCountRow {
  unitCode: string;
  indicator: ImportedIndicator;
  participants: number;
}

export interface BriefingPlanRow {
  unitCode: string;
  indicator: Indicator;
  planned: number | null;
  coverageTargetPercent: number | null;
}

export interface BriefingPopulationRow {
  unitCode: string;
  population: number;
  labourForce: number;
}

export interface BriefingData {
  populations: { year: number; rows: BriefingPopulationRow[] }[];
  plans: { year: number; rows: BriefingPlanRow[] }[];
  counts: { asOf: string; rows: BriefingCountRow[] }[];
}

/** A unit the figures are split over: a district, or the provincial office (no population). */
export interface BriefingUnit {
  code: string;
  name: string;
  /** Its share of the province's people; null for the provincial office, which has no territory. */
  population: number | null;
  labourForce: number | null;
  children: BriefingUnit[];
}

/**
 * Seed 002, the briefing of BHXH Thanh Hóa on 30 November 2021: "Tính đến ngày 30-11-2021,
 * toàn tỉnh có 3.294.829 người tham gia BHXH, BHYT, BHTN, tăng 19.164 người so với tháng
 * 10-2021 và tăng 34.597 người so với tháng 12-2020 …", then the units that met their plans.
 * The figures of the province are the article's; the plans are those its percentages imply
 * (participants ÷ % of plan, rounded), the population the one its coverage implies (87.1%).
 */
export const SEED_002 = {
  provinceCode: '38',
  asOf: '2021-11-30',
  lastMonth: '2021-10-31',
  december: '2020-12-31',
  participants: {
    ALL_PARTICIPANTS: 3_294_829,
    COMPULSORY_SI: 391_893,
    VOLUNTARY_SI: 74_632,
    UNEMPLOYMENT: 365_863,
    HEALTH: 3_220_197,
  },
  sinceLastMonth: {
    ALL_PARTICIPANTS: 19_164,
    COMPULSORY_SI: 6_114,
    VOLUNTARY_SI: 2_377,
    UNEMPLOYMENT: 6_235,
    HEALTH: 17_201,
  },
  sinceDecember: {
    ALL_PARTICIPANTS: 34_597,
    COMPULSORY_SI: 36_236,
    VOLUNTARY_SI: 15_204,
    UNEMPLOYMENT: 36_628,
    HEALTH: 19_393,
  },
  percentOfPlan: { COMPULSORY_SI: 104.61, VOLUNTARY_SI: 84.73, UNEMPLOYMENT: 105.09, HEALTH: 98.73 },
  healthCoverage: 87.1,
  population: 3_697_126,
  labourForce: 2_290_000,
  /** "có 10 đơn vị đã hoàn thành và vượt chỉ tiêu về BHYT: BHXH tỉnh và BHXH các huyện …" */
  metHealthPlan: [
    'BHXH tỉnh',
    'Thọ Xuân',
    'Quảng Xương',
    'Yên Định',
    'Như Thanh',
    'Vĩnh Lộc',
    'Triệu Sơn',
    'Đông Sơn',
    'Hà Trung',
    'Nga Sơn',
  ],
  /** "2 đơn vị hoàn thành chỉ tiêu phát triển BHXH tự nguyện là BHXH huyện Lang Chánh và Quan Hóa" */
  metVoluntaryPlan: ['Lang Chánh', 'Quan Hóa'],
} as const;

type SeedIndicator = keyof typeof SEED_002.participants;
const SEED_INDICATORS = Object.keys(SEED_002.participants) as SeedIndicator[];

/** The provincial office's share of each figure: it manages the large employers itself. */
const OFFICE_SHARE: Record<ImportedIndicator, number> = {
  ALL_PARTICIPANTS: 0.08,
  COMPULSORY_SI: 0.32,
  VOLUNTARY_SI: 0.002,
  UNEMPLOYMENT: 0.33,
  HEALTH: 0.08,
  HOUSEHOLD_HI: 0,
  STUDENT_HI: 0,
  NEAR_POOR_HI: 0,
};

/** The plan that `participants` are `percentOfPlan` % of, rounded. */
const planFor = (participants: number, percentOfPlan: number) =>
  Math.round((participants * 100) / percentOfPlan);

/**
 * Indicators whose figures go together: one unit's health groups and all its participants are
 * in proportion to the same people, its unemployment insurance to the same employees as its
 * compulsory SI; so each unit's weight is drawn once per family, and no district ends up with
 * more health participants than participants at all.
 */
const FAMILY: Record<ImportedIndicator, 'people' | 'employees' | 'voluntary'> = {
  ALL_PARTICIPANTS: 'people',
  HEALTH: 'people',
  HOUSEHOLD_HI: 'people',
  STUDENT_HI: 'people',
  NEAR_POOR_HI: 'people',
  COMPULSORY_SI: 'employees',
  UNEMPLOYMENT: 'employees',
  VOLUNTARY_SI: 'voluntary',
};

/** Each unit's share of its parent's figures, a little off its population, the same within a family. */
function unitWeights(random: () => number) {
  const drawn = new Map<string, number>();
  return (children: BriefingUnit[], indicator: ImportedIndicator): number[] => {
    const people = children.reduce((sum, child) => sum + (child.population ?? 0), 0);
    const share = OFFICE_SHARE[indicator];
    return children.map((child) => {
      if (child.population === null) return (people * share) / (1 - share);
      const key = `${child.code}:${FAMILY[indicator]}`;
      // Health insurance covers most people everywhere: its shares vary less, and stay under 100%.
      const spread = FAMILY[indicator] === 'people' ? 0.06 : 0.15;
      const noise = drawn.get(key) ?? 1 - spread + 2 * spread * random();
      drawn.set(key, noise);
      return child.population * noise;
    });
  };
}

/**
 * Plans of the children that add up to the parent's plan, met exactly by those in `met`: each
 * starts a little under (met) or over (not met) its participants, and what is left of the
 * parent's plan goes to those not met when the parent is behind (or is taken from those that
 * met when it is ahead), so nobody changes side (unless all are on one side, when all share it).
 */
export function plansMeeting(participants: number[], parentPlan: number, met: boolean[]): number[] {
  const plans = participants.map((count, index) =>
    met[index] ? Math.floor(count / 1.01) : Math.ceil(count / 0.995) + 1,
  );
  const left = parentPlan - plans.reduce((sum, plan) => sum + plan, 0);
  const onSide = plans.map((_, index) => (left > 0 ? !met[index] : met[index]));
  // With nobody on that side (every child met, the parent behind), all share it.
  const side = onSide.some(Boolean) ? onSide : onSide.map(() => true);
  const shares = splitByWeights(
    Math.abs(left),
    plans.map((plan, index) => (side[index] ? plan : 0)),
  );
  return plans.map((plan, index) => plan + Math.sign(left) * (shares[index] ?? 0));
}

/**
 * Seed 002 as data: Thanh Hóa's own figures on 31 December 2020, 31 October 2021 and 30
 * November 2021 as the article gives them, split over its 27 district-level units and the
 * provincial office (generated, by population), with the 2021 plans that reproduce its
 * percentages and exactly its lists of units that met the health and the voluntary-SI plans,
 * and the 2021 populations. The office is the child without a population.
 */
export function seed002Briefing(
  province: { code: string; children: BriefingUnit[] },
  random: () => number,
): BriefingData {
  const seed = SEED_002;
  const children = province.children;
  const days = [
    { day: seed.december, less: seed.sinceDecember },
    { day: seed.lastMonth, less: seed.sinceLastMonth },
    { day: seed.asOf, less: null },
  ];
  const counts: BriefingData['counts'] = days.map(({ day }) => ({ asOf: day, rows: [] }));
  const plans: BriefingPlanRow[] = [];
  const weightsFor = unitWeights(random);
  for (const indicator of SEED_INDICATORS) {
    const weights = weightsFor(children, indicator);
    days.forEach(({ less }, index) => {
      const total = seed.participants[indicator] - (less ? less[indicator] : 0);
      const dayWeights = weights.map((weight) => weight * (0.998 + 0.004 * random()));
      const parts = splitByWeights(total, dayWeights);
      const rows = counts[index]?.rows as BriefingCountRow[];
      rows.push({ unitCode: province.code, indicator, participants: total });
      for (const [n, child] of children.entries())
        rows.push({ unitCode: child.code, indicator, participants: parts[n] ?? 0 });
    });
    if (indicator === 'ALL_PARTICIPANTS') continue;
    const provincePlan = planFor(seed.participants[indicator], seed.percentOfPlan[indicator]);
    plans.push({ unitCode: province.code, indicator, planned: provincePlan, coverageTargetPercent: null });
    const now = (counts[2]?.rows ?? []).filter(
      (row) => row.indicator === indicator && row.unitCode !== province.code,
    );
    // The article names the office "BHXH tỉnh", whatever the unit's own name.
    const named = (list: readonly string[], child: BriefingUnit) =>
      list.includes(child.population === null ? 'BHXH tỉnh' : child.name);
    const met = children.map((child) =>
      indicator === 'HEALTH'
        ? named(seed.metHealthPlan, child)
        : indicator === 'VOLUNTARY_SI'
          ? named(seed.metVoluntaryPlan, child)
          : random() < 0.6,
    );
    const childPlans = plansMeeting(
      now.map((row) => row.participants),
      provincePlan,
      met,
    );
    for (const [n, child] of children.entries())
      plans.push({
        unitCode: child.code,
        indicator,
        planned: childPlans[n] ?? 0,
        coverageTargetPercent: null,
      });
  }
  return {
    populations: [
      { year: 2021, rows: populationRows(province.code, seed.population, seed.labourForce, children) },
    ],
    plans: [{ year: 2021, rows: plans }],
    counts,
  };
}

function populationRows(
  code: string,
  population: number,
  labourForce: number,
  children: BriefingUnit[],
): BriefingPopulationRow[] {
  return [
    { unitCode: code, population, labourForce },
    ...children.flatMap((child) =>
      child.population === null
        ? []
        : [{ unitCode: child.code, population: child.population, labourForce: child.labourForce ?? 0 }],
    ),
  ];
}

/** The last day of each of the `count` months before `day`'s, oldest first. */
export function monthEndsBefore(day: string, count: number): string[] {
  const ends: string[] = [];
  let end = vnDay.addDays(`${day.slice(0, 7)}-01`, -1);
  for (let n = 0; n < count; n++) {
    ends.unshift(end);
    end = vnDay.addDays(`${end.slice(0, 7)}-01`, -1);
  }
  return ends;
}

/** The health-insurance groups this product counts, as shares of HEALTH (the seeds give none). */
const HEALTH_GROUPS = { HOUSEHOLD_HI: 0.27, STUDENT_HI: 0.17, NEAR_POOR_HI: 0.025 } as const;

/** A province's year: its figure at the last month end, its growth a month, its plans. */
export interface ProvinceYear {
  latest: Record<SeedIndicator, number>;
  perMonth: Record<SeedIndicator, number>;
  /** Planned counts of the province (handed down over its units), or coverage targets (the same % for each). */
  plans: Partial<Record<Indicator, { planned: number } | { coverageTargetPercent: number }>>;
}

/**
 * Generated month-end figures of a province and everything below it (the demo): the province's
 * figure at each of `monthEnds`, growing by `perMonth` up to the last; each unit's split over
 * its children by population, a little off for each unit and month, the provincial office
 * taking its share; the health groups as shares of HEALTH. The year's plans: a province's
 * planned count handed down over the units below it (met by about half of them, adding up
 * exactly), or its coverage target set alike for every unit with a population. `population`
 * of the province is its own (its children's sum, office aside).
 */
export function monthEndBriefing(
  province: BriefingUnit & { population: number; labourForce: number },
  monthEnds: string[],
  year: number,
  plan: ProvinceYear,
  random: () => number,
): BriefingData {
  const last = monthEnds.length - 1;
  const counts: BriefingData['counts'] = monthEnds.map((asOf) => ({ asOf, rows: [] }));
  const provinceTotal = (indicator: ImportedIndicator, index: number): number => {
    if (indicator in HEALTH_GROUPS)
      return Math.round(
        provinceTotal('HEALTH', index) * HEALTH_GROUPS[indicator as keyof typeof HEALTH_GROUPS],
      );
    const seedIndicator = indicator as SeedIndicator;
    return plan.latest[seedIndicator] - (last - index) * plan.perMonth[seedIndicator];
  };
  const indicators: ImportedIndicator[] = [
    ...SEED_INDICATORS,
    ...(Object.keys(HEALTH_GROUPS) as ImportedIndicator[]),
  ];
  const weightsFor = unitWeights(random);
  for (const indicator of indicators) {
    const split = (unit: BriefingUnit, totals: number[]) => {
      for (const [index, total] of totals.entries())
        counts[index]?.rows.push({ unitCode: unit.code, indicator, participants: total });
      if (unit.children.length === 0) return;
      const weights = weightsFor(unit.children, indicator);
      const parts = totals.map((total) =>
        splitByWeights(
          total,
          weights.map((weight) => weight * (0.999 + 0.002 * random())),
        ),
      );
      for (const [n, child] of unit.children.entries())
        split(
          child,
          parts.map((part) => part[n] ?? 0),
        );
    };
    split(
      province,
      monthEnds.map((_, index) => provinceTotal(indicator, index)),
    );
  }

  const latest = new Map(
    (counts[last]?.rows ?? []).map((row) => [`${row.unitCode}:${row.indicator}`, row.participants]),
  );
  const figureOf = (code: string, indicator: Indicator): number =>
    indicator === 'SOCIAL_INSURANCE'
      ? figureOf(code, 'COMPULSORY_SI') + figureOf(code, 'VOLUNTARY_SI')
      : (latest.get(`${code}:${indicator}`) ?? 0);
  const plans: BriefingPlanRow[] = [];
  for (const [indicator, given] of Object.entries(plan.plans) as [
    Indicator,
    ProvinceYear['plans'][Indicator],
  ][]) {
    if (!given) continue;
    const handDown = (unit: BriefingUnit, planned: number | null) => {
      const coverageTargetPercent = 'coverageTargetPercent' in given ? given.coverageTargetPercent : null;
      if (planned !== null || (coverageTargetPercent !== null && unit.population !== null))
        plans.push({ unitCode: unit.code, indicator, planned, coverageTargetPercent });
      if (unit.children.length === 0) return;
      const parts =
        planned === null
          ? unit.children.map(() => null)
          : plansMeeting(
              unit.children.map((child) => figureOf(child.code, indicator)),
              planned,
              unit.children.map(() => random() < 0.5),
            );
      for (const [n, child] of unit.children.entries()) handDown(child, parts[n] ?? null);
    };
    handDown(province, 'planned' in given ? given.planned : null);
  }

  const populations: BriefingPopulationRow[] = [];
  const collect = (unit: BriefingUnit) => {
    if (unit.population !== null)
      populations.push({
        unitCode: unit.code,
        population: unit.population,
        labourForce: unit.labourForce ?? 0,
      });
    unit.children.forEach(collect);
  };
  collect(province);
  return { populations: [{ year, rows: populations }], plans: [{ year, rows: plans }], counts };
}
