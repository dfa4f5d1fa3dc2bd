import { vnDay } from '@toandan/shared/vnDay';

/**
 * The arithmetic of the briefing report (API.md, "Participation"): plain functions of numbers
 * and days, tested beside this file.
 */

/**
 * The planned number of participants: the plan's own number, or else its coverage target as
 * a share of the base, rounded up (95% of 1,936,801 people is 1,839,961 cards to sell). A
 * product of a percentage and a base can come out of floating point a hair above the whole
 * number it is (9.8% of 1,500 is 147.00000000000003); 12 significant digits take that hair off
 * before rounding up.
 */
export function plannedParticipants(
  plan: { planned: number | null; coverageTargetPercent: number | null } | null,
  base: number | null,
): number | null {
  if (!plan) return null;
  if (plan.planned !== null) return plan.planned;
  if (plan.coverageTargetPercent === null || base === null) return null;
  return Math.ceil(Number(((plan.coverageTargetPercent * base) / 100).toPrecision(12)));
}

/** part ÷ whole × 100, unrounded; null without a whole above zero. */
export function percentOf(part: number, whole: number | null): number | null {
  return whole !== null && whole > 0 ? (part / whole) * 100 : null;
}

/** What is still missing of the plan, at least 0; null without a plan. */
export function remainingToPlan(participants: number, planned: number | null): number | null {
  return planned === null ? null : Math.max(0, planned - participants);
}

/** The days after `asOf` up to 31 December of its year, both ends counted once: 31 on 30 November. */
export function daysLeftInYear(asOf: string): number {
  return vnDay.between(asOf, `${asOf.slice(0, 4)}-12-31`);
}

/**
 * Participants needed on each day left to 31 December to meet the plan, rounded up (seed 002:
 * "hơn 40.000 người … chỉ còn hơn 20 ngày"); 0 once the plan is met; null without a plan, or on
 * 31 December with some still missing, when no day is left to spread them over.
 */
export function requiredDailyPace(remaining: number | null, asOf: string): number | null {
  if (remaining === null) return null;
  if (remaining === 0) return 0;
  const days = daysLeftInYear(asOf);
  return days > 0 ? Math.ceil(remaining / days) : null;
}

/** The last day of the month before `day`'s (31 October for 30 November). */
export function endOfPreviousMonth(day: string): string {
  return vnDay.addDays(`${day.slice(0, 7)}-01`, -1);
}

/** 31 December of the year before `day`'s. */
export function endOfPreviousYear(day: string): string {
  return `${Number(day.slice(0, 4)) - 1}-12-31`;
}

/** now − then; null when either is unknown. */
export function change(now: number | null, then: number | null): number | null {
  return now === null || then === null ? null : now - then;
}

/**
 * Ranks by share of plan, 1 the highest, ties sharing a rank and the next rank skipping (1, 1,
 * 3); null for an entry without a share. Shares are compared as fractions (a/b against c/d by
 * a·d against c·b, in BigInt), so two units on the same share tie even where their
 * floating-point percentages differ in the last digit.
 */
export function ranksByShareOfPlan(
  entries: readonly ({ participants: number; planned: number } | null)[],
): (number | null)[] {
  const ranked = entries.filter((entry): entry is { participants: number; planned: number } =>
    Boolean(entry && entry.planned > 0),
  );
  return entries.map((entry) => {
    if (!entry || entry.planned <= 0) return null;
    const above = ranked.filter(
      (other) =>
        BigInt(other.participants) * BigInt(entry.planned) >
        BigInt(entry.participants) * BigInt(other.planned),
    ).length;
    return above + 1;
  });
}
