import { type LiveBoard, liveBoard, type RefetchReason } from '@toandan/shared/liveBoard';
import { vnDay } from '@toandan/shared/vnDay';
import { useEffect, useMemo, useState } from 'react';
import { useClient } from 'urql';
import { onReconnected } from '../client.ts';
import { applyBoardChanges, type BoardState, boardStateOf, byTheHour, recentOf } from './boardState.ts';
import { BoardQuery, BoardUpdatedSubscription, TICKER_LENGTH, TickerQuery } from './documents.ts';
import type { TickerItem } from './Ticker.tsx';

export interface LiveBoardView {
  board: BoardState | null;
  /** The ticker: read with the board, then again now and then while updates arrive. */
  recent: TickerItem[];
  /** The last refetch failed or the subscription refused: shown beside a (stale) board. */
  error: string | null;
  /** When the board last changed on this screen (an update applied, or a refetch). */
  lastUpdate: Date | null;
  /** Why the board was last read afresh, and how many times (for the status line and tests). */
  lastRefetch: RefetchReason | null;
  refetches: number;
  /** The clock the figures were worked out at: it moves every minute. */
  now: Date;
}

/** The ticker is read again at most this often while updates arrive. */
const TICKER_EVERY_MS = 5000;
/** How often a board of today looks whether the Viet Nam day has changed. */
const DAY_CHECK_EVERY_MS = 30_000;
/** Boards move to the new day at a random moment within this long after noticing it. */
export const DAY_CHANGE_SPREAD_MS = 60_000;
/** How often the figures are worked out again as the hours pass (planToNow, status). */
const CLOCK_EVERY_MS = 60_000;
/** Renders at most once a frame, however many updates arrive (a board of 700 rows at 50/s). */
const RENDER_FALLBACK_MS = 250;

/**
 * Follows one board live with the shared client helper (shared/src/liveBoard.ts): subscribe,
 * read the board after the subscription's first message, apply each update in order, read it
 * again on a gap, a reconnect or a failed read. A board of today moves to the next day by
 * itself at midnight in Viet Nam; `date` pins a past day instead. Every minute the figures are
 * worked out again at the new time, so the status follows the working day without a refetch.
 */
export function useLiveBoard(campaignId: string, unitCode: string, date?: string): LiveBoardView {
  const client = useClient();
  const [now, setNow] = useState(() => new Date());
  const atHour = useMemo(() => byTheHour(), []);
  const [view, setView] = useState<Omit<LiveBoardView, 'now'>>({
    board: null,
    recent: [],
    error: null,
    lastUpdate: null,
    lastRefetch: null,
    refetches: 0,
  });
  const [today, setToday] = useState(() => vnDay.today());

  // At midnight in Viet Nam every open board of today reads the new day (today at 0, covers that
  // ended yesterday now lapsed): each waits a random time up to DAY_CHANGE_SPREAD_MS first, so
  // that thousands of boards do not all refetch in the same second (docs/design.md, "Cover ends").
  useEffect(() => {
    if (date) return;
    let switching: ReturnType<typeof setTimeout> | undefined;
    const timer = setInterval(() => {
      if (switching !== undefined || vnDay.today() === today) return;
      switching = setTimeout(() => setToday(vnDay.today()), Math.random() * DAY_CHANGE_SPREAD_MS);
    }, DAY_CHECK_EVERY_MS);
    return () => {
      clearInterval(timer);
      clearTimeout(switching);
    };
  }, [date, today]);

  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), CLOCK_EVERY_MS);
    return () => clearInterval(timer);
  }, []);

  // `today` in the dependencies: a board of today starts again on the next day at midnight.
  useEffect(() => {
    let stopped = false;
    let live: LiveBoard | null = null;
    let pending: BoardState | null = null;
    let frame = 0;
    let fallback: ReturnType<typeof setTimeout> | undefined;
    let tickerTimer: ReturnType<typeof setTimeout> | undefined;
    let tickerReadAt = 0;
    setView({ board: null, recent: [], error: null, lastUpdate: null, lastRefetch: null, refetches: 0 });

    const flush = () => {
      cancelAnimationFrame(frame);
      clearTimeout(fallback);
      frame = 0;
      fallback = undefined;
      const board = pending;
      pending = null;
      if (stopped || !board) return;
      setView((current) => ({ ...current, board, error: null, lastUpdate: new Date() }));
    };
    const show = (board: BoardState) => {
      pending = board;
      if (fallback !== undefined) return;
      frame = requestAnimationFrame(flush);
      // Hidden tabs get no animation frames.
      fallback = setTimeout(flush, RENDER_FALLBACK_MS);
    };

    const readTicker = () => {
      tickerTimer = undefined;
      tickerReadAt = Date.now();
      void client
        .query(
          TickerQuery,
          { campaignId, unitCode, recent: TICKER_LENGTH },
          { requestPolicy: 'network-only' },
        )
        .toPromise()
        .then((result) => {
          const recent = result.data?.recentEnrolments;
          if (!stopped && recent) setView((current) => ({ ...current, recent: recentOf(recent) }));
        });
    };
    const tickerSoon = () => {
      if (tickerTimer !== undefined) return;
      tickerTimer = setTimeout(readTicker, Math.max(0, tickerReadAt + TICKER_EVERY_MS - Date.now()));
    };

    const fetchBoard = async (): Promise<BoardState> => {
      const result = await client
        .query(
          BoardQuery,
          { campaignId, unitCode, recent: TICKER_LENGTH, ...(date ? { date } : {}) },
          { requestPolicy: 'network-only' },
        )
        .toPromise();
      if (result.error || !result.data) throw result.error ?? new Error('no board');
      tickerReadAt = Date.now();
      const board = boardStateOf(result.data.board);
      if (!stopped) setView((current) => ({ ...current, recent: board.recent }));
      return board;
    };

    const start = () =>
      liveBoard<BoardState>({
        fetchBoard,
        applyChanges: (board, changes, sequence) => {
          if (changes.length) tickerSoon();
          return applyBoardChanges(board, changes, sequence);
        },
        onBoard: show,
        // A read that ends after the page moved to another board must not touch the new one.
        onRefetch: (reason) => {
          if (stopped) return;
          setView((current) => ({ ...current, lastRefetch: reason, refetches: current.refetches + 1 }));
        },
        onError: (error) => {
          if (stopped) return;
          const message = error instanceof Error ? error.message : String(error);
          setView((current) => ({ ...current, error: message }));
        },
      });

    const subscription = client
      .subscription(BoardUpdatedSubscription, { campaignId, unitCode })
      .subscribe((result) => {
        if (stopped) return;
        if (result.error) {
          setView((current) => ({ ...current, error: result.error?.message ?? null }));
          return;
        }
        const update = result.data?.boardUpdated;
        if (!update) return;
        live ??= start();
        live.receive(update);
      });
    const stopFollowingReconnects = onReconnected(() => live?.reconnected());

    return () => {
      stopped = true;
      subscription.unsubscribe();
      stopFollowingReconnects();
      live?.stop();
      cancelAnimationFrame(frame);
      clearTimeout(fallback);
      clearTimeout(tickerTimer);
    };
  }, [client, campaignId, unitCode, date, today]);

  const board = useMemo(() => view.board && atHour(view.board, now), [atHour, view.board, now]);
  return { ...view, board, now };
}
