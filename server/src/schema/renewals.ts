import { queryFromInfo } from '@pothos/plugin-prisma';
import type { Prisma } from '@toandan/db/client';
import { personalData } from '@toandan/db/personalData';
import { maskedCitizenId } from '@toandan/shared/maskedCitizenId';
import { vnDay } from '@toandan/shared/vnDay';
import { audited } from '../audit.ts';
import { builder } from '../builder.ts';
import { importCoverage, MAX_ADDRESS, MAX_COVERAGE_ROWS } from '../coverage/importCoverage.ts';
import {
  DEFAULT_RENEWALS_PAGE,
  DEFAULT_WITHIN_DAYS,
  MAX_RENEWALS_PAGE,
  MAX_WITHIN_DAYS,
  type RenewalNode,
  renewalsDue,
} from '../enrolments/renewalsDue.ts';
import { auditPersonalDataRead } from '../personalDataReads.ts';
import { SchemeEnum } from './scheme.ts';
import { BulkPayload } from './target.ts';
import { Unit } from './unit.ts';

const opened = (sealed: string | null) => (sealed === null ? null : personalData().open(sealed));

/** A cover to renew, from the work list of renewals (tái tục): an enrolment's or an imported one. */
const Renewal = builder.objectRef<RenewalNode>('Renewal').implement({
  description:
    'A person to call back (đến hạn tái tục): their last cover in a scheme, signed up here or imported from BHXH’s list, ending soon or ended at most 90 days before. Its id renews it (SubmitEnrolmentInput.renewsCover).',
  fields: (t) => ({
    id: t.exposeID('id', {
      description: 'The cover’s id (its enrolment’s, or the imported cover’s): send it as renewsCover.',
    }),
    citizenId: t.string({
      description:
        'Personal data: the 12-digit citizen ID (số CCCD). Command centre, and field agents inside their subtree; FORBIDDEN to partners.',
      authScopes: (cover) => ({ personalDataOf: cover.unitId }),
      resolve: (cover) => personalData().open(cover.citizenIdSealed),
    }),
    citizenIdMasked: t.string({
      description:
        'Personal data: the citizen ID with its middle six digits hidden ("038 ••• ••• 345"), likewise: enough to tell people apart on a phone that renews by id (renewsCover), which need not hold the whole ID.',
      authScopes: (cover) => ({ personalDataOf: cover.unitId }),
      resolve: (cover) => maskedCitizenId(personalData().open(cover.citizenIdSealed)),
    }),
    fullName: t.string({
      description: 'Personal data: full name (họ và tên), likewise.',
      authScopes: (cover) => ({ personalDataOf: cover.unitId }),
      resolve: (cover) => personalData().open(cover.fullNameSealed),
    }),
    scheme: t.expose('scheme', { type: SchemeEnum, description: 'The scheme (loại hình) of the cover.' }),
    unit: t.field({
      type: Unit,
      description:
        'The unit where the cover was signed up or last renewed, or where BHXH’s list places the person.',
      resolve: (cover) => cover.unit,
    }),
    coverageUntil: t.field({
      type: 'Date',
      description: 'The last Viet Nam day of the cover (hạn đến hết ngày).',
      resolve: (cover) => cover.coverageUntil,
    }),
    daysLeft: t.int({
      description:
        'Days from today (Viet Nam) to coverageUntil: 0 on its last day, below 0 once lapsed (đã giảm chưa tham gia lại).',
      resolve: (cover) => vnDay.between(vnDay.today(), cover.coverageUntil),
    }),
    address: t.string({
      nullable: true,
      description:
        'Personal data: the address (địa chỉ) where BHXH’s list has it: of this cover, or of the person’s last cover in the list for a cover signed up here; null when the list has none.',
      authScopes: (cover) => ({ personalDataOf: cover.unitId }),
      resolve: (cover) => opened(cover.addressSealed),
    }),
    householdCode: t.string({
      nullable: true,
      description: 'Personal data: the household code (mã hộ gia đình) where known, likewise.',
      authScopes: (cover) => ({ personalDataOf: cover.unitId }),
      resolve: (cover) => opened(cover.householdCodeSealed),
    }),
    phone: t.string({
      nullable: true,
      description: 'Personal data: the phone number where known, likewise.',
      authScopes: (cover) => ({ personalDataOf: cover.unitId }),
      resolve: (cover) => opened(cover.phoneSealed),
    }),
    hamlet: t.string({
      nullable: true,
      description:
        'The hamlet (thôn, ấp, bản, tổ dân phố …) of the address, or its street without the house number when it names no hamlet: what a list by address (orderBy ADDRESS) groups by. Null when no address is known. Personal data with the person: likewise.',
      authScopes: (cover) => ({ personalDataOf: cover.unitId }),
      resolve: (cover) => cover.hamlet,
    }),
  }),
});

