import type { Enrolment, Prisma, Scheme } from '@toandan/db/client';
import { db } from '@toandan/db/db';
import { vnDay } from '@toandan/shared/vnDay';
import { badCursor, cursorPairOrThrow, isCursorId, listableOrThrow, pageInfoOf } from '../connections.ts';
import { campaignAndUnitOrThrow } from '../lookups.ts';
import { pageSizeOrThrow } from '../pageSize.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export interface ListEnrolmentsArgs {
  campaignId: string;
  unitCode: string;
  first?: number | null;
  after?: string | null;
  scheme?: Scheme | null;
  /** A Viet Nam day, YYYY-MM-DD. */
  day?: string | null;
}

export interface EnrolmentPage<Row extends Enrolment> {
  edges: { cursor: string; node: Row }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

interface Position {
  receivedAt: Date;
  id: string;
}

/**
 * A cursor is the position of an enrolment in the order of the list, (receivedAt, id), so a
 * page continues after it even when newer enrolments arrived or that one was voided since.
 */
export function encodeCursor(enrolment: Position): string {
  return Buffer.from(JSON.stringify([enrolment.receivedAt.toISOString(), enrolment.id])).toString(
    'base64url',
  );
}

export function decodeCursorOrThrow(cursor: string): Position {
  const [receivedAt, id] = cursorPairOrThrow(cursor);
  if (typeof receivedAt !== 'string' || !isCursorId(id)) throw badCursor();
  // Four-digit years only: JavaScript's dates reach back beyond what PostgreSQL stores.
  const date = /^\d{4}-/.test(receivedAt) ? new Date(receivedAt) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString() !== receivedAt) throw badCursor();
  return { receivedAt: date, id };
}

/**
 * One page of a campaign's enrolments in a unit's whole subtree, newest first: by receivedAt,
 * then by id, so that enrolments stored in the same millisecond keep one order and no page
 * overlaps or skips another. Voided enrolments are listed too. `include` is what the GraphQL
 * selection needs below each node, loaded with the page instead of once per node.
 */
export async function listEnrolments<Row extends Enrolment = Enrolment>(
  args: ListEnrolmentsArgs,
  include: Prisma.EnrolmentInclude | undefined,
  /** The holder's unit scope: a field agent lists inside its subtree only. */
  scope: { auth: { unitId: number | null; unitCode: string | null } | null },
): Promise<EnrolmentPage<Row>> {
  const first = pageSizeOrThrow(args.first, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const after = args.after ? decodeCursorOrThrow(args.after) : null;
  const { campaign, unit } = await campaignAndUnitOrThrow(args.campaignId, args.unitCode);
  const [campaignId, unitId] = [campaign.id, unit.id];
  listableOrThrow(unit, args.unitCode, scope);

  const where: Prisma.EnrolmentWhereInput = {
    campaignId,
    unit: { OR: [{ id: unitId }, { ancestorIds: { has: unitId } }] },
    ...(args.scheme ? { scheme: args.scheme } : {}),
    ...(args.day ? { day: vnDay.toDateColumn(args.day) } : {}),
    ...(after
      ? {
          OR: [
            { receivedAt: { lt: after.receivedAt } },
            { receivedAt: after.receivedAt, id: { lt: after.id } },
          ],
        }
      : {}),
  };
  // One more than asked tells whether another page follows.
  const rows = (await db.enrolment.findMany({
    where,
    orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
    take: first + 1,
    ...(include ? { include } : {}),
  })) as Row[];
  const edges = rows.slice(0, first).map((node) => ({ cursor: encodeCursor(node), node }));
  return { edges, pageInfo: pageInfoOf(edges, rows.length, first, after) };
}
