import { personalData } from '@toandan/db/personalData';
import { vnDay } from '@toandan/shared/vnDay';
import { GraphQLError } from 'graphql';
import { actorOf, audited } from '../audit.ts';
import { consumeSubmissionsOrThrow } from '../auth/rateLimits.ts';
import { builder } from '../builder.ts';
import {
  type SubmitEnrolmentInput,
  type SubmitEnrolmentResult,
  submitEnrolment,
} from '../enrolments/submitEnrolment.ts';
import { type VoidResult, voidEnrolment } from '../enrolments/voidEnrolment.ts';
import { auditPersonalDataRead } from '../personalDataReads.ts';
import { SchemeEnum } from './scheme.ts';
import { userErrorsField } from './userError.ts';

/** Phones that were offline sync in batches of at most this many. */
export const MAX_BATCH = 500;

export const ChannelEnum = builder.enumType('Channel', {
  description: 'How the person was reached (hình thức vận động).',
  values: {
    FIELD_VISIT: { description: 'Door-to-door visit (đến từng hộ gia đình).' },
    GROUP_MEETING: { description: 'Small-group or community meeting (hội nghị, nhóm nhỏ).' },
    POST_OFFICE: { description: 'At a post office collection point (bưu điện, đại lý thu).' },
    OFFICE_COUNTER: { description: 'At a social-security office counter (bộ phận một cửa).' },
    ONLINE: { description: 'Online, through the public service portal or VssID.' },
  },
});

export const EnrolmentKindEnum = builder.enumType('EnrolmentKind', {
  description: 'What an enrolment is to the person\'s cover (API.md, "Renewals").',
  values: {
    NEW: { description: 'A new participant (tham gia mới): a cover from the enrolment day.' },
    RENEWAL: {
      description:
        'A renewal (tái tục): extends the cover in force, or the last one ended at most 90 days before, once.',
    },
  },
});

export const Enrolment = builder.prismaObject('Enrolment', {
  description: 'One person signed up for one scheme in one campaign (một người tham gia, một hồ sơ).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier.' }),
    scheme: t.expose('scheme', {
      type: SchemeEnum,
      description: 'The scheme (loại hình) the person joined.',
    }),
    unit: t.relation('unit', { description: 'The unit where the person was enrolled (đơn vị).' }),
    enrolledAt: t.expose('enrolledAt', {
      type: 'DateTime',
      description: 'When it happened in the field (thời điểm kê khai).',
    }),
    day: t.field({
      type: 'Date',
      description: 'The Viet Nam day it counts for (the day of enrolledAt in Asia/Ho_Chi_Minh).',
      resolve: (enrolment) => vnDay.fromDateColumn(enrolment.day),
    }),
    receivedAt: t.expose('receivedAt', {
      type: 'DateTime',
      description: 'When the server stored it (thời điểm tiếp nhận).',
    }),
    channel: t.expose('channel', {
      type: ChannelEnum,
      description: 'How the person was reached (hình thức vận động).',
    }),
    citizenId: t.string({
      description:
        'Personal data: the 12-digit citizen ID (số CCCD). Command centre, and field agents inside their subtree; FORBIDDEN to partners.',
      authScopes: (enrolment) => ({ personalDataOf: enrolment.unitId }),
      resolve: (enrolment) => personalData().open(enrolment.citizenIdSealed),
    }),
    fullName: t.string({
      description:
        'Personal data: full name (họ và tên). Command centre, and field agents inside their subtree; FORBIDDEN to partners.',
      authScopes: (enrolment) => ({ personalDataOf: enrolment.unitId }),
      resolve: (enrolment) => personalData().open(enrolment.fullNameSealed),
    }),
    kind: t.expose('kind', {
      type: EnrolmentKindEnum,
      description: 'NEW, or RENEWAL of the cover it extends.',
    }),
    coverageMonths: t.exposeInt('coverageMonths', { description: 'The months paid (số tháng đóng).' }),
    coverageFrom: t.field({
      type: 'Date',
      description:
        'The first Viet Nam day of the cover: the enrolment day, or for a RENEWAL the day after the cover it extends (when that has not ended).',
      resolve: (enrolment) => vnDay.fromDateColumn(enrolment.coverageFrom),
    }),
    coverageUntil: t.field({
      type: 'Date',
      description: 'The last Viet Nam day of the cover, included (hạn đến hết ngày).',
      resolve: (enrolment) => vnDay.fromDateColumn(enrolment.coverageUntil),
    }),
    voided: t.boolean({
      description: 'True once the command centre voided it; it no longer counts.',
      resolve: (e) => e.voidedAt !== null,
    }),
    voidReason: t.exposeString('voidReason', {
      nullable: true,
      description: 'Why it was voided (lý do hủy).',
    }),
  }),
});

