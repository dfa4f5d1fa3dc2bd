import type { Prisma } from '../../generated/prisma/client.ts';
import {
  type BriefingData,
  type BriefingUnit,
  monthEndBriefing,
  monthEndsBefore,
  type ProvinceYear,
  SEED_002,
  seed002Briefing,
} from './briefing.ts';
import { demoProvinces } from './provinces.ts';
import type { SeededOffices, SeededUnit } from './units.ts';

/** Month ends with imported figures: the past 13 (31 December of last year among them). */
const MONTH_ENDS = 13;

/**
 * The briefing report's figures (docs/domain.md, "The demo dataset"):
 * - Thanh Hóa on seed 002's days (31 December 2020, 31 October and 30 November 2021): the
 *   province's figures as the article gives them (not marked generated), their split over the
 *   provincial office and the 27 districts, the 2021 plans its percentages imply and its
 *   population (generated), so that a report of 30/11/2021 is the article's paragraph;
 * - every unit of today's tree (`current`: the provinces' communes since the reform of
 *   1 July 2025) at each of the past 13 month ends, and the year's plans: Thanh Hóa's
 *   figures are the article's grown by 1% a year, Cần Thơ's in proportion to population, Hải
 *   Dương's rates of its population and labour force near seed 003's targets, which are its
 *   plans (55% / 46% / 9% of the labour force, 95% of the population); all generated.
 */
export async function createBriefing(
  tx: Prisma.TransactionClient,
  /** `root` is the tree of 2021, `current` today's. */
  units: { root: SeededUnit; current: SeededUnit; offices: SeededOffices },
  today: string,
  random: () => number,
): Promise<void> {
  const year = Number(today.slice(0, 4));
  const monthEnds = monthEndsBefore(today, MONTH_ENDS);
  for (const seeded of units.current.children) {
    const province = demoProvinces.find((demo) => demo.code === seeded.code);
    const office = units.offices.get(seeded.code);
    const of2021 = units.root.children.find((unit) => unit.code === seeded.code);
    if (!province || !office || !of2021) continue;
    if (seeded.code === SEED_002.provinceCode) {
      const tree = briefingTree(of2021, office, province.population, province.labourForce);
      const districts = { ...tree, children: tree.children.map((child) => ({ ...child, children: [] })) };
      await insertBriefing(tx, seed002Briefing(districts, random), (row) => row.unitCode !== seeded.code);
    }
    const tree = briefingTree(seeded, office, province.population, province.labourForce);
    const data = monthEndBriefing(tree, monthEnds, year, provinceYear(seeded.code, tree, year), random);
    // The year's populations are the demo's own (units.ts).
    await insertBriefing(tx, { ...data, populations: [] }, () => true);
  }
}

function briefingTree(
  province: SeededUnit,
  office: { code: string; name: string },
  population: number,
  labourForce: number,
): BriefingUnit & { population: number; labourForce: number } {
  const below = (unit: SeededUnit): BriefingUnit => ({
    code: unit.code,
    name: unit.name,
    population: unit.weight,
    labourForce: Math.round((unit.weight * labourForce) / population),
    children: unit.children.map(below),
  });
  return {
    code: province.code,
    name: province.name,
    population,
    labourForce,
    children: [
      { code: office.code, name: office.name, population: null, labourForce: null, children: [] },
      ...province.children.map(below),
    ],
  };
}

