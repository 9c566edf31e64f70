import { createCookie, redirect } from "@remix-run/node";
import type { Role } from "../db/schema";
import { clientIp, recordAudit } from "./audit.server";
import { SESSION_TTL_MS, isSecureRequest } from "./config.server";
import { db } from "./db.server";
import { hashPassword, verifyPassword } from "./password.server";
import {
  LOGIN_FAILURES_PER_ACCOUNT,
  LOGIN_FAILURES_PER_IP,
  checkRateLimit,
  recordRateLimitHit,
  type RateLimitStatus,
} from "./rate-limit.server";
import { hashSecret, newSecret } from "./secrets.server";

/*
 * Server-side sessions: the cookie carries only a random token; the database keeps its SHA-256,
 * the user, the active organisation, expiry and revocation. Revoking a row logs that browser out.
 */
const sessionCookie = createCookie("session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  maxAge: SESSION_TTL_MS / 1000,
});

const LAST_SEEN_RESOLUTION_MS = 5 * 60 * 1000;

export interface Membership {
  orgId: string;
  orgName: string;
  orgSlug: string;
  role: Role;
  /** Set for vendor users: the one supplier whose data they may see. */
  supplierId: string | null;
  supplierName: string | null;
}

export interface CurrentUser {
  user: { id: string; email: string; name: string };
  /** The active organisation and this user's role in it; null for a user with no active membership. */
  membership: Membership | null;
  /** How the request authenticated: a browser session or an API token. */
  via: { kind: "session"; sessionId: string } | { kind: "token"; tokenId: string };
}

export type OrgUser = CurrentUser & { membership: Membership };

async function readSessionToken(request: Request): Promise<string | null> {
  const token = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof token === "string" && token.length > 0 ? token : null;
}

/*
 * The root loader and the page's loader of one request each ask for the current user at the same
 * moment, on Request objects Remix copies for each loader. They share one lookup while it is in
 * flight, keyed by the id server/app.ts stamps on every HTTP request (replacing any a client sent)
 * together with the session token. Nothing is kept once the lookup settles, so a later request,
 * or an action's loaders after a sign-out, read the session afresh.
 */
const REQUEST_ID_HEADER = "x-portal-request-id";
const lookupsInFlight = new Map<string, Promise<CurrentUser | null>>();

export async function getCurrentUser(request: Request): Promise<CurrentUser | null> {
  const token = await readSessionToken(request);
  if (!token) return null;
  const requestId = request.headers.get(REQUEST_ID_HEADER);
  if (!requestId) return lookUpSession(token);
  const key = `${requestId} ${token}`;
  let lookup = lookupsInFlight.get(key);
  if (!lookup) {
    lookup = lookUpSession(token).finally(() => lookupsInFlight.delete(key));
    lookupsInFlight.set(key, lookup);
  }
  return lookup;
}

async function lookUpSession(token: string): Promise<CurrentUser | null> {
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .leftJoin("memberships as m", (join) =>
      join.onRef("m.user_id", "=", "s.user_id").onRef("m.org_id", "=", "s.org_id").on("m.is_active", "=", true),
    )
    .leftJoin("organisations as o", "o.id", "m.org_id")
    .leftJoin("suppliers as sup", (join) => join.onRef("sup.id", "=", "m.supplier_id").onRef("sup.org_id", "=", "m.org_id"))
    .select([
      "s.id as sessionId",
      "s.last_seen_at as lastSeenAt",
      "u.id as userId",
      "u.email",
      "u.name",
      "m.org_id as orgId",
      "m.role",
      "m.supplier_id as supplierId",
      "o.name as orgName",
      "o.slug as orgSlug",
      "sup.name as supplierName",
    ])
    .where("s.token_hash", "=", hashSecret(token))
    .where("s.revoked_at", "is", null)
    .where("s.expires_at", ">", new Date())
    .where("u.is_active", "=", true)
    .executeTakeFirst();
  if (!row) return null;

  if (Date.now() - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await db.updateTable("sessions").set({ last_seen_at: new Date() }).where("id", "=", row.sessionId).execute();
  }
  return {
    user: { id: row.userId, email: row.email, name: row.name },
    via: { kind: "session", sessionId: row.sessionId },
    membership:
      row.orgId && row.role && row.orgName && row.orgSlug
        ? {
            orgId: row.orgId,
            orgName: row.orgName,
            orgSlug: row.orgSlug,
            role: row.role,
            supplierId: row.supplierId,
            supplierName: row.supplierName,
          }
        : null,
  };
}

