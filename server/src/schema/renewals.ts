import { personalData } from '@toandan/db/personalData';
import { vnDay } from '@toandan/shared/vnDay';
import { builder } from '../builder.ts';
import { nodeInclude } from '../connections.ts';
import {
  DEFAULT_RENEWALS_PAGE,
  DEFAULT_WITHIN_DAYS,
  MAX_RENEWALS_PAGE,
  MAX_WITHIN_DAYS,
  renewalsDue,
} from '../enrolments/renewalsDue.ts';
import { auditPersonalDataRead } from '../personalDataReads.ts';
import { SchemeEnum } from './scheme.ts';

/** A cover to renew: an enrolment seen from the work list of renewals (tái tục). */
const Renewal = builder.prismaObject('Enrolment', {
  variant: 'Renewal',
  description:
    'A person to call back (đến hạn tái tục): their last cover in a scheme, ending soon or ended at most 90 days before. Its id renews it (SubmitEnrolmentInput.renewsCover).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The cover (its enrolment) id: send it as renewsCover.' }),
    citizenId: t.string({
      description:
        'Personal data: the 12-digit citizen ID (số CCCD). Command centre, and field agents inside their subtree; FORBIDDEN to partners.',
      authScopes: (cover) => ({ personalDataOf: cover.unitId }),
      resolve: (cover) => personalData().open(cover.citizenIdSealed),
    }),
    fullName: t.string({
      description: 'Personal data: full name (họ và tên), likewise.',
      authScopes: (cover) => ({ personalDataOf: cover.unitId }),
      resolve: (cover) => personalData().open(cover.fullNameSealed),
    }),
    scheme: t.expose('scheme', { type: SchemeEnum, description: 'The scheme (loại hình) of the cover.' }),
    unit: t.relation('unit', { description: 'The unit where the cover was signed up or last renewed.' }),
    coverageUntil: t.field({
      type: 'Date',
      description: 'The last Viet Nam day of the cover (hạn đến hết ngày).',
      resolve: (cover) => vnDay.fromDateColumn(cover.coverageUntil),
    }),
    daysLeft: t.int({
      description:
        'Days from today (Viet Nam) to coverageUntil: 0 on its last day, below 0 once lapsed (đã giảm chưa tham gia lại).',
      resolve: (cover) => vnDay.between(vnDay.today(), vnDay.fromDateColumn(cover.coverageUntil)),
    }),
    address: t.string({
      nullable: true,
      description: 'Address where known (from imported cover; none yet for covers signed up here).',
      resolve: () => null,
    }),
    householdCode: t.string({
      nullable: true,
      description: 'Household code (mã hộ) where known.',
      resolve: () => null,
    }),
    phone: t.string({ nullable: true, description: 'Phone number where known.', resolve: () => null }),
  }),
});

const RenewalConnection = builder.connectionObject(
  { type: Renewal, name: 'RenewalConnection', description: 'A page of covers to renew, soonest first.' },
  { name: 'RenewalEdge', description: 'One cover to renew on a page, with its cursor.' },
);

builder.queryField('renewalsDue', (t) =>
  t.field({
    type: RenewalConnection,
    description: `Covers to renew (danh sách đến hạn tái tục) in a unit's whole subtree, soonest first: each person's last cover in a scheme, in any campaign, ending within withinDays after today or ended at most 90 days before (daysLeft below 0). Personal data: the command centre, and field agents inside their subtree; FORBIDDEN to partners, who read the counts on the board. Every read of citizenId or fullName is audited. Pages of ${DEFAULT_RENEWALS_PAGE} by default, at most ${MAX_RENEWALS_PAGE}.`,
    args: {
      unitCode: t.arg.string({
        required: true,
        description: 'Official code of the unit whose whole subtree to list.',
      }),
      scheme: t.arg({ type: SchemeEnum, description: 'Only covers of this scheme.' }),
      withinDays: t.arg.int({
        defaultValue: DEFAULT_WITHIN_DAYS,
        description: `Covers ending at most this many days after today, 0 to ${MAX_WITHIN_DAYS}; ${DEFAULT_WITHIN_DAYS} by default.`,
      }),
      first: t.arg.int({ description: `Page size, 1 to ${MAX_RENEWALS_PAGE}.` }),
      after: t.arg.string({ description: 'The endCursor of the previous page.' }),
    },
    authScopes: { commandCenter: true, fieldAgent: true },
    complexity: (args) => ({ field: 1, multiplier: Math.max(1, args.first ?? DEFAULT_RENEWALS_PAGE) }),
    resolve: async (_root, args, context, info) => {
      const page = await renewalsDue(args, nodeInclude(context, info, 'Renewal'), context);
      await auditPersonalDataRead(
        context,
        info,
        args.unitCode,
        page.edges.map((edge) => edge.node),
        {
          renewalsDue: true,
          scheme: args.scheme ?? null,
          withinDays: args.withinDays ?? DEFAULT_WITHIN_DAYS,
        },
      );
      return page;
    },
  }),
);
