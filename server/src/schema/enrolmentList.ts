import type { Prisma } from '@toandan/db/client';
import { db } from '@toandan/db/db';
import { vnDay } from '@toandan/shared/vnDay';
import { GraphQLError } from 'graphql';
import { notFound } from '../boards/loadBoard.ts';
import { builder } from '../builder.ts';
import { type VoidResult, voidEnrolment } from '../enrolments/voidEnrolment.ts';
import { Enrolment, UserErrorRef } from './enrolment.ts';
import { SchemeEnum } from './scheme.ts';

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 500;

const EnrolmentConnection = builder.connectionObject(
  {
    type: Enrolment,
    name: 'EnrolmentConnection',
    description: 'A page of enrolments, newest first (Relay connection).',
  },
  { name: 'EnrolmentEdge', description: 'One enrolment and its cursor.' },
);

/** Cursors are opaque to clients: the position (receivedAt, id) of an enrolment, encoded. */
function encodeCursor(enrolment: { receivedAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([enrolment.receivedAt.toISOString(), enrolment.id])).toString(
    'base64url',
  );
}

function decodeCursorOrThrow(cursor: string): { receivedAt: Date; id: string } {
  try {
    const [receivedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      string,
      string,
    ];
    const date = new Date(receivedAt);
    if (typeof id !== 'string' || Number.isNaN(date.getTime())) throw new Error('bad cursor');
    return { receivedAt: date, id };
  } catch {
    throw new GraphQLError('The "after" cursor is not one this API gave out; start again without it.', {
      extensions: { code: 'BAD_CURSOR' },
    });
  }
}

builder.queryField('enrolments', (t) =>
  t.field({
    type: EnrolmentConnection,
    description: `Enrolments in a unit's whole subtree for one campaign, newest first (by receivedAt). Voided enrolments are included, marked voided. Pages of ${DEFAULT_PAGE} by default, at most ${MAX_PAGE}.`,
    args: {
      campaignId: t.arg.id({ required: true, description: 'The campaign.' }),
      unitCode: t.arg.string({
        required: true,
        description: 'Official code of the unit whose subtree to list.',
      }),
      first: t.arg.int({ description: `Page size, 1 to ${MAX_PAGE}; ${DEFAULT_PAGE} when left out.` }),
      after: t.arg.string({ description: 'The endCursor of the previous page.' }),
      scheme: t.arg({ type: SchemeEnum, description: 'Only this scheme.' }),
      day: t.arg({ type: 'Date', description: 'Only enrolments counted on this Viet Nam day.' }),
    },
    resolve: async (_root, args) => {
      const first = args.first ?? DEFAULT_PAGE;
      if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
        throw new GraphQLError(`"first" must be from 1 to ${MAX_PAGE}; got ${first}.`, {
          extensions: { code: 'PAGE_SIZE', limit: MAX_PAGE },
        });
      }
      const after = args.after ? decodeCursorOrThrow(args.after) : null;
      const [campaign, unit] = await Promise.all([
        db.campaign.findUnique({ where: { id: String(args.campaignId) }, select: { id: true } }),
        db.unit.findUnique({ where: { code: args.unitCode.trim() }, select: { id: true } }),
      ]);
      if (!campaign) throw notFound(`No campaign has the id "${args.campaignId}".`);
      if (!unit) throw notFound(`No unit has the code "${args.unitCode}".`);

      const where: Prisma.EnrolmentWhereInput = {
        campaignId: campaign.id,
        unit: { OR: [{ id: unit.id }, { ancestorIds: { has: unit.id } }] },
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
      const rows = await db.enrolment.findMany({
        where,
        orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
        take: first + 1,
      });
      const page = rows.slice(0, first);
      const edges = page.map((node) => ({ cursor: encodeCursor(node), node }));
      return {
        edges,
        pageInfo: {
          hasNextPage: rows.length > first,
          hasPreviousPage: after !== null,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
      };
    },
  }),
);

const VoidEnrolmentPayload = builder.objectRef<VoidResult>('VoidEnrolmentPayload').implement({
  description: 'The answer to a void.',
  fields: (t) => ({
    enrolment: t.field({
      type: Enrolment,
      nullable: true,
      description:
        'The enrolment, now voided (or already voided); null when it does not exist or the input is wrong.',
      resolve: (payload) => payload.enrolment,
    }),
    userErrors: t.field({
      type: [UserErrorRef],
      description: 'INVALID (reason), NOT_FOUND, or ALREADY_VOIDED; empty on success.',
      resolve: (payload) => payload.userErrors,
    }),
  }),
});

builder.mutationField('voidEnrolment', (t) =>
  t.field({
    type: VoidEnrolmentPayload,
    description:
      'Void an enrolment (hủy kết quả), e.g. entered twice or in the wrong scheme: it stops counting, its counters move back, the reason and who did it are kept, and the person may be enrolled again.',
    args: {
      id: t.arg.id({ required: true, description: 'The enrolment id.' }),
      reason: t.arg.string({ required: true, description: 'Why it is voided, 1 to 500 characters.' }),
    },
    resolve: (_root, { id, reason }) => voidEnrolment(String(id), reason, null),
  }),
);
