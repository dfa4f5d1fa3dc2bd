import type { Scheme } from '@toandan/db/client';
import { addToCoverEnds, type CoverEndChange } from '@toandan/db/counters';
import { db, sql } from '@toandan/db/db';
import { citizenKey } from '@toandan/db/enrolmentKeys';
import { personalData, randomBytesFromPool } from '@toandan/db/personalData';
import { checkCitizenId } from '@toandan/shared/checkCitizenId';
import { checkFullName } from '@toandan/shared/checkFullName';
import { coverageUntil as coverEnd, MAX_COVERAGE_MONTHS } from '@toandan/shared/cover';
import { hamletOf } from '@toandan/shared/hamletOf';
import { vnDay } from '@toandan/shared/vnDay';
import { GraphQLError } from 'graphql';
import { v7 as uuidv7 } from 'uuid';
import type { Auth } from '../auth/authenticate.ts';
import { manages, outOfScope } from '../auth/managedUnits.ts';
import { citizenIdWords, fullNameWords } from '../enrolments/problemWords.ts';
import { notFound, type UserError, userError, viDay, viNumber } from '../userErrors.ts';
import { eraseLapsedCovers, erasureCutoff, retentionMonths } from './retention.ts';

/**
 * A province's list in one call, within the bulk body limit (guards.ts, 16 MiB): a row of
 * BHXH's list with an address is about 250 bytes of JSON, so some 60,000 rows fit; a country's
 * list is several calls.
 */
export const MAX_COVERAGE_ROWS = 100_000;
/** Rows per INSERT … SELECT: one statement per chunk, all of them in one transaction. */
const CHUNK_ROWS = 5_000;
export const MAX_ADDRESS = 300;
const HOUSEHOLD_CODE = /^[0-9A-Za-z-]{1,30}$/;
/** A Vietnamese number as lists write it: 0912 345 678, 0912.345.678, +84 912 345 678. */
const PHONE = /^\+?[0-9][0-9 .-]{7,18}[0-9]$/;
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Cn}]/u;

export interface CoverageRow {
  citizenId: string;
  fullName: string;
  scheme: Scheme;
  unitCode: string;
  coverageFrom: string;
  coverageUntil: string;
  address?: string | null;
  householdCode?: string | null;
  phone?: string | null;
}

export interface CoverageImportResult {
  applied: number;
  userErrors: UserError[];
  /** For the audit trail: rows new to the table, rows replaced, covers erased as past retention. */
  inserted: number;
  updated: number;
  erased: number;
}

/** A row checked, with its person's key: sealed only when it is written (upsertCovers). */
interface CheckedRow {
  unitId: number;
  scheme: Scheme;
  citizenKey: string;
  citizenId: string;
  fullName: string;
  address: string | null;
  householdCode: string | null;
  phone: string | null;
  coverageFrom: string;
  coverageUntil: string;
}

/** An optional text field: trimmed, spaces folded, and null when nothing is left. */
const optional = (value: string | null | undefined) => {
  const text = value?.normalize('NFC').trim().replace(/\s+/g, ' ');
  return text ? text : null;
};

/**
 * Imports BHXH's list of people already covered (importCoverage, API.md "Renewals"), so that
 * renewals are known from the first day: every row is checked first, each wrong one reported
 * by its index and field, and one wrong row means nothing is stored. A row upserts the person's
 * cover in the scheme that starts on its coverageFrom (citizenKey × coverageFrom); every other
 * cover stays. Personal data is sealed and keyed as an enrolment's (prisma/src/personalData.ts,
 * enrolmentKeys.ts). The rows are written set-based, one INSERT … SELECT … ON CONFLICT per chunk
 * in one transaction, which then erases what is past the retention period (retention.ts).
 */
