import { describe, expect, it } from 'vitest';
import { tally } from '../test/tally.ts';
import { type BoardState, byTheHour } from './boardState.ts';

/** An instant in Viet Nam's time (UTC+7). */
const at = (local: string) => new Date(`${local}+07:00`);

// The second day of a 20-day drive: 20 a day on pace, 20 due before the day, a goal of 20 today.
const onPace = tally({ today: 0, dailyGoal: 20, cumulative: 20, target: 400, planBeforeDay: 20 });
const board = (tallies = [onPace]): BoardState => ({
  sequence: 1,
  date: '2026-11-17',
  campaign: {
    id: 'drive',
    name: 'Đợt ra quân',
    startsOn: '2026-11-16',
    endsOn: '2026-12-05',
    schemes: ['VOLUNTARY_SI'],
    state: 'RUNNING',
    graceDays: 7,
    closedAt: null,
    workingHours: { start: '07:30', end: '17:00' },
    unit: { code: 'VN' },
  },
  unit: { code: '38', name: 'Thanh Hóa', kind: 'PROVINCE', parent: null },
  totals: tallies,
  rows: [{ unit: { code: '386', name: 'Bá Thước', kind: 'DISTRICT' }, tallies }],
  history: [],
  recent: [],
  officers: { total: 0, metQuota: 0, atZero: 0 },
  readAt: at('2026-11-17T07:00:00'),
});

describe('the board by the hour', () => {
  it('works out planToNow and the status at the hour it is given, on the API’s rule', () => {
    const atHour = byTheHour();
    const early = atHour(board(), at('2026-11-17T07:30:00')).totals[0];
    expect(early).toMatchObject({ planToNow: 20, status: 'NO_ACTIVITY_YET' });
    // 09:24: 20 + 20 × 114 / 570 = 24 due; 4 counted today is exactly on pace.
    const counted = board([{ ...onPace, today: 4, cumulative: 24 }]);
    expect(atHour(counted, at('2026-11-17T09:24:00')).totals[0]).toMatchObject({
      planToNow: 24,
      status: 'ON_TRACK',
      projectedTotal: 400,
    });
  });

  it('moves a board left open from ON_TRACK to BEHIND as the afternoon passes, with no new data', () => {
    const atHour = byTheHour();
    const counted = board([{ ...onPace, today: 4, cumulative: 24 }]);
    const statusAt = (clock: string) =>
      atHour(counted, at(`2026-11-17T${clock}:00`)).rows[0]?.tallies[0]?.status;
    expect([statusAt('09:24'), statusAt('11:00'), statusAt('17:00')]).toEqual([
      'ON_TRACK',
      'BEHIND',
      'BEHIND',
    ]);
  });

  it('keeps the objects of tallies and rows whose figures did not move', () => {
    const atHour = byTheHour();
    const quiet = board();
    const first = atHour(quiet, at('2026-11-17T10:00:00'));
    const minuteLater = atHour(quiet, at('2026-11-17T10:01:00'));
    // Nothing counted today: NO_ACTIVITY_YET all day, but planToNow moves.
    expect(minuteLater.rows[0]?.tallies[0]?.status).toBe('NO_ACTIVITY_YET');
    const night = atHour(quiet, at('2026-11-17T20:00:00'));
    const later = atHour(quiet, at('2026-11-17T21:00:00'));
    expect(later.rows[0]).toBe(night.rows[0]);
    expect(later.totals[0]).toBe(night.totals[0]);
    expect(first.rows[0]).not.toBe(night.rows[0]);
  });
});
