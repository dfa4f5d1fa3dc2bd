import type { Indicator } from '@toandan/db/client';
import { sql } from '@toandan/db/db';
import { vnDay } from '@toandan/shared/vnDay';
import { GraphQLError } from 'graphql';
import type { Auth } from '../auth/authenticate.ts';
import { manages, outOfScope, type Reach } from '../auth/managedUnits.ts';
import type { BulkResult } from '../campaigns/setTargets.ts';
import { type UserError, userError, viDay, type Words } from '../userErrors.ts';

/**
 * A whole country's units × indicators in one call, with room to spare: 34 provinces and
 * 3,321 communes × 8 indicators are 26,840 rows, the ten thousand units before the 2025 reform
 * about 86,000.
 */
export const MAX_BULK_ROWS = 100_000;
/** Above the country's population (about 101 million in 2024). */
export const MAX_PARTICIPANTS = 200_000_000;
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

const number = (value: number) => value.toLocaleString('vi-VN');

export interface ParticipantCountRow {
  unitCode: string;
  indicator: Indicator;
  participants: number;
}

export interface PlanRow {
  unitCode: string;
  indicator: Indicator;
  planned: number | null;
  coverageTargetPercent: number | null;
}

export interface PopulationRow {
  unitCode: string;
  population: number;
  labourForce: number;
}

interface Checked {
  unitIds: number[];
  errors: UserError[];
}

/**
 * What every bulk call checks of its rows before anything is written (as setTargets does): the
 * list's size, each unit's code, that it lies in a scoped command centre's subtree, and that no
 * two rows set the same thing (`keyOf`). Each bad row is one userError on its index and field.
 * The units are read in one statement, by code.
 */
async function checkUnitsOrThrow<Row extends { unitCode: string }>(
  auth: Auth | null,
  rows: readonly Row[],
  keyOf: (row: Row) => string,
  describeKey: (row: Row) => Words,
  /** Plans are the level above's to set; figures and populations a unit's own to import. */
  reach: Reach = 'subtree',
): Promise<Checked> {
  if (rows.length > MAX_BULK_ROWS) {
    throw new GraphQLError(
      `Một lần gửi nhận tối đa ${number(MAX_BULK_ROWS)} dòng; lần này có ${number(rows.length)} dòng.`,
      { extensions: { code: 'BATCH_TOO_LARGE', limit: MAX_BULK_ROWS } },
    );
  }
  const codes = [...new Set(rows.map((row) => row.unitCode.trim()))];
  const units = await sql<{ id: number; code: string; ancestorIds: number[] }>(
    `SELECT id, code, "ancestorIds" FROM "Unit" WHERE code = ANY($1::text[])`,
    [codes],
  );
  const unitOf = new Map(units.map((unit) => [unit.code, unit]));
  const errors: UserError[] = [];
  const unitIds: number[] = [];
  const firstRowOf = new Map<string, number>();
  rows.forEach((row, index) => {
    const code = row.unitCode.trim();
    const unit = unitOf.get(code);
    if (!unit) {
      errors.push(
        userError(['rows', index, 'unitCode'], 'NOT_FOUND', {
          vi: `Không có đơn vị nào mã "${row.unitCode}".`,
          en: `No unit has the code "${row.unitCode}".`,
        }),
      );
    } else if (!manages(auth, unit, reach)) {
      errors.push(outOfScope(['rows', index, 'unitCode'], auth, unit, reach));
    }
    unitIds.push(unit?.id ?? 0);
    const key = `${code}:${keyOf(row)}`;
    const earlier = firstRowOf.get(key);
    if (earlier === undefined) firstRowOf.set(key, index);
    else
      errors.push(
        userError(['rows', index, 'unitCode'], 'INVALID', {
          vi: `Dòng ${earlier + 1} và dòng ${index + 1} cùng nhập ${describeKey(row).vi} của đơn vị ${code}: mỗi thứ chỉ một dòng.`,
          en: `Rows ${earlier + 1} and ${index + 1} both set ${describeKey(row).en} of unit ${code}: one row each.`,
        }),
      );
  });
  return { unitIds, errors };
}

const wholeNumberProblem = (value: number, what: Words, most = MAX_PARTICIPANTS): Words | null =>
  Number.isInteger(value) && value >= 0 && value <= most
    ? null
    : {
        vi: `${what.vi} phải là số nguyên từ 0 đến ${number(most)}; nhận được ${value}.`,
        en: `${what.en} must be a whole number from 0 to ${most.toLocaleString('en')}; got ${value}.`,
      };

