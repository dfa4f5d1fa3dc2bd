import { builder } from '../builder.ts';
import { watchBoard } from '../live/boardFeed.ts';
import { campaignAndUnitOrThrow } from '../lookups.ts';
import { type BoardUpdate, boardKey, type TallyChange } from '../pubsub.ts';
import { SchemeEnum } from './scheme.ts';

const TallyChangeRef = builder.objectRef<TallyChange>('TallyChange').implement({
  description: 'The new values of one tally on a board: absolute numbers, never increments.',
  fields: (t) => ({
    unitCode: t.exposeString('unitCode', {
      description: 'The board’s unit (its totals) or one of its direct children (a row).',
    }),
    scheme: t.expose('scheme', { type: SchemeEnum, description: 'The scheme (loại hình).' }),
    date: t.field({
      type: 'Date',
      description: 'The Viet Nam day that `today` counts; apply the change to a board of that day.',
      resolve: (change) => change.date,
    }),
    today: t.exposeInt('today', { description: 'Enrolments on `date` (kết quả trong ngày), absolute.' }),
    cumulative: t.exposeInt('cumulative', {
      description: 'Enrolments from the campaign’s first day to `date`, absolute.',
    }),
  }),
});

const BoardUpdateRef = builder.objectRef<BoardUpdate>('BoardUpdate').implement({
  description: 'A change of a board, sent after the enrolments or voids behind it committed.',
  fields: (t) => ({
    sequence: t.exposeInt('sequence', {
      description:
        'Increases by exactly 1 per update of this board and continues from Board.sequence: a gap means refetch the board.',
    }),
    committedAt: t.field({
      type: 'DateTime',
      description:
        'When the oldest enrolment or void in this update committed: the delay of the board is now − committedAt.',
      resolve: (update) => new Date(update.committedAt),
    }),
    changes: t.field({
      type: [TallyChangeRef],
      description: 'The tallies that changed, with their new values.',
      resolve: (u) => u.changes,
    }),
  }),
});

builder.subscriptionType({ description: 'Live updates over graphql-ws (graphql-transport-ws).' });

builder.subscriptionField('boardUpdated', (t) =>
  t.field({
    type: BoardUpdateRef,
    description:
      'Live changes of one board (bảng theo dõi trực tiếp): every committed enrolment or void in the unit’s subtree, merged into at most one update per 150 ms under a burst.',
    args: {
      campaignId: t.arg.id({ required: true, description: 'The campaign.' }),
      unitCode: t.arg.string({
        required: true,
        description: 'Official code of the board’s unit, at any level.',
      }),
    },
    subscribe: async (_root, { campaignId, unitCode }, context) => {
      const board = await campaignAndUnitOrThrow(String(campaignId), unitCode);
      return watchBoard(boardKey(board.campaignId, board.unitId), context.dropLaggingClient);
    },
    resolve: (update) => update,
  }),
);
