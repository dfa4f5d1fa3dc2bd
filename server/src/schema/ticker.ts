import { queryFromInfo } from '@pothos/plugin-prisma';
import type { Prisma } from '@toandan/db/client';
import { MAX_RECENT, type RecentEnrolmentData, recentEnrolments } from '../boards/recentEnrolments.ts';
import { builder } from '../builder.ts';
import { references } from '../enrolments/references.ts';
import { notFound } from '../lookups.ts';
import { Board } from './board.ts';
import { SchemeEnum } from './scheme.ts';
import { Unit } from './unit.ts';

// The ticker of a board (the latest counted enrolments, with nothing of the person), as a field
// of the board and on its own.

const recentCount = (first: number | null | undefined) => Math.min(Math.max(first ?? 10, 1), MAX_RECENT);

/** What the selection asks of each enrolment's unit (its parent …), for the one query of the units. */
const unitQueryOf = (context: object, info: Parameters<typeof queryFromInfo>[0]['info']) => ({
  include: queryFromInfo({ context, info, typeName: 'Unit', path: ['unit'] }).include as
    | Prisma.UnitInclude
    | undefined,
});

const RecentEnrolment = builder.objectRef<RecentEnrolmentData>('RecentEnrolment').implement({
  description:
    'A counted enrolment as a ticker shows it: where, which scheme and when, and nothing of the person (no citizen ID, no name), so every role may read it.',
  fields: (t) => ({
    unit: t.field({
      type: Unit,
      description: 'The unit where the person was enrolled.',
      resolve: (e) => e.unit,
    }),
    scheme: t.expose('scheme', { type: SchemeEnum, description: 'The scheme (loại hình).' }),
    enrolledAt: t.field({
      type: 'DateTime',
      description: 'When it happened in the field.',
      resolve: (e) => e.enrolledAt,
    }),
    receivedAt: t.field({
      type: 'DateTime',
      description: 'When the server counted it.',
      resolve: (e) => e.receivedAt,
    }),
  }),
});

builder.objectFields(Board, (t) => ({
  recentEnrolments: t.field({
    type: [RecentEnrolment],
    args: {
      first: t.arg.int({ description: `How many, 1 to ${MAX_RECENT}; 10 when left out.` }),
    },
    complexity: (args) => ({ field: 1, multiplier: recentCount(args.first) }),
    description:
      'The latest counted enrolments in the subtree, newest first, without personal data (unit, scheme, time): the ticker of a command-centre board.',
    resolve: (board, args, context, info) =>
      recentEnrolments(
        { campaignId: board.campaign.id, unitId: board.unit.id, campaignUnitId: board.campaign.unitId },
        args.first ?? 10,
        unitQueryOf(context, info),
      ),
  }),
}));

builder.queryField('recentEnrolments', (t) =>
  t.field({
    type: [RecentEnrolment],
    args: {
      campaignId: t.arg.id({ required: true, description: 'The campaign id.' }),
      unitCode: t.arg.string({ required: true, description: 'Official code of the unit, at any level.' }),
      first: t.arg.int({ description: `How many, 1 to ${MAX_RECENT}; 10 when left out.` }),
    },
    complexity: (args) => ({ field: 1, multiplier: recentCount(args.first) }),
    description:
      'The ticker of a board on its own, the same list as Board.recentEnrolments without reading the board: what a board screen refreshes while updates arrive.',
    resolve: async (_root, { campaignId, unitCode, first }, context, info) => {
      const [campaign, unit] = await Promise.all([
        references.campaign(String(campaignId)),
        references.unit(unitCode.trim()),
      ]);
      if (!campaign) throw notFound(`No campaign has the id "${campaignId}".`);
      if (!unit) throw notFound(`No unit has the code "${unitCode}".`);
      return recentEnrolments(
        { campaignId: campaign.id, unitId: unit.id, campaignUnitId: campaign.unitId },
        first ?? 10,
        unitQueryOf(context, info),
      );
    },
  }),
);
