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

/** The board with a live update's absolute values written in (the shared applyTallyChanges);
 * what they move of the figures is worked out at the hour by `byTheHour`. */
export function applyBoardChanges(board: BoardState, changes: TallyChange[], sequence: number): BoardState {
  return applyTallyChanges<Tally, BoardState>(board, changes, sequence);
}

const sameTallies = (a: readonly Tally[], b: readonly Tally[]) =>
  a.every((tally, index) => tally === b[index]);

const FIGURES = ['planToNow', 'status', 'projectedTotal', 'percentOfDailyGoal', 'percentOfTarget'] as const;

/**
 * Returns a function that gives the board with every tally's figures worked out at `now` by the
 * API's own rule (tallyFigures): planToNow moves with the hour and the status with it, so a
 * board left open all day tells the time of day without asking the server. A tally whose figures
 * did not move keeps the object it had, and a row all of whose tallies did keeps its own, so a
 * view re-renders only what changed.
 */
export function byTheHour(): (board: BoardState, now: Date) => BoardState {
  const shownTally = new WeakMap<Tally, Tally>();
  const shownRow = new WeakMap<Row, Row>();
  return (board, now) => {
    const { date, campaign } = board;
    const at = (tally: Tally): Tally => {
      const fresh = {
        ...tally,
        ...tallyFigures({
          today: tally.today,
          renewedToday: tally.renewedToday,
          dailyGoal: tally.dailyGoal,
          cumulative: tally.cumulative,
          target: tally.target,
          planBeforeDay: tally.planBeforeDay,
          date,
          endsOn: campaign.endsOn,
          workingHours: campaign.workingHours,
          now,
        }),
      };
      const before = shownTally.get(tally) ?? tally;
      const shown = FIGURES.every((field) => before[field] === fresh[field]) ? before : fresh;
      shownTally.set(tally, shown);
      return shown;
    };
    const rows = board.rows.map((row) => {
      const tallies = row.tallies.map(at);
      const before = shownRow.get(row);
      const shown =
        before && sameTallies(before.tallies, tallies)
          ? before
          : sameTallies(row.tallies, tallies)
            ? row
            : { ...row, tallies };
      shownRow.set(row, shown);
      return shown;
    });
    return { ...board, totals: board.totals.map(at), rows };
  };
}
