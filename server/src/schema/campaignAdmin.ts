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
import { type BulkResult, MAX_ROWS, setDailyGoals, setTargets } from '../campaigns/setTargets.ts';
import { Campaign, CampaignKindEnum } from './campaign.ts';
import { SchemeEnum } from './scheme.ts';
import { userErrorsField } from './userError.ts';

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
      description: 'Code of the unit whose subtree runs it; "VN" (the whole country) when left out.',
    }),
    graceDays: t.int({
      description: `Days after endsOn during which late syncs still count, 0 to ${MAX_GRACE_DAYS}; 7 for a new campaign when left out.`,
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

const TargetRowInput = builder.inputType('TargetRowInput', {
  description: 'One row of a target list (bảng giao chỉ tiêu): a unit, a scheme, a number.',
  fields: (t) => ({
    unitCode: t.string({ required: true, description: 'Official code of the unit.' }),
    scheme: t.field({
      type: SchemeEnum,
      required: true,
      description: 'The scheme; the campaign must run it.',
    }),
    target: t.int({ required: true, description: 'Whole-campaign target (chỉ tiêu), 0 to 10,000,000.' }),
  }),
});

const DailyGoalRowInput = builder.inputType('DailyGoalRowInput', {
  description:
    'One explicit daily goal (chỉ tiêu ngày): a unit, a scheme, a day, a number (or null to remove it).',
  fields: (t) => ({
    unitCode: t.string({ required: true, description: 'Official code of the unit.' }),
    scheme: t.field({
      type: SchemeEnum,
      required: true,
      description: 'The scheme; the campaign must run it.',
    }),
    day: t.field({ type: 'Date', required: true, description: 'A day of the campaign (Viet Nam day).' }),
    goal: t.int({
      description:
        'The goal for that day, 0 to 10,000,000; null removes it, and the derived goal applies again.',
    }),
  }),
});

const BulkPayload = builder.objectRef<BulkResult>('BulkPayload').implement({
  description: 'The answer to a list: all rows were applied, or none.',
  fields: (t) => ({
    applied: t.exposeInt('applied', { description: 'How many rows were applied (0 when any row is wrong).' }),
    userErrors: userErrorsField(
      t,
      'Every wrong row, with its index: field is ["rows", "<index>", "<field>"].',
    ),
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
        () => createCampaign(input),
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
        () => updateCampaign(String(id), input),
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
  setTargets: t.field({
    type: BulkPayload,
    description: `Set targets from a list as pasted from the provincial spreadsheet, at most ${MAX_ROWS} rows: every row is checked first, and one wrong row means nothing is applied.`,
    args: {
      campaignId: t.arg.id({ required: true, description: 'The campaign.' }),
      rows: t.arg({ type: [TargetRowInput], required: true, description: 'The rows.' }),
    },
    authScopes: { commandCenter: true },
    complexity: (args) => ({ field: 1, multiplier: Math.max(1, args.rows.length / 10) }),
    resolve: (_root, { campaignId, rows }, context) =>
      audited(
        context,
        'SET_TARGETS',
        () => setTargets(String(campaignId), rows),
        () => ({
          target: String(campaignId),
          details: { rows: rows.length },
        }),
      ),
  }),
  setDailyGoals: t.field({
    type: BulkPayload,
    description: `Set or remove explicit daily goals, at most ${MAX_ROWS} rows, all or none. An explicit goal replaces the derived one for its day.`,
    args: {
      campaignId: t.arg.id({ required: true, description: 'The campaign.' }),
      rows: t.arg({ type: [DailyGoalRowInput], required: true, description: 'The rows.' }),
    },
    authScopes: { commandCenter: true },
    complexity: (args) => ({ field: 1, multiplier: Math.max(1, args.rows.length / 10) }),
    resolve: (_root, { campaignId, rows }, context) =>
      audited(
        context,
        'SET_DAILY_GOALS',
        () =>
          setDailyGoals(
            String(campaignId),
            rows.map((row) => ({ ...row, goal: row.goal ?? null })),
          ),
        () => ({ target: String(campaignId), details: { rows: rows.length } }),
      ),
  }),
}));
