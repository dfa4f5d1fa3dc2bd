import type { Prisma } from '@toandan/db/client';
import { counterWrites } from '@toandan/db/counters';
import { db } from '@toandan/db/db';
import { vnDay } from '@toandan/shared/vnDay';
import type { Auth } from '../auth/authenticate.ts';
import { manages, outOfScope } from '../auth/managedUnits.ts';
import type { BulkResult } from '../campaigns/setTargets.ts';
import { boardKey, pubsub } from '../pubsub.ts';
import { notFound, type UserError, userError, viDay } from '../userErrors.ts';
import { TREE_LOCK_KEY } from './chains.ts';

/** One row of a reorganisation: exactly one of a move, a merge and a dissolution. */
export interface ReorganisationRow {
  unitCode: string;
  newParentCode?: string | null;
  mergeIntoCode?: string | null;
  dissolve?: boolean | null;
}

/**
 * The longest a reorganisation may hold the tree's lock, and so the longest pause a submission
 * may see on its account: past it the transaction is rolled back whole.
 */
export const MAX_HOLD_MS = 60_000;

/** A whole national reform fits: 63 provinces, some 700 districts and 10,000 communes. */
export const MAX_REORGANISATION_ROWS = 20_000;

interface TreeUnit {
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

const left = (unit: TreeUnit) => unit.mergedIntoId !== null || unit.dissolvedOn !== null;
const sameChain = (a: number[], b: number[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * Applies a reorganisation (API.md, "Reorganisation"): moves (`newParentCode`), merges
 * (`mergeIntoCode`) and dissolutions (`dissolve`) of any number of units, all or none, taking
 * effect at `effectiveOn`'s midnight in Viet Nam. Every row is checked first and every bad row
 * reported by index and field. What it writes (docs/design.md, "Counters and the tree's
 * history"): the places that end (UnitPlacement) and the new ones (the unit rows, from
 * `effectiveOn`); the opening balances of the blocks that change place (CarriedCount, from one
 * aggregate read of the blocks' own counters), and, for a day already counted on or after
 * `effectiveOn` (today, or a past day through mergeUnit), those days' counters moved from the
 * old chain to the new; the targets, explicit daily goals and plans of the campaigns and years
 * still running moved with their units (TargetChange and PlanChange keep what a board or a report of a day before shows);
 * the officers of merged units under their successors. It never rewrites a counter of a day
 * before `effectiveOn`.
 *
 * Concurrency: it holds the tree's advisory lock exclusively (no table lock) from its first read
 * of the tree to its commit; every counter writer checks under the same lock, shared, that the
 * tree it computed its chains from is the one in force (toandan_tree_guard), and computes them
 * again if not. So a submission waits at most for this transaction, whose work is proportional
 * to what moved, never to the history; no writer holds a counter row while it waits.
 */
export async function applyReorganisation(
  effectiveOn: string,
  rows: ReorganisationRow[],
  options: { allowPast?: boolean; now?: Date; auth?: Pick<Auth, 'unitId' | 'unitCode'> | null } = {},
): Promise<BulkResult & { boardsReset: number }> {
  const today = vnDay.of(options.now ?? new Date());
  const refused = (userErrors: UserError[]) => ({ applied: 0, userErrors, boardsReset: 0 });
  if (rows.length === 0)
    return refused([
      userError(['rows'], 'INVALID', {
        vi: 'Danh sách sắp xếp lại đơn vị không có dòng nào.',
        en: 'The reorganisation has no rows.',
      }),
    ]);
  if (rows.length > MAX_REORGANISATION_ROWS)
    return refused([
      userError(['rows'], 'INVALID', {
        vi: `Một lần sắp xếp lại có nhiều nhất ${MAX_REORGANISATION_ROWS} dòng.`,
        en: `A reorganisation has at most ${MAX_REORGANISATION_ROWS} rows.`,
      }),
    ]);
  if (!options.allowPast && effectiveOn < today)
    return refused([
      userError(['effectiveOn'], 'INVALID', {
        vi: `Ngày có hiệu lực ${viDay(effectiveOn)} đã qua: việc sắp xếp lại có hiệu lực từ hôm nay (${viDay(today)}) trở đi.`,
        en: `effectiveOn ${effectiveOn} is in the past: a reorganisation takes effect today (${today}) or later.`,
      }),
    ]);

  const E = vnDay.toDateColumn(effectiveOn);
  let reset: [string, number, number][] = [];
  const result = await db.$transaction(
    async (tx) => {
      // Every counter writer waits here from now to the commit (toandan_tree_guard).
      await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock($1::bigint)::text`, TREE_LOCK_KEY);
      const units: TreeUnit[] = await tx.unit.findMany({
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
      const checked = check(units, rows, effectiveOn, options.auth ?? null);
      if ('userErrors' in checked) return checked;
      const plan = planChanges(units, checked);
      await writeTree(tx, plan, checked, E);
      await writeCounters(tx, plan, E);
      await rebaseTargets(tx, plan, E, effectiveOn);
      if (checked.merges.size > 0) {
        const merged = [...checked.merges.keys()];
        await tx.$executeRawUnsafe(
          `UPDATE "Officer" o SET "unitId" = m.successor FROM unnest($1::int[], $2::int[]) AS m(id, successor) WHERE o."unitId" = m.id`,
          merged,
          merged.map((id) => checked.merges.get(id) as number),
        );
      }
      await tx.$executeRawUnsafe(`UPDATE "TreeVersion" SET "version" = "version" + 1`);
      reset = await resetBoards(tx, plan, E);
      return { applied: rows.length, userErrors: [] as UserError[] };
    },
    // The bound of the pause that submissions see: a reorganisation that holds the tree longer
    // is rolled back whole (nothing applied) and submissions go on; split it by regions.
    { timeout: MAX_HOLD_MS, maxWait: 60_000 },
  );
  if (result.userErrors.length > 0) return refused(result.userErrors);
  // Each board whose tree changed skips a number: its clients see the gap and refetch, once.
  for (const [campaignId, unitId, sequence] of reset)
    pubsub.publish('board:updated', boardKey(campaignId, unitId), {
      sequence,
      committedAt: Date.now(),
      changes: [],
    });
  return { ...result, boardsReset: reset.length };
}

interface Checked {
  moves: Map<number, number>;
  merges: Map<number, number>;
  dissolved: Set<number>;
}

/** Every row against the tree as it stands, every bad one reported: nothing is written on any. */
function check(
  units: TreeUnit[],
  rows: ReorganisationRow[],
  effectiveOn: string,
  auth: Pick<Auth, 'unitId' | 'unitCode'> | null,
): Checked | { userErrors: UserError[]; applied: 0 } {
  const byCode = new Map(units.map((unit) => [unit.code, unit]));
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const errors: UserError[] = [];
  const field = (index: number, name: string) => ['rows', String(index), name];
  const latest = units
    .flatMap((unit) => [unit.placedOn, unit.mergedOn, unit.dissolvedOn])
    .filter((day): day is Date => day !== null)
    .map((day) => vnDay.fromDateColumn(day))
    .reduce((a, b) => (a > b ? a : b), '');
  if (latest > effectiveOn)
    errors.push(
      userError(['effectiveOn'], 'INVALID', {
        vi: `Cây đơn vị đã có thay đổi từ ngày ${viDay(latest)}: ngày có hiệu lực không được trước ngày đó.`,
        en: `The tree already changes on ${latest}: a reorganisation cannot take effect before that.`,
      }),
    );
  const seen = new Map<string, number>();
  const moves = new Map<number, number>();
  const merges = new Map<number, number>();
  const dissolved = new Set<number>();
  const leaving = new Set<string>();
  for (const row of rows) {
    if (row.mergeIntoCode || row.dissolve) leaving.add(row.unitCode.trim());
  }
  rows.forEach((row, index) => {
    const code = row.unitCode.trim();
    const unit = byCode.get(code);
    const actions = [
      row.newParentCode ? 'newParentCode' : null,
      row.mergeIntoCode ? 'mergeIntoCode' : null,
      row.dissolve ? 'dissolve' : null,
    ].filter((action): action is string => action !== null);
    if (!unit) {
      errors.push(userError(field(index, 'unitCode'), 'NOT_FOUND', notFound.unit(code)));
    } else if (seen.has(code)) {
      errors.push(
        userError(field(index, 'unitCode'), 'INVALID', {
          vi: `Đơn vị ${code} đã có ở dòng ${(seen.get(code) as number) + 1}: mỗi đơn vị chỉ ở một dòng.`,
          en: `Unit ${code} is on row ${seen.get(code)} already: one row per unit.`,
        }),
      );
    } else if (unit.mergedIntoId !== null) {
      errors.push(
        userError(field(index, 'unitCode'), 'INVALID', {
          vi: `Đơn vị ${unit.code} đã được sáp nhập từ trước.`,
          en: `Unit ${unit.code} was merged already.`,
        }),
      );
    } else if (unit.dissolvedOn !== null) {
      errors.push(
        userError(field(index, 'unitCode'), 'INVALID', {
          vi: `Đơn vị ${unit.code} đã giải thể từ trước.`,
          en: `Unit ${unit.code} was dissolved already.`,
        }),
      );
    } else if (!manages(auth, unit, 'below')) {
      errors.push(outOfScope(field(index, 'unitCode'), auth, unit, 'below'));
    } else if (unit.depth === 0) {
      errors.push(
        userError(field(index, 'unitCode'), 'INVALID', {
          vi: 'Không thể sáp nhập cấp toàn quốc.',
          en: 'The nation cannot be merged.',
        }),
      );
    }
    seen.set(code, seen.get(code) ?? index);
    if (actions.length !== 1) {
      errors.push(
        userError(field(index, actions[1] ?? 'newParentCode'), 'INVALID', {
          vi: `Dòng ${index + 1} (${code}) phải có đúng một trong ba việc: chuyển sang đơn vị cấp trên mới (newParentCode), sáp nhập (mergeIntoCode) hoặc giải thể (dissolve).`,
          en: `Row ${index + 1} (${code}) must have exactly one of newParentCode, mergeIntoCode and dissolve.`,
        }),
      );
      return;
    }
    if (!unit) return;
    const targetField = actions[0] as string;
    if (targetField === 'dissolve') {
      dissolved.add(unit.id);
      return;
    }
    const targetCode =
      (targetField === 'newParentCode' ? row.newParentCode : row.mergeIntoCode)?.trim() ?? '';
    const target = byCode.get(targetCode);
    if (!target) {
      errors.push(userError(field(index, targetField), 'NOT_FOUND', notFound.unit(targetCode)));
      return;
    }
    if (!manages(auth, target, 'subtree')) {
      errors.push(outOfScope(field(index, targetField), auth, target, 'subtree'));
      return;
    }
    if (target.id === unit.id) {
      errors.push(
        userError(field(index, targetField), 'INVALID', {
          vi:
            targetField === 'mergeIntoCode'
              ? `Không sáp nhập được đơn vị ${unit.code} vào chính nó.`
              : `Không chuyển được đơn vị ${unit.code} vào dưới chính nó.`,
          en: `Unit ${unit.code} cannot be put into itself.`,
        }),
      );
      return;
    }
    if (targetField === 'mergeIntoCode' && target.ancestorIds.includes(unit.id)) {
      errors.push(
        userError(field(index, targetField), 'INVALID', {
          vi: `Không sáp nhập được ${unit.code} vào ${target.code}: ${target.code} nằm trong ${unit.code}.`,
          en: `Unit ${target.code} is ${unit.code} or lies inside it.`,
        }),
      );
      return;
    }
    if (target.mergedIntoId !== null || target.dissolvedOn !== null || leaving.has(target.code)) {
      errors.push(
        userError(field(index, targetField), 'INVALID', {
          vi:
            target.mergedIntoId !== null
              ? `Đơn vị ${target.code} cũng đã sáp nhập vào đơn vị khác.`
              : `Đơn vị ${target.code} đã hoặc sẽ thôi tồn tại (sáp nhập, giải thể): hãy chọn đơn vị còn lại sau sắp xếp.`,
          en: `Unit ${target.code} was or is being merged away or dissolved.`,
        }),
      );
      return;
    }
    (targetField === 'mergeIntoCode' ? merges : moves).set(unit.id, target.id);
  });
  // A dissolved unit's children must all leave it in the same call.
  rows.forEach((row, index) => {
    const unit = byCode.get(row.unitCode.trim());
    if (!unit || !dissolved.has(unit.id)) return;
    const staying = units.filter(
      (child) =>
        child.parentId === unit.id &&
        !left(child) &&
        !moves.has(child.id) &&
        !merges.has(child.id) &&
        !dissolved.has(child.id),
    );
    if (staying.length > 0)
      errors.push(
        userError(field(index, 'dissolve'), 'INVALID', {
          vi: `Chỉ giải thể được ${unit.code} khi mọi đơn vị trực thuộc cùng chuyển đi trong lần này; còn ở lại: ${staying.map((child) => child.code).join(', ')}.`,
          en: `Unit ${unit.code} can be dissolved only when all its children move out in the same call; staying: ${staying.map((child) => child.code).join(', ')}.`,
        }),
      );
  });
  // No cycle once everything is applied (of the rows that are right otherwise).
  {
    const parentOf = newParents(units, { moves, merges, dissolved });
    rows.forEach((row, index) => {
      const unit = byCode.get(row.unitCode.trim());
      if (!unit) return;
      const path = new Set<number>([unit.id]);
      for (let at = parentOf.get(unit.id); at !== undefined && at !== null; at = parentOf.get(at)) {
        if (path.has(at)) {
          errors.push(
            userError(field(index, row.mergeIntoCode ? 'mergeIntoCode' : 'newParentCode'), 'INVALID', {
              vi: `Sau khi sắp xếp, ${unit.code} sẽ nằm dưới chính nó (qua ${byId.get(at)?.code}): cây đơn vị không được có vòng.`,
              en: `After the reorganisation ${unit.code} would lie below itself (through ${byId.get(at)?.code}).`,
            }),
          );
          return;
        }
        path.add(at);
      }
    });
  }
  if (errors.length > 0) return { userErrors: errors, applied: 0 };
  return { moves, merges, dissolved };
}

/** Each unit's parent once the rows apply: a merged unit's unlisted children follow its successor. */
function newParents(units: TreeUnit[], checked: Checked): Map<number, number | null> {
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

interface Plan {
  byId: Map<number, TreeUnit>;
  /** Units whose chain changes, with the new one. */
  changed: Map<number, number[]>;
  /** Units whose parent changes: the roots of the blocks that move. */
  roots: number[];
  /** Each root's nearest root above it in the old tree, if any. */
  rootAbove: Map<number, number>;
}

function planChanges(units: TreeUnit[], checked: Checked): Plan {
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

async function writeTree(tx: Tx, plan: Plan, checked: Checked, E: Date): Promise<void> {
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
function shifts(plan: Plan, root: number): [number, number][] {
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
      officers: `SELECT NULL::text AS "campaignId", NULL::int AS "officerId", NULL::"Scheme" AS scheme, 0 AS "count" WHERE false`,
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

/**
 * The boards whose tree changed (the moved units, their old and new ancestors, the successors)
 * of every campaign not closed skip one sequence number: their clients see a gap and refetch.
 */
async function resetBoards(tx: Tx, plan: Plan, E: Date): Promise<[string, number, number][]> {
  const units = new Set<number>();
  for (const root of plan.roots) {
    units.add(root);
    for (const [id] of shifts(plan, root)) units.add(id);
    const parent = plan.changed.get(root)?.at(-1);
    if (parent !== undefined) units.add(parent);
    const old = plan.byId.get(root)?.parentId;
    if (old !== null && old !== undefined) units.add(old);
  }
  if (units.size === 0) return [];
  const rows = await tx.$queryRawUnsafe<{ row: [string, number, number] }[]>(
    `WITH floor AS (SELECT COALESCE(max("floor"), 0) AS lowest FROM "LiveSequenceFloor")
     INSERT INTO "BoardSequence" ("campaignId", "unitId", "sequence")
     SELECT c.id, u, floor.lowest + 2 FROM floor, "Campaign" c, unnest($1::int[]) AS u
     WHERE c."closedAt" IS NULL AND c."endsOn" + c."graceDays" >= $2::date - 1
     ORDER BY 1, 2
     ON CONFLICT ("campaignId", "unitId") DO UPDATE SET "sequence" = GREATEST("BoardSequence"."sequence", EXCLUDED."sequence" - 2) + 2
     RETURNING json_build_array("campaignId", "unitId", "sequence") AS row`,
    [...units],
    E,
  );
  return rows.map(({ row }) => row);
}
