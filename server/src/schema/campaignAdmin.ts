import { audited } from '../audit.ts';
import { inScope } from '../auth/scopes.ts';
import { builder } from '../builder.ts';
import {
  type CampaignResult,
  closeCampaign,
  createCampaign,
  MAX_GRACE_DAYS,
  updateCampaign,
} from '../campaigns/manageCampaign.ts';
import { Campaign, CampaignKindEnum } from './campaign.ts';
import { SchemeEnum } from './scheme.ts';
import { userErrorsField } from './userError.ts';

const WorkingHoursInput = builder.inputType('WorkingHoursInput', {
  description: 'A working day in Viet Nam time, over which planToNow spreads a day’s goal.',
  fields: (t) => ({
    start: t.string({ required: true, description: 'When it starts, "HH:MM", e.g. "07:30".' }),
    end: t.string({ required: true, description: 'When it ends, "HH:MM", later than start, e.g. "17:00".' }),
  }),
});

const CampaignInput = builder.inputType('CampaignInput', {
  description: 'A campaign’s settings. On update, the fields left out keep their values.',
  fields: (t) => ({
    id: t.string({
      description:
        'A readable id for a new campaign (3 to 60 of a-z, 0-9, -), used in board URLs; generated when left out.',
    }),
    name: t.string({
      description: 'Vietnamese name, e.g. "Tháng vận động triển khai BHXH toàn dân tháng 5/2027".',
    }),
    kind: t.field({ type: CampaignKindEnum, description: 'Campaign month or drive (đợt ra quân).' }),
    startsOn: t.field({ type: 'Date', description: 'First day (ngày bắt đầu), a Viet Nam day, inclusive.' }),
    endsOn: t.field({ type: 'Date', description: 'Last day (ngày kết thúc), a Viet Nam day, inclusive.' }),
    schemes: t.field({ type: [SchemeEnum], description: 'The schemes (loại hình) the campaign runs.' }),
    unitCode: t.string({
      description:
        'Code of the unit whose subtree runs it, inside a scoped command centre’s own; when left out, the token’s unit, or "VN" (the whole country) for a national token.',
    }),
    graceDays: t.int({
      description: `Days after endsOn during which late syncs still count, 0 to ${MAX_GRACE_DAYS}; 7 for a new campaign when left out.`,
    }),
    workingHours: t.field({
      type: WorkingHoursInput,
      description:
        'The working day over which a day’s goal falls due; 07:30 to 17:00 for a new campaign when left out.',
    }),
  }),
});

const CampaignPayload = builder.objectRef<CampaignResult>('CampaignPayload').implement({
  description: 'The answer to creating, editing or closing a campaign.',
  fields: (t) => ({
    campaign: t.field({
      type: Campaign,
      nullable: true,
      description: 'The campaign; null when userErrors is not empty.',
      resolve: (p) => p.campaign,
    }),
    userErrors: userErrorsField(t, 'What is wrong with the input; nothing was changed.'),
  }),
});

builder.mutationFields((t) => ({
  createCampaign: t.field({
    type: CampaignPayload,
    description: 'Create a campaign (command centre). name, kind, startsOn, endsOn and schemes are required.',
    args: { input: t.arg({ type: CampaignInput, required: true, description: 'The campaign.' }) },
    authScopes: { commandCenter: true },
    resolve: (_root, { input }, context) =>
      audited(
        context,
        'CREATE_CAMPAIGN',
        () => createCampaign(input, context.auth),
        (result) => ({
          target: result.campaign?.id ?? null,
        }),
      ),
  }),
  updateCampaign: t.field({
    type: CampaignPayload,
    description:
      'Edit a campaign (command centre). Counted enrolments must still fall inside its days and schemes.',
    args: {
      id: t.arg.id({ required: true, description: 'The campaign id.' }),
      input: t.arg({
        type: CampaignInput,
        required: true,
        description: 'The fields to change; id and unitCode are ignored.',
      }),
    },
    authScopes: { commandCenter: true },
    resolve: (_root, { id, input }, context) =>
      audited(
        context,
        'UPDATE_CAMPAIGN',
        () => updateCampaign(String(id), input, context.auth),
        () => ({
          target: String(id),
          details: { changed: Object.keys(input).filter((key) => input[key as keyof typeof input] != null) },
        }),
      ),
  }),
  closeCampaign: t.field({
    type: CampaignPayload,
    description:
      'Close a campaign now (command centre, inside its subtree): from then on submissions are refused with CAMPAIGN_CLOSED, late syncs in its grace included, and so are voids. It cannot be reopened.',
    args: { id: t.arg.id({ required: true, description: 'The campaign id.' }) },
    authScopes: { commandCenter: true },
    resolve: (_root, { id }, context) =>
      audited(
        context,
        'CLOSE_CAMPAIGN',
        () => closeCampaign(String(id), (unit) => inScope(context, unit)),
        () => ({ target: String(id) }),
      ),
  }),
}));
