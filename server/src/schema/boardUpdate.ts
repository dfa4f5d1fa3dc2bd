import { sql } from '@toandan/db/db';
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
    today: t.exposeInt('today', {
      description: 'NEW enrolments on `date` (kết quả trong ngày), absolute.',
    }),
    cumulative: t.exposeInt('cumulative', {
      description: 'NEW enrolments from the campaign’s first day to `date`, absolute.',
    }),
    renewedToday: t.exposeInt('renewedToday', {
      description: 'RENEWAL enrolments on `date` (tái tục trong ngày), absolute.',
    }),
    renewed: t.exposeInt('renewed', {
      description: 'RENEWAL enrolments from the campaign’s first day to `date` (tái tục), absolute.',
    }),
    dueForRenewal: t.exposeInt('dueForRenewal', {
      description:
        'Covers ending from `date` to 30 days after it, not yet renewed (đến hạn tái tục), absolute.',
    }),
    lapsed: t.exposeInt('lapsed', {
      description:
        'Covers that ended without renewal, their first uncovered day from the campaign’s first day to `date` (đã giảm), absolute.',
    }),
    dueWithin7Days: t.exposeInt('dueWithin7Days', {
      description:
        'Covers ending from `date` to 7 days after it, not yet renewed (đến hạn tái tục trong 7 ngày tới), absolute.',
    }),
    netGrowth: t.exposeInt('netGrowth', { description: 'cumulative − lapsed (tăng thực), absolute.' }),
  }),
});

const BoardUpdateRef = builder.objectRef<BoardUpdate>('BoardUpdate').implement({
  description:
    'A change of a board, sent after the enrolments or voids behind it committed. The first message of every subscription carries the board’s current sequence and no change: from then on nothing can pass the subscriber by, so fetch the board after it and apply the updates numbered above the board’s sequence.',
  fields: (t) => ({
    sequence: t.exposeInt('sequence', {
      description:
        'Increases by exactly 1 per update of this board and continues from Board.sequence: a gap means refetch the board. The first message of a subscription carries the current sequence.',
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

/** The board's sequence: its own, or the floor a restore raised it to (README, "Backups"). */
async function currentSequence(campaignId: string, unitId: number): Promise<number> {
  const [row] = await sql<{ sequence: number }>(
    `SELECT GREATEST(
       COALESCE((SELECT "sequence" FROM "BoardSequence" WHERE "campaignId" = $1 AND "unitId" = $2), 0),
       COALESCE((SELECT max("floor") FROM "LiveSequenceFloor"), 0)) AS sequence`,
    [campaignId, unitId],
  );
  return row?.sequence ?? 0;
}

builder.subscriptionField('boardUpdated', (t) =>
  t.field({
    type: BoardUpdateRef,
    description:
      'Live changes of one board (bảng theo dõi trực tiếp): first the board’s current sequence, then every committed enrolment or void in the unit’s subtree, merged into at most one update per 100 ms (LIVE_COALESCE_MS) under a burst. Over graphql-ws on /graphql, or server-sent events (POST /graphql with Accept: text/event-stream).',
    args: {
      campaignId: t.arg.id({ required: true, description: 'The campaign.' }),
      unitCode: t.arg.string({
        required: true,
        description: 'Official code of the board’s unit, at any level.',
      }),
    },
    subscribe: async (_root, { campaignId, unitCode }, context) => {
      const { campaign, unit } = await campaignAndUnitOrThrow(String(campaignId), unitCode);
      return watchBoard(
        boardKey(campaign.id, unit.id),
        async () => ({
          sequence: await currentSequence(campaign.id, unit.id),
          committedAt: Date.now(),
          changes: [],
        }),
        context.dropLaggingClient,
      );
    },
    resolve: (update) => update,
  }),
);
