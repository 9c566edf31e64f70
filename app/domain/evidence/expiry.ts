/** Dates, expiry and staleness rules for evidence (pure; "now" is always passed in). */

export const DAY_MS = 24 * 60 * 60 * 1000;
export const EXPIRY_WINDOWS = [30, 60, 90] as const;
export const DEFAULT_REMINDER_DAYS = 30;

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Calendar months later (UTC), clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(d: Date, months: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay)));
}

function utcDay(d: Date | string): number {
  const date = typeof d === "string" ? new Date(`${d.slice(0, 10)}T00:00:00Z`) : d;
  return Math.floor(date.getTime() / DAY_MS);
}

/** Whole days from asOf's day until the date (negative once past). */
export function daysUntil(date: Date | string, asOf: Date): number {
  return utcDay(date) - utcDay(asOf);
}

/** A DR test counts as the supplier's tested figure while it is at most `months` old. */
export function isTestCurrent(testDate: Date | string | null, asOf: Date, months = 12): boolean {
  if (!testDate) return false;
  const d = typeof testDate === "string" ? new Date(`${testDate.slice(0, 10)}T00:00:00Z`) : testDate;
  return d.getTime() <= asOf.getTime() && addMonths(d, months).getTime() >= utcDay(asOf) * DAY_MS;
}

export type ExpiryState = "none" | "valid" | "expiring" | "expired";

/** 'expiring' within `windowDays` (inclusive), 'expired' after its last valid day. */
export function expiryState(validTo: Date | string | null, asOf: Date, windowDays = 90): ExpiryState {
  if (!validTo) return "none";
  const days = daysUntil(validTo, asOf);
  if (days < 0) return "expired";
  return days <= windowDays ? "expiring" : "valid";
}

/** The smallest 30/60/90 window an expiry falls in, or null when expired or further away. */
export function expiryWindow(validTo: Date | string | null, asOf: Date): (typeof EXPIRY_WINDOWS)[number] | null {
  if (!validTo) return null;
  const days = daysUntil(validTo, asOf);
  if (days < 0) return null;
  return EXPIRY_WINDOWS.find((w) => days <= w) ?? null;
}

/** A reminder is due from `daysBefore` days before expiry until the expiry day itself. */
export function reminderDue(validTo: Date | string | null, asOf: Date, daysBefore = DEFAULT_REMINDER_DAYS): boolean {
  if (!validTo) return false;
  const days = daysUntil(validTo, asOf);
  return days >= 0 && days <= daysBefore;
}
