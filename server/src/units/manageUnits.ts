import type { Unit, UnitKind } from '@toandan/db/client';
import { db } from '@toandan/db/db';
import type { Auth } from '../auth/authenticate.ts';
import { manages, outOfScope } from '../auth/managedUnits.ts';
import { notFound, type UserError, userError } from '../userErrors.ts';
import { applyReorganisation } from './reorganise.ts';

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
 * abolished districts): a reorganisation of one row (applyReorganisation, which says what it
 * writes), its errors on this call's own fields. Unlike a reorganisation it still takes a day
 * already past, as before: the counters of the days from it are then moved to the new tree
 * (those before stay on the tree of their days).
 */
export async function mergeUnit(
  input: {
    code: string;
    intoCode: string;
    effectiveOn: string;
  },
  auth: Auth | null,
): Promise<UnitResult> {
  const result = await applyReorganisation(
    input.effectiveOn,
    [{ unitCode: input.code, mergeIntoCode: input.intoCode }],
    { allowPast: true, auth },
  );
  const fields: Record<string, string> = {
    unitCode: 'code',
    mergeIntoCode: 'intoCode',
    effectiveOn: 'effectiveOn',
  };
  if (result.userErrors.length > 0)
    return {
      unit: null,
      userErrors: result.userErrors.map((error) => ({
        ...error,
        field: ['input', fields[error.field?.at(-1) ?? ''] ?? 'code'],
      })),
    };
  return {
    unit: await db.unit.findUniqueOrThrow({ where: { code: input.intoCode.trim() } }),
    userErrors: [],
  };
}
