import { rowMetDailyGoal, rowWithoutActivity } from '@toandan/shared/boardRowLists';
import type { BoardData, BoardRowData, OfficerProgressData, TallyData } from '../boards/loadBoard.ts';
import { loadBoard } from '../boards/loadBoard.ts';
import { builder } from '../builder.ts';
import { Campaign } from './campaign.ts';
import { SchemeEnum } from './scheme.ts';
import { Unit } from './unit.ts';

/** What a board's lists cost per item in a query's complexity: a scheme each, up to 100 children. */
const SCHEMES = 6;
const ROWS = 100;

export const TallyStatusEnum = builder.enumType('TallyStatus', {
  description:
    'How a tally stands, judged in this order: TARGET_MET, then NO_ACTIVITY_YET, then against planToNow (AHEAD, BEHIND, else ON_TRACK). New values may be added: show an unknown one as its name.',
  values: {
    TARGET_MET: {
      description:
        'The cumulative has reached a target above zero (hoàn thành chỉ tiêu), on a quiet day too.',
    },
    AHEAD: { description: 'At or above 105% of planToNow (vượt tiến độ).' },
    ON_TRACK: {
      description:
        'From 90% to under 105% of planToNow (đúng tiến độ); also a unit that has counted while nothing is due yet.',
    },
    BEHIND: { description: 'Under 90% of planToNow (chậm tiến độ).' },
    NO_ACTIVITY_YET: {
      description: 'Nothing new and nothing renewed on the board day yet (chưa có kết quả trong ngày).',
    },
  },
});

const Tally = builder.objectRef<TallyData>('Tally').implement({
  description: 'The result (kết quả) of one scheme for one unit, its whole subtree, against its goals.',
  fields: (t) => ({
    scheme: t.expose('scheme', { type: SchemeEnum, description: 'The insurance scheme (loại hình).' }),
    today: t.exposeInt('today', {
      description:
        'NEW enrolments on the board day, a Viet Nam day (kết quả trong ngày); renewals are renewedToday.',
    }),
    dailyGoal: t.exposeInt('dailyGoal', {
      description:
        'Goal for the board day: set by the command centre, or derived as what is still missing of the target spread over the days left, rounded up.',
    }),
    dailyGoalIsExplicit: t.exposeBoolean('dailyGoalIsExplicit', {
      description: 'True when the command centre set this day’s goal; false when it is derived.',
    }),
    cumulative: t.exposeInt('cumulative', {
      description: 'NEW enrolments from the campaign’s first day to the board day, inclusive.',
    }),
    renewedToday: t.exposeInt('renewedToday', {
      description: 'RENEWAL enrolments on the board day (tái tục trong ngày).',
    }),
    renewed: t.exposeInt('renewed', {
      description: 'RENEWAL enrolments from the campaign’s first day to the board day, inclusive (tái tục).',
    }),
    dueForRenewal: t.exposeInt('dueForRenewal', {
      description:
        'People whose cover ends from the board day to 30 days after it, not yet renewed, in any campaign (đến hạn tái tục).',
    }),
    lapsed: t.exposeInt('lapsed', {
      description:
        'Covers that ended without renewal, whose first uncovered day fell from the campaign’s first day to the board day (đã giảm): a cover to 28 February has lapsed on 1 March.',
    }),
    dueWithin7Days: t.exposeInt('dueWithin7Days', {
      description:
        'People whose cover ends from the board day to 7 days after it, not yet renewed, in any campaign (đến hạn tái tục trong 7 ngày tới): the part of dueForRenewal to call back this week.',
    }),
    netGrowth: t.exposeInt('netGrowth', { description: 'cumulative − lapsed (tăng thực).' }),
    target: t.exposeInt('target', {
      description: 'Whole-campaign target (chỉ tiêu) of the unit for this scheme.',
    }),
    planToNow: t.exposeInt('planToNow', {
      description:
        'Due by now (kế hoạch đến thời điểm này): the days before the board day at their goals (explicit, else derived), plus the share of the board day’s goal due by this hour of Campaign.workingHours (none before it starts, all of it from its end; all of it for a past day). Rounded.',
    }),
    planBeforeDay: t.exposeInt('planBeforeDay', {
      description:
        'Due on the days before the board day, at their goals: planToNow without the board day’s share, so a client can move planToNow with its clock.',
    }),
    percentOfDailyGoal: t.exposeFloat('percentOfDailyGoal', {
      nullable: true,
      description: 'today ÷ dailyGoal × 100, exact (null when the day has no goal). Round it for display.',
    }),
    percentOfTarget: t.exposeFloat('percentOfTarget', {
      nullable: true,
      description: 'cumulative ÷ target × 100, exact (% kế hoạch giao; null without a target).',
    }),
    status: t.expose('status', {
      type: TallyStatusEnum,
      description: 'How the tally stands (tiến độ), judged against planToNow, not against the whole day.',
    }),
    requiredDailyPace: t.exposeInt('requiredDailyPace', {
      description:
        'Enrolments needed on each day after the board day to still meet the target (remaining ÷ days left, rounded up).',
    }),
    projectedTotal: t.exposeInt('projectedTotal', {
      description:
        'The campaign total if the unit keeps its ratio to the plan (cumulative ÷ planToNow) to the last day (dự báo kết quả); the result itself once the last working day is over.',
    }),
    metDailyGoal: t.exposeBoolean('metDailyGoal', {
      description: 'today ≥ dailyGoal, with a goal above zero.',
    }),
    metTarget: t.exposeBoolean('metTarget', {
      description: 'cumulative ≥ target, with a target above zero.',
    }),
  }),
});

