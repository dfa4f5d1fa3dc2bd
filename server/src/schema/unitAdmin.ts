import { audited } from '../audit.ts';
import { builder } from '../builder.ts';
import { addUnit, mergeUnit, type UnitResult } from '../units/manageUnits.ts';
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

builder.mutationFields((t) => ({
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
