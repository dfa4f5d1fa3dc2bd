import type { Indicator, Unit } from '@toandan/db/client';
import { db, sql } from '@toandan/db/db';
import { vietnameseOrder } from '@toandan/shared/vietnameseOrder';
import { type CoverageBase, indicators, SOCIAL_INSURANCE_PARTS } from './indicators.ts';
import { loadFigureNodes } from './loadFigureNodes.ts';
import {
  change,
  endOfPreviousMonth,
  endOfPreviousYear,
  percentOf,
  plannedParticipants,
  ranksByShareOfPlan,
  remainingToPlan,
  requiredDailyPace,
} from './planArithmetic.ts';
import { nodeKey, sumOf, type UnitFigure, unitFigures } from './unitFigures.ts';

export interface ParticipationFigureData {
  indicator: Indicator;
  participants: number;
  importedOn: string | null;
  planned: number | null;
  percentOfPlan: number | null;
  changeSinceLastMonth: number | null;
  changeSinceDecember: number | null;
  coverageBase: CoverageBase | null;
  coverageRate: number | null;
  coverageTargetPercent: number | null;
  remainingToPlan: number | null;
  requiredDailyPace: number | null;
  metPlan: boolean;
  rank: number | null;
}

export interface ParticipationRowData {
  unit: Unit;
  figures: ParticipationFigureData[];
}

export interface ParticipationReportData {
  unit: Unit;
  asOf: string;
  totals: ParticipationFigureData[];
  rows: ParticipationRowData[];
}

interface PlanRow {
  unitId: number;
  indicator: Indicator;
  planned: number | null;
  coverageTargetPercent: number | null;
}

interface PopulationRow {
  unitId: number;
  population: number;
  labourForce: number;
}

/**
 * The briefing report of a unit on a day (API.md, "Participation"): its totals and one row per
 * child as the tree stood on `asOf`, each with every indicator that has a figure. The same
 * statements whatever the tree's size and however many enrolments there are: the figures
 * (loadFigureNodes), the rows' units, their plans and their populations (the unit itself is
 * read by the caller).
 */
export async function loadParticipation(unit: Unit, asOf: string): Promise<ParticipationReportData> {
  const lastMonth = endOfPreviousMonth(asOf);
  const december = endOfPreviousYear(asOf);
  const year = Number(asOf.slice(0, 4));
  const nodes = await loadFigureNodes(unit.id, asOf, [asOf, lastMonth, december]);
  const childIds = nodes.get(nodeKey(unit.id, asOf, 'ALL_PARTICIPANTS'))?.children ?? [];
  const unitIds = [unit.id, ...childIds];
  const [children, plans, populations] = await Promise.all([
    childIds.length ? db.unit.findMany({ where: { id: { in: childIds } } }) : Promise.resolve([]),
    sql<PlanRow>(
      // Today's plans, less what reorganisations after asOf moved into them.
      `SELECT p."unitId", p.indicator::text AS indicator,
              (p.planned - COALESCE((SELECT sum(c.delta) FROM "PlanChange" c
                WHERE c."unitId" = p."unitId" AND c.year = p.year AND c.indicator = p.indicator AND c."fromDay" > $3::date), 0))::int AS planned,
              p."coverageTargetPercent"
       FROM "Plan" p WHERE p."unitId" = ANY($1::int[]) AND p.year = $2`,
      [unitIds, year, asOf],
    ),
    sql<PopulationRow>(
      `SELECT DISTINCT ON ("unitId") "unitId", population, "labourForce" FROM "UnitPopulation"
       WHERE "unitId" = ANY($1::int[]) AND year <= $2 ORDER BY "unitId", year DESC`,
      [unitIds, year],
    ),
  ]);
  const figureOf = unitFigures(nodes);
  const planOf = new Map(plans.map((plan) => [`${plan.unitId}:${plan.indicator}`, plan]));
  const populationOf = new Map(populations.map((row) => [row.unitId, row]));

  const figuresOf = (unitId: number): ParticipationFigureData[] => {
    const on = (day: string, indicator: Indicator): UnitFigure | null => {
      if (indicator !== 'SOCIAL_INSURANCE') return figureOf(unitId, day, indicator);
      const parts = SOCIAL_INSURANCE_PARTS.map((part) => figureOf(unitId, day, part));
      return parts.every(Boolean) ? sumOf(parts as UnitFigure[]) : null;
    };
    return indicators.flatMap((rule) => {
      const now = on(asOf, rule.code);
      if (!now) return [];
      const plan = planOf.get(`${unitId}:${rule.code}`) ?? null;
      const population = populationOf.get(unitId);
      const base =
        rule.coverageBase === null || !population
          ? null
          : rule.coverageBase === 'POPULATION'
            ? population.population
            : population.labourForce;
      const planned = plannedParticipants(plan, base);
      const remaining = remainingToPlan(now.participants, planned);
      return [
        {
          indicator: rule.code,
          participants: now.participants,
          importedOn: now.importedOn,
          planned,
          percentOfPlan: percentOf(now.participants, planned),
          changeSinceLastMonth: change(now.participants, on(lastMonth, rule.code)?.participants ?? null),
          changeSinceDecember: change(now.participants, on(december, rule.code)?.participants ?? null),
          coverageBase: rule.coverageBase,
          coverageRate: rule.coverageBase === null ? null : percentOf(now.participants, base),
          coverageTargetPercent: plan?.coverageTargetPercent ?? null,
          remainingToPlan: remaining,
          requiredDailyPace: requiredDailyPace(remaining, asOf),
          metPlan: planned !== null && now.participants >= planned,
          rank: null,
        },
      ];
    });
  };

  const rows = children
    .sort(
      (a, b) =>
        Number(b.kind === 'SOCIAL_SECURITY_OFFICE') - Number(a.kind === 'SOCIAL_SECURITY_OFFICE') ||
        vietnameseOrder(a.name, b.name),
    )
    .map((child) => ({ unit: child, figures: figuresOf(child.id) }));
  for (const rule of indicators) {
    const figures = rows.map((row) => row.figures.find((figure) => figure.indicator === rule.code) ?? null);
    const ranks = ranksByShareOfPlan(
      figures.map((figure) =>
        figure && figure.planned !== null
          ? { participants: figure.participants, planned: figure.planned }
          : null,
      ),
    );
    figures.forEach((figure, index) => {
      if (figure) figure.rank = ranks[index] ?? null;
    });
  }
  return { unit, asOf, totals: figuresOf(unit.id), rows };
}
