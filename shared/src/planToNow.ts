import type { WorkingHours } from './defaultWorkingHours.ts';
import { vnDay } from './vnDay.ts';

export interface PlanToNowInput {
  /** What was due on the campaign's days before `date`, at their goals (planBeforeDay). */
  planBeforeDay: number;
  /** The goal of `date`. */
  dailyGoal: number;
  /** The board day. */
  date: string;
  /** The instant the plan is for: the caller's clock, never read here. */
  now: Date;
  workingHours: WorkingHours;
}

/**
 * What is due by `now` (API.md, Tally.planToNow): the days before the board day at their
 * goals, plus the share of the board day's goal due by this hour of its working day, none before
 * the working day starts, all of it from its end, in proportion between. A board day already
 * over is due whole; one still to come, not at all. Rounded to whole enrolments, so that anyone
 * holding planToNow judges the status as the server does.
 */
export function planToNow({ planBeforeDay, dailyGoal, date, now, workingHours }: PlanToNowInput): number {
  return Math.round(planBeforeDay + dailyGoal * shareOfDayDue(date, now, workingHours));
}

/** The share, 0 to 1, of `date`'s goal due at `now`. */
function shareOfDayDue(date: string, now: Date, { start, end }: WorkingHours): number {
  const today = vnDay.of(now);
  if (date < today) return 1;
  if (date > today) return 0;
  const minute = (now.getTime() - vnDay.startOf(date).getTime()) / 60_000;
  const from = minutesOf(start);
  const to = minutesOf(end);
  if (to <= from) return minute >= from ? 1 : 0;
  return Math.min(1, Math.max(0, (minute - from) / (to - from)));
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOf(clock: string): number {
  const match = CLOCK.exec(clock);
  if (!match) throw new Error(`a working-day time must be HH:MM, not "${clock}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}
