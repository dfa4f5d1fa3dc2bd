import { isWithin } from '../units/isWithin.ts';
import type { UserError } from '../userErrors.ts';
import { userError } from '../userErrors.ts';
import type { Auth } from './authenticate.ts';

/**
 * How far a command centre's management reaches (API.md, Roles): a national one (no unit)
 * everywhere; one with a unit inside its subtree (`subtree`: campaigns, officers, tokens, voids,
 * figures), and for what the level above sets (`below`: targets, goals, plans, merges) strictly
 * below its own unit.
 */
export type Reach = 'subtree' | 'below';

type Placed = { id: number; ancestorIds: number[] };

/** Whether the holder's token manages this unit at this reach. */
export function manages(auth: Pick<Auth, 'unitId'> | null, unit: Placed, reach: Reach): boolean {
  const root = auth?.unitId ?? null;
  if (root === null) return true;
  return isWithin(unit, root) && (reach === 'subtree' || unit.id !== root);
}

/**
 * The refusal of a unit the holder does not manage: OUT_OF_SCOPE on `field`, saying whose it is
 * to set, the one message every management mutation gives.
 */
export function outOfScope(
  field: (string | number)[],
  auth: Pick<Auth, 'unitId' | 'unitCode'> | null,
  unit: Placed & { code: string },
  reach: Reach,
): UserError {
  const own = auth?.unitCode ?? '';
  if (reach === 'below' && unit.id === auth?.unitId) {
    return userError(field, 'OUT_OF_SCOPE', {
      vi: `Đơn vị ${unit.code} là đơn vị của chính mã truy cập này: chỉ tiêu, kế hoạch và việc sáp nhập của đơn vị mình do cấp trên giao; ở đây chỉ quản lý các đơn vị trực thuộc.`,
      en: `Unit ${unit.code} is your token's own unit: its targets, plans and merges are set by the level above; you manage the units below it only.`,
    });
  }
  return userError(field, 'OUT_OF_SCOPE', {
    vi: `Đơn vị ${unit.code} nằm ngoài đơn vị ${own} của mã truy cập này: chỉ quản lý được ${reach === 'below' ? `các đơn vị trực thuộc đơn vị ${own}` : `đơn vị ${own} và các đơn vị trực thuộc`}.`,
    en: `Unit ${unit.code} is outside your token's unit ${own}: you manage ${reach === 'below' ? 'the units below it' : 'it and the units below it'} only.`,
  });
}