const SubmitEnrolmentInputType = builder.inputType('SubmitEnrolmentInput', {
  description: 'One enrolment as the field app sends it.',
  fields: (t) => ({
    campaignId: t.id({ required: true, description: 'The campaign.' }),
    unitCode: t.string({
      required: true,
      description: 'Official code of the unit where the person was enrolled (any level).',
    }),
    scheme: t.field({
      type: SchemeEnum,
      required: true,
      description: 'The scheme the person joins; the campaign must run it.',
    }),
    citizenId: t.string({
      description:
        "12-digit citizen ID (số CCCD); spaces are ignored. Required, unless renewsCover names the cover (then, if given, it must be that person's).",
    }),
    fullName: t.string({
      description:
        "Full name (họ và tên); stored in Unicode NFC, trimmed. Required, unless renewsCover names the cover (then the cover's name is kept unless given).",
    }),
    idempotencyKey: t.string({
      required: true,
      description:
        'A key the phone makes once per enrolment (a UUID): sending it again returns the first result and counts nothing.',
    }),
    enrolledAt: t.field({
      type: 'DateTime',
      description:
        'When it happened in the field; defaults to now. Its Viet Nam day must be a day of the campaign.',
    }),
    officerCode: t.string({
      description: 'Code of the officer or collection agent who signed the person up.',
    }),
    channel: t.field({
      type: ChannelEnum,
      description: 'How the person was reached; defaults to FIELD_VISIT.',
    }),
    coverageMonths: t.int({
      description:
        'Months paid: HOUSEHOLD_HI 3, 6 or 12; VOLUNTARY_SI 1, 3, 6, 12 or whole years up to 60; default 12.',
    }),
    kind: t.field({
      type: EnrolmentKindEnum,
      description:
        "Default: RENEWAL when the person's cover in the scheme runs at most 30 days past the day or ended at most 90 days before; else NEW.",
    }),
    renewsCover: t.id({
      description:
        "A Renewal's id: renew that cover without the citizen ID on the phone (citizenId and fullName may then be omitted).",
    }),
  }),
});

const SubmitEnrolmentPayload = builder.objectRef<SubmitEnrolmentResult>('SubmitEnrolmentPayload').implement({
  description: 'The answer to a submission.',
  fields: (t) => ({
    enrolment: t.field({
      type: Enrolment,
      nullable: true,
      description:
        'The enrolment this submission counted (for the same key again, the first answer, whole); null exactly when userErrors is not empty, as for the same person under another key (ALREADY_ENROLLED), which gets nothing of the enrolment counted first.',
      resolve: (payload) => payload.enrolment,
    }),
    duplicate: t.exposeBoolean('duplicate', {
      description:
        'True when this key was used before, or this person is already enrolled in this scheme under a cover running more than 30 days past the day, in any campaign, or the cover renewed was renewed already (with the userError ALREADY_ENROLLED): nothing was added.',
    }),
    userErrors: userErrorsField(t),
  }),
});

/** The GraphQL input as the service takes it: IDs as strings. */
function submissionOf(input: typeof SubmitEnrolmentInputType.$inferInput): SubmitEnrolmentInput {
  return {
    ...input,
    campaignId: String(input.campaignId),
    renewsCover: input.renewsCover == null ? null : String(input.renewsCover),
  };
}

builder.mutationFields((t) => ({
  submitEnrolment: t.field({
    type: SubmitEnrolmentPayload,
    description:
      'Submit one enrolment (kê khai một người tham gia). Safe to retry with the same idempotency key: it counts once.',
    args: { input: t.arg({ type: SubmitEnrolmentInputType, required: true, description: 'The enrolment.' }) },
    authScopes: { commandCenter: true, fieldAgent: true },
    resolve: async (_root, { input }, context) => {
      await consumeSubmissionsOrThrow(context, 1);
      return submitEnrolment(submissionOf(input), { actor: actorOf(context) });
    },
  }),
  submitEnrolments: t.field({
    type: [SubmitEnrolmentPayload],
    description: `Submit up to ${MAX_BATCH} enrolments kept by a phone while offline: one result per item, in order; each item is idempotent on its own, and a bad item does not sink the others. A fault (the database lost mid-way) fails the whole batch with a top-level error, never an item answered with nothing: send the same batch again, with the same keys.`,
    args: {
      inputs: t.arg({
        type: [SubmitEnrolmentInputType],
        required: true,
        description: `The enrolments, at most ${MAX_BATCH}.`,
      }),
    },
    authScopes: { commandCenter: true, fieldAgent: true },
    complexity: (args) => ({ field: 1, multiplier: Math.max(1, args.inputs.length) }),
    resolve: async (_root, { inputs }, context) => {
      if (inputs.length > MAX_BATCH) {
        throw new GraphQLError(
          `A batch holds at most ${MAX_BATCH} enrolments; this one has ${inputs.length}.`,
          {
            extensions: { code: 'BATCH_TOO_LARGE', limit: MAX_BATCH },
          },
        );
      }
      await consumeSubmissionsOrThrow(context, inputs.length);
      const actor = actorOf(context);
      const results: SubmitEnrolmentResult[] = [];
      for (const input of inputs) {
        results.push(await submitEnrolment(submissionOf(input), { actor }));
      }
      return results;
    },
  }),
}));

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
      'INVALID on ["reason"], NOT_FOUND on ["id"], ALREADY_VOIDED on ["id"] (nothing moved twice), or COVER_RENEWED on ["id"] (a later renewal, named in the message, extends this cover: void it first); empty on success.',
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
        () => voidEnrolment(String(id), reason, context.auth),
        () => ({ target: String(id) }),
      );
      // The answer may carry the person's data, voided now or before (ALREADY_VOIDED).
      if (result.enrolment) await auditPersonalDataRead(context, info, String(id), [result.enrolment]);
      return result;
    },
  }),
);