export async function importCoverage(
  auth: Auth | null,
  rows: readonly CoverageRow[],
  now: Date = new Date(),
): Promise<CoverageImportResult> {
  if (rows.length > MAX_COVERAGE_ROWS) {
    throw new GraphQLError(
      `Một lần gửi nhận tối đa ${viNumber(MAX_COVERAGE_ROWS)} dòng; lần này có ${viNumber(rows.length)} dòng.`,
      { extensions: { code: 'BATCH_TOO_LARGE', limit: MAX_COVERAGE_ROWS } },
    );
  }
  const codes = [...new Set(rows.map((row) => row.unitCode.trim()))];
  const units = await sql<{ id: number; code: string; ancestorIds: number[] }>(
    `SELECT id, code, "ancestorIds" FROM "Unit" WHERE code = ANY($1::text[])`,
    [codes],
  );
  const unitOf = new Map(units.map((unit) => [unit.code, unit]));
  const currentYear = Number(vnDay.today(now).slice(0, 4));
  const errors: UserError[] = [];
  const checked: CheckedRow[] = [];
  const firstRowOf = new Map<string, number>();
  rows.forEach((row, index) => {
    const at = (field: string) => ['rows', index, field];
    const unit = unitOf.get(row.unitCode.trim());
    if (!unit) errors.push(userError(at('unitCode'), 'NOT_FOUND', notFound.unit(row.unitCode)));
    // A scoped command centre imports for the units strictly inside its subtree, as it sets their targets.
    else if (!manages(auth, unit, 'below')) errors.push(outOfScope(at('unitCode'), auth, unit, 'below'));
    const citizen = checkCitizenId(row.citizenId, currentYear);
    if (!citizen.ok) errors.push(userError(at('citizenId'), 'INVALID', citizenIdWords(citizen.problem)));
    // Not held to the one-word rule of submissions: one odd name in an official list must not refuse it.
    const name = checkFullName(row.fullName);
    if (!name.ok) errors.push(userError(at('fullName'), 'INVALID', fullNameWords(name)));
    const { coverageFrom: from, coverageUntil: until } = row;
    if (until < from) {
      errors.push(
        userError(at('coverageUntil'), 'INVALID', {
          vi: `Hạn thẻ đến ngày ${viDay(until)} ở trước ngày bắt đầu ${viDay(from)}.`,
          en: `coverageUntil ${until} is before coverageFrom ${from}.`,
        }),
      );
    } else if (until > coverEnd(from, MAX_COVERAGE_MONTHS)) {
      errors.push(
        userError(at('coverageUntil'), 'INVALID', {
          vi: `Thời hạn tham gia từ ${viDay(from)} đến ${viDay(until)} dài hơn ${MAX_COVERAGE_MONTHS} tháng, mức đóng dài nhất.`,
          en: `A cover from ${from} to ${until} is longer than ${MAX_COVERAGE_MONTHS} months, the longest paid for.`,
        }),
      );
    }
    const address = optional(row.address);
    if (address !== null && (address.length > MAX_ADDRESS || INVISIBLE.test(address)))
      errors.push(
        userError(at('address'), 'INVALID', {
          vi: `Địa chỉ dài tối đa ${MAX_ADDRESS} ký tự và không có ký tự điều khiển hay ký tự ẩn.`,
          en: `An address has at most ${MAX_ADDRESS} characters and no control or invisible characters.`,
        }),
      );
    const householdCode = optional(row.householdCode);
    if (householdCode !== null && !HOUSEHOLD_CODE.test(householdCode))
      errors.push(
        userError(at('householdCode'), 'INVALID', {
          vi: 'Mã hộ gia đình gồm 1 đến 30 chữ số, chữ cái không dấu hoặc dấu gạch ngang.',
          en: 'A household code has 1 to 30 digits, letters (A–Z) or hyphens.',
        }),
      );
    const phone = optional(row.phone);
    const phoneDigits = phone?.replace(/\D/g, '') ?? '';
    if (phone !== null && (!PHONE.test(phone) || phoneDigits.length < 9 || phoneDigits.length > 12))
      errors.push(
        userError(at('phone'), 'INVALID', {
          vi: 'Số điện thoại gồm 9 đến 12 chữ số (có thể có +, dấu cách, dấu chấm hoặc gạch ngang).',
          en: 'A phone number has 9 to 12 digits (a +, spaces, dots or hyphens allowed).',
        }),
      );
    if (!citizen.ok) return;
    const person = citizenKey(row.scheme, citizen.citizenId);
    // One statement upserts each row once: the same cover twice in a list is the list's mistake.
    const cover = `${person}:${from}`;
    const earlier = firstRowOf.get(cover);
    if (earlier === undefined) firstRowOf.set(cover, index);
    else
      errors.push(
        userError(at('coverageFrom'), 'INVALID', {
          vi: `Dòng ${earlier + 1} và dòng ${index + 1} cùng là thời hạn tham gia của một người, cùng loại hình, cùng bắt đầu ngày ${viDay(from)}: mỗi thời hạn chỉ một dòng.`,
          en: `Rows ${earlier + 1} and ${index + 1} are the same person's cover in the same scheme from ${from}: one row each.`,
        }),
      );
    if (errors.length > 0 || !unit || !name.ok) return;
    checked.push({
      unitId: unit.id,
      scheme: row.scheme,
      citizenKey: person,
      citizenId: citizen.citizenId,
      fullName: name.fullName,
      address,
      householdCode,
      phone,
      coverageFrom: from,
      coverageUntil: until,
    });
  });
  if (errors.length > 0) return { applied: 0, userErrors: errors, inserted: 0, updated: 0, erased: 0 };
  return { applied: rows.length, userErrors: [], ...(await upsertCovers(checked, auth, now)) };
}

