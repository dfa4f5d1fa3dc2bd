/**
 * Viet Nam's calendar day. Every count in the product belongs to a day in Asia/Ho_Chi_Minh
 * (UTC+7 all year, no daylight saving), never to the server's or the browser's day: an
 * enrolment at 06:30 on 5 May in Hà Nội is 23:30 UTC on 4 May and counts for 5 May.
 *
 * Days travel as "YYYY-MM-DD" strings; arithmetic runs on UTC midnights so that no local
 * time zone can shift a day.
 */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The last day `of` computed, with its bounds in Viet Nam's time: most instants fall on it. */
let known = { from: 0, to: 0, day: '' };

export const vnDay = {
  /** The Viet Nam day an instant falls on. */
  of(instant: Date): string {
    const local = instant.getTime() + VN_OFFSET_MS;
    if (local >= known.from && local < known.to) return known.day;
    const from = Math.floor(local / DAY_MS) * DAY_MS;
    known = { from, to: from + DAY_MS, day: new Date(from).toISOString().slice(0, 10) };
    return known.day;
  },

  today(now: Date = new Date()): string {
    return vnDay.of(now);
  },

  /** True for a real calendar day written as YYYY-MM-DD (2026-02-30 is not one). */
  isValid(day: string): boolean {
    const match = DAY_PATTERN.exec(day);
    if (!match) return false;
    const date = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
  },

  /** The instant 00:00 of `day` in Viet Nam. */
  startOf(day: string): Date {
    return new Date(Date.parse(`${day}T00:00:00Z`) - VN_OFFSET_MS);
  },

  /** The UTC midnight that databases store for a DATE column holding `day`. */
  toDateColumn(day: string): Date {
    return new Date(`${day}T00:00:00Z`);
  },

  fromDateColumn(value: Date): string {
    return value.toISOString().slice(0, 10);
  },

  addDays(day: string, days: number): string {
    return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
  },

  /** Whole days from `from` to `to` (0 when equal, negative when `to` is earlier). */
  between(from: string, to: string): number {
    return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
  },

  /** Every day from `from` to `to`, both included. */
  range(from: string, to: string): string[] {
    const days: string[] = [];
    for (let day = from; day <= to; day = vnDay.addDays(day, 1)) days.push(day);
    return days;
  },
};
