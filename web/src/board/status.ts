import type { TallyStatus } from '@toandan/shared/tallyFigures';

/**
 * The look of each status. Colour is never the only signal: every status also has a label,
 * and BEHIND bars are striped, so a projector that washes colours out, or a reader who does not
 * tell red from green, still reads it. Each colour holds at least 4.5:1 against white.
 */
export const statusLook: Record<TallyStatus, { className: string; colour: string }> = {
  AHEAD: { className: 'status-ahead', colour: '#0a6b2b' },
  ON_TRACK: { className: 'status-on-track', colour: '#0b5cad' },
  BEHIND: { className: 'status-behind', colour: '#b3261e' },
  NO_ACTIVITY_YET: { className: 'status-none', colour: '#5b6470' },
};

/** The width of a progress bar: the share of the day's goal reached, 0–100. */
export function barWidth(today: number, dailyGoal: number): number {
  if (dailyGoal <= 0) return today > 0 ? 100 : 0;
  return Math.min(100, Math.round((today / dailyGoal) * 1000) / 10);
}