const RenewalOrderEnum = builder.enumType('RenewalOrder', {
  description: 'How renewalsDue orders its list.',
  values: {
    SOONEST: { description: 'By the last day of cover, soonest first (the default), then id.' },
    ADDRESS: {
      description:
        'The list a collection agent walks and prints (danh sách theo địa chỉ): by unit code, then by hamlet or street (those with no known address last), soonest first within each.',
    },
  } as const,
});

const RenewalConnection = builder.connectionObject(
  { type: Renewal, name: 'RenewalConnection', description: 'A page of covers to renew, soonest first.' },
  { name: 'RenewalEdge', description: 'One cover to renew on a page, with its cursor.' },
);

builder.queryField('renewalsDue', (t) =>
  t.field({
    type: RenewalConnection,
    description: `Covers to renew (danh sách đến hạn tái tục) in a unit's whole subtree, soonest first: each person's last cover in a scheme, in any campaign or imported from BHXH's list (importCoverage), ending within withinDays after today or ended at most 90 days before (daysLeft below 0). Personal data: the command centre, and field agents inside their subtree; FORBIDDEN to partners, who read the counts on the board. Every read of personal data is audited. Pages of ${DEFAULT_RENEWALS_PAGE} by default, at most ${MAX_RENEWALS_PAGE}.`,
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
      orderBy: t.arg({
        type: RenewalOrderEnum,
        defaultValue: 'SOONEST',
        description: 'SOONEST (the default) or ADDRESS, grouped by unit and hamlet.',
      }),
      first: t.arg.int({ description: `Page size, 1 to ${MAX_RENEWALS_PAGE}.` }),
      after: t.arg.string({ description: 'The endCursor of the previous page, read in the same order.' }),
    },
    authScopes: { commandCenter: true, fieldAgent: true },
    complexity: (args) => ({ field: 1, multiplier: Math.max(1, args.first ?? DEFAULT_RENEWALS_PAGE) }),
    resolve: async (_root, args, context, info) => {
      // What the selection asks of each cover's unit (its parent …), loaded with the page.
      const unitInclude = queryFromInfo({ context, info, typeName: 'Unit', path: ['edges', 'node', 'unit'] })
        .include as Prisma.UnitInclude | undefined;
      const page = await renewalsDue(args, unitInclude, context);
      await auditPersonalDataRead(
        context,
        info,
        args.unitCode,
        page.edges.map((edge) => edge.node),
        {
          renewalsDue: true,
          scheme: args.scheme ?? null,
          withinDays: args.withinDays ?? DEFAULT_WITHIN_DAYS,
          orderBy: args.orderBy ?? 'SOONEST',
        },
      );
      return page;
    },
  }),
);

const CoverageInput = builder.inputType('CoverageInput', {
  description:
    'One row of BHXH’s list of people already covered: a person’s cover in a scheme, and where to reach them.',
  fields: (t) => ({
    citizenId: t.string({ required: true, description: 'The 12-digit citizen ID (số CCCD).' }),
    fullName: t.string({ required: true, description: 'Full name (họ và tên).' }),
    scheme: t.field({ type: SchemeEnum, required: true, description: 'The scheme of the cover.' }),
    unitCode: t.string({
      required: true,
      description: 'Official code of the unit where the person lives (any level).',
    }),
    coverageFrom: t.field({ type: 'Date', required: true, description: 'The cover’s first day.' }),
    coverageUntil: t.field({
      type: 'Date',
      required: true,
      description: 'The cover’s last day (hạn thẻ đến), at most 60 months after coverageFrom.',
    }),
    address: t.string({ description: `Address (địa chỉ), up to ${MAX_ADDRESS} characters.` }),
    householdCode: t.string({
      description: 'Household code (mã hộ gia đình): digits, letters A–Z, hyphens.',
    }),
    phone: t.string({ description: 'Phone number: 9 to 12 digits.' }),
  }),
});

builder.mutationField('importCoverage', (t) =>
  t.field({
    type: BulkPayload,
    description: `Import BHXH's list of people already covered, so that renewals are known from the first day: every row is checked first, each wrong one reported by its index and field, and one wrong row means nothing is stored. A row replaces the person's cover in its scheme that starts on the same coverageFrom; other covers stay. Up to ${MAX_COVERAGE_ROWS.toLocaleString('en')} rows in a body of up to 16 MiB. Personal data is sealed at rest; covers that ended more than COVERAGE_RETENTION_MONTHS (24 by default) ago are not kept. Command centre; a scoped one for the units strictly inside its subtree.`,
    args: {
      rows: t.arg({ type: [CoverageInput], required: true, description: 'The rows.' }),
    },
    authScopes: { commandCenter: true },
    complexity: (args) => ({ field: Math.max(1, Math.ceil(args.rows.length / 100)), multiplier: 1 }),
    resolve: (_root, { rows }, context) =>
      audited(
        context,
        'IMPORT_COVERAGE',
        () => importCoverage(context.auth, rows),
        (result) => ({
          target: null,
          details: {
            rows: result.applied,
            inserted: result.inserted,
            updated: result.updated,
            erased: result.erased,
          },
        }),
      ),
  }),
);