/** A province's figures at the last month end, its growth a month, and its plans of the year. */
function provinceYear(
  code: string,
  province: { population: number; labourForce: number },
  year: number,
): ProvinceYear {
  const indicators = Object.keys(SEED_002.participants) as (keyof typeof SEED_002.participants)[];
  const each = (value: (indicator: (typeof indicators)[number]) => number) =>
    Object.fromEntries(
      indicators.map((indicator) => [indicator, Math.round(value(indicator))]),
    ) as ProvinceYear['latest'];
  if (code === '30') {
    const rates = {
      ALL_PARTICIPANTS: 0.95,
      COMPULSORY_SI: 0.44,
      VOLUNTARY_SI: 0.075,
      UNEMPLOYMENT: 0.4,
      HEALTH: 0.935,
    };
    const base = (indicator: (typeof indicators)[number]) =>
      indicator === 'ALL_PARTICIPANTS' || indicator === 'HEALTH' ? province.population : province.labourForce;
    const latest = each((indicator) => rates[indicator] * base(indicator));
    return {
      latest,
      perMonth: each((indicator) => latest[indicator] * 0.0025),
      plans: {
        SOCIAL_INSURANCE: { coverageTargetPercent: 55 },
        COMPULSORY_SI: { coverageTargetPercent: 46 },
        VOLUNTARY_SI: { coverageTargetPercent: 9 },
        HEALTH: { coverageTargetPercent: 95 },
        UNEMPLOYMENT: { planned: Math.round(latest.UNEMPLOYMENT * 1.03) },
      },
    };
  }
  const scale = (province.population / SEED_002.population) * 1.01 ** (year - 2021);
  const latest = each((indicator) => SEED_002.participants[indicator] * scale);
  const perMonth = each((indicator) => (SEED_002.sinceDecember[indicator] * scale) / 11);
  const planned = (indicator: (typeof indicators)[number], over: number) => ({
    planned: Math.round(latest[indicator] * over),
  });
  return {
    latest,
    perMonth,
    plans: {
      ALL_PARTICIPANTS: planned('ALL_PARTICIPANTS', 1.01),
      COMPULSORY_SI: planned('COMPULSORY_SI', 0.98),
      VOLUNTARY_SI: planned('VOLUNTARY_SI', 1.12),
      UNEMPLOYMENT: planned('UNEMPLOYMENT', 0.97),
      HEALTH: planned('HEALTH', 1.015),
    },
  };
}

/** Writes a briefing's rows, by unit code, one statement per table; `generated` says which figures are made up. */
async function insertBriefing(
  tx: Prisma.TransactionClient,
  data: BriefingData,
  generated: (row: { unitCode: string }) => boolean,
): Promise<void> {
  const counts = data.counts.flatMap(({ asOf, rows }) => rows.map((row) => ({ ...row, asOf })));
  await tx.$executeRawUnsafe(
    `INSERT INTO "ParticipantCount" ("unitId", "indicator", "day", "participants", "generated")
     SELECT u.id, t.i::"Indicator", t.d, t.p, t.g FROM unnest($1::text[], $2::text[], $3::date[], $4::int[], $5::boolean[])
       AS t(c, i, d, p, g) JOIN "Unit" u ON u.code = t.c`,
    counts.map((row) => row.unitCode),
    counts.map((row) => row.indicator),
    counts.map((row) => row.asOf),
    counts.map((row) => row.participants),
    counts.map(generated),
  );
  const plans = data.plans.flatMap(({ year, rows }) => rows.map((row) => ({ ...row, year })));
  await tx.$executeRawUnsafe(
    `INSERT INTO "Plan" ("unitId", "year", "indicator", "planned", "coverageTargetPercent", "generated")
     SELECT u.id, t.y, t.i::"Indicator", t.p, t.c, true FROM unnest($1::text[], $2::int[], $3::text[], $4::int[], $5::float8[])
       AS t(code, y, i, p, c) JOIN "Unit" u ON u.code = t.code`,
    plans.map((row) => row.unitCode),
    plans.map((row) => row.year),
    plans.map((row) => row.indicator),
    plans.map((row) => row.planned),
    plans.map((row) => row.coverageTargetPercent),
  );
  const populations = data.populations.flatMap(({ year, rows }) => rows.map((row) => ({ ...row, year })));
  if (populations.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO "UnitPopulation" ("unitId", "year", "population", "labourForce", "generated")
     SELECT u.id, t.y, t.p, t.l, true FROM unnest($1::text[], $2::int[], $3::int[], $4::int[]) AS t(c, y, p, l)
       JOIN "Unit" u ON u.code = t.c
     ON CONFLICT ("unitId", "year") DO NOTHING`,
    populations.map((row) => row.unitCode),
    populations.map((row) => row.year),
    populations.map((row) => row.population),
    populations.map((row) => row.labourForce),
  );
}
