import type { BoardUpdate, TallyChange } from './boardUpdate.ts';
import { exponentialBackoffMs } from './exponentialBackoffMs.ts';

/** What a live board needs of the board it holds: its version and its day. */
export interface VersionedBoard {
  sequence: number;
  date: string;
}

export type RefetchReason = 'start' | 'gap' | 'past-day' | 'reconnect' | 'failed';

export interface LiveBoardOptions<Board extends VersionedBoard> {
  /** Reads the board afresh (the `board` query). */
  fetchBoard(): Promise<Board>;
  /** Returns the board with these changes (all of the board's own day) applied. */
  applyChanges(board: Board, changes: TallyChange[], sequence: number): Board;
  /** Called with every new state of the board. */
  onBoard(board: Board): void;
  /** Called when a refetch starts, with why (for a status line, and for tests). */
  onRefetch?(reason: RefetchReason): void;
  /** Called when a refetch fails; the next update or reconnect tries again. */
  onError?(error: unknown): void;
}

export interface LiveBoard {
  /** Hands over one `boardUpdated` message. */
  receive(update: BoardUpdate): void;
  /** The subscription was re-established (or resumed): updates may have been missed. */
  reconnected(): void;
  /** Resolves when no refetch is running. */
  settled(): Promise<void>;
  /** Stops retrying (the board is closed). */
  stop(): void;
}

/**
 * Keeps a board right from a `board` query and its `boardUpdated` stream, on the rules of the
 * API: an update numbered board.sequence + 1 is applied; an older one is already in the board
 * and is dropped; a later one means updates were lost, so the board is refetched, and the
 * updates that arrive meanwhile are applied on top of the refetched board when they are newer.
 *
 * Changes carry absolute values for one day. A change of the board's day is applied. A change of
 * an earlier day, with no change of the board's day for the same tally beside it, moved the
 * board's cumulative by an amount the message does not say, so the board is refetched (the
 * server sends today's values with every late enrolment, so a board of today never needs to).
 */
export function liveBoard<Board extends VersionedBoard>(options: LiveBoardOptions<Board>): LiveBoard {
  let board: Board | null = null;
  let refetching: Promise<void> | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let waiting: BoardUpdate[] = [];

  const refetch = (reason: RefetchReason): Promise<void> => {
    if (refetching) return refetching;
    if (retry) clearTimeout(retry);
    retry = null;
    options.onRefetch?.(reason);
    refetching = options.fetchBoard().then(
      (fresh) => {
        failures = 0;
        board = fresh;
        refetching = null;
        options.onBoard(fresh);
        const arrived = waiting.sort((a, b) => a.sequence - b.sequence);
        waiting = [];
        for (const update of arrived) step(update);
      },
      (error: unknown) => {
        // The updates keep waiting; try again later, backing off to once every 30 s.
        refetching = null;
        failures++;
        options.onError?.(error);
        retry = setTimeout(() => void refetch('failed'), exponentialBackoffMs(failures, 500, 30_000));
      },
    );
    return refetching;
  };

  const step = (update: BoardUpdate): void => {
    if (refetching || retry || !board) {
      waiting.push(update);
      return;
    }
    if (update.sequence <= board.sequence) return;
    if (update.sequence > board.sequence + 1) {
      waiting.push(update);
      void refetch('gap');
      return;
    }
    const date = board.date;
    const ofTheDay = update.changes.filter((change) => change.date === date);
    const shown = new Set(ofTheDay.map((change) => `${change.unitCode}:${change.scheme}`));
    const earlier = update.changes.some(
      (change) => change.date < date && !shown.has(`${change.unitCode}:${change.scheme}`),
    );
    if (earlier) {
      waiting.push(update);
      void refetch('past-day');
      return;
    }
    board = options.applyChanges(board, ofTheDay, update.sequence);
    options.onBoard(board);
  };

  void refetch('start');
  return {
    receive: step,
    reconnected: () => {
      void refetch('reconnect');
    },
    settled: async () => {
      while (refetching) await refetching;
    },
    stop: () => {
      if (retry) clearTimeout(retry);
      retry = null;
      waiting = [];
    },
  };
}
