import type { Unit, UnitKind } from '@toandan/db/client';
import { rebuildCounters } from '@toandan/db/counters';
import { database, db } from '@toandan/db/db';
import { vnDay } from '@toandan/shared/vnDay';
import type { Auth } from '../auth/authenticate.ts';
import { manages, outOfScope } from '../auth/managedUnits.ts';
import { notFound, type UserError, userError, viDay } from '../userErrors.ts';
import { rebuildDayTreeAdjustments } from './dayTreeCounts.ts';
import { isWithin } from './isWithin.ts';

export interface UnitResult {
  unit: Unit | null;
  userErrors: UserError[];
}

const CODE_PATTERN = /^[0-9A-Za-z-]{1,20}$/;

export async function addUnit(
  input: {
    code: string;
    name: string;
    kind: UnitKind;
    parentCode: string;
  },
  auth: Auth | null,
): Promise<UnitResult> {
  const code = input.code.trim();
  const name = input.name.normalize('NFC').trim().replace(/\s+/g, ' ');
  const errors: UserError[] = [];
  if (!CODE_PATTERN.test(code))
    errors.push(
      userError(['input', 'code'], 'INVALID', {
        vi: 'Mã đơn vị có từ 1 đến 20 ký tự: chữ cái không dấu, chữ số và dấu gạch nối.',
        en: 'A code has 1 to 20 letters, digits and hyphens.',
      }),
    );
  if (!name || name.length > 120)
    errors.push(
      userError(['input', 'name'], 'INVALID', {
        vi: 'Tên đơn vị phải có từ 1 đến 120 ký tự.',
        en: 'The name must have 1 to 120 characters.',
      }),
    );
  const [parent, taken] = await Promise.all([
    db.unit.findUnique({ where: { code: input.parentCode.trim() } }),
    db.unit.findUnique({ where: { code }, select: { id: true } }),
  ]);
  if (taken)
    errors.push(
      userError(['input', 'code'], 'INVALID', {
        vi: `Đã có đơn vị mang mã "${code}".`,
        en: `A unit with the code "${code}" exists already.`,
      }),
    );
  if (!parent) errors.push(userError(['input', 'parentCode'], 'NOT_FOUND', notFound.unit(input.parentCode)));
  else if (!manages(auth, parent, 'subtree'))
    errors.push(outOfScope(['input', 'parentCode'], auth, parent, 'subtree'));
  else if (parent.mergedIntoId)
    errors.push(
      userError(['input', 'parentCode'], 'INVALID', {
        vi: `Đơn vị ${parent.code} đã sáp nhập vào đơn vị khác: hãy thêm vào đơn vị nhận sáp nhập.`,
        en: `Unit ${parent.code} was merged away; add under its successor.`,
      }),
    );
  if (errors.length > 0 || !parent) return { unit: null, userErrors: errors };
  const unit = await db.unit.create({
    data: {
      code,
      name,
      kind: input.kind,
      parentId: parent.id,
      ancestorIds: [...parent.ancestorIds, parent.id],
      depth: parent.depth + 1,
    },
  });
  return { unit, userErrors: [] };
}

/**
 * Merges unit X into unit Y from `effectiveOn` (the 2025 reorganisation merged communes and
 * abolished districts). In one transaction:
 * 1. X's place in the tree, and that of every unit below it, is kept as it stood until the day
 *    before `effectiveOn` (UnitPlacement), so the tree as it stood on a day before the merge
 *    (Unit.children(asOf), the briefing report's rows) still has X with its children;
 * 2. X's children move under Y from `effectiveOn`, and every unit below them gets its new
 *    ancestors; X itself goes under Y, marked merged: boards no longer list it, its history rolls
 *    up into Y and Y's ancestors, and submissions to it from `effectiveOn` are refused;
 * 3. every campaign's counters are rebuilt from the enrolments, so that they equal a recount
 *    under the new tree, and the differences from a recount under the tree of each enrolment's
 *    own day are kept beside them (DailyCountAdjustment: what the report adds back, so that a
 *    merged unit's figures before its merge stay its own). Merges are rare; a rebuild is simpler
 *    and surer than moving sums. docs/design.md, "Counters and the tree's history", says what
 *    the reorganisation of thousands of units in one call does instead.
 */
