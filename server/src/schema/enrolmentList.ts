import { builder } from '../builder.ts';
import { nodeInclude } from '../connections.ts';
import { DEFAULT_PAGE_SIZE, listEnrolments, MAX_PAGE_SIZE } from '../enrolments/listEnrolments.ts';
import { auditPersonalDataRead } from '../personalDataReads.ts';
import { Enrolment } from './enrolment.ts';
import { SchemeEnum } from './scheme.ts';

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
        nodeInclude(context, info, 'Enrolment'),
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