const yearProblem = (year: number): UserError | null =>
  Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR
    ? null
    : userError(['year'], 'INVALID', {
        vi: `Năm phải từ ${FIRST_YEAR} đến ${LAST_YEAR}; nhận được ${year}.`,
        en: `The year must be from ${FIRST_YEAR} to ${LAST_YEAR}; got ${year}.`,
      });

/**
 * Imports BHXH's figures of a day (setParticipantCounts): one row per unit × indicator, all or
 * none. A row sent again replaces that unit's figure of that indicator on that day; every other
 * figure stays. Written in one statement.
 */
export async function setParticipantCounts(
  auth: Auth | null,
  asOf: string,
  rows: readonly ParticipantCountRow[],
): Promise<BulkResult> {
  const { unitIds, errors } = await checkUnitsOrThrow(
    auth,
    rows,
    (row) => row.indicator,
    (row) => ({ vi: `chỉ tiêu ${row.indicator}`, en: `indicator ${row.indicator}` }),
  );
  const today = vnDay.today();
  if (asOf > today)
    errors.unshift(
      userError(['asOf'], 'INVALID', {
        vi: `Ngày ${viDay(asOf)} chưa tới: số liệu chỉ nhập đến hôm nay (${viDay(today)}).`,
        en: `${asOf} is still to come: figures are imported up to today (${today}).`,
      }),
    );
  rows.forEach((row, index) => {
    if (row.indicator === 'SOCIAL_INSURANCE')
      errors.push(
        userError(['rows', index, 'indicator'], 'INVALID', {
          vi: 'SOCIAL_INSURANCE (BHXH) là tổng của BHXH bắt buộc và BHXH tự nguyện, được tính ra, không nhập: hãy nhập COMPULSORY_SI và VOLUNTARY_SI.',
          en: 'SOCIAL_INSURANCE is compulsory plus voluntary SI, worked out, not imported: import COMPULSORY_SI and VOLUNTARY_SI.',
        }),
      );
    const problem = wholeNumberProblem(row.participants, { vi: 'Số người tham gia', en: 'participants' });
    if (problem) errors.push(userError(['rows', index, 'participants'], 'INVALID', problem));
  });
  if (errors.length > 0) return { applied: 0, userErrors: sortedByRow(errors) };
  await sql(
    `INSERT INTO "ParticipantCount" ("unitId", "indicator", "day", "participants", "generated", "importedAt")
     SELECT u, i::"Indicator", $4::date, p, false, now() FROM unnest($1::int[], $2::text[], $3::int[]) AS t(u, i, p)
     ON CONFLICT ("unitId", "indicator", "day")
     DO UPDATE SET "participants" = EXCLUDED."participants", "generated" = false, "importedAt" = EXCLUDED."importedAt"`,
    [unitIds, rows.map((row) => row.indicator), rows.map((row) => row.participants), asOf],
  );
  return { applied: rows.length, userErrors: [] };
}

/**
 * Sets the year's plans (setPlans), all or none: a row replaces the plan of its unit ×
 * indicator (a row with neither a number nor a target removes it); other plans stay. One
 * statement.
 */
