import type { Scheme } from '@toandan/db/client';
import { db } from '@toandan/db/db';
import { vnDay } from '@toandan/shared/vnDay';
import { GraphQLError } from 'graphql';
import type { Auth } from '../auth/authenticate.ts';
import { manages, outOfScope } from '../auth/managedUnits.ts';
import { notFound, type UserError, userError, viDay, viNumber, viScheme, type Words } from '../userErrors.ts';

/** A list pasted from a provincial spreadsheet holds at most this many rows. */
export const MAX_ROWS = 5000;
export const MAX_NUMBER = 10_000_000;

export interface TargetRow {
  unitCode: string;
  scheme: Scheme;
  target: number;
}

export interface DailyGoalRow {
  unitCode: string;
  scheme: Scheme;
  day: string;
  /** null removes the explicit goal: the derived one applies again. */
  goal: number | null;
}

export interface BulkResult {
  applied: number;
  userErrors: UserError[];
}

interface CheckedRow<Row> {
  unitId: number;
  row: Row;
}

/**
 * Checks every row of a list before anything is written: each bad row is reported with its
 * index and field, and one bad row means nothing is applied. A scoped command centre sets the
 * units below its own: its own unit's target is the level above's to set.
 */
async function checkRowsOrThrow<Row extends { unitCode: string; scheme: Scheme; day?: string }>(
  auth: Auth | null,
  campaignId: string,
  rows: Row[],
  checkNumber: (row: Row) => Words | null,
): Promise<{ campaign: { id: string } | null; checked: CheckedRow<Row>[]; errors: UserError[] }> {
  if (rows.length > MAX_ROWS) {
    throw new GraphQLError(`A list holds at most ${MAX_ROWS} rows; this one has ${rows.length}.`, {
      extensions: { code: 'BATCH_TOO_LARGE', limit: MAX_ROWS },
    });
  }
  const campaign = await db.campaign.findUnique({ where: { id: campaignId } });
  if (!campaign) {
    return {
      campaign: null,
      checked: [],
      errors: [userError(['campaignId'], 'NOT_FOUND', notFound.campaign(campaignId))],
    };
  }
  const codes = [...new Set(rows.map((row) => row.unitCode.trim()))];
  const units = await db.unit.findMany({
    where: { code: { in: codes } },
    select: { id: true, code: true, ancestorIds: true },
  });
  const unitOf = new Map(units.map((unit) => [unit.code, unit]));
  const startsOn = vnDay.fromDateColumn(campaign.startsOn);
  const endsOn = vnDay.fromDateColumn(campaign.endsOn);

  const errors: UserError[] = [];
  const checked: CheckedRow<Row>[] = [];
  const firstRowOf = new Map<string, number>();
  rows.forEach((row, index) => {
    const unit = unitOf.get(row.unitCode.trim());
    const unitId = unit?.id;
    if (!unit) errors.push(userError(['rows', index, 'unitCode'], 'NOT_FOUND', notFound.unit(row.unitCode)));
    else if (!manages(auth, unit, 'below'))
      errors.push(outOfScope(['rows', index, 'unitCode'], auth, unit, 'below'));
    if (!campaign.schemes.includes(row.scheme)) {
      errors.push(
        userError(['rows', index, 'scheme'], 'INVALID', {
          vi: `Chiến dịch không triển khai ${viScheme(row.scheme)}.`,
          en: `The campaign does not run ${row.scheme}.`,
        }),
      );
    }
    if (row.day !== undefined && (row.day < startsOn || row.day > endsOn)) {
      errors.push(
        userError(['rows', index, 'day'], 'INVALID', {
          vi: `Ngày ${viDay(row.day)} nằm ngoài thời gian của chiến dịch, từ ${viDay(startsOn)} đến ${viDay(endsOn)}.`,
          en: `${row.day} is outside the campaign's days ${startsOn} to ${endsOn}.`,
        }),
      );
    }
    const numberProblem = checkNumber(row);
    if (numberProblem) errors.push(userError(['rows', index, 'number'], 'INVALID', numberProblem));
    const key = `${row.unitCode.trim()}:${row.scheme}:${row.day ?? ''}`;
    const earlier = firstRowOf.get(key);
    if (earlier !== undefined) {
      errors.push(
        userError(['rows', index, 'unitCode'], 'INVALID', {
          vi: `Dòng ${earlier + 1} và dòng ${index + 1} cùng đặt cho một đơn vị, một loại hình${row.day ? ' và một ngày' : ''}.`,
          en: `Rows ${earlier + 1} and ${index + 1} set the same unit and scheme${row.day ? ' and day' : ''}.`,
        }),
      );
    } else {
      firstRowOf.set(key, index);
    }
    if (unitId !== undefined) checked.push({ unitId, row });
  });
  return { campaign, checked, errors };
}

/** `what` names the number: the target (chỉ tiêu kế hoạch giao) or a day's goal (chỉ tiêu ngày). */
const wholeNumber = (value: number, what: Words): Words | null =>
  Number.isInteger(value) && value >= 0 && value <= MAX_NUMBER
    ? null
    : {
        vi: `${what.vi} phải là số nguyên từ 0 đến ${viNumber(MAX_NUMBER)}.`,
        en: `The ${what.en} must be a whole number from 0 to ${MAX_NUMBER.toLocaleString('en')}.`,
      };

/** Sets whole-campaign targets in bulk: all rows or none. */
export async function setTargets(
  auth: Auth | null,
  campaignId: string,
  rows: TargetRow[],
): Promise<BulkResult> {
  const { campaign, checked, errors } = await checkRowsOrThrow(auth, campaignId, rows, (row) =>
    wholeNumber(row.target, { vi: 'Chỉ tiêu kế hoạch giao', en: 'target' }),
  );
  if (!campaign || errors.length > 0) return { applied: 0, userErrors: errors };
  await db.$transaction(
    checked.map(({ unitId, row }) =>
      db.target.upsert({
        where: { campaignId_unitId_scheme: { campaignId, unitId, scheme: row.scheme } },
        create: { campaignId, unitId, scheme: row.scheme, target: row.target },
        update: { target: row.target },
      }),
    ),
  );
  return { applied: checked.length, userErrors: [] };
}

/** Sets or removes explicit daily goals in bulk: all rows or none. */
export async function setDailyGoals(
  auth: Auth | null,
  campaignId: string,
  rows: DailyGoalRow[],
): Promise<BulkResult> {
  const { campaign, checked, errors } = await checkRowsOrThrow(auth, campaignId, rows, (row) =>
    row.goal === null ? null : wholeNumber(row.goal, { vi: 'Chỉ tiêu ngày', en: 'goal' }),
  );
  if (!campaign || errors.length > 0) return { applied: 0, userErrors: errors };
  await db.$transaction(
    checked.map(({ unitId, row }) => {
      const { goal } = row;
      const key = { campaignId, unitId, scheme: row.scheme, day: vnDay.toDateColumn(row.day) };
      return goal === null
        ? db.dailyGoal.deleteMany({ where: key })
        : db.dailyGoal.upsert({
            where: { campaignId_unitId_scheme_day: key },
            create: { ...key, goal },
            update: { goal },
          });
    }),
  );
  return { applied: checked.length, userErrors: [] };
}
