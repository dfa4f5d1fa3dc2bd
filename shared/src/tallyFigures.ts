import { vnDay } from './vnDay.ts';

export type TallyStatus = 'AHEAD' | 'ON_TRACK' | 'BEHIND' | 'NO_ACTIVITY_YET';

export interface TallyInput {
  today: number;
  dailyGoal: number;
  cumulative: number;
  target: number;
  /** The board's day. */
  date: string;
  startsOn: string;
  endsOn: string;
}

export interface TallyFigures {
  /** today ÷ dailyGoal × 100, null when there is no goal for the day. */
  percentOfDailyGoal: number | null;
  /** cumulative ÷ target × 100, null when there is no target. */
  percentOfTarget: number | null;
  status: TallyStatus;
  /** What must be signed up on each day after `date` to still meet the target (rounded up). */
  requiredDailyPace: number;
  /** The campaign's total if the pace so far (campaign start to `date`) holds to the end. */
  projectedTotal: number;
  metDailyGoal: boolean;
  metTarget: boolean;
}

/** Below this share of the plan to date a unit is BEHIND; at or above AHEAD_FROM it is AHEAD. */
export const BEHIND_BELOW = 0.9;
export const AHEAD_FROM = 1.05;

/**
 * The figures a command centre reads beside a tally. The plan to date is the target spread
 * evenly over the campaign's days, up to and including `date`:
 * - NO_ACTIVITY_YET: nothing counted on `date` yet (the "not reported" of election boards);
 * - otherwise AHEAD from 105% of the plan to date, BEHIND under 90%, ON_TRACK between.
 */
export function tallyFigures(input: TallyInput): TallyFigures {
  const { today, dailyGoal, cumulative, target, date, startsOn, endsOn } = input;
  const totalDays = vnDay.between(startsOn, endsOn) + 1;
  const daysElapsed = Math.min(Math.max(vnDay.between(startsOn, date) + 1, 0), totalDays);
  const daysAfter = Math.max(vnDay.between(date, endsOn), 0);
  const remaining = Math.max(target - cumulative, 0);

  const planToDate = (target * daysElapsed) / totalDays;
  let status: TallyStatus;
  if (today === 0) status = 'NO_ACTIVITY_YET';
  else if (planToDate === 0 || cumulative >= planToDate * AHEAD_FROM) status = 'AHEAD';
  else if (cumulative < planToDate * BEHIND_BELOW) status = 'BEHIND';
  else status = 'ON_TRACK';

  return {
    percentOfDailyGoal: dailyGoal > 0 ? (today / dailyGoal) * 100 : null,
    percentOfTarget: target > 0 ? (cumulative / target) * 100 : null,
    status,
    requiredDailyPace: daysAfter > 0 ? Math.ceil(remaining / daysAfter) : remaining,
    projectedTotal: daysElapsed > 0 ? Math.round((cumulative / daysElapsed) * totalDays) : 0,
    metDailyGoal: dailyGoal > 0 && today >= dailyGoal,
    metTarget: target > 0 && cumulative >= target,
  };
}
