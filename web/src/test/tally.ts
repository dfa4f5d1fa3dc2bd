import type { Tally } from '../board/TallyCell.tsx';

/** A tally as the board query returns it, with what a test cares about overridden. */
export const tally = (overrides: Partial<Tally> = {}): Tally => ({
  scheme: 'VOLUNTARY_SI',
  today: 1234,
  dailyGoal: 2000,
  cumulative: 52301,
  renewedToday: 0,
  renewed: 0,
  dueForRenewal: 0,
  lapsed: 0,
  dueWithin7Days: 0,
  netGrowth: 52301,
  target: 50000,
  planBeforeDay: 47500,
  planToNow: 48600,
  percentOfDailyGoal: 61.7,
  percentOfTarget: 104.602,
  status: 'TARGET_MET',
  requiredDailyPace: 0,
  projectedTotal: 60000,
  metDailyGoal: false,
  metTarget: true,
  ...overrides,
});
