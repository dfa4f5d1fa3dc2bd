import { vnDay } from './vnDay.ts';

/** Months paid when a submission names none. */
export const DEFAULT_COVERAGE_MONTHS = 12;
/** Voluntary SI may be paid ahead for whole years, up to five (Luật BHXH 2024). */
export const MAX_COVERAGE_MONTHS = 60;
/** A cover that ends within this many days after the day is renewed, not signed up again. */
export const RENEWAL_WINDOW_DAYS = 30;
/** A cover that ended at most this many days before may still be renewed (and is listed). */
export const LAPSE_GRACE_DAYS = 90;

/**
 * Whether `months` may be paid in `scheme` (API.md, "Renewals"): household HI for 3, 6 or 12
 * months; voluntary SI monthly, for 3, 6 or 12 months, or for whole years up to 60 months; the
 * other schemes any whole number of months from 1 to 60.
 */
export function coverageMonthsAllowed(scheme: string, months: number): boolean {
  if (!Number.isInteger(months)) return false;
  if (scheme === 'HOUSEHOLD_HI') return months === 3 || months === 6 || months === 12;
  if (scheme === 'VOLUNTARY_SI')
    return (
      [1, 3, 6, 12].includes(months) || (months % 12 === 0 && months > 0 && months <= MAX_COVERAGE_MONTHS)
    );
  return months >= 1 && months <= MAX_COVERAGE_MONTHS;
}

/**
 * The last day of a cover of `months` from `from`, both days included: the day before the same
 * day `months` later, so 1 December + 3 months runs to 28 February. When that month has no
 * such day (31 January + 1 month), the next cover would start on the 1st of the month after,
 * so this one runs to the end of the short month: no day is lost between a cover and its renewal.
 */
export function coverageUntil(from: string, months: number): string {
  const [year, month, day] = from.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index % 12;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const nextStart = day > lastDay ? new Date(Date.UTC(y, m + 1, 1)) : new Date(Date.UTC(y, m, day));
  return vnDay.addDays(nextStart.toISOString().slice(0, 10), -1);
}