/**
 * The one upsert of imported covers: every write to ImportedCover but the erasure goes through
 * this statement. A counter of covers by their last day (the board's dueForRenewal and lapsed)
 * belongs in it: a `previous` CTE reading each input row's stored cover (its unit, scheme and
 * old end, none for a row new to the table; a CTE sees the table as it was before the
 * statement) beside `upserted` returning the new end, and the counters moved from the one to
 * the other through counterWrites. Rows already past the retention period are not stored at
 * all ($4, the erasure's cutoff).
 */
const UPSERT_CHUNK = `WITH input AS (
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(id text, "unitId" int, scheme "Scheme", "citizenKey" text,
       "citizenIdSealed" text, "fullNameSealed" text, "addressSealed" text, "householdCodeSealed" text,
       "phoneSealed" text, hamlet text, "coverageFrom" date, "coverageUntil" date)
   ), previous AS (
     -- The covers this chunk replaces, as they stood before it (a CTE reads the table as the
     -- statement found it).
     SELECT c.id, c."unitId", c.scheme, c."coverageUntil" FROM "ImportedCover" c
     JOIN input i ON i."citizenKey" = c."citizenKey" AND i."coverageFrom" = c."coverageFrom"
   ), upserted AS (
     INSERT INTO "ImportedCover" (id, "unitId", scheme, "citizenKey", "citizenIdSealed", "fullNameSealed",
       "addressSealed", "householdCodeSealed", "phoneSealed", hamlet, "coverageFrom", "coverageUntil", "importedAt", "importedBy")
     SELECT id, "unitId", scheme, "citizenKey", "citizenIdSealed", "fullNameSealed", "addressSealed",
            "householdCodeSealed", "phoneSealed", hamlet, "coverageFrom", "coverageUntil", $2::timestamptz, $3::text
     FROM input WHERE "coverageUntil" >= $4::date
     ON CONFLICT ("citizenKey", "coverageFrom") DO UPDATE SET
       "unitId" = EXCLUDED."unitId", scheme = EXCLUDED.scheme, "citizenIdSealed" = EXCLUDED."citizenIdSealed",
       "fullNameSealed" = EXCLUDED."fullNameSealed", "addressSealed" = EXCLUDED."addressSealed",
       "householdCodeSealed" = EXCLUDED."householdCodeSealed", "phoneSealed" = EXCLUDED."phoneSealed",
       hamlet = EXCLUDED.hamlet, "coverageUntil" = EXCLUDED."coverageUntil", "importedAt" = EXCLUDED."importedAt",
       "importedBy" = EXCLUDED."importedBy"
     RETURNING id, "unitId", scheme, "coverageUntil", (xmax = 0) AS inserted
   ), ends AS (
     -- A cover not renewed ends unrenewed at its last day (the boards' due and lapsed): the one
     -- replaced no longer does, the one written does. One a counted renewal extends ends nowhere.
     SELECT p."unitId" AS "unitId", p.scheme::text AS scheme, to_char(p."coverageUntil", 'YYYY-MM-DD') AS "endsOn", -1 AS delta
     FROM previous p
     WHERE NOT EXISTS (SELECT 1 FROM "Enrolment" e WHERE e."renewsCoverageId" = p.id AND e."voidedAt" IS NULL)
     UNION ALL
     SELECT u."unitId", u.scheme::text, to_char(u."coverageUntil", 'YYYY-MM-DD'), 1
     FROM upserted u
     WHERE NOT EXISTS (SELECT 1 FROM "Enrolment" e WHERE e."renewsCoverageId" = u.id AND e."voidedAt" IS NULL)
   )
   SELECT (SELECT count(*) FILTER (WHERE inserted) FROM upserted)::int AS inserted,
          (SELECT count(*) FILTER (WHERE NOT inserted) FROM upserted)::int AS updated,
          (SELECT COALESCE(jsonb_agg(ends), '[]'::jsonb) FROM ends) AS ends`;

