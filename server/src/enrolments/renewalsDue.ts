import type { Enrolment, Prisma, Scheme } from '@toandan/db/client';
import { db, sql } from '@toandan/db/db';
import { LAPSE_GRACE_DAYS } from '@toandan/shared/cover';
import { vnDay } from '@toandan/shared/vnDay';
import { GraphQLError } from 'graphql';
import { badCursor, cursorPairOrThrow, isCursorId, listableOrThrow, pageInfoOf } from '../connections.ts';
import { notFound } from '../lookups.ts';
import { pageSizeOrThrow } from '../pageSize.ts';
import type { EnrolmentPage } from './listEnrolments.ts';

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

const encodeCursor = (until: string, id: string) =>
  Buffer.from(JSON.stringify([until, id])).toString('base64url');

function decodeCursorOrThrow(cursor: string): { until: string; id: string } {
  const [until, id] = cursorPairOrThrow(cursor);
  if (typeof until !== 'string' || !vnDay.isValid(until) || !isCursorId(id)) throw badCursor();
  return { until, id };
}

/**
 * The covers to renew in a unit's whole subtree, soonest first (by the last day, then id): each
 * person's last counted cover in the scheme, in any campaign, that ends within `withinDays`
 * after today or ended at most 90 days before (daysLeft below 0: lapsed, seed 002's "đã giảm
 * chưa tham gia lại"). A cover that a later one follows (a renewal, or a new sign-up after the
 * lapse) is off the list, from whichever phone it came.
 */
export async function renewalsDue<Row extends Enrolment = Enrolment>(
  args: RenewalsDueArgs,
  include: Prisma.EnrolmentInclude | undefined,
  scope: { auth: { unitId: number | null; unitCode: string | null } | null },
  now: Date = new Date(),
): Promise<EnrolmentPage<Row>> {
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
  const rows = await sql<{ id: string }>(
    `SELECT e.id FROM "Enrolment" e JOIN "Unit" u ON u.id = e."unitId"
     WHERE e."personKey" IS NOT NULL AND (u.id = $1 OR u."ancestorIds" @> ARRAY[$1]::int[])
       AND e."coverageUntil" BETWEEN $2::date AND $3::date
       AND ($4::text IS NULL OR e.scheme = $4::"Scheme")
       AND ($5::date IS NULL OR (e."coverageUntil", e.id) > ($5::date, $6::text))
       AND NOT EXISTS (SELECT 1 FROM "Enrolment" later
                       WHERE later."citizenKey" = e."citizenKey" AND later."personKey" IS NOT NULL
                         AND later."coverageUntil" > e."coverageUntil")
     ORDER BY e."coverageUntil", e.id
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
  const ids = rows.slice(0, first).map((row) => row.id);
  const found = (await db.enrolment.findMany({
    where: { id: { in: ids } },
    ...(include ? { include } : {}),
  })) as Row[];
  const byId = new Map(found.map((row) => [row.id, row]));
  const edges = ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [{ cursor: encodeCursor(vnDay.fromDateColumn(row.coverageUntil), id), node: row }];
  });
  return { edges, pageInfo: pageInfoOf(edges, rows.length, first, after) };
}
