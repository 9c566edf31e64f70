import { sql } from "kysely";
import type { Db } from "./data/types";

export interface RateLimitRule {
  /** Most hits allowed per window. */
  limit: number;
  windowMs: number;
}

export const LOGIN_FAILURES_PER_ACCOUNT: RateLimitRule = { limit: 10, windowMs: 15 * 60_000 };
export const LOGIN_FAILURES_PER_IP: RateLimitRule = { limit: 50, windowMs: 15 * 60_000 };
export const INVITE_ATTEMPTS_PER_IP: RateLimitRule = { limit: 30, windowMs: 15 * 60_000 };
export const INVITES_SENT_PER_USER: RateLimitRule = { limit: 100, windowMs: 60 * 60_000 };
export const RESET_REQUESTS_PER_IP: RateLimitRule = { limit: 10, windowMs: 15 * 60_000 };

function windowStart(rule: RateLimitRule, now: number) {
  return new Date(Math.floor(now / rule.windowMs) * rule.windowMs);
}

export interface RateLimitStatus {
  limited: boolean;
  retryAfterSeconds: number;
}

/*
 * Fixed-window counters in the database, so every app instance sees the same counts.
 * `check` reads without counting; `record` counts one hit (e.g. a failed login).
 */
export async function checkRateLimit(db: Db, key: string, rule: RateLimitRule, now = Date.now()): Promise<RateLimitStatus> {
  const start = windowStart(rule, now);
  const row = await db
    .selectFrom("rate_limits")
    .select("hits")
    .where("key", "=", key)
    .where("window_start", "=", start)
    .executeTakeFirst();
  const limited = (row?.hits ?? 0) >= rule.limit;
  return { limited, retryAfterSeconds: Math.ceil((start.getTime() + rule.windowMs - now) / 1000) };
}

export async function recordRateLimitHit(db: Db, key: string, rule: RateLimitRule, now = Date.now()): Promise<void> {
  const start = windowStart(rule, now);
  await db
    .insertInto("rate_limits")
    .values({ key, window_start: start, hits: 1 })
    .onConflict((oc) => oc.columns(["key", "window_start"]).doUpdateSet({ hits: sql`rate_limits.hits + 1` }))
    .execute();
  // Old windows are worthless; sweep them now and then rather than on every hit.
  if (Math.random() < 0.02) {
    await db.deleteFrom("rate_limits").where("window_start", "<", new Date(now - 24 * 60 * 60_000)).execute();
  }
}

/** Checks then counts: for actions where every attempt counts (invitation acceptance, reset requests). */
export async function consumeRateLimit(db: Db, key: string, rule: RateLimitRule): Promise<RateLimitStatus> {
  const status = await checkRateLimit(db, key, rule);
  if (!status.limited) await recordRateLimitHit(db, key, rule);
  return status;
}

export function tooManyRequests(status: RateLimitStatus, what: string): Response {
  const minutes = Math.max(1, Math.ceil(status.retryAfterSeconds / 60));
  return new Response(`Too many ${what}. Please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`, {
    status: 429,
    headers: { "Retry-After": String(status.retryAfterSeconds), "Content-Type": "text/plain; charset=utf-8" },
  });
}
