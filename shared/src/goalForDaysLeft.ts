/**
 * dailyGoal's arithmetic: what is still missing of the target, spread evenly over the days left
 * (the day itself included), rounded up so that meeting every goal meets the target. Apart, for
 * callers that walk a campaign's days and already know how many are left (planBeforeDay).
 */
export function goalForDaysLeft(target: number, countedBefore: number, daysLeft: number): number {
  if (daysLeft <= 0) return 0;
  return Math.ceil(Math.max(0, target - countedBefore) / daysLeft);
}
