import type { Prisma, Scheme, Unit } from '@toandan/db/client';
import { db, sql } from '@toandan/db/db';
import { LAPSE_GRACE_DAYS } from '@toandan/shared/cover';
import { MAX_HAMLET } from '@toandan/shared/hamletOf';
import { vnDay } from '@toandan/shared/vnDay';
import { GraphQLError } from 'graphql';
import { badCursor, cursorPairOrThrow, isCursorId, listableOrThrow, pageInfoOf } from '../connections.ts';
import { notFound } from '../lookups.ts';
import { pageSizeOrThrow } from '../pageSize.ts';

/**
 * One person to call back: their last cover in a scheme, an enrolment or a cover from BHXH's
 * list (`imported`), with what the Renewal type shows of it, still sealed. An enrolment shows
 * the contact fields of the person's last cover in BHXH's list, when there is one (`contactId`):
 * a person renewed on a phone stays reachable at the next renewal.
 */
export interface RenewalNode {
  id: string;
  imported: boolean;
  unitId: number;
  unit: Unit;
  scheme: Scheme;
  citizenIdSealed: string;
  fullNameSealed: string;
  addressSealed: string | null;
  householdCodeSealed: string | null;
  phoneSealed: string | null;
  hamlet: string | null;
  coverageUntil: string;
}

export interface RenewalPage {
  edges: { cursor: string; node: RenewalNode }[];
  pageInfo: ReturnType<typeof pageInfoOf>;
}

/**
 * SOONEST: by the last day (API.md's order). ADDRESS: the list a collection agent walks and
 * prints (seed 002, "danh sách theo địa chỉ cụ thể"): by unit, then hamlet or street (those
 * with no address last), soonest first within each.
 */
export type RenewalOrder = 'SOONEST' | 'ADDRESS';

export const DEFAULT_RENEWALS_PAGE = 50;
export const MAX_RENEWALS_PAGE = 500;
export const DEFAULT_WITHIN_DAYS = 30;
/** Looking further ahead than a year lists every yearly cover at once: no work list. */
export const MAX_WITHIN_DAYS = 366;

export interface RenewalsDueArgs {
  unitCode: string;
  scheme?: Scheme | null;
  withinDays?: number | null;
  orderBy?: RenewalOrder | null;
  first?: number | null;
  after?: string | null;
}

/** What a Renewal shows of an enrolment, and of an imported cover with its contact fields. */
const SEALED_COVER = {
  id: true,
  unitId: true,
  scheme: true,
  citizenIdSealed: true,
  fullNameSealed: true,
  coverageUntil: true,
} as const;
const CONTACT = { addressSealed: true, householdCodeSealed: true, phoneSealed: true, hamlet: true } as const;

/** A row of the list, in the order's keys. */
interface DueRow {
  id: string;
  imported: boolean;
  contactId: string | null;
  unitCode: string;
  hamlet: string | null;
  coverageUntil: string;
}

/** The keys a page ends on: [until, id] by SOONEST, [unit, hamlet, until, id] by ADDRESS. */
const encodeCursor = (order: RenewalOrder, row: DueRow) =>
  Buffer.from(
    JSON.stringify(
      order === 'SOONEST'
        ? [row.coverageUntil, row.id]
        : ['ADDRESS', row.unitCode, row.hamlet, row.coverageUntil, row.id],
    ),
  ).toString('base64url');

function decodeCursorOrThrow(
  order: RenewalOrder,
  cursor: string,
): { until: string; id: string; unitCode?: string; hamlet?: string | null } {
  if (order === 'SOONEST') {
    const [until, id] = cursorPairOrThrow(cursor);
    if (typeof until !== 'string' || !vnDay.isValid(until) || !isCursorId(id)) throw badCursor();
    return { until, id };
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(decoded) || decoded.length !== 5 || decoded[0] !== 'ADDRESS') throw badCursor();
  const [, unitCode, hamlet, until, id] = decoded as unknown[];
  if (
    typeof unitCode !== 'string' ||
    !/^[\x21-\x7e]{1,32}$/.test(unitCode) ||
    (hamlet !== null &&
      (typeof hamlet !== 'string' || hamlet.length > MAX_HAMLET || hamlet.includes('\0'))) ||
    typeof until !== 'string' ||
    !vnDay.isValid(until) ||
    !isCursorId(id)
  )
    throw badCursor();
  return { unitCode, hamlet, until, id };
}

