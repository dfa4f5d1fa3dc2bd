import type { Organisation, Scheme } from '@toandan/db/client';
import { db } from '@toandan/db/db';
import { GraphQLError } from 'graphql';
import type { Auth } from '../auth/authenticate.ts';
import { manages, outOfScope } from '../auth/managedUnits.ts';
import { officerStatusChanged } from '../auth/officerStatus.ts';
import { revoke } from '../auth/revocations.ts';
import { type BulkResult, MAX_NUMBER, MAX_ROWS } from '../campaigns/setTargets.ts';
import { notFound, type UserError, userError, viNumber, viScheme } from '../userErrors.ts';

export interface OfficerRow {
  code: string;
  name: string;
  unitCode: string;
  organisation: Organisation;
  /** Left out: true for a new officer, unchanged for one registered before. */
  active?: boolean | null;
}

export interface OfficerQuotaRow {
  officerCode: string;
  scheme: Scheme;
  quota: number;
}

/** Officer codes as provinces write them: "CB-395-01-1", "DLT.38.0012". */
const CODE_PATTERN = /^[0-9A-Za-z._-]{1,40}$/;

function tooManyRowsOrThrow(rows: readonly unknown[]): void {
  if (rows.length > MAX_ROWS) {
    throw new GraphQLError(
      `Một lần gửi nhận tối đa ${viNumber(MAX_ROWS)} dòng; lần này có ${viNumber(rows.length)} dòng.`,
      {
        extensions: { code: 'BATCH_TOO_LARGE', limit: MAX_ROWS },
      },
    );
  }
}

const duplicateRow = (
  field: (string | number)[],
  earlier: number,
  index: number,
  what: string,
  whatEn: string,
) =>
  userError(field, 'INVALID', {
    vi: `Dòng ${earlier} và dòng ${index} cùng ${what}: mỗi thứ chỉ một dòng.`,
    en: `Rows ${earlier} and ${index} both ${whatEn}: one row each.`,
  });

/**
 * Registers officers and collection agents (cán bộ, đại lý thu) from a list, all or none:
 * creates each code not seen before and updates the others (name, unit, organisation, active).
 * Codes are unique nationwide, so a scoped command centre may neither create nor change an
 * officer outside its subtree, nor move one out of it. An officer moved to another unit keeps
 * its history where it was counted: enrolments keep their own unit, the officer's counts are
 * the officer's. A deactivated officer's tokens stop working at once, on every instance, and
 * those the app issued are revoked, so that reactivating the officer does not revive them.
 */
export async function registerOfficers(auth: Auth | null, rows: readonly OfficerRow[]): Promise<BulkResult> {
  tooManyRowsOrThrow(rows);
  const codes = [...new Set(rows.map((row) => row.code.trim()))];
  const unitCodes = [...new Set(rows.map((row) => row.unitCode.trim()))];
  const [units, existing] = await Promise.all([
    db.unit.findMany({
      where: { code: { in: unitCodes } },
      select: { id: true, code: true, ancestorIds: true, mergedIntoId: true },
    }),
    db.officer.findMany({
      where: { code: { in: codes } },
      select: {
        id: true,
        code: true,
        active: true,
        unit: { select: { id: true, code: true, ancestorIds: true } },
      },
    }),
  ]);
  const unitOf = new Map(units.map((unit) => [unit.code, unit]));
  const officerOf = new Map(existing.map((officer) => [officer.code, officer]));
  const errors: UserError[] = [];
  const firstRowOf = new Map<string, number>();
  const checked: { row: OfficerRow; code: string; name: string; unitId: number }[] = [];
  rows.forEach((row, index) => {
    const code = row.code.trim();
    const name = row.name.normalize('NFC').trim().replace(/\s+/g, ' ');
    const before = errors.length;
    if (!CODE_PATTERN.test(code))
      errors.push(
        userError(['rows', index, 'code'], 'INVALID', {
          vi: `Mã cán bộ "${row.code}" không hợp lệ: từ 1 đến 40 ký tự, chữ cái không dấu, chữ số, dấu chấm, gạch nối hoặc gạch dưới.`,
          en: `Officer code "${row.code}" is not valid: 1 to 40 letters, digits, dots, hyphens or underscores.`,
        }),
      );
    const earlier = firstRowOf.get(code);
    if (earlier !== undefined)
      errors.push(
        duplicateRow(
          ['rows', index, 'code'],
          earlier,
          index,
          `ghi mã cán bộ ${code}`,
          `give officer code ${code}`,
        ),
      );
    else firstRowOf.set(code, index);
    if (!name || name.length > 120)
      errors.push(
        userError(['rows', index, 'name'], 'INVALID', {
          vi: 'Họ và tên cán bộ phải có từ 1 đến 120 ký tự.',
          en: "The officer's name must have 1 to 120 characters.",
        }),
      );
    const unit = unitOf.get(row.unitCode.trim());
    if (!unit) errors.push(userError(['rows', index, 'unitCode'], 'NOT_FOUND', notFound.unit(row.unitCode)));
    else if (!manages(auth, unit, 'subtree'))
      errors.push(outOfScope(['rows', index, 'unitCode'], auth, unit, 'subtree'));
    else if (unit.mergedIntoId !== null)
      errors.push(
        userError(['rows', index, 'unitCode'], 'INVALID', {
          vi: `Đơn vị ${unit.code} đã sáp nhập vào đơn vị khác: hãy ghi đơn vị nhận sáp nhập.`,
          en: `Unit ${unit.code} was merged away; name its successor.`,
        }),
      );
    const officer = officerOf.get(code);
    if (officer && !manages(auth, officer.unit, 'subtree'))
      errors.push(
        userError(['rows', index, 'code'], 'OUT_OF_SCOPE', {
          vi: `Mã cán bộ ${code} đã được đăng ký tại đơn vị ${officer.unit.code}, ngoài đơn vị ${auth?.unitCode} của mã truy cập này: mã cán bộ là duy nhất trên toàn quốc, chỉ đơn vị quản lý cán bộ đó được sửa.`,
          en: `Officer code ${code} is registered in unit ${officer.unit.code}, outside your token's unit ${auth?.unitCode}: officer codes are unique nationwide, and only the unit that manages the officer may change it.`,
        }),
      );
    if (errors.length === before && unit) checked.push({ row, code, name, unitId: unit.id });
  });
  if (errors.length > 0) return { applied: 0, userErrors: errors };

  const deactivated: { id: number; code: string }[] = [];
  const changes: { officerCode: string; active: boolean }[] = [];
  await db.$transaction(
    checked.map(({ row, code, name, unitId }) => {
      const officer = officerOf.get(code);
      const active = row.active ?? officer?.active ?? true;
      if (officer && officer.active !== active) {
        changes.push({ officerCode: code, active });
        if (!active) deactivated.push({ id: officer.id, code });
      } else if (!officer && !active) changes.push({ officerCode: code, active });
      return db.officer.upsert({
        where: { code },
        create: { code, fullName: name, unitId, organisation: row.organisation, active },
        update: { fullName: name, unitId, organisation: row.organisation, active },
      });
    }),
  );
  officerStatusChanged(changes);
  for (const officer of deactivated)
    await revokeOfficerTokens(officer.id, auth?.subject ?? null, 'Cán bộ ngừng hoạt động');
  return { applied: checked.length, userErrors: [] };
}

