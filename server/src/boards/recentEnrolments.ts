import type { Scheme, Unit } from '@toandan/db/client';
import { db } from '@toandan/db/db';

export interface RecentEnrolmentData {
  unit: Unit;
  scheme: Scheme;
  enrolledAt: Date;
  receivedAt: Date;
}

export const MAX_RECENT = 50;

/**
 * The latest counted enrolments in the board's subtree, newest first, with nothing of the
 * person: which unit, which scheme, when. The personal columns are not even read.
 */
export async function recentEnrolments(
  board: { campaignId: string; unitId: number },
  first: number,
): Promise<RecentEnrolmentData[]> {
  return db.enrolment.findMany({
    where: {
      campaignId: board.campaignId,
      voidedAt: null,
      unit: { OR: [{ id: board.unitId }, { ancestorIds: { has: board.unitId } }] },
    },
    orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
    take: Math.min(Math.max(first, 1), MAX_RECENT),
    select: { scheme: true, enrolledAt: true, receivedAt: true, unit: true },
  });
}
