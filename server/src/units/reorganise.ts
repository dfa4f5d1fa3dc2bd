import type { Prisma } from '@toandan/db/client';
import { db } from '@toandan/db/db';
import {
  left,
  newParents,
  type Plan,
  readTree,
  shifts,
  type TreeChanges,
  type TreeUnit,
  writeReorganisation,
} from '@toandan/db/reorganisation';
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

/**
 * Applies a reorganisation (API.md, "Reorganisation"): moves (`newParentCode`), merges
 * (`mergeIntoCode`) and dissolutions (`dissolve`) of any number of units, all or none, taking
 * effect at `effectiveOn`'s midnight in Viet Nam. Every row is checked first and every bad row
 * reported by index and field; what it writes is writeReorganisation's (@toandan/db/reorganisation).
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
      const units = await readTree(tx);
      const checked = check(units, rows, effectiveOn, options.auth ?? null);
      if ('userErrors' in checked) return checked;
      const plan = await writeReorganisation(tx, units, checked, effectiveOn);
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

/** Every row against the tree as it stands, every bad one reported: nothing is written on any. */
function check(
  units: TreeUnit[],
  rows: ReorganisationRow[],
  effectiveOn: string,
  auth: Pick<Auth, 'unitId' | 'unitCode'> | null,
): TreeChanges | { userErrors: UserError[]; applied: 0 } {
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

/**
 * The boards whose tree changed (the moved units, their old and new ancestors, the successors)
 * of every campaign not closed skip one sequence number: their clients see a gap and refetch.
 */
async function resetBoards(
  tx: Prisma.TransactionClient,
  plan: Plan,
  E: Date,
): Promise<[string, number, number][]> {
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
