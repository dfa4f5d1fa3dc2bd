import { db } from '@toandan/db/db';
import { vnDay } from '@toandan/shared/vnDay';
import { builder } from '../builder.ts';
import { SchemeEnum } from './scheme.ts';
import { Unit } from './unit.ts';

// What the web's uploads read before they send a list: the units a row may name, and the values
// a list would replace, so that a file uploaded twice is told apart from a change. Aggregates
// and names of units only, no personal data.

interface TargetValue {
  unitCode: string;
  scheme: string;
  target: number;
}
interface DailyGoalValue {
  unitCode: string;
  scheme: string;
  day: string;
  goal: number;
}

const CampaignTarget = builder.objectRef<TargetValue>('CampaignTarget').implement({
  description: 'One target (chỉ tiêu kế hoạch giao) as set: a unit, a scheme, a number.',
  fields: (t) => ({
    unitCode: t.exposeString('unitCode', { description: 'Official code of the unit.' }),
    scheme: t.field({ type: SchemeEnum, description: 'The scheme.', resolve: (row) => row.scheme as never }),
    target: t.exposeInt('target', { description: 'Whole-campaign target.' }),
  }),
});

const CampaignDailyGoal = builder.objectRef<DailyGoalValue>('CampaignDailyGoal').implement({
  description: 'One explicit daily goal (chỉ tiêu ngày) as set: a unit, a scheme, a day, a number.',
  fields: (t) => ({
    unitCode: t.exposeString('unitCode', { description: 'Official code of the unit.' }),
    scheme: t.field({ type: SchemeEnum, description: 'The scheme.', resolve: (row) => row.scheme as never }),
    day: t.field({ type: 'Date', description: 'The Viet Nam day.', resolve: (row) => row.day }),
    goal: t.exposeInt('goal', { description: 'The goal for that day.' }),
  }),
});

/** The ids of the unit's subtree (itself included), or null when there is no such unit. */
async function subtreeWhere(unitCode: string) {
  const root = await db.unit.findUnique({ where: { code: unitCode.trim() }, select: { id: true } });
  if (!root) return null;
  return { OR: [{ id: root.id }, { ancestorIds: { has: root.id } }] };
}

/** The arguments, scope and cost shared by the lists of a campaign's values in a subtree. */
function subtreeListOptions(
  t: PothosSchemaTypes.QueryFieldBuilder<
    typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never,
    object
  >,
) {
  return {
    args: {
      campaignId: t.arg.id({ required: true, description: 'The campaign.' }),
      unitCode: t.arg.string({ required: true, description: 'Official code of the subtree’s unit.' }),
    },
    authScopes: { commandCenter: true },
    complexity: { field: 1, multiplier: 20 },
  } as const;
}

builder.queryFields((t) => ({
  subtreeUnits: t.prismaField({
    type: [Unit],
    description:
      'Every standing unit of a unit’s subtree, itself included, by depth then code (command centre): what an upload’s rows may name, by code, or by name where the name is unique in it. Empty for an unknown unit.',
    args: {
      unitCode: t.arg.string({ required: true, description: 'Official code of the subtree’s unit.' }),
    },
    authScopes: { commandCenter: true },
    // A whole country holds some 10,000 communes; each row is a few scalar fields.
    complexity: { field: 1, multiplier: 20 },
    resolve: async (query, _root, { unitCode }) => {
      const where = await subtreeWhere(unitCode);
      if (!where) return [];
      return db.unit.findMany({
        ...query,
        where: { ...where, mergedIntoId: null },
        orderBy: [{ depth: 'asc' }, { code: 'asc' }],
      });
    },
  }),
  campaignTargets: t.field({
    type: [CampaignTarget],
    description:
      'The targets set in a campaign for a unit’s subtree, itself included (command centre): what an uploaded target list would replace.',
    ...subtreeListOptions(t),
    resolve: async (_root, { campaignId, unitCode }) => {
      const where = await subtreeWhere(unitCode);
      if (!where) return [];
      const rows = await db.target.findMany({
        where: { campaignId: String(campaignId), unit: where },
        select: { scheme: true, target: true, unit: { select: { code: true } } },
      });
      return rows.map((row) => ({ unitCode: row.unit.code, scheme: row.scheme, target: row.target }));
    },
  }),
  campaignDailyGoals: t.field({
    type: [CampaignDailyGoal],
    description:
      'The explicit daily goals set in a campaign for a unit’s subtree, itself included (command centre): what an uploaded list of daily goals would replace.',
    ...subtreeListOptions(t),
    resolve: async (_root, { campaignId, unitCode }) => {
      const where = await subtreeWhere(unitCode);
      if (!where) return [];
      const rows = await db.dailyGoal.findMany({
        where: { campaignId: String(campaignId), unit: where },
        select: { scheme: true, day: true, goal: true, unit: { select: { code: true } } },
      });
      return rows.map((row) => ({
        unitCode: row.unit.code,
        scheme: row.scheme,
        day: vnDay.fromDateColumn(row.day),
        goal: row.goal,
      }));
    },
  }),
}));