/**
 * The two orders in SQL, with the keyset condition after a cursor (its keys from $5 on, the
 * page's size after them). The hamlets compare byte by byte (COLLATE "C"): the same on every
 * database, and in the cursor's condition as in the order.
 */
const ORDERS: Record<
  RenewalOrder,
  {
    after: string;
    orderBy: string;
    limit: string;
    keys: (cursor: ReturnType<typeof decodeCursorOrThrow>) => unknown[];
  }
> = {
  SOONEST: {
    after: `("coverageUntil", id) > ($5::date, $6::text)`,
    orderBy: `"coverageUntil", id`,
    limit: '$7',
    keys: (cursor) => [cursor.until, cursor.id],
  },
  ADDRESS: {
    after: `("unitCode" COLLATE "C", hamlet IS NULL, COALESCE(hamlet, '') COLLATE "C", "coverageUntil", id)
              > ($5::text COLLATE "C", $6::text IS NULL, COALESCE($6::text, '') COLLATE "C", $7::date, $8::text)`,
    orderBy: `"unitCode" COLLATE "C", hamlet IS NULL, COALESCE(hamlet, '') COLLATE "C", "coverageUntil", id`,
    limit: '$9',
    keys: (cursor) => [cursor.unitCode, cursor.hamlet ?? null, cursor.until, cursor.id],
  },
};

/**
 * The covers to renew in a unit's whole subtree, soonest first (by the last day, then id) or
 * by address (ORDERS): each person's last cover in the scheme, counted in any campaign or
 * imported from BHXH's list, that ends within `withinDays` after today or ended at most 90
 * days before (daysLeft below 0: lapsed, seed 002's "đã giảm chưa tham gia lại"). A cover
 * that a later one follows (a renewal, a new sign-up after the lapse, a later cover in BHXH's
 * list) is off the list, from whichever phone it came; an imported cover that ends with an
 * enrolment the same day is that enrolment (covers.ts, lastCover).
 */
