import type { Prisma, Scheme, Unit } from '@toandan/db/client';
import { db } from '@toandan/db/db';

export interface RecentEnrolmentData {
  unit: Unit;
  scheme: Scheme;
  enrolledAt: Date;
  receivedAt: Date;
}

export const MAX_RECENT = 50;

type TickerRow = Omit<RecentEnrolmentData, 'unit'> & { unitId: number };

/** A board's ticker: its campaign, its unit, and the unit the campaign runs over. */
export interface TickerOf {
  campaignId: string;
  unitId: number;
  campaignUnitId: number;
}

/**
 * The latest counted enrolments in the board's subtree, newest first, with nothing of the
 * person: which unit, which scheme, when. The personal columns are not even read.
 *
 * The board of the campaign's own unit holds every enrolment of the campaign, so it reads the
 * campaign's newest from their index. Any other board reads each unit of its subtree from that
 * unit's own index and keeps the newest of those: a commune with no enrolment answers at once,
 * where filtering the campaign's newest by subtree would walk all of them (pnpm bench board:
 * 481 ms for a quiet commune over a million enrolments). `unitQuery` is what the selection asks
 * of each unit (its parent, to tell "Xã mẫu 2" of one district from another's): read with the
 * units in one query, not once per enrolment.
 */
export async function recentEnrolments(
  board: TickerOf,
  first: number,
  unitQuery: { include?: Prisma.UnitInclude } = {},
): Promise<RecentEnrolmentData[]> {
  const take = Math.min(Math.max(first, 1), MAX_RECENT);
  const rows =
    board.unitId === board.campaignUnitId
      ? await db.$queryRaw<TickerRow[]>`
          SELECT "unitId", scheme, "enrolledAt", "receivedAt" FROM "Enrolment"
          WHERE "campaignId" = ${board.campaignId} AND "voidedAt" IS NULL
          ORDER BY "receivedAt" DESC, id DESC LIMIT ${take}`
      : await db.$queryRaw<TickerRow[]>`
          SELECT e."unitId", e.scheme, e."enrolledAt", e."receivedAt"
          FROM "Unit" u
          CROSS JOIN LATERAL (
            SELECT "unitId", scheme, "enrolledAt", "receivedAt", id FROM "Enrolment"
            WHERE "unitId" = u.id AND "campaignId" = ${board.campaignId} AND "voidedAt" IS NULL
            ORDER BY "receivedAt" DESC, id DESC LIMIT ${take}
          ) e
          WHERE u.id = ${board.unitId} OR ${board.unitId} = ANY(u."ancestorIds")
          ORDER BY e."receivedAt" DESC, e.id DESC LIMIT ${take}`;
  if (rows.length === 0) return [];
  const units = new Map(
    (
      await db.unit.findMany({
        ...unitQuery,
        where: { id: { in: [...new Set(rows.map((row) => row.unitId))] } },
      })
    ).map((unit) => [unit.id, unit]),
  );
  return rows.map(({ unitId, scheme, enrolledAt, receivedAt }) => ({
    unit: units.get(unitId) as Unit,
    scheme,
    enrolledAt,
    receivedAt,
  }));
}