export async function mergeUnit(
  input: {
    code: string;
    intoCode: string;
    effectiveOn: string;
  },
  auth: Auth | null,
): Promise<UnitResult> {
  const [unit, successor] = await Promise.all([
    db.unit.findUnique({ where: { code: input.code.trim() } }),
    db.unit.findUnique({ where: { code: input.intoCode.trim() } }),
  ]);
  const errors: UserError[] = [];
  if (!unit) errors.push(userError(['input', 'code'], 'NOT_FOUND', notFound.unit(input.code)));
  if (!successor) errors.push(userError(['input', 'intoCode'], 'NOT_FOUND', notFound.unit(input.intoCode)));
  // A scoped command centre merges the units below its own, never its own unit away.
  for (const [field, placed] of [
    ['code', unit],
    ['intoCode', successor],
  ] as const) {
    if (placed && !manages(auth, placed, 'below'))
      errors.push(outOfScope(['input', field], auth, placed, 'below'));
  }
  if (errors.some((error) => error.code === 'OUT_OF_SCOPE')) return { unit: null, userErrors: errors };
  if (unit?.mergedIntoId)
    errors.push(
      userError(['input', 'code'], 'INVALID', {
        vi: `Đơn vị ${unit.code} đã được sáp nhập từ trước.`,
        en: `Unit ${unit.code} was merged already.`,
      }),
    );
  if (successor?.mergedIntoId)
    errors.push(
      userError(['input', 'intoCode'], 'INVALID', {
        vi: `Đơn vị ${successor.code} cũng đã sáp nhập vào đơn vị khác.`,
        en: `Unit ${successor.code} was merged away itself.`,
      }),
    );
  if (unit && successor && isWithin(successor, unit.id)) {
    errors.push(
      userError(['input', 'intoCode'], 'INVALID', {
        vi:
          successor.id === unit.id
            ? `Không sáp nhập được đơn vị ${unit.code} vào chính nó.`
            : `Không sáp nhập được ${unit.code} vào ${successor.code}: ${successor.code} nằm trong ${unit.code}.`,
        en: `Unit ${successor.code} is ${unit.code} or lies inside it.`,
      }),
    );
  }
  if (unit?.depth === 0)
    errors.push(
      userError(['input', 'code'], 'INVALID', {
        vi: 'Không thể sáp nhập cấp toàn quốc.',
        en: 'The nation cannot be merged.',
      }),
    );
  const below = unit ? await db.unit.findMany({ where: { ancestorIds: { has: unit.id } } }) : [];
  const placedLater = [...(unit ? [unit] : []), ...below].find(
    (placed) => placed.placedOn && vnDay.fromDateColumn(placed.placedOn) > input.effectiveOn,
  );
  if (placedLater?.placedOn)
    errors.push(
      userError(['input', 'effectiveOn'], 'INVALID', {
        vi: `Đơn vị ${placedLater.code} đã đổi vị trí trong cây từ ngày ${viDay(vnDay.fromDateColumn(placedLater.placedOn))}: ngày sáp nhập không được trước ngày đó.`,
        en: `Unit ${placedLater.code} changed place in the tree on ${vnDay.fromDateColumn(placedLater.placedOn)}: a merge cannot take effect before that.`,
      }),
    );
  if (errors.length > 0 || !unit || !successor) return { unit: null, userErrors: errors };

  const newBase = [...successor.ancestorIds, successor.id];
  const effectiveOn = vnDay.toDateColumn(input.effectiveOn);
  await db.$transaction(
    async (tx) => {
      // Submissions and voids wait while the counters are rebuilt, which takes their rows in
      // no order (counterWrites, "Lock order"). PGlite has one connection anyway.
      if (database.config.kind === 'postgres')
        await tx.$executeRawUnsafe('LOCK TABLE "DailyCount", "OfficerCount" IN SHARE ROW EXCLUSIVE MODE');
      // A place that began on the merge day itself (two changes on one day) held no day: none kept.
      const ended = [unit, ...below].filter(
        (placed) => !placed.placedOn || placed.placedOn.getTime() < effectiveOn.getTime(),
      );
      await tx.unitPlacement.createMany({
        data: ended.map((placed) => ({
          unitId: placed.id,
          parentId: placed.parentId,
          ancestorIds: placed.ancestorIds,
          fromDay: placed.placedOn,
          untilDay: effectiveOn,
        })),
      });
      const oldBase = [...unit.ancestorIds, unit.id];
      for (const descendant of below) {
        // [..old ancestors, X, child, ...] becomes [..Y's ancestors, Y, child, ...]
        const ancestorIds = [...newBase, ...descendant.ancestorIds.slice(oldBase.length)];
        await tx.unit.update({
          where: { id: descendant.id },
          data: {
            ancestorIds,
            depth: ancestorIds.length,
            placedOn: effectiveOn,
            ...(descendant.parentId === unit.id ? { parentId: successor.id } : {}),
          },
        });
      }
      await tx.unit.update({
        where: { id: unit.id },
        data: {
          parentId: successor.id,
          ancestorIds: newBase,
          depth: newBase.length,
          mergedIntoId: successor.id,
          mergedOn: effectiveOn,
          placedOn: effectiveOn,
        },
      });
      const campaigns = await tx.campaign.findMany({ select: { id: true } });
      for (const campaign of campaigns) {
        await rebuildCounters(tx, campaign.id);
        await rebuildDayTreeAdjustments(tx, campaign.id);
      }
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
  return { unit: await db.unit.findUniqueOrThrow({ where: { id: successor.id } }), userErrors: [] };
}