/** Revokes every unexpired token the app issued to an officer; returns how many it revoked. */
export async function revokeOfficerTokens(
  officerId: number,
  revokedBy: string | null,
  reason: string,
): Promise<number> {
  const tokens = await db.issuedToken.findMany({
    where: { officerId, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, expiresAt: true },
  });
  let revoked = 0;
  for (const token of tokens) {
    if (await revoke({ tokenId: token.id, expiresAt: token.expiresAt.getTime(), reason, revokedBy }))
      revoked++;
  }
  return revoked;
}

/** Sets officers' personal quotas (chỉ tiêu cá nhân) in a campaign, all or none. */
export async function setOfficerQuotas(
  auth: Auth | null,
  campaignId: string,
  rows: readonly OfficerQuotaRow[],
): Promise<BulkResult> {
  tooManyRowsOrThrow(rows);
  const [campaign, officers] = await Promise.all([
    db.campaign.findUnique({ where: { id: campaignId }, select: { id: true, schemes: true } }),
    db.officer.findMany({
      where: { code: { in: [...new Set(rows.map((row) => row.officerCode.trim()))] } },
      select: { id: true, code: true, unit: { select: { id: true, code: true, ancestorIds: true } } },
    }),
  ]);
  if (!campaign)
    return {
      applied: 0,
      userErrors: [userError(['campaignId'], 'NOT_FOUND', notFound.campaign(campaignId))],
    };
  const officerOf = new Map(officers.map((officer) => [officer.code, officer]));
  const errors: UserError[] = [];
  const firstRowOf = new Map<string, number>();
  const checked: { officerId: number; row: OfficerQuotaRow }[] = [];
  rows.forEach((row, index) => {
    const before = errors.length;
    const code = row.officerCode.trim();
    const officer = officerOf.get(code);
    if (!officer)
      errors.push(
        userError(['rows', index, 'officerCode'], 'NOT_FOUND', {
          vi: `Không có cán bộ nào mang mã "${row.officerCode}".`,
          en: `No officer has the code "${row.officerCode}".`,
        }),
      );
    else if (!manages(auth, officer.unit, 'subtree'))
      errors.push(outOfScope(['rows', index, 'officerCode'], auth, officer.unit, 'subtree'));
    if (!campaign.schemes.includes(row.scheme))
      errors.push(
        userError(['rows', index, 'scheme'], 'INVALID', {
          vi: `Chiến dịch không triển khai ${viScheme(row.scheme)}.`,
          en: `The campaign does not run ${row.scheme}.`,
        }),
      );
    if (!Number.isInteger(row.quota) || row.quota < 0 || row.quota > MAX_NUMBER)
      errors.push(
        userError(['rows', index, 'quota'], 'INVALID', {
          vi: `Chỉ tiêu cá nhân phải là số nguyên từ 0 đến ${viNumber(MAX_NUMBER)}; nhận được ${row.quota}.`,
          en: `A personal quota must be a whole number from 0 to ${MAX_NUMBER.toLocaleString('en')}; got ${row.quota}.`,
        }),
      );
    const key = `${code}:${row.scheme}`;
    const earlier = firstRowOf.get(key);
    if (earlier !== undefined)
      errors.push(
        duplicateRow(
          ['rows', index, 'officerCode'],
          earlier,
          index,
          `giao chỉ tiêu ${viScheme(row.scheme)} cho cán bộ ${code}`,
          `set officer ${code}'s ${row.scheme} quota`,
        ),
      );
    else firstRowOf.set(key, index);
    if (errors.length === before && officer) checked.push({ officerId: officer.id, row });
  });
  if (errors.length > 0) return { applied: 0, userErrors: errors };
  await db.$transaction(
    checked.map(({ officerId, row }) =>
      db.officerQuota.upsert({
        where: { campaignId_officerId_scheme: { campaignId, officerId, scheme: row.scheme } },
        create: { campaignId, officerId, scheme: row.scheme, quota: row.quota },
        update: { quota: row.quota },
      }),
    ),
  );
  return { applied: checked.length, userErrors: [] };
}