export async function renewalsDue(
  args: RenewalsDueArgs,
  unitInclude: Prisma.UnitInclude | undefined,
  scope: { auth: { unitId: number | null; unitCode: string | null } | null },
  now: Date = new Date(),
): Promise<RenewalPage> {
  const first = pageSizeOrThrow(args.first, DEFAULT_RENEWALS_PAGE, MAX_RENEWALS_PAGE);
  const withinDays = args.withinDays ?? DEFAULT_WITHIN_DAYS;
  if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > MAX_WITHIN_DAYS) {
    throw new GraphQLError(`"withinDays" must be from 0 to ${MAX_WITHIN_DAYS}; got ${withinDays}.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const order = args.orderBy ?? 'SOONEST';
  const after = args.after ? decodeCursorOrThrow(order, args.after) : null;
  const unit = await db.unit.findUnique({
    where: { code: args.unitCode.trim() },
    select: { id: true, ancestorIds: true },
  });
  if (!unit) throw notFound(`No unit has the code "${args.unitCode}".`);
  listableOrThrow(unit, args.unitCode, scope);
  const today = vnDay.today(now);
  const rows = await sql<DueRow>(
    `WITH due AS (
       SELECT e.id, false AS imported, e."coverageUntil", u.code AS "unitCode",
              contact.id AS "contactId", contact.hamlet
       FROM "Enrolment" e JOIN "Unit" u ON u.id = e."unitId"
       -- The person's last cover in BHXH's list, for how to reach them.
       LEFT JOIN LATERAL (SELECT c.id, c.hamlet FROM "ImportedCover" c WHERE c."citizenKey" = e."citizenKey"
                          ORDER BY c."coverageUntil" DESC, c.id DESC LIMIT 1) contact ON true
       WHERE e."personKey" IS NOT NULL AND (u.id = $1 OR u."ancestorIds" @> ARRAY[$1]::int[])
         AND e."coverageUntil" BETWEEN $2::date AND $3::date
         AND ($4::text IS NULL OR e.scheme = $4::"Scheme")
         AND NOT EXISTS (SELECT 1 FROM "Enrolment" later
                         WHERE later."citizenKey" = e."citizenKey" AND later."personKey" IS NOT NULL
                           AND later."coverageUntil" > e."coverageUntil")
         AND NOT EXISTS (SELECT 1 FROM "ImportedCover" later
                         WHERE later."citizenKey" = e."citizenKey" AND later."coverageUntil" > e."coverageUntil")
       UNION ALL
       SELECT c.id, true, c."coverageUntil", u.code, c.id, c.hamlet
       FROM "ImportedCover" c JOIN "Unit" u ON u.id = c."unitId"
       WHERE (u.id = $1 OR u."ancestorIds" @> ARRAY[$1]::int[])
         AND c."coverageUntil" BETWEEN $2::date AND $3::date
         AND ($4::text IS NULL OR c.scheme = $4::"Scheme")
         AND NOT EXISTS (SELECT 1 FROM "ImportedCover" later
                         WHERE later."citizenKey" = c."citizenKey"
                           AND (later."coverageUntil", later.id) > (c."coverageUntil", c.id))
         AND NOT EXISTS (SELECT 1 FROM "Enrolment" later
                         WHERE later."citizenKey" = c."citizenKey" AND later."personKey" IS NOT NULL
                           AND later."coverageUntil" >= c."coverageUntil")
     )
     SELECT id, imported, "contactId", "unitCode", hamlet, to_char("coverageUntil", 'YYYY-MM-DD') AS "coverageUntil"
     FROM due
     ${after ? `WHERE ${ORDERS[order].after}` : ''}
     ORDER BY ${ORDERS[order].orderBy}
     LIMIT ${after ? ORDERS[order].limit : '$5'}`,
    [
      unit.id,
      vnDay.addDays(today, -LAPSE_GRACE_DAYS),
      vnDay.addDays(today, withinDays),
      args.scheme ?? null,
      ...(after ? ORDERS[order].keys(after) : []),
      first + 1,
    ],
  );
  const page = rows.slice(0, first);
  const enrolmentIds = page.filter((row) => !row.imported).map((row) => row.id);
  const contactIds = [...new Set(page.flatMap((row) => (row.contactId ? [row.contactId] : [])))];
  const [enrolments, imported] = await Promise.all([
    enrolmentIds.length === 0
      ? []
      : db.enrolment.findMany({ where: { id: { in: enrolmentIds } }, select: SEALED_COVER }),
    contactIds.length === 0
      ? []
      : db.importedCover.findMany({
          where: { id: { in: contactIds } },
          select: { ...SEALED_COVER, ...CONTACT },
        }),
  ]);
  const importedOf = new Map(imported.map((row) => [row.id, row]));
  const enrolmentOf = new Map(enrolments.map((row) => [row.id, row]));
  const units = await db.unit.findMany({
    where: { id: { in: [...new Set([...enrolments, ...imported].map((row) => row.unitId))] } },
    ...(unitInclude ? { include: unitInclude } : {}),
  });
  const unitOf = new Map(units.map((row) => [row.id, row]));
  const edges = page.flatMap((row) => {
    const contact = row.contactId ? importedOf.get(row.contactId) : undefined;
    const cover = row.imported ? contact : enrolmentOf.get(row.id);
    const coverUnit = cover && unitOf.get(cover.unitId);
    if (!cover || !coverUnit) return [];
    const node: RenewalNode = {
      id: cover.id,
      imported: row.imported,
      unitId: cover.unitId,
      unit: coverUnit,
      scheme: cover.scheme,
      citizenIdSealed: cover.citizenIdSealed,
      fullNameSealed: cover.fullNameSealed,
      addressSealed: contact?.addressSealed ?? null,
      householdCodeSealed: contact?.householdCodeSealed ?? null,
      phoneSealed: contact?.phoneSealed ?? null,
      hamlet: contact?.hamlet ?? null,
      coverageUntil: vnDay.fromDateColumn(cover.coverageUntil),
    };
    return [{ cursor: encodeCursor(order, row), node }];
  });
  return { edges, pageInfo: pageInfoOf(edges, rows.length, first, after) };
}
