const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id from an address or a form is checked before it reaches a uuid column (else: a database error). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Throws a Response (rendered by the nearest error boundary) when the condition is false. */
export function invariantResponse(
  condition: unknown,
  message: string,
  init: ResponseInit = { status: 400 },
): asserts condition {
  if (!condition) {
    throw new Response(message, { ...init, headers: { "Content-Type": "text/plain; charset=utf-8", ...init.headers } });
  }
}

/**
 * Only same-site relative paths are allowed as redirect targets ("/x", not "//evil.example" or
 * "https://…"), so a crafted ?redirectTo cannot send a user elsewhere after login.
 */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) {
    return fallback;
  }
  return target;
}

/** Durations are stored as whole minutes and shown as min / h / d. */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return "unknown";
  if (minutes === 0) return "0";
  if (minutes < 60) return `${minutes} min`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts: string[] = [];
  if (days) parts.push(`${days} d`);
  if (hours) parts.push(`${hours} h`);
  if (rest) parts.push(`${rest} min`);
  return parts.join(" ");
}

// One formatter, made once: `toLocaleString` with options builds a new Intl.DateTimeFormat on every
// call, which showed up as the most expensive line of pages listing many sessions.
const MEDIUM_DATE_TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

/** "23 Nov 2026, 14:05" — or "—" for no value. */
export function formatDateTime(value: Date | string | null): string {
  return value ? MEDIUM_DATE_TIME.format(new Date(value)) : "—";
}