/** The signed-in user with an active organisation, or a redirect to the login page. */
export async function requireUser(request: Request): Promise<OrgUser> {
  const current = await getCurrentUser(request);
  if (!current) {
    const url = new URL(request.url);
    throw redirect(`/login?${new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` })}`);
  }
  return requireMembership(current, request);
}

/** 403 (audited) for an account that is no longer an active member of its organisation. */
export async function requireMembership(current: CurrentUser, request: Request): Promise<OrgUser> {
  if (!current.membership) {
    await recordAudit(db, {
      orgId: null,
      actorUserId: current.user.id,
      action: "permission.denied",
      summary: { path: new URL(request.url).pathname, reason: "no active membership" },
      ip: clientIp(request),
    });
    throw new Response("Your account is not an active member of any organisation. Ask your procurement team for access.", {
      status: 403,
    });
  }
  return current as OrgUser;
}

export type LoginResult =
  | { kind: "ok"; userId: string }
  | { kind: "invalid" }
  | { kind: "throttled"; status: RateLimitStatus };

/**
 * Checks a password, with failed attempts counted per account and per IP address. Once either
 * counter is full the password is not even checked, so guessing cannot continue in the window.
 */
export async function attemptLogin(request: Request, email: string, password: string): Promise<LoginResult> {
  const normalisedEmail = email.trim().toLowerCase();
  const ip = clientIp(request) ?? "unknown";
  const accountKey = `login:account:${normalisedEmail}`;
  const ipKey = `login:ip:${ip}`;
  for (const [key, rule] of [
    [accountKey, LOGIN_FAILURES_PER_ACCOUNT],
    [ipKey, LOGIN_FAILURES_PER_IP],
  ] as const) {
    const status = await checkRateLimit(db, key, rule);
    if (status.limited) {
      await recordAudit(db, {
        orgId: null,
        actorUserId: null,
        action: "auth.login_throttled",
        summary: { email: normalisedEmail },
        ip,
      });
      return { kind: "throttled", status };
    }
  }

  const user = await db
    .selectFrom("users as u")
    .select((eb) => [
      "u.id",
      "u.password_hash",
      // Attempts are filed under the account's (first) organisation so its admins see them.
      eb
        .selectFrom("memberships as m")
        .select("m.org_id")
        .whereRef("m.user_id", "=", "u.id")
        .orderBy("m.created_at")
        .limit(1)
        .as("org_id"),
    ])
    .where("u.email", "=", normalisedEmail)
    .where("u.is_active", "=", true)
    .executeTakeFirst();
  const valid = await verifyPassword(password, user?.password_hash ?? null);
  if (!valid || !user) {
    await recordRateLimitHit(db, accountKey, LOGIN_FAILURES_PER_ACCOUNT);
    await recordRateLimitHit(db, ipKey, LOGIN_FAILURES_PER_IP);
    // The address is recorded, never the password.
    await recordAudit(db, {
      orgId: user?.org_id ?? null,
      actorUserId: user?.id ?? null,
      action: "auth.login_failed",
      summary: { email: normalisedEmail },
      ip,
    });
    return { kind: "invalid" };
  }
  await recordAudit(db, { orgId: user.org_id, actorUserId: user.id, action: "auth.login", ip });
  return { kind: "ok", userId: user.id };
}

/** Creates a session (in `orgId`, else the user's first active organisation); returns its Set-Cookie. */
export async function createSession(userId: string, request: Request, orgId?: string): Promise<string> {
  const membership = await db
    .selectFrom("memberships")
    .select("org_id")
    .where("user_id", "=", userId)
    .where("is_active", "=", true)
    .$if(Boolean(orgId), (qb) => qb.where("org_id", "=", orgId!))
    .orderBy("created_at")
    .executeTakeFirst();
  const token = newSecret();
  await db
    .insertInto("sessions")
    .values({
      token_hash: hashSecret(token),
      user_id: userId,
      org_id: membership?.org_id ?? null,
      ip: clientIp(request),
      user_agent: request.headers.get("user-agent")?.slice(0, 400) ?? null,
      expires_at: new Date(Date.now() + SESSION_TTL_MS),
    })
    .execute();
  return sessionCookie.serialize(token, { secure: isSecureRequest(request) });
}

/** Revokes this browser's session and returns the Set-Cookie header that clears it. */
export async function destroySession(request: Request): Promise<string> {
  const token = await readSessionToken(request);
  if (token) {
    await db
      .updateTable("sessions")
      .set({ revoked_at: new Date() })
      .where("token_hash", "=", hashSecret(token))
      .where("revoked_at", "is", null)
      .execute();
  }
  return sessionCookie.serialize("", { maxAge: 0, secure: isSecureRequest(request) });
}

/** Revokes every session of a user, optionally sparing one (the browser that asked). */
export async function revokeUserSessions(userId: string, options: { except?: string; orgId?: string } = {}) {
  const result = await db
    .updateTable("sessions")
    .set({ revoked_at: new Date() })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .$if(Boolean(options.except), (qb) => qb.where("id", "<>", options.except!))
    .$if(Boolean(options.orgId), (qb) => qb.where("org_id", "=", options.orgId!))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function setPassword(userId: string, password: string) {
  await db
    .updateTable("users")
    .set({ password_hash: await hashPassword(password), updated_at: new Date() })
    .where("id", "=", userId)
    .execute();
}

export async function verifyUserPassword(userId: string, password: string): Promise<boolean> {
  const user = await db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirst();
  return verifyPassword(password, user?.password_hash ?? null);
}

/** Makes `orgId` the session's active organisation, if the user is an active member of it. */
export async function switchOrganisation(sessionId: string, userId: string, orgId: string): Promise<boolean> {
  const member = await db
    .selectFrom("memberships")
    .select("id")
    .where("user_id", "=", userId)
    .where("org_id", "=", orgId)
    .where("is_active", "=", true)
    .executeTakeFirst();
  if (!member) return false;
  await db.updateTable("sessions").set({ org_id: orgId }).where("id", "=", sessionId).execute();
  return true;
}
