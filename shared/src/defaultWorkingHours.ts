/** A working day in Viet Nam's time, "HH:MM" to "HH:MM" (API.md, Campaign.workingHours). */
export interface WorkingHours {
  start: string;
  end: string;
}

/**
 * A campaign's working day (API.md, Campaign.workingHours): the share of a day's goal due by an
 * hour of the day is measured over it (planToNow). Offices and field teams work 07:30 to 17:00.
 */
export const defaultWorkingHours: WorkingHours = { start: '07:30', end: '17:00' };
