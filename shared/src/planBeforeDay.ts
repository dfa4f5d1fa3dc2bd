import { goalForDaysLeft } from './goalForDaysLeft.ts';
import { vnDay } from './vnDay.ts';

/** One earlier day of a unit and scheme, as the counters and the command centre left it. */
export interface PlannedDay {
  /** Enrolments counted on the day. */
  counted: number;
  /** The goal the command centre set for the day, if it set one. */
  explicitGoal?: number | undefined;
}

export interface PlanBeforeDayInput {
  target: number;
  startsOn: string;
  endsOn: string;
  /** The board day: the campaign's days before it are summed. */
  day: string;
  /** The earlier days by "YYYY-MM-DD"; a day left out counted nothing and has no explicit goal. */
  days: ReadonlyMap<string, PlannedDay>;
}

/** The last calendar walked: every tally of a board walks the same days. */
let walked = { from: '', to: '', days: [] as string[] };

/**
 * What was due on the campaign's days before `day`: each at its goal, the command centre's where
 * it set one, else derived as the board derives the day's goal (dailyGoal: what was still
 * missing of the target that morning over the days left). A unit that fell behind is asked more
 * on the days after, and its plan to date grows with them, as its daily goals did.
 */
export function planBeforeDay({ target, startsOn, endsOn, day, days }: PlanBeforeDayInput): number {
  const last = day <= endsOn ? vnDay.addDays(day, -1) : endsOn;
  if (walked.from !== startsOn || walked.to !== last) {
    walked = { from: startsOn, to: last, days: vnDay.range(startsOn, last) };
  }
  const totalDays = vnDay.between(startsOn, endsOn) + 1;
  let plan = 0;
  let countedBefore = 0;
  walked.days.forEach((current, index) => {
    const known = days.get(current);
    plan += known?.explicitGoal ?? goalForDaysLeft(target, countedBefore, totalDays - index);
    countedBefore += known?.counted ?? 0;
  });
  return plan;
}
