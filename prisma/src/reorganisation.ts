import { vnDay } from '@toandan/shared/vnDay';
import type { Prisma } from '../generated/prisma/client.ts';
import { counterWrites } from './counters.ts';

/** A unit as a reorganisation reads the tree: its place and whether it left. */
export interface TreeUnit {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
  ancestorIds: number[];
  depth: number;
  placedOn: Date | null;
  mergedIntoId: number | null;
  mergedOn: Date | null;
  dissolvedOn: Date | null;
}

type Tx = Prisma.TransactionClient;

/** Merged away or dissolved: no longer in the tree of today. */
export const left = (unit: TreeUnit) => unit.mergedIntoId !== null || unit.dissolvedOn !== null;
const sameChain = (a: number[], b: number[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/** What a reorganisation changes, by unit id, once its rows are checked. */
export interface TreeChanges {
  /** Unit → its new parent. */
  moves: Map<number, number>;
  /** Unit → its successor. */
  merges: Map<number, number>;
  dissolved: Set<number>;
}

/** The whole tree as a reorganisation reads it: one statement. */
export function readTree(tx: Tx): Promise<TreeUnit[]> {
  return tx.unit.findMany({
    select: {
      id: true,
      code: true,
      name: true,
      parentId: true,
      ancestorIds: true,
      depth: true,
      placedOn: true,
      mergedIntoId: true,
      mergedOn: true,
      dissolvedOn: true,
    },
  });
}

/**
 * Writes a checked reorganisation taking effect at `effectiveOn`'s midnight in Viet Nam
 * (docs/design.md, "Counters and the tree's history"): the places that end (UnitPlacement) and
 * the new ones (the unit rows, from `effectiveOn`); the opening balances of the blocks that
 * change place (CarriedCount, from one aggregate read of the blocks' own counters), and, for a
 * day already counted on or after `effectiveOn` (today, or a past day through mergeUnit or the
 * demo's 2025 reform), those days' counters moved from the old chain to the new; the targets,
 * explicit daily goals and plans of the campaigns and years still running moved with their units
 * (TargetChange and PlanChange keep what a board or a report of a day before shows); the
 * officers of merged units under their successors; and the tree's version raised, so counter
 * writers compute their chains again. It never rewrites a counter of a day before
 * `effectiveOn`. The one writer of a reorganisation: applyReorganisation (server/src/units/
 * reorganise.ts) checks the rows and holds the tree's lock around it; the demo's seed, alone on
 * its database, writes the reform of 1 July 2025 with it.
 */
export async function writeReorganisation(
  tx: Tx,
  units: TreeUnit[],
  changes: TreeChanges,
  effectiveOn: string,
): Promise<Plan> {
  const E = vnDay.toDateColumn(effectiveOn);
  const plan = planChanges(units, changes);
  await writeTree(tx, plan, changes, E);
  await writeCounters(tx, plan, E);
  await rebaseTargets(tx, plan, E, effectiveOn);
  if (changes.merges.size > 0) {
    const merged = [...changes.merges.keys()];
    await tx.$executeRawUnsafe(
      `UPDATE "Officer" o SET "unitId" = m.successor FROM unnest($1::int[], $2::int[]) AS m(id, successor) WHERE o."unitId" = m.id`,
      merged,
      merged.map((id) => changes.merges.get(id) as number),
    );
  }
  await tx.$executeRawUnsafe(`UPDATE "TreeVersion" SET "version" = "version" + 1`);
  return plan;
}

/** Each unit's parent once the rows apply: a merged unit's unlisted children follow its successor. */
export function newParents(units: TreeUnit[], checked: TreeChanges): Map<number, number | null> {
  const parentOf = new Map(units.map((unit) => [unit.id, unit.parentId]));
  for (const [id, parent] of checked.moves) parentOf.set(id, parent);
  for (const [id, into] of checked.merges) parentOf.set(id, into);
  for (const unit of units) {
    if (unit.parentId === null || left(unit)) continue;
    const into = checked.merges.get(unit.parentId);
    if (into !== undefined && !checked.moves.has(unit.id) && !checked.merges.has(unit.id))
      parentOf.set(unit.id, into);
  }
  return parentOf;
}

export interface Plan {
  byId: Map<number, TreeUnit>;
  /** Units whose chain changes, with the new one. */
  changed: Map<number, number[]>;
  /** Units whose parent changes: the roots of the blocks that move. */
  roots: number[];
  /** Each root's nearest root above it in the old tree, if any. */
  rootAbove: Map<number, number>;
}

function planChanges(units: TreeUnit[], checked: TreeChanges): Plan {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const parentOf = newParents(units, checked);
  const chains = new Map<number, number[]>();
  const chainOf = (id: number): number[] => {
    const known = chains.get(id);
    if (known) return known;
    const parent = parentOf.get(id) ?? null;
    const chain = parent === null ? [] : [...chainOf(parent), parent];
    chains.set(id, chain);
    return chain;
  };
  const changed = new Map<number, number[]>();
  const roots: number[] = [];
  for (const unit of units) {
    const chain = chainOf(unit.id);
    if (!sameChain(chain, unit.ancestorIds)) changed.set(unit.id, chain);
    if ((parentOf.get(unit.id) ?? null) !== unit.parentId) roots.push(unit.id);
  }
  const rootSet = new Set(roots);
  const rootAbove = new Map<number, number>();
  for (const id of roots) {
    const above = [...(byId.get(id) as TreeUnit).ancestorIds]
      .reverse()
      .find((ancestor) => rootSet.has(ancestor));
    if (above !== undefined) rootAbove.set(id, above);
  }
  return { byId, changed, roots, rootAbove };
}

async function writeTree(tx: Tx, plan: Plan, checked: TreeChanges, E: Date): Promise<void> {
  const changed = [...plan.changed.keys()].map((id) => plan.byId.get(id) as TreeUnit);
  // A place that began on this day itself (two changes on one day) held no day: none kept.
  const ended = changed.filter((unit) => !unit.placedOn || unit.placedOn.getTime() < E.getTime());
  if (ended.length > 0)
    await tx.unitPlacement.createMany({
      data: ended.map((unit) => ({
        unitId: unit.id,
        parentId: unit.parentId,
        ancestorIds: unit.ancestorIds,
        fromDay: unit.placedOn,
        untilDay: E,
      })),
    });
  if (changed.length > 0)
    await tx.$executeRawUnsafe(
      `UPDATE "Unit" u SET "parentId" = t.parent, "ancestorIds" = t.chain::int[], "depth" = cardinality(t.chain::int[]),
         "placedOn" = $4::date
       FROM unnest($1::int[], $2::int[], $3::text[]) AS t(id, parent, chain) WHERE u.id = t.id`,
      changed.map((unit) => unit.id),
      changed.map((unit) => (plan.changed.get(unit.id) as number[]).at(-1) ?? null),
      changed.map((unit) => `{${(plan.changed.get(unit.id) as number[]).join(',')}}`),
      E,
    );
  if (checked.merges.size > 0)
    await tx.$executeRawUnsafe(
      `UPDATE "Unit" u SET "mergedIntoId" = t.successor, "mergedOn" = $3::date FROM unnest($1::int[], $2::int[]) AS t(id, successor) WHERE u.id = t.id`,
      [...checked.merges.keys()],
      [...checked.merges.values()],
      E,
    );
  if (checked.dissolved.size > 0)
    await tx.$executeRawUnsafe(
      `UPDATE "Unit" SET "dissolvedOn" = $2::date WHERE id = ANY($1::int[])`,
      [...checked.dissolved],
      E,
    );
}

/**
 * What each block (a root and what moves with it, less the roots below it) holds, from what its
 * root holds, per key: the roots' own sums overlap exactly by the roots below them.
 */
function blockAmounts(plan: Plan, held: Map<number, Map<string, number>>): Map<number, Map<string, number>> {
  const blocks = new Map<number, Map<string, number>>();
  for (const root of plan.roots) blocks.set(root, new Map(held.get(root) ?? []));
  for (const [root, above] of plan.rootAbove) {
    const block = blocks.get(above) as Map<string, number>;
    for (const [key, amount] of held.get(root) ?? []) block.set(key, (block.get(key) ?? 0) - amount);
  }
  return blocks;
}

/** The ancestors a block joins (+1) and leaves (−1). */
export function shifts(plan: Plan, root: number): [number, number][] {
  const before = (plan.byId.get(root) as TreeUnit).ancestorIds;
  const after = plan.changed.get(root) ?? before;
  return [
    ...after.filter((id) => !before.includes(id)).map((id) => [id, 1] as [number, number]),
    ...before.filter((id) => !after.includes(id)).map((id) => [id, -1] as [number, number]),
  ];
}

const grouped = <Row>(
  rows: Row[],
  unitOf: (row: Row) => number,
  keyOf: (row: Row) => string,
  amountOf: (row: Row) => number,
) => {
  const held = new Map<number, Map<string, number>>();
  for (const row of rows) {
    const of = held.get(unitOf(row)) ?? new Map<string, number>();
    of.set(keyOf(row), (of.get(keyOf(row)) ?? 0) + amountOf(row));
    held.set(unitOf(row), of);
  }
  return held;
};

/** For each block's key and amount, the changes to the ancestors it joins and leaves. */
function spread(plan: Plan, blocks: Map<number, Map<string, number>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [root, amounts] of blocks) {
    for (const [unitId, sign] of shifts(plan, root)) {
      for (const [key, amount] of amounts) {
        if (amount === 0) continue;
        const at = `${unitId}|${key}`;
        out.set(at, (out.get(at) ?? 0) + sign * amount);
      }
    }
  }
  return out;
}

async function writeCounters(tx: Tx, plan: Plan, E: Date): Promise<void> {
  if (plan.roots.length === 0) return;
  // The blocks' cumulatives before E (their roots' own rows: primary-key ranges), and what they
  // counted on E and after (today's, or the past days' of a merge dated back).
  const before = await tx.$queryRawUnsafe<
    { campaignId: string; unitId: number; scheme: string; kind: string; n: number }[]
  >(
    // kind n: NEW enrolments ("count"), r: renewals ("renewed"), moved alike.
    `SELECT "campaignId", "unitId", scheme::text AS scheme, kind, sum(n)::int AS n FROM (
       SELECT "campaignId", "unitId", scheme, k.kind, k.n FROM "DailyCount",
         LATERAL (VALUES ('n', "count"), ('r', "renewed")) AS k(kind, n)
       WHERE "unitId" = ANY($1::int[]) AND day < $2::date
       UNION ALL
       SELECT "campaignId", "unitId", scheme, k.kind, k.n FROM "CarriedCount",
         LATERAL (VALUES ('n', "count"), ('r', "renewed")) AS k(kind, n)
       WHERE "unitId" = ANY($1::int[]) AND "fromDay" <= $2::date
     ) x GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0`,
    plan.roots,
    E,
  );
  const after = await tx.$queryRawUnsafe<
    { campaignId: string; unitId: number; scheme: string; day: string; kind: string; n: number }[]
  >(
    `SELECT "campaignId", "unitId", scheme::text AS scheme, to_char(day, 'YYYY-MM-DD') AS day, k.kind, sum(k.n)::int AS n
     FROM "DailyCount", LATERAL (VALUES ('n', "count"), ('r', "renewed")) AS k(kind, n)
     WHERE "unitId" = ANY($1::int[]) AND day >= $2::date GROUP BY 1, 2, 3, 4, 5 HAVING sum(k.n) <> 0`,
    plan.roots,
    E,
  );
  const carried = spread(
    plan,
    blockAmounts(
      plan,
      grouped(
        before,
        (row) => row.unitId,
        (row) => `${row.campaignId}|${row.scheme}|${row.kind}`,
        (row) => Number(row.n),
      ),
    ),
  );
  const daily = spread(
    plan,
    blockAmounts(
      plan,
      grouped(
        after,
        (row) => row.unitId,
        (row) => `${row.campaignId}|${row.scheme}|${row.day}|${row.kind}`,
        (row) => Number(row.n),
      ),
    ),
  );
  // The covers that end unrenewed on E and after are counted on the chain of their end day
  // (CoverEndCount): they move with their block, as the day counters of E and after do.
  const ends = await tx.$queryRawUnsafe<{ unitId: number; scheme: string; day: string; n: number }[]>(
    `SELECT "unitId", scheme::text AS scheme, to_char("endsOn", 'YYYY-MM-DD') AS day, sum("count")::int AS n
     FROM "CoverEndCount" WHERE "unitId" = ANY($1::int[]) AND "endsOn" >= $2::date GROUP BY 1, 2, 3 HAVING sum("count") <> 0`,
    plan.roots,
    E,
  );
  const coverEnds = spread(
    plan,
    blockAmounts(
      plan,
      grouped(
        ends,
        (row) => row.unitId,
        (row) => `${row.scheme}|${row.day}`,
        (row) => Number(row.n),
      ),
    ),
  );
  const split = (map: Map<string, number>) =>
    [...map].filter(([, n]) => n !== 0).map(([key, n]) => [...key.split('|'), n] as const);
  const carriedRows = split(carried);
  const dailyRows = split(daily);
  const coverEndRows = split(coverEnds);
  if (carriedRows.length === 0 && dailyRows.length === 0 && coverEndRows.length === 0) return;
  await tx.$executeRawUnsafe(
    `WITH ${counterWrites({
      daily: `SELECT c AS "campaignId", u AS "unitId", s::"Scheme" AS scheme, d::date AS day, 0 AS slot,
                     CASE WHEN k = 'n' THEN n ELSE 0 END AS "count", CASE WHEN k = 'r' THEN n ELSE 0 END AS "renewed"
              FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::int[], $11::text[]) AS t(c, u, s, d, n, k)`,
      carried: `SELECT c AS "campaignId", u AS "unitId", s::"Scheme" AS scheme, $10::date AS "fromDay",
                       CASE WHEN k = 'n' THEN n ELSE 0 END AS "count", CASE WHEN k = 'r' THEN n ELSE 0 END AS "renewed"
                FROM unnest($6::text[], $7::int[], $8::text[], $9::int[], $12::text[]) AS t(c, u, s, n, k)`,
      coverEnds: `SELECT u AS "unitId", s::"Scheme" AS scheme, d::date AS "endsOn", n AS "count", true AS alone
                  FROM unnest($13::int[], $14::text[], $15::text[], $16::int[]) AS t(u, s, d, n)`,
      officers: `SELECT NULL::text AS "campaignId", NULL::int AS "officerId", NULL::"Scheme" AS scheme, 0 AS "count",
                        0 AS "renewed" WHERE false`,
    })} SELECT 1`,
    dailyRows.map((row) => row[1]),
    dailyRows.map((row) => Number(row[0])),
    dailyRows.map((row) => row[2]),
    dailyRows.map((row) => row[3]),
    dailyRows.map((row) => row[5]),
    carriedRows.map((row) => row[1]),
    carriedRows.map((row) => Number(row[0])),
    carriedRows.map((row) => row[2]),
    carriedRows.map((row) => row[4]),
    E,
    dailyRows.map((row) => row[4]),
    carriedRows.map((row) => row[3]),
    coverEndRows.map((row) => Number(row[0])),
    coverEndRows.map((row) => row[1]),
    coverEndRows.map((row) => row[2]),
    coverEndRows.map((row) => row[3]),
  );
}

