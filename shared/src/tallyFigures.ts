import type { WorkingHours } from './defaultWorkingHours.ts';
import { planToNow as planToNowOf } from './planToNow.ts';
import { vnDay } from './vnDay.ts';

/** API.md's TallyStatus, in the order it is judged. */
export type TallyStatus = 'TARGET_MET' | 'AHEAD' | 'ON_TRACK' | 'BEHIND' | 'NO_ACTIVITY_YET';

export interface TallyInput {
  /** NEW enrolments on the board day. */
  today: number;
  /** RENEWAL enrolments on the board day: a unit that only renewed has been active. */
  renewedToday: number;
  dailyGoal: number;
  cumulative: number;
  target: number;
  /** What was due on the days before the board day (planBeforeDay). */
  planBeforeDay: number;
  /** The board day. */
  date: string;
  endsOn: string;
  workingHours: WorkingHours;
  /** The instant the figures are for: the server's request, or the web's clock as it moves. */
  now: Date;
}

export interface TallyFigures {
  /** today ÷ dailyGoal × 100, null when there is no goal for the day. */
  percentOfDailyGoal: number | null;
  /** cumulative ÷ target × 100, null when there is no target. */
  percentOfTarget: number | null;
  /** Due by `now`: the days before at their goals, and this hour's share of the day's goal. */
  planToNow: number;
  status: TallyStatus;
  /** What must be signed up on each day after `date` to still meet the target (rounded up). */
  requiredDailyPace: number;
  /** The campaign's total if the unit keeps its ratio to the plan to the end. */
  projectedTotal: number;
  metDailyGoal: boolean;
  metTarget: boolean;
}

/** Below this share of planToNow a unit is BEHIND; at or above AHEAD_FROM it is AHEAD (percent). */
export const BEHIND_BELOW = 90;
export const AHEAD_FROM = 105;

/**
 * The figures a command centre reads beside a tally, judged in the order API.md gives:
 * - TARGET_MET once the cumulative reaches a target above zero, on a quiet day too;
 * - NO_ACTIVITY_YET while nothing new and nothing renewed is counted on `date` (the "not
 *   reported" of election boards),
 *   so the hours before a unit's first enrolment never show it BEHIND;
 * - then against planToNow: AHEAD from 105%, BEHIND under 90%, ON_TRACK between. While nothing
 *   is due yet (the first minutes of the first working day) a unit that has counted is ON_TRACK:
 *   a share of nothing says nothing about its pace.
 */
export function tallyFigures(input: TallyInput): TallyFigures {
  const {
    today,
    renewedToday,
    dailyGoal,
    cumulative,
    target,
    planBeforeDay,
    date,
    endsOn,
    workingHours,
    now,
  } = input;
  const daysAfter = Math.max(vnDay.between(date, endsOn), 0);
  const remaining = Math.max(target - cumulative, 0);
  const plan = planToNowOf({ planBeforeDay, dailyGoal, date, now, workingHours });
  const metTarget = target > 0 && cumulative >= target;

  let status: TallyStatus;
  if (metTarget) status = 'TARGET_MET';
  else if (today === 0 && renewedToday === 0) status = 'NO_ACTIVITY_YET';
  else if (plan === 0) status = 'ON_TRACK';
  else if (cumulative * 100 >= plan * AHEAD_FROM) status = 'AHEAD';
  else if (cumulative * 100 < plan * BEHIND_BELOW) status = 'BEHIND';
  else status = 'ON_TRACK';

  // The whole plan: the target, or the goals through the board day where they ask more (a unit
  // behind, whose derived goals grew) or where the campaign ends with it. A unit exactly on its
  // plan projects to it, and once the last working day is over the projection is the result.
  const planThroughDay = planBeforeDay + dailyGoal;
  const wholePlan = daysAfter > 0 ? Math.max(target, planThroughDay) : planThroughDay;

  return {
    percentOfDailyGoal: dailyGoal > 0 ? (today / dailyGoal) * 100 : null,
    percentOfTarget: target > 0 ? (cumulative / target) * 100 : null,
    planToNow: plan,
    status,
    requiredDailyPace: daysAfter > 0 ? Math.ceil(remaining / daysAfter) : remaining,
    projectedTotal: plan > 0 ? Math.round((cumulative * wholePlan) / plan) : cumulative,
    metDailyGoal: dailyGoal > 0 && today >= dailyGoal,
    metTarget,
  };
}
