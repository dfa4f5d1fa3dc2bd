import type { TallyStatus } from '@toandan/shared/tallyFigures';

export interface StatusLook {
  /** The class that sets `--status` (board.css) for everything drawn in the status's colour. */
  className: string;
  /** The colour itself, for what is not styled by the class (charts, the wall's tiles). */
  colour: string;
}

/**
 * The look of each status: the board's cells and totals, and the wall, take it from here; its
 * words are t(`status.${status}`). Colour is never the only signal: every status is also written
 * out beside its bar, BEHIND bars are striped and TARGET_MET ones carry a tick mark, so a
 * projector that washes colours out, or a reader who does not tell red from green, still reads
 * it. Each colour holds at least 4.5:1 against white (as text) and 3:1 against the bar's track.
 */
export const statusLook: Record<TallyStatus, StatusLook> = {
  TARGET_MET: { className: 'status-met', colour: '#5b2c83' },
  AHEAD: { className: 'status-ahead', colour: '#0a6b2b' },
  ON_TRACK: { className: 'status-on-track', colour: '#0b5cad' },
  BEHIND: { className: 'status-behind', colour: '#b3261e' },
  NO_ACTIVITY_YET: { className: 'status-none', colour: '#5b6470' },
};

/** The look of a status, a neutral one for a value added to the API after this app was built. */
export function lookOf(status: string): StatusLook {
  return statusLook[status as TallyStatus] ?? statusLook.NO_ACTIVITY_YET;
}

/** The colour of the bar's track, which each status colour stands out from. */
export const TRACK_COLOUR = '#e3e8ef';

/** A share of a whole as a bar's width, 0–100 (one decimal), full at or past the whole. */
function widthOf(part: number, whole: number): number {
  if (whole <= 0) return part > 0 ? 100 : 0;
  return Math.min(100, Math.round((part / whole) * 1000) / 10);
}

/** The main bar: the share of the campaign target counted so far, 0–100. */
export function targetBarWidth(cumulative: number, target: number): number {
  return target > 0 ? widthOf(cumulative, target) : 0;
}

/** Where the bar's tick stands: planToNow as a share of the target, 0–100; null without a target. */
export function planTickAt(planToNow: number, target: number): number | null {
  return target > 0 ? widthOf(planToNow, target) : null;
}

/** The second, smaller gauge: the share of the day's goal reached, 0–100. */
export function barWidth(today: number, dailyGoal: number): number {
  return widthOf(today, dailyGoal);
}
