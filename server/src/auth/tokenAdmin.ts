import { db } from '@toandan/db/db';
import { GraphQLError } from 'graphql';
import { MAX_ROWS } from '../campaigns/setTargets.ts';
import { revokeOfficerTokens } from '../officers/manageOfficers.ts';
import { isWithin } from '../units/isWithin.ts';
import { notFound, type UserError, userError, viNumber } from '../userErrors.ts';
import type { Auth } from './authenticate.ts';
import {
  DEFAULT_TOKEN_DAYS,
  hashOfSignInCode,
  type Issued,
  issueRegisteredToken,
  isTokenDays,
  newSignInCode,
  SIGN_IN_CODE_DAYS,
} from './issuedTokens.ts';
import { manages, outOfScope } from './managedUnits.ts';
import { revoke } from './revocations.ts';
import { MAX_TOKEN_DAYS, type Role } from './tokens.ts';

export interface IssueResult {
  issued: (Issued & { role: Role }) | null;
  userErrors: UserError[];
}

const daysProblem = (days: number, field: string[]): UserError | null =>
  isTokenDays(days)
    ? null
    : userError(field, 'INVALID', {
        vi: `Thời hạn của mã truy cập là số ngày nguyên từ 1 đến ${MAX_TOKEN_DAYS}; nhận được ${days}.`,
        en: `A token lives a whole number of days from 1 to ${MAX_TOKEN_DAYS}; got ${days}.`,
      });

const inactiveOfficer = (field: (string | number)[], code: string) =>
  userError(field, 'INVALID', {
    vi: `Cán bộ ${code} đã ngừng hoạt động: không cấp mã truy cập cho cán bộ này.`,
    en: `Officer ${code} is not active: no token is issued to them.`,
  });

const officerNotFound = (field: (string | number)[], code: string) =>
  userError(field, 'NOT_FOUND', {
    vi: `Không có cán bộ nào mang mã "${code}".`,
    en: `No officer has the code "${code}".`,
  });

/**
 * Issues a token from the app (issueToken), as `pnpm -s token` does on the server: a scoped
 * command centre issues tokens inside its own subtree only, its own unit's when none is named
 * (a PARTNER token it issues is scoped to its subtree); an officer's token is the officer's unit
 * or one below it. Entered in the register, never logged.
 */
export async function issueTokenFor(
  auth: Auth | null,
  args: { role: Role; unitCode?: string | null; officerCode?: string | null; days?: number | null },
): Promise<IssueResult> {
  const errors: UserError[] = [];
  const days = args.days ?? DEFAULT_TOKEN_DAYS;
  const badDays = daysProblem(days, ['days']);
  if (badDays) errors.push(badDays);
  const officerCode = args.officerCode?.trim() || null;
  const unitCode = args.unitCode?.trim() || null;
  if (officerCode && args.role !== 'FIELD_AGENT')
    errors.push(
      userError(['officerCode'], 'INVALID', {
        vi: 'Chỉ mã truy cập FIELD_AGENT (cán bộ, đại lý thu) mới gắn với một cán bộ.',
        en: 'Only a FIELD_AGENT token belongs to an officer.',
      }),
    );
  if (args.role === 'FIELD_AGENT' && !officerCode && !unitCode && auth?.unitCode == null)
    errors.push(
      userError(['unitCode'], 'INVALID', {
        vi: 'Mã truy cập FIELD_AGENT cần một đơn vị (hoặc một cán bộ): đơn vị mà người giữ mã được kê khai.',
        en: 'A FIELD_AGENT token needs a unit (or an officer): the subtree it submits for.',
      }),
    );
  const [officer, unit] = await Promise.all([
    officerCode
      ? db.officer.findUnique({
          where: { code: officerCode },
          select: {
            id: true,
            code: true,
            active: true,
            unit: { select: { id: true, code: true, ancestorIds: true } },
          },
        })
      : null,
    unitCode
      ? db.unit.findUnique({ where: { code: unitCode }, select: { id: true, code: true, ancestorIds: true } })
      : null,
  ]);
  if (officerCode && !officer) errors.push(officerNotFound(['officerCode'], officerCode));
  if (officer && !manages(auth, officer.unit, 'subtree'))
    errors.push(outOfScope(['officerCode'], auth, officer.unit, 'subtree'));
  else if (officer && !officer.active) errors.push(inactiveOfficer(['officerCode'], officer.code));
  if (unitCode && !unit) errors.push(userError(['unitCode'], 'NOT_FOUND', notFound.unit(unitCode)));
  if (unit && !manages(auth, unit, 'subtree')) errors.push(outOfScope(['unitCode'], auth, unit, 'subtree'));
  if (unit && officer && !isWithin(unit, officer.unit.id))
    errors.push(
      userError(['unitCode'], 'INVALID', {
        vi: `Đơn vị ${unit.code} không phải đơn vị ${officer.unit.code} của cán bộ ${officer.code}, cũng không trực thuộc đơn vị đó.`,
        en: `Unit ${unit.code} is neither officer ${officer.code}'s unit ${officer.unit.code} nor inside it.`,
      }),
    );
  if (errors.length > 0) return { issued: null, userErrors: errors };
  const scope =
    unit ??
    officer?.unit ??
    (auth?.unitId != null && auth.unitCode ? { id: auth.unitId, code: auth.unitCode } : null);
  const issued = await issueRegisteredToken({
    role: args.role,
    unit: scope && { id: scope.id, code: scope.code },
    officer: officer && { id: officer.id, code: officer.code },
    days,
    issuedBy: auth?.subject ?? null,
  });
  return { issued: { ...issued, role: args.role }, userErrors: [] };
}

