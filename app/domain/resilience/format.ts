/** Human formatting of durations (stored as whole minutes, shown as d / h / min). */

const MIN_PER_HOUR = 60;
const MIN_PER_DAY = 24 * MIN_PER_HOUR;

/**
 * `formatDuration(15)` → "15 min", `(240)` → "4 h", `(2880)` → "2 d", `(3240)` → "2 d 6 h",
 * `(90)` → "1 h 30 min". Unknown (null, undefined, non-finite) → "unknown".
 */
export function formatDuration(min: number | null | undefined): string {
  if (min === null || min === undefined || !Number.isFinite(min)) return "unknown";
  if (min < 0) return `-${formatDuration(-min)}`;
  const total = Math.round(min);
  if (total < MIN_PER_HOUR) return `${total} min`;
  const days = Math.floor(total / MIN_PER_DAY);
  const hours = Math.floor((total % MIN_PER_DAY) / MIN_PER_HOUR);
  const minutes = total % MIN_PER_HOUR;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} d`);
  if (hours > 0) parts.push(`${hours} h`);
  if (minutes > 0) parts.push(`${minutes} min`);
  return parts.join(" ");
}

/** `YYYY-MM-DD` (UTC) or "unknown date". */
export function formatDate(date: Date | null): string {
  return date === null ? "unknown date" : date.toISOString().slice(0, 10);
}
