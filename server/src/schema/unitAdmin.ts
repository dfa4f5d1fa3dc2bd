import { audited } from '../audit.ts';
import { builder } from '../builder.ts';
import { addUnit, mergeUnit, type UnitResult } from '../units/manageUnits.ts';
import { applyReorganisation, MAX_REORGANISATION_ROWS } from '../units/reorganise.ts';
import { BulkPayload } from './target.ts';
import { Unit, UnitKindEnum } from './unit.ts';
import { userErrorsField } from './userError.ts';

const UnitPayload = builder.objectRef<UnitResult>('UnitPayload').implement({
  description: 'The answer to adding or merging a unit.',
  fields: (t) => ({
    unit: t.field({
      type: Unit,
      nullable: true,
      description: 'The unit added, or the successor of a merge; null on error.',
      resolve: (p) => p.unit,
    }),
    userErrors: userErrorsField(t, 'What is wrong with the input; nothing was changed.'),
  }),
});

const AddUnitInput = builder.inputType('AddUnitInput', {
  description: 'A new administrative unit under an existing one.',
  fields: (t) => ({
    code: t.string({
      required: true,
      description: 'Official administrative code (mã đơn vị hành chính), unique.',
    }),
    name: t.string({ required: true, description: 'Vietnamese name without the kind, e.g. "Hồi Xuân".' }),
    kind: t.field({ type: UnitKindEnum, required: true, description: 'What kind of unit it is.' }),
    parentCode: t.string({ required: true, description: 'Code of the unit above it.' }),
  }),
});

const MergeUnitInput = builder.inputType('MergeUnitInput', {
  description: 'A merger (sáp nhập): one unit joins another from a date, and its history rolls up into it.',
  fields: (t) => ({
    code: t.string({ required: true, description: 'Code of the unit that is merged away.' }),
    intoCode: t.string({ required: true, description: 'Code of the unit it joins (the successor).' }),
    effectiveOn: t.field({
      type: 'Date',
      required: true,
      description: 'From this Viet Nam day on, submissions go to the successor.',
    }),
  }),
});

const ReorganisationInput = builder.inputType('ReorganisationInput', {
  description:
    'One unit of a reorganisation (sắp xếp đơn vị hành chính): exactly one of newParentCode, mergeIntoCode and dissolve.',
  fields: (t) => ({
    unitCode: t.string({ required: true, description: 'Code of the unit that changes.' }),
    newParentCode: t.string({
      description: 'Moves the unit, with everything below it, under this unit (a district level removed).',
    }),
    mergeIntoCode: t.string({
      description:
        'Merges the unit into this one (the successor, created beforehand with addUnit): its history, target, officers and tokens go to it, and its children not listed in the same call move under it.',
    }),
    dissolve: t.boolean({
      description:
        'Dissolves the unit (giải thể) without a successor; only when all its children move out in the same call.',
    }),
  }),
});

builder.mutationFields((t) => ({
  applyReorganisation: t.field({
    type: BulkPayload,
    description: `A whole reorganisation in one call, all or none, at most ${MAX_REORGANISATION_ROWS} rows (command centre): from effectiveOn's midnight in Viet Nam (today or later) the tree is the new one, history rolls up into the successors and their new ancestors, targets, daily goals and plans of what is still running move with their units, and submissions to a merged or dissolved unit dated from then are refused. Days before effectiveOn keep the tree and targets they had. Every row is checked first; every bad row is reported by index and field.`,
    args: {
      effectiveOn: t.arg({
        type: 'Date',
        required: true,
        description: 'The first Viet Nam day of the new tree.',
      }),
      rows: t.arg({
        type: [ReorganisationInput],
        required: true,
        description: 'The changes, one row per unit.',
      }),
    },
    authScopes: { commandCenter: true },
    complexity: (args) => ({ field: 1, multiplier: Math.max(1, args.rows.length / 10) }),
    resolve: (_root, { effectiveOn, rows }, context) =>
      audited(
        context,
        'APPLY_REORGANISATION',
        () => applyReorganisation(effectiveOn, rows, { auth: context.auth }),
        (result) => ({
          target: null,
          details: { effectiveOn, rows, boardsReset: result.boardsReset },
        }),
      ),
  }),
  addUnit: t.field({
    type: UnitPayload,
    description: 'Add a unit to the tree (command centre).',
    args: { input: t.arg({ type: AddUnitInput, required: true, description: 'The unit.' }) },
    authScopes: { commandCenter: true },
    resolve: (_root, { input }, context) =>
      audited(
        context,
        'ADD_UNIT',
        () => addUnit(input, context.auth),
        () => ({ target: input.code }),
      ),
  }),
  mergeUnit: t.field({
    type: UnitPayload,
    description:
      'Merge a unit into another (command centre): its children move under the successor, its history rolls up into the successor and its ancestors, boards stop listing it, and submissions to it from effectiveOn are refused.',
    args: { input: t.arg({ type: MergeUnitInput, required: true, description: 'The merger.' }) },
    authScopes: { commandCenter: true },
    resolve: (_root, { input }, context) =>
      audited(
        context,
        'MERGE_UNIT',
        () => mergeUnit(input, context.auth),
        () => ({
          target: input.code,
          details: { into: input.intoCode, effectiveOn: input.effectiveOn },
        }),
      ),
  }),
}));
