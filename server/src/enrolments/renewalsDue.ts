import type { Prisma, Scheme, Unit } from '@toandan/db/client';
import { db, sql } from '@toandan/db/db';
import { LAPSE_GRACE_DAYS } from '@toandan/shared/cover';
import { vnDay } from '@toandan/shared/vnDay';
import { GraphQLError } from 'graphql';
import { badCursor, cursorPairOrThrow, isCursorId, listableOrThrow, pageInfoOf } from '../connections.ts';
import { notFound } from '../lookups.ts';
import { pageSizeOrThrow } from '../pageSize.ts';

/**
 * One person to call back: their last cover in a scheme, an enrolment or a cover from BHXH's
 * list (`imported`), with what the Renewal type shows of it, still sealed.
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
  coverageUntil: string;
}

export interface RenewalPage {
  edges: { cursor: string; node: RenewalNode }[];
  pageInfo: ReturnType<typeof pageInfoOf>;
}

export const DEFAULT_RENEWALS_PAGE = 50;
export const MAX_RENEWALS_PAGE = 500;
export const DEFAULT_WITHIN_DAYS = 30;
/** Looking further ahead than a year lists every yearly cover at once: no work list. */
export const MAX_WITHIN_DAYS = 366;

export interface RenewalsDueArgs {
  unitCode: string;
  scheme?: Scheme | null;
  withinDays?: number | null;
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

const encodeCursor = (until: string, id: string) =>
  Buffer.from(JSON.stringify([until, id])).toString('base64url');

function decodeCursorOrThrow(cursor: string): { until: string; id: string } {
  const [until, id] = cursorPairOrThrow(cursor);
  if (typeof until !== 'string' || !vnDay.isValid(until) || !isCursorId(id)) throw badCursor();
  return { until, id };
}

/**
 * The covers to renew in a unit's whole subtree, soonest first (by the last day, then id): each
 * person's last cover in the scheme, counted in any campaign or imported from BHXH's list, that
 * ends within `withinDays` after today or ended at most 90 days before (daysLeft below 0:
 * lapsed, seed 002's "đã giảm chưa tham gia lại"). A cover that a later one follows (a renewal,
 * a new sign-up after the lapse, a later cover in BHXH's list) is off the list, from whichever
 * phone it came; an imported cover that ends with an enrolment the same day is that enrolment
 * (covers.ts, lastCover).
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
  const after = args.after ? decodeCursorOrThrow(args.after) : null;
  const unit = await db.unit.findUnique({
    where: { code: args.unitCode.trim() },
    select: { id: true, ancestorIds: true },
  });
  if (!unit) throw notFound(`No unit has the code "${args.unitCode}".`);
  listableOrThrow(unit, args.unitCode, scope);
  const today = vnDay.today(now);
  const rows = await sql<{ id: string; imported: boolean }>(
    `SELECT id, imported FROM (
       SELECT e.id, false AS imported, e."coverageUntil" FROM "Enrolment" e JOIN "Unit" u ON u.id = e."unitId"
       WHERE e."personKey" IS NOT NULL AND (u.id = $1 OR u."ancestorIds" @> ARRAY[$1]::int[])
         AND e."coverageUntil" BETWEEN $2::date AND $3::date
         AND ($4::text IS NULL OR e.scheme = $4::"Scheme")
         AND ($5::date IS NULL OR (e."coverageUntil", e.id) > ($5::date, $6::text))
         AND NOT EXISTS (SELECT 1 FROM "Enrolment" later
                         WHERE later."citizenKey" = e."citizenKey" AND later."personKey" IS NOT NULL
                           AND later."coverageUntil" > e."coverageUntil")
         AND NOT EXISTS (SELECT 1 FROM "ImportedCover" later
                         WHERE later."citizenKey" = e."citizenKey" AND later."coverageUntil" > e."coverageUntil")
       UNION ALL
       SELECT c.id, true, c."coverageUntil" FROM "ImportedCover" c JOIN "Unit" u ON u.id = c."unitId"
       WHERE (u.id = $1 OR u."ancestorIds" @> ARRAY[$1]::int[])
         AND c."coverageUntil" BETWEEN $2::date AND $3::date
         AND ($4::text IS NULL OR c.scheme = $4::"Scheme")
         AND ($5::date IS NULL OR (c."coverageUntil", c.id) > ($5::date, $6::text))
         AND NOT EXISTS (SELECT 1 FROM "ImportedCover" later
                         WHERE later."citizenKey" = c."citizenKey"
                           AND (later."coverageUntil", later.id) > (c."coverageUntil", c.id))
         AND NOT EXISTS (SELECT 1 FROM "Enrolment" later
                         WHERE later."citizenKey" = c."citizenKey" AND later."personKey" IS NOT NULL
                           AND later."coverageUntil" >= c."coverageUntil")
     ) due
     ORDER BY "coverageUntil", id
     LIMIT $7`,
    [
      unit.id,
      vnDay.addDays(today, -LAPSE_GRACE_DAYS),
      vnDay.addDays(today, withinDays),
      args.scheme ?? null,
      after?.until ?? null,
      after?.id ?? null,
      first + 1,
    ],
  );
  const page = rows.slice(0, first);
  const enrolmentIds = page.filter((row) => !row.imported).map((row) => row.id);
  const importedIds = page.filter((row) => row.imported).map((row) => row.id);
  const [enrolments, imported] = await Promise.all([
    enrolmentIds.length === 0
      ? []
      : db.enrolment.findMany({ where: { id: { in: enrolmentIds } }, select: SEALED_COVER }),
    importedIds.length === 0
      ? []
      : db.importedCover.findMany({
          where: { id: { in: importedIds } },
          select: { ...SEALED_COVER, addressSealed: true, householdCodeSealed: true, phoneSealed: true },
        }),
  ]);
  const covers = [
    ...enrolments.map((row) => ({
      ...row,
      imported: false,
      addressSealed: null,
      householdCodeSealed: null,
      phoneSealed: null,
    })),
    ...imported.map((row) => ({ ...row, imported: true })),
  ];
  const units = await db.unit.findMany({
    where: { id: { in: [...new Set(covers.map((row) => row.unitId))] } },
    ...(unitInclude ? { include: unitInclude } : {}),
  });
  const unitOf = new Map(units.map((row) => [row.id, row]));
  const byId = new Map<string, RenewalNode>();
  for (const row of covers) {
    const rowUnit = unitOf.get(row.unitId);
    if (rowUnit)
      byId.set(row.id, { ...row, unit: rowUnit, coverageUntil: vnDay.fromDateColumn(row.coverageUntil) });
  }
  const edges = page.flatMap(({ id }) => {
    const node = byId.get(id);
    return node ? [{ cursor: encodeCursor(node.coverageUntil, id), node }] : [];
  });
  return { edges, pageInfo: pageInfoOf(edges, rows.length, first, after) };
}