async function upsertCovers(
  rows: CheckedRow[],
  auth: Auth | null,
  now: Date,
): Promise<{ inserted: number; updated: number; erased: number }> {
  // One order of row locks for every import, so that two imports of overlapping lists queue
  // rather than deadlock.
  rows.sort((a, b) =>
    a.citizenKey < b.citizenKey
      ? -1
      : a.citizenKey > b.citizenKey
        ? 1
        : a.coverageFrom < b.coverageFrom
          ? -1
          : 1,
  );
  const cutoff = erasureCutoff(vnDay.today(now), retentionMonths());
  return db.$transaction(
    async (tx) => {
      let inserted = 0;
      let updated = 0;
      const ends: CoverEndChange[] = [];
      const write = (chunk: string) =>
        tx.$queryRawUnsafe<{ inserted: number; updated: number; ends: CoverEndChange[] }[]>(
          UPSERT_CHUNK,
          chunk,
          now.toISOString(),
          auth?.subject ?? null,
          cutoff,
        );
      // Each chunk is sealed while the database writes the one before: the two run on two cores.
      let writing: ReturnType<typeof write> | null = null;
      for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
        const chunk = sealedChunk(rows, start, start + CHUNK_ROWS);
        const [counts] = writing ? await writing : [];
        inserted += counts?.inserted ?? 0;
        updated += counts?.updated ?? 0;
        ends.push(...(counts?.ends ?? []));
        writing = write(chunk);
      }
      const [counts] = writing ? await writing : [];
      inserted += counts?.inserted ?? 0;
      updated += counts?.updated ?? 0;
      ends.push(...(counts?.ends ?? []));
      // The boards' due and lapsed figures, in the counters' one lock order (counterWrites).
      await addToCoverEnds(tx, netCoverEnds(ends));
      const erased = await eraseLapsedCovers(now, tx);
      return { inserted, updated, erased };
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}

/** The changes summed per unit, scheme and day, those that cancel out left out. */
function netCoverEnds(changes: CoverEndChange[]): CoverEndChange[] {
  const sums = new Map<string, CoverEndChange>();
  for (const change of changes) {
    const key = `${change.unitId}|${change.scheme}|${change.endsOn}`;
    const sum = sums.get(key);
    if (sum) sum.delta += change.delta;
    else sums.set(key, { ...change });
  }
  return [...sums.values()].filter((change) => change.delta !== 0);
}

/**
 * Rows `from` to `to` as the statement takes them, sealed (prisma/src/personalData.ts): one
 * JSON parameter, each row one object literal of one shape (writeBatch.ts says why).
 */
function sealedChunk(rows: CheckedRow[], from: number, to: number): string {
  const sealing = personalData();
  const seal = (value: string | null) => (value === null ? null : sealing.seal(value));
  return JSON.stringify(
    rows.slice(from, to).map((row) => ({
      id: uuidv7({ random: randomBytesFromPool(16) }),
      unitId: row.unitId,
      scheme: row.scheme,
      citizenKey: row.citizenKey,
      citizenIdSealed: sealing.seal(row.citizenId),
      fullNameSealed: sealing.seal(row.fullName),
      addressSealed: seal(row.address),
      householdCodeSealed: seal(row.householdCode),
      phoneSealed: seal(row.phone),
      // The place alone, in clear, to group the work list by (schema.prisma, ImportedCover.hamlet).
      hamlet: hamletOf(row.address),
      coverageFrom: row.coverageFrom,
      coverageUntil: row.coverageUntil,
    })),
  );
}