const BoardRow = builder.objectRef<BoardRowData>('BoardRow').implement({
  description: 'One direct child unit of the board’s unit, with its whole-subtree tallies.',
  fields: (t) => ({
    unit: t.field({
      type: Unit,
      description: 'The child unit (đơn vị trực thuộc).',
      resolve: (row) => row.unit,
    }),
    tallies: t.field({
      complexity: { field: 1, multiplier: SCHEMES },
      type: [Tally],
      description: 'One tally per scheme of the campaign.',
      resolve: (row) => row.tallies,
    }),
  }),
});

const OfficerProgress = builder.objectRef<OfficerProgressData>('OfficerProgress').implement({
  description: 'Personal quotas (chỉ tiêu cá nhân) of the active officers and agents in the board’s subtree.',
  fields: (t) => ({
    total: t.exposeInt('total', {
      description: 'Active officers and collection agents (cán bộ, đại lý thu).',
    }),
    atZero: t.exposeInt('atZero', {
      description: 'Those who have signed nobody up and renewed nobody in this campaign yet.',
    }),
    metQuota: t.exposeInt('metQuota', {
      description:
        'Those who have met every personal quota of this campaign, in new participants (renewals are not in a quota).',
    }),
  }),
});

export const Board = builder.objectRef<BoardData>('Board').implement({
  description:
    'A campaign board for one unit: its whole-subtree totals and one row per direct child, against the day’s goal and the campaign target.',
  fields: (t) => ({
    campaign: t.field({ type: Campaign, description: 'The campaign.', resolve: (board) => board.campaign }),
    unit: t.field({
      type: Unit,
      description: 'The unit (đơn vị) whose board this is.',
      resolve: (board) => board.unit,
    }),
    date: t.field({
      type: 'Date',
      description:
        'The day served (ngày theo dõi), a Viet Nam day: the one asked for, or today, within the campaign’s days.',
      resolve: (board) => board.date,
    }),
    sequence: t.exposeInt('sequence', {
      description:
        'Version of this board: each live update (boardUpdated) carries the next number, so a client that sees a gap refetches the board. 0 until the first update.',
    }),
    totals: t.field({
      complexity: { field: 1, multiplier: SCHEMES },
      type: [Tally],
      description: 'The unit itself, its whole subtree: one tally per scheme of the campaign.',
      resolve: (board) => board.totals,
    }),
    rows: t.field({
      complexity: { field: 1, multiplier: ROWS },
      type: [BoardRow],
      description: 'One row per direct child unit (đơn vị trực thuộc), in Vietnamese alphabetical order.',
      resolve: (board) => board.rows,
    }),
    rowsMetDailyGoal: t.field({
      complexity: { field: 1, multiplier: ROWS },
      type: [BoardRow],
      description:
        'The rows that met the day’s goal in every scheme that has one (hoàn thành chỉ tiêu ngày).',
      resolve: (board) => board.rows.filter((row) => rowMetDailyGoal(row.tallies)),
    }),
    rowsWithoutActivityToday: t.field({
      complexity: { field: 1, multiplier: ROWS },
      type: [BoardRow],
      description:
        'The rows with nothing new and nothing renewed on the board day in any scheme (chưa có kết quả).',
      resolve: (board) => board.rows.filter((row) => rowWithoutActivity(row.tallies)),
    }),
    officers: t.field({
      type: OfficerProgress,
      description: 'Quota progress of the officers in the subtree.',
      resolve: (board) => board.officers,
    }),
  }),
});

builder.queryField('board', (t) =>
  t.field({
    type: Board,
    description:
      'The board of a unit in a campaign on a day. Costs the same few database round trips for a commune or for the whole country.',
    args: {
      campaignId: t.arg.id({ required: true, description: 'The campaign id.' }),
      unitCode: t.arg.string({
        required: true,
        description: 'Official code of the unit, at any level ("VN", "38", "395").',
      }),
      date: t.arg({
        type: 'Date',
        description:
          'The board day; defaults to today in Viet Nam. Kept within the campaign: its last day once it has ended, its first before it starts (Board.date says which).',
      }),
    },
    resolve: (_root, { campaignId, unitCode, date }) =>
      loadBoard(String(campaignId), unitCode.trim(), date ?? undefined),
  }),
);
