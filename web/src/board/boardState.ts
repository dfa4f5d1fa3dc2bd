import { applyTallyChanges } from '@toandan/shared/applyTallyChanges';
import type { TallyChange } from '@toandan/shared/boardUpdate';
import { tallyFigures } from '@toandan/shared/tallyFigures';
import { type FragmentOf, type ResultOf, readFragment } from '../graphql.ts';
import type { Row } from './BoardRow.tsx';
import { BoardRowFields } from './BoardRow.tsx';
import { BreadcrumbFields } from './Breadcrumb.tsx';
import type { BoardQuery } from './documents.ts';
import { type OfficerProgress, OfficerProgressFields } from './OfficersPanel.tsx';
import { type DayTally, HistoryFields } from './ProgressChart.tsx';
import { type Tally, TallyFields } from './TallyCell.tsx';
import { TickerFields, type TickerItem } from './Ticker.tsx';

type BoardResult = ResultOf<typeof BoardQuery>['board'];

/** A board as the page keeps it: the query's fragments read once, so live changes can be
 * written into plain tallies. */
export interface BoardState {
  sequence: number;
  date: string;
  campaign: BoardResult['campaign'];
  unit: ResultOf<typeof BreadcrumbFields>;
  totals: Tally[];
  rows: Row[];
  history: DayTally[];
  recent: TickerItem[];
  /** Officers' quotas, as read with the board (live updates do not carry them). */
  officers: OfficerProgress;
  /** When this board was read from the server. */
  readAt: Date;
}

export function boardStateOf(board: BoardResult): BoardState {
  return {
    sequence: board.sequence,
    date: board.date,
    campaign: board.campaign,
    unit: readFragment(BreadcrumbFields, board.unit),
    totals: board.totals.map((tally) => readFragment(TallyFields, tally)),
    rows: board.rows.map((item) => {
      const row = readFragment(BoardRowFields, item);
      return { unit: row.unit, tallies: row.tallies.map((tally) => readFragment(TallyFields, tally)) };
    }),
    history: board.history.map((day) => readFragment(HistoryFields, day)),
    recent: recentOf(board.recentEnrolments),
    officers: readFragment(OfficerProgressFields, board.officers),
    readAt: new Date(),
  };
}

export function recentOf(items: readonly FragmentOf<typeof TickerFields>[]): TickerItem[] {
  return items.map((item) => readFragment(TickerFields, item));
}

/**
 * The board with a live update's absolute values written in (the shared applyTallyChanges),
 * each changed tally's percentages and status worked out again by the API's own rule
 * (tallyFigures); the day's goal does not move with the day's own enrolments.
 */
export function applyBoardChanges(board: BoardState, changes: TallyChange[], sequence: number): BoardState {
  const { date, campaign } = board;
  return applyTallyChanges<Tally, BoardState>(board, changes, sequence, (tally) => ({
    ...tally,
    ...tallyFigures({
      today: tally.today,
      dailyGoal: tally.dailyGoal,
      cumulative: tally.cumulative,
      target: tally.target,
      date,
      startsOn: campaign.startsOn,
      endsOn: campaign.endsOn,
    }),
  }));
}
