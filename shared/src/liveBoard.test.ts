import { describe, expect, it } from 'vitest';
import { applyTallyChanges } from './applyTallyChanges.ts';
import type { BoardUpdate } from './boardUpdate.ts';
import { liveBoard, type RefetchReason } from './liveBoard.ts';

interface Tally {
  scheme: string;
  today: number;
  cumulative: number;
  renewedToday: number;
  renewed: number;
  dueForRenewal: number;
  lapsed: number;
  dueWithin7Days: number;
  netGrowth: number;
}
interface Board {
  sequence: number;
  date: string;
  unit: { code: string };
  totals: Tally[];
  rows: { unit: { code: string }; tallies: Tally[] }[];
}

const boardAt = (sequence: number, today: number): Board => ({
  sequence,
  date: '2026-05-10',
  unit: { code: '38' },
  totals: [
    {
      scheme: 'VOLUNTARY_SI',
      today,
      cumulative: today + 100,
      renewedToday: 0,
      renewed: 0,
      dueForRenewal: 0,
      lapsed: 0,
      dueWithin7Days: 0,
      netGrowth: 0,
    },
  ],
  rows: [
    {
      unit: { code: '386' },
      tallies: [
        {
          scheme: 'VOLUNTARY_SI',
          today,
          cumulative: today + 100,
          renewedToday: 0,
          renewed: 0,
          dueForRenewal: 0,
          lapsed: 0,
          dueWithin7Days: 0,
          netGrowth: 0,
        },
      ],
    },
  ],
});

/** A server whose board is what the test says it is now; every fetch is counted. */
function harness(initial: Board) {
  let server = initial;
  const seen: Board[] = [];
  const refetches: RefetchReason[] = [];
  const live = liveBoard<Board>({
    fetchBoard: async () => structuredClone(server),
    applyChanges: (board, changes, sequence) => applyTallyChanges(board, changes, sequence),
    onBoard: (board) => seen.push(board),
    onRefetch: (reason) => refetches.push(reason),
  });
  return {
    live,
    seen,
    refetches,
    setServer: (board: Board) => {
      server = board;
    },
    latest: () => seen.at(-1),
  };
}

const update = (sequence: number, today: number, date = '2026-05-10'): BoardUpdate => ({
  sequence,
  changes: [
    {
      unitCode: '38',
      scheme: 'VOLUNTARY_SI',
      date,
      today,
      cumulative: today + 100,
      renewedToday: 0,
      renewed: 0,
      dueForRenewal: 0,
      lapsed: 0,
      dueWithin7Days: 0,
      netGrowth: today + 100,
    },
    {
      unitCode: '386',
      scheme: 'VOLUNTARY_SI',
      date,
      today,
      cumulative: today + 100,
      renewedToday: 0,
      renewed: 0,
      dueForRenewal: 0,
      lapsed: 0,
      dueWithin7Days: 0,
      netGrowth: today + 100,
    },
  ],
});

describe('liveBoard', () => {
  it('applies the next update and drops one it already holds', async () => {
    const h = harness(boardAt(4, 10));
    await h.live.settled();
    h.live.receive(update(5, 11));
    h.live.receive(update(5, 11));
    h.live.receive(update(3, 9));
    expect(h.latest()?.sequence).toBe(5);
    expect(h.latest()?.totals[0]).toEqual({
      scheme: 'VOLUNTARY_SI',
      today: 11,
      cumulative: 111,
      renewedToday: 0,
      renewed: 0,
      dueForRenewal: 0,
      lapsed: 0,
      dueWithin7Days: 0,
      netGrowth: 111,
    });
    expect(h.latest()?.rows[0]?.tallies[0]?.today).toBe(11);
    expect(h.seen).toHaveLength(2);
    expect(h.refetches).toEqual(['start']);
  });

  it('refetches on a gap, then applies what arrived meanwhile on top', async () => {
    const h = harness(boardAt(4, 10));
    await h.live.settled();
    h.setServer(boardAt(7, 13));
    h.live.receive(update(7, 13));
    h.live.receive(update(8, 14));
    await h.live.settled();
    expect(h.refetches).toEqual(['start', 'gap']);
    expect(h.latest()?.sequence).toBe(8);
    expect(h.latest()?.totals[0]?.today).toBe(14);
  });

  it('holds updates that arrive before the first board, and applies the newer ones', async () => {
    const h = harness(boardAt(4, 10));
    h.live.receive(update(4, 10));
    h.live.receive(update(5, 11));
    await h.live.settled();
    expect(h.refetches).toEqual(['start']);
    expect(h.latest()).toMatchObject({ sequence: 5, totals: [{ today: 11 }] });
  });

  it('refetches when a change of an earlier day comes without the board day’s values', async () => {
    const h = harness(boardAt(4, 10));
    await h.live.settled();
    h.setServer(boardAt(5, 10));
    h.live.receive(update(5, 3, '2026-05-09'));
    await h.live.settled();
    expect(h.refetches).toEqual(['start', 'past-day']);
    expect(h.latest()?.sequence).toBe(5);
  });

  it('ignores the changes of a later day (a board of a past day)', async () => {
    const h = harness(boardAt(4, 10));
    await h.live.settled();
    h.live.receive(update(5, 1, '2026-05-11'));
    expect(h.latest()).toMatchObject({ sequence: 5, totals: [{ today: 10 }] });
  });

  it('refetches after a reconnect', async () => {
    const h = harness(boardAt(4, 10));
    await h.live.settled();
    h.setServer(boardAt(9, 20));
    h.live.reconnected();
    await h.live.settled();
    expect(h.refetches).toEqual(['start', 'reconnect']);
    expect(h.latest()?.totals[0]?.today).toBe(20);
  });
});