export interface SignInCodeIssued {
  officerCode: string;
  officerId: number;
  code: string;
  expiresAt: Date;
}

/**
 * One-time sign-in codes for a printed QR sheet (issueSignInCodes), one per officer, all or
 * none: every officer must exist, be active and lie in the caller's subtree. Each code works
 * once, within 7 days, for a token of `days` days; only its hash is stored. There is no payload
 * with userErrors here (API.md), so a bad list is one error naming every bad officer.
 */
export async function issueSignInCodes(
  auth: Auth | null,
  officerCodes: readonly string[],
  days: number | null | undefined,
): Promise<SignInCodeIssued[]> {
  if (officerCodes.length > MAX_ROWS) {
    throw new GraphQLError(
      `Một lần cấp tối đa ${viNumber(MAX_ROWS)} mã; lần này có ${viNumber(officerCodes.length)}.`,
      {
        extensions: { code: 'BATCH_TOO_LARGE', limit: MAX_ROWS },
      },
    );
  }
  const tokenDays = days ?? DEFAULT_TOKEN_DAYS;
  const errors: UserError[] = [];
  const badDays = daysProblem(tokenDays, ['days']);
  if (badDays) errors.push(badDays);
  const codes = officerCodes.map((code) => code.trim());
  const officers = await db.officer.findMany({
    where: { code: { in: [...new Set(codes)] } },
    select: {
      id: true,
      code: true,
      active: true,
      unit: { select: { id: true, code: true, ancestorIds: true } },
    },
  });
  const officerOf = new Map(officers.map((officer) => [officer.code, officer]));
  const seen = new Set<string>();
  codes.forEach((code, index) => {
    const officer = officerOf.get(code);
    if (!officer) errors.push(officerNotFound(['officerCodes', index], code));
    else if (!manages(auth, officer.unit, 'subtree'))
      errors.push(outOfScope(['officerCodes', index], auth, officer.unit, 'subtree'));
    else if (!officer.active) errors.push(inactiveOfficer(['officerCodes', index], code));
    if (seen.has(code))
      errors.push(
        userError(['officerCodes', index], 'INVALID', {
          vi: `Cán bộ ${code} có tên hai lần trong danh sách: mỗi cán bộ một mã.`,
          en: `Officer ${code} is listed twice: one code each.`,
        }),
      );
    seen.add(code);
  });
  if (errors.length > 0) {
    throw new GraphQLError(errors.map((error) => error.message.vi).join(' '), {
      extensions: {
        code: errors.some((error) => error.code === 'OUT_OF_SCOPE') ? 'OUT_OF_SCOPE' : 'INVALID',
        userErrors: errors.map((error) => ({
          field: error.field,
          code: error.code,
          message: error.message.vi,
        })),
      },
    });
  }
  const expiresAt = new Date(Date.now() + SIGN_IN_CODE_DAYS * 86_400_000);
  const issued = codes.map((code) => {
    const officer = officerOf.get(code) as NonNullable<ReturnType<typeof officerOf.get>>;
    return { officerCode: code, officerId: officer.id, expiresAt, ...newSignInCode() };
  });
  await db.signInCode.createMany({
    data: issued.map((row) => ({
      codeHash: row.hash,
      officerId: row.officerId,
      tokenDays,
      expiresAt,
      issuedBy: auth?.subject ?? null,
    })),
  });
  return issued.map(({ hash: _hash, ...row }) => row);
}

/**
 * Redeems a sign-in code for its officer's token (no token needed): once, before it expires,
 * while the officer is active. The first of two redeems at once wins; the second is refused.
 */
