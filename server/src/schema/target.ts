import { audited } from '../audit.ts';
import { builder } from '../builder.ts';
import { type BulkResult, MAX_ROWS, setDailyGoals, setTargets } from '../campaigns/setTargets.ts';
import { SchemeEnum } from './scheme.ts';
import { userErrorsField } from './userError.ts';

// Targets (chỉ tiêu) and explicit daily goals (chỉ tiêu ngày) of a campaign, set from lists.

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

export const BulkPayload = builder.objectRef<BulkResult>('BulkPayload').implement({
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
        () => setTargets(context.auth, String(campaignId), rows),
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
            context.auth,
            String(campaignId),
            rows.map((row) => ({ ...row, goal: row.goal ?? null })),
          ),
        () => ({ target: String(campaignId), details: { rows: rows.length } }),
      ),
  }),
}));