/**
 * The targets, explicit daily goals (days from E) and plans (years from E's) of the blocks move
 * with them, for the campaigns not yet ended before E and not closed: so % of plan stays honest,
 * and each level's sums stay their parts'. What the targets gained or lost is kept
 * (TargetChange), so a board of a day before E shows the targets of that day.
 */
async function rebaseTargets(tx: Tx, plan: Plan, E: Date, effectiveOn: string): Promise<void> {
  if (plan.roots.length === 0) return;
  const running = `SELECT id FROM "Campaign" WHERE "endsOn" >= $2::date AND "closedAt" IS NULL`;
  const targets = await tx.$queryRawUnsafe<
    { campaignId: string; unitId: number; scheme: string; target: number }[]
  >(
    `SELECT "campaignId", "unitId", scheme::text AS scheme, target FROM "Target"
     WHERE "unitId" = ANY($1::int[]) AND "campaignId" IN (${running})`,
    plan.roots,
    E,
  );
  const targetRows = [
    ...spread(
      plan,
      blockAmounts(
        plan,
        grouped(
          targets,
          (row) => row.unitId,
          (row) => `${row.campaignId}|${row.scheme}`,
          (row) => row.target,
        ),
      ),
    ),
  ]
    .filter(([, n]) => n !== 0)
    .map(([key, n]) => [...key.split('|'), n] as const);
  if (targetRows.length > 0) {
    const args = [
      targetRows.map((row) => row[1]),
      targetRows.map((row) => Number(row[0])),
      targetRows.map((row) => row[2]),
      targetRows.map((row) => row[3]),
    ];
    await tx.$executeRawUnsafe(
      `INSERT INTO "Target" ("campaignId", "unitId", scheme, target)
       SELECT c, u, s::"Scheme", n FROM unnest($1::text[], $2::int[], $3::text[], $4::int[]) AS t(c, u, s, n)
       ORDER BY 1, 2, 3
       ON CONFLICT ("campaignId", "unitId", scheme) DO UPDATE SET target = "Target".target + EXCLUDED.target`,
      ...args,
    );
    await tx.$executeRawUnsafe(
      `INSERT INTO "TargetChange" ("campaignId", "unitId", scheme, "fromDay", delta)
       SELECT c, u, s::"Scheme", $5::date, n FROM unnest($1::text[], $2::int[], $3::text[], $4::int[]) AS t(c, u, s, n)
       ON CONFLICT ("campaignId", "unitId", scheme, "fromDay") DO UPDATE SET delta = "TargetChange".delta + EXCLUDED.delta`,
      ...args,
      E,
    );
  }
  // Explicit daily goals: only where the ancestor has one of its own that day (elsewhere its
  // goal is derived from the target and the counts, which moved already).
  const goals = await tx.$queryRawUnsafe<
    { campaignId: string; unitId: number; scheme: string; day: string; goal: number }[]
  >(
    `SELECT "campaignId", "unitId", scheme::text AS scheme, to_char(day, 'YYYY-MM-DD') AS day, goal FROM "DailyGoal"
     WHERE "unitId" = ANY($1::int[]) AND day >= $2::date AND "campaignId" IN (${running})`,
    plan.roots,
    E,
  );
  const goalRows = [
    ...spread(
      plan,
      blockAmounts(
        plan,
        grouped(
          goals,
          (row) => row.unitId,
          (row) => `${row.campaignId}|${row.scheme}|${row.day}`,
          (row) => row.goal,
        ),
      ),
    ),
  ].map(([key, n]) => [...key.split('|'), n] as const);
  if (goalRows.length > 0)
    await tx.$executeRawUnsafe(
      `UPDATE "DailyGoal" g SET goal = GREATEST(0, g.goal + t.n)
       FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::int[]) AS t(c, u, s, d, n)
       WHERE g."campaignId" = t.c AND g."unitId" = t.u AND g.scheme = t.s::"Scheme" AND g.day = t.d::date`,
      goalRows.map((row) => row[1]),
      goalRows.map((row) => Number(row[0])),
      goalRows.map((row) => row[2]),
      goalRows.map((row) => row[3]),
      goalRows.map((row) => row[4]),
    );
  // The year's plans, where the ancestor has one.
  const plans = await tx.$queryRawUnsafe<
    { unitId: number; year: number; indicator: string; planned: number }[]
  >(
    `SELECT "unitId", year, indicator::text AS indicator, planned FROM "Plan"
     WHERE "unitId" = ANY($1::int[]) AND year >= $2::int AND planned IS NOT NULL`,
    plan.roots,
    Number(effectiveOn.slice(0, 4)),
  );
  const planRows = [
    ...spread(
      plan,
      blockAmounts(
        plan,
        grouped(
          plans,
          (row) => row.unitId,
          (row) => `${row.year}|${row.indicator}`,
          (row) => row.planned,
        ),
      ),
    ),
  ].map(([key, n]) => [...key.split('|'), n] as const);
  if (planRows.length > 0)
    await tx.$executeRawUnsafe(
      `WITH changed AS (
         UPDATE "Plan" p SET planned = p.planned + t.n
         FROM unnest($1::int[], $2::int[], $3::text[], $4::int[]) AS t(u, y, i, n)
         WHERE p."unitId" = t.u AND p.year = t.y AND p.indicator = t.i::"Indicator" AND p.planned IS NOT NULL AND t.n <> 0
         RETURNING p."unitId", p.year, p.indicator, t.n
       )
       INSERT INTO "PlanChange" ("unitId", year, indicator, "fromDay", delta)
       SELECT "unitId", year, indicator, $5::date, n FROM changed
       ON CONFLICT ("unitId", year, indicator, "fromDay") DO UPDATE SET delta = "PlanChange".delta + EXCLUDED.delta`,
      planRows.map((row) => Number(row[0])),
      planRows.map((row) => Number(row[1])),
      planRows.map((row) => row[2]),
      planRows.map((row) => row[3]),
      E,
    );
}
