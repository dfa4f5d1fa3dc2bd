import { queryFromInfo } from '@pothos/plugin-prisma';
import type { Prisma } from '@toandan/db/client';
import type { GraphQLResolveInfo } from 'graphql';
import { actorOf, audited, recordAudit } from '../audit.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { DEFAULT_PAGE_SIZE, listEnrolments, MAX_PAGE_SIZE } from '../enrolments/listEnrolments.ts';
import { type VoidResult, voidEnrolment } from '../enrolments/voidEnrolment.ts';
import { selectsAny } from '../selection.ts';
import { Enrolment } from './enrolment.ts';
import { SchemeEnum } from './scheme.ts';
import { userErrorsField } from './userError.ts';

const EnrolmentConnection = builder.connectionObject(
  {
    type: Enrolment,
    name: 'EnrolmentConnection',
    description: 'A page of enrolments (danh sách hồ sơ tham gia), newest first, as a Relay connection.',
  },
  {
    name: 'EnrolmentEdge',
    description: 'One enrolment (hồ sơ tham gia) on a page, with its cursor.',
  },
);

/** The fields of Enrolment that hold personal data (their authScopes guard each of them). */
const PERSONAL_FIELDS = ['citizenId', 'fullName'];

/**
 * Who read whose data is kept, before the data leaves: a breach must be reported within 72
 * hours (DOMAIN.md), to the people whose records were read. Recorded when the selection asks
 * for a personal field of these enrolments, with their ids.
 */
async function auditPersonalDataRead(
  context: Context,
  info: GraphQLResolveInfo,
  target: string,
  enrolments: { id: string }[],
  details: Record<string, unknown> = {},
): Promise<void> {
  if (enrolments.length === 0 || !selectsAny(info, PERSONAL_FIELDS)) return;
  await recordAudit(actorOf(context), 'READ_PERSONAL_DATA', target, {
    ...details,
    enrolments: enrolments.length,
    enrolmentIds: enrolments.map((enrolment) => enrolment.id),
  });
}

builder.queryField('enrolments', (t) =>
  t.field({
    type: EnrolmentConnection,
    description: `The enrolments (danh sách hồ sơ tham gia) of one campaign in a unit's whole subtree, newest first: by receivedAt, then by id. Voided enrolments (đã hủy) are included, with voided true and their reason. Pages of ${DEFAULT_PAGE_SIZE} by default, at most ${MAX_PAGE_SIZE}; a page size outside 1..${MAX_PAGE_SIZE} is refused with extensions.code PAGE_SIZE, an unknown campaign or unit with NOT_FOUND, a cursor this API did not give out with BAD_CURSOR.`,
    args: {
      campaignId: t.arg.id({
        required: true,
        description: 'The campaign (chiến dịch, đợt vận động).',
      }),
      unitCode: t.arg.string({
        required: true,
        description:
          'Official code (mã đơn vị hành chính) of the unit whose whole subtree to list, at any level ("VN", "38", "395").',
      }),
      first: t.arg.int({
        description: `Page size, 1 to ${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when left out.`,
      }),
      after: t.arg.string({
        description: 'The endCursor of the previous page; left out for the first page.',
      }),
      scheme: t.arg({
        type: SchemeEnum,
        description: 'Only enrolments in this scheme (loại hình bảo hiểm).',
      }),
      day: t.arg({
        type: 'Date',
        description: 'Only enrolments counted on this Viet Nam day (ngày, giờ Việt Nam).',
      }),
    },
    // Lists of people are for the command centre, and for a field agent inside its subtree.
    authScopes: { commandCenter: true, fieldAgent: true },
    complexity: (args) => ({ field: 1, multiplier: Math.max(1, args.first ?? DEFAULT_PAGE_SIZE) }),
    resolve: async (_root, args, context, info) => {
      const page = await listEnrolments(
        { ...args, campaignId: String(args.campaignId) },
        // What the selection asks for below each node (the unit, its parent …) comes with the
        // page in one query instead of one query per enrolment.
        queryFromInfo({ context, info, typeName: 'Enrolment', path: ['edges', 'node'] }).include as
          | Prisma.EnrolmentInclude
          | undefined,
        context,
      );
      await auditPersonalDataRead(
        context,
        info,
        args.unitCode,
        page.edges.map((edge) => edge.node),
        { campaignId: String(args.campaignId) },
      );
      return page;
    },
  }),
);

const VoidEnrolmentPayload = builder.objectRef<VoidResult>('VoidEnrolmentPayload').implement({
  description: 'The answer to a void (hủy kết quả).',
  fields: (t) => ({
    enrolment: t.field({
      type: Enrolment,
      nullable: true,
      description:
        'The enrolment, now voided (or voided before, with ALREADY_VOIDED); null when it does not exist or the reason is refused.',
      resolve: (payload) => payload.enrolment,
    }),
    userErrors: userErrorsField(
      t,
      'INVALID on ["reason"], NOT_FOUND on ["id"], or ALREADY_VOIDED on ["id"] (nothing moved twice); empty on success.',
    ),
  }),
});

builder.mutationField('voidEnrolment', (t) =>
  t.field({
    type: VoidEnrolmentPayload,
    description:
      'Void an enrolment (hủy kết quả), for the command centre, e.g. one entered twice or in the wrong scheme: it stops counting, the counters of its unit, every current ancestor and its officer move back once, the reason and the time are kept, and the person may be enrolled again.',
    args: {
      id: t.arg.id({ required: true, description: 'The enrolment (hồ sơ tham gia) id.' }),
      reason: t.arg.string({
        required: true,
        description: 'Why it is voided (lý do hủy), 1 to 500 characters; trimmed and stored in Unicode NFC.',
      }),
    },
    authScopes: { commandCenter: true },
    resolve: async (_root, { id, reason }, context, info) => {
      const result = await audited(
        context,
        'VOID_ENROLMENT',
        () => voidEnrolment(String(id), reason, context.auth?.subject ?? null),
        () => ({ target: String(id) }),
      );
      // The answer may carry the person's data, voided now or before (ALREADY_VOIDED).
      if (result.enrolment) await auditPersonalDataRead(context, info, String(id), [result.enrolment]);
      return result;
    },
  }),
);
