import { goalForDaysLeft } from './goalForDaysLeft.ts';
import { vnDay } from './vnDay.ts';

export interface DailyGoalInput {
  /** The whole-campaign target of one unit and scheme. */
  target: number;
  /** Enrolments counted from the campaign's first day up to, not including, `day`. */
  countedBefore: number;
  day: string;
  startsOn: string;
  endsOn: string;
}

/**
 * The derived daily goal: what is still missing of the target at the start of `day`, spread
 * evenly over the days left including `day`, rounded up so that meeting every daily goal meets
 * the target. A unit ahead of plan gets a goal of 0; a day outside the campaign has no goal.
 * Explicit daily goals set by the command centre replace this value for their day.
 */
export function dailyGoal({ target, countedBefore, day, startsOn, endsOn }: DailyGoalInput): number {
  if (day < startsOn || day > endsOn) return 0;
  return goalForDaysLeft(target, countedBefore, vnDay.between(day, endsOn) + 1);
}