export async function setPlans(
  auth: Auth | null,
  year: number,
  rows: readonly PlanRow[],
): Promise<BulkResult> {
  const { unitIds, errors } = await checkUnitsOrThrow(
    auth,
    rows,
    (row) => row.indicator,
    (row) => ({ vi: `kế hoạch chỉ tiêu ${row.indicator}`, en: `the plan of ${row.indicator}` }),
    'below',
  );
  const badYear = yearProblem(year);
  if (badYear) errors.unshift(badYear);
  rows.forEach((row, index) => {
    if (row.planned !== null) {
      const problem = wholeNumberProblem(row.planned, { vi: 'Số người theo kế hoạch', en: 'planned' });
      if (problem) errors.push(userError(['rows', index, 'planned'], 'INVALID', problem));
    }
    const target = row.coverageTargetPercent;
    if (target === null) return;
    if (row.indicator === 'ALL_PARTICIPANTS')
      errors.push(
        userError(['rows', index, 'coverageTargetPercent'], 'INVALID', {
          vi: 'ALL_PARTICIPANTS không có tỷ lệ bao phủ (một người tham gia nhiều loại hình chỉ tính một lần): hãy giao số người (planned).',
          en: 'ALL_PARTICIPANTS has no coverage rate (a person in several schemes counts once): give a number (planned).',
        }),
      );
    else if (!Number.isFinite(target) || target <= 0 || target > 100)
      errors.push(
        userError(['rows', index, 'coverageTargetPercent'], 'INVALID', {
          vi: `Tỷ lệ bao phủ mục tiêu phải lớn hơn 0 và không quá 100 (%); nhận được ${target}.`,
          en: `A coverage target is above 0 and at most 100 (%); got ${target}.`,
        }),
      );
  });
  if (errors.length > 0) return { applied: 0, userErrors: sortedByRow(errors) };
  const kept = rows.map((row) => row.planned !== null || row.coverageTargetPercent !== null);
  await sql(
    `WITH sent AS (
       SELECT "unitId", indicator::"Indicator" AS indicator, planned, target, kept
       FROM unnest($1::int[], $2::text[], $3::int[], $4::float8[], $5::boolean[])
         AS t("unitId", indicator, planned, target, kept)
     ), removed AS (
       DELETE FROM "Plan" p USING sent s
       WHERE NOT s.kept AND p."unitId" = s."unitId" AND p.indicator = s.indicator AND p.year = $6
     )
     INSERT INTO "Plan" ("unitId", "year", "indicator", "planned", "coverageTargetPercent", "generated")
     SELECT "unitId", $6, indicator, planned, target, false FROM sent WHERE kept
     ON CONFLICT ("unitId", "year", "indicator") DO UPDATE SET
       "planned" = EXCLUDED."planned", "coverageTargetPercent" = EXCLUDED."coverageTargetPercent", "generated" = false`,
    [
      unitIds,
      rows.map((row) => row.indicator),
      rows.map((row) => row.planned),
      rows.map((row) => row.coverageTargetPercent),
      kept,
      year,
    ],
  );
  return { applied: rows.length, userErrors: [] };
}

/** Sets the year's coverage bases (setPopulations), all or none: a row replaces its unit's. */
export async function setPopulations(
  auth: Auth | null,
  year: number,
  rows: readonly PopulationRow[],
): Promise<BulkResult> {
  const { unitIds, errors } = await checkUnitsOrThrow(
    auth,
    rows,
    () => '',
    () => ({ vi: 'dân số', en: 'the population' }),
  );
  const badYear = yearProblem(year);
  if (badYear) errors.unshift(badYear);
  rows.forEach((row, index) => {
    const problem = wholeNumberProblem(row.population, { vi: 'Dân số', en: 'population' });
    if (problem) errors.push(userError(['rows', index, 'population'], 'INVALID', problem));
    const labour = wholeNumberProblem(
      row.labourForce,
      { vi: 'Lực lượng lao động', en: 'labourForce' },
      Math.max(0, row.population),
    );
    if (!problem && labour)
      errors.push(
        userError(['rows', index, 'labourForce'], 'INVALID', {
          vi: `Lực lượng lao động phải là số nguyên từ 0 đến dân số (${number(row.population)}); nhận được ${row.labourForce}.`,
          en: `labourForce must be a whole number from 0 to the population (${row.population.toLocaleString('en')}); got ${row.labourForce}.`,
        }),
      );
  });
  if (errors.length > 0) return { applied: 0, userErrors: sortedByRow(errors) };
  await sql(
    `INSERT INTO "UnitPopulation" ("unitId", "year", "population", "labourForce", "generated")
     SELECT u, $4, p, l, false FROM unnest($1::int[], $2::int[], $3::int[]) AS t(u, p, l)
     ON CONFLICT ("unitId", "year") DO UPDATE SET
       "population" = EXCLUDED."population", "labourForce" = EXCLUDED."labourForce", "generated" = false`,
    [unitIds, rows.map((row) => row.population), rows.map((row) => row.labourForce), year],
  );
  return { applied: rows.length, userErrors: [] };
}

/** The call's own errors first, then the rows' in the order of the rows. */
function sortedByRow(errors: UserError[]): UserError[] {
  const rowOf = (error: UserError) => (error.field?.[0] === 'rows' ? Number(error.field[1]) : -1);
  return errors
    .map((error, order) => ({ error, order }))
    .sort((a, b) => rowOf(a.error) - rowOf(b.error) || a.order - b.order)
    .map(({ error }) => error);
}
