/**
 * A campaign's working day in Viet Nam's time (API.md, Campaign.workingHours): the share of a
 * day's goal due by an hour of the day is measured over it.
 */
export const defaultWorkingHours = { start: '07:30', end: '17:00' } as const;