export async function redeemSignInCode(code: string): Promise<IssueResult & { officerCode: string | null }> {
  const hash = hashOfSignInCode(code.trim());
  const now = new Date();
  const refused = (error: UserError) => ({ issued: null, officerCode: null, userErrors: [error] });
  const taken = await db.signInCode.updateMany({
    where: { codeHash: hash, redeemedAt: null, expiresAt: { gt: now } },
    data: { redeemedAt: now },
  });
  const row = await db.signInCode.findUnique({
    where: { codeHash: hash },
    include: { officer: { include: { unit: { select: { id: true, code: true } } } } },
  });
  if (!row)
    return refused(
      userError(['code'], 'NOT_FOUND', {
        vi: 'Mã đăng nhập không đúng: hãy quét lại mã QR do trung tâm chỉ huy cấp.',
        en: 'That sign-in code is not valid: scan the QR code from the command centre again.',
      }),
    );
  if (taken.count === 0 && row.redeemedAt !== null)
    return refused(
      userError(['code'], 'ALREADY_USED', {
        vi: 'Mã đăng nhập này đã được dùng: mỗi mã chỉ dùng một lần. Hãy xin trung tâm chỉ huy một mã mới.',
        en: 'This sign-in code was used already: each code works once. Ask the command centre for a new one.',
      }),
    );
  if (taken.count === 0)
    return refused(
      userError(['code'], 'EXPIRED', {
        vi: `Mã đăng nhập này đã hết hạn (mỗi mã dùng được trong ${SIGN_IN_CODE_DAYS} ngày): hãy xin trung tâm chỉ huy một mã mới.`,
        en: `This sign-in code has expired (each works for ${SIGN_IN_CODE_DAYS} days): ask the command centre for a new one.`,
      }),
    );
  if (!row.officer.active) return refused(inactiveOfficer(['code'], row.officer.code));
  const issued = await issueRegisteredToken({
    role: 'FIELD_AGENT',
    unit: row.officer.unit,
    officer: { id: row.officer.id, code: row.officer.code },
    days: row.tokenDays,
    issuedBy: null,
  });
  await db.signInCode.update({ where: { id: row.id }, data: { tokenId: issued.id } });
  return { issued: { ...issued, role: 'FIELD_AGENT' }, officerCode: row.officer.code, userErrors: [] };
}

export interface RevokeResult {
  revoked: boolean;
  count: number;
  userErrors: UserError[];
}

/**
 * Revokes one token by its id, or every token the app issued to an officer (a lost phone, from
 * the officer's line). A scoped command centre revokes the tokens of its own subtree only, as
 * the register shows them; a national one any id, registered or not (`pnpm -s token` keeps no
 * register).
 */
export async function revokeTokens(
  auth: Auth | null,
  args: { tokenId: string | null; officerCode: string | null; reason: string },
): Promise<RevokeResult> {
  const revokedBy = auth?.subject ?? null;
  if (args.officerCode !== null) {
    const officer = await db.officer.findUnique({
      where: { code: args.officerCode },
      select: { id: true, unit: { select: { id: true, code: true, ancestorIds: true } } },
    });
    if (!officer)
      return { revoked: false, count: 0, userErrors: [officerNotFound(['officerCode'], args.officerCode)] };
    if (!manages(auth, officer.unit, 'subtree'))
      return {
        revoked: false,
        count: 0,
        userErrors: [outOfScope(['officerCode'], auth, officer.unit, 'subtree')],
      };
    const count = await revokeOfficerTokens(officer.id, revokedBy, args.reason);
    return { revoked: count > 0, count, userErrors: [] };
  }
  const tokenId = args.tokenId as string;
  const registered = await db.issuedToken.findUnique({
    where: { id: tokenId },
    select: { expiresAt: true, unit: { select: { id: true, code: true, ancestorIds: true } } },
  });
  if (auth?.unitId != null) {
    const unit = registered?.unit;
    if (!registered || !unit || !manages(auth, unit, 'subtree'))
      return {
        revoked: false,
        count: 0,
        userErrors: [
          userError(['tokenId'], 'OUT_OF_SCOPE', {
            vi: `Mã truy cập ${tokenId} không có trong sổ cấp mã của đơn vị ${auth.unitCode} và các đơn vị trực thuộc: chỉ thu hồi được mã của các đơn vị đó.`,
            en: `Token ${tokenId} is not in the register of unit ${auth.unitCode} and the units below it: you may revoke theirs only.`,
          }),
        ],
      };
  }
  // Without a register entry, a revocation lasts as long as the longest token could.
  const revoked = await revoke({
    tokenId,
    expiresAt: registered?.expiresAt.getTime() ?? Date.now() + MAX_TOKEN_DAYS * 86_400_000,
    reason: args.reason,
    revokedBy,
  });
  return { revoked, count: revoked ? 1 : 0, userErrors: [] };
}
