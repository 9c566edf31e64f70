import { createHash, randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database, Role } from "../db/schema";
import { clientIp, recordAudit } from "./audit.server";
import { SESSION_TTL_MS, isSecureRequest } from "./config.server";
import { db } from "./db.server";
import { verifyPassword } from "./password.server";

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

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface CurrentUser {
  sessionId: string;
  user: { id: string; email: string; name: string };
  /** The active organisation and this user's role in it; null for a user with no active membership. */
  membership: {
    orgId: string;
    orgName: string;
    orgSlug: string;
    role: Role;
    /** Set for vendor users: the one supplier whose data they may see. */
    supplierId: string | null;
    supplierName: string | null;
  } | null;
}

async function readSessionToken(request: Request): Promise<string | null> {
  const token = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof token === "string" && token.length > 0 ? token : null;
}

export async function getCurrentUser(request: Request): Promise<CurrentUser | null> {
  const token = await readSessionToken(request);
  if (!token) return null;
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
    .where("s.token_hash", "=", hashToken(token))
    .where("s.revoked_at", "is", null)
    .where("s.expires_at", ">", new Date())
    .where("u.is_active", "=", true)
    .executeTakeFirst();
  if (!row) return null;

  if (Date.now() - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await db.updateTable("sessions").set({ last_seen_at: new Date() }).where("id", "=", row.sessionId).execute();
  }
  return {
    sessionId: row.sessionId,
    user: { id: row.userId, email: row.email, name: row.name },
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

export type OrgUser = CurrentUser & { membership: NonNullable<CurrentUser["membership"]> };

/** The signed-in user with an active organisation, or a redirect to the login page. */
export async function requireUser(request: Request): Promise<OrgUser> {
  const current = await getCurrentUser(request);
  if (!current) {
    const url = new URL(request.url);
    const redirectTo = `${url.pathname}${url.search}`;
    throw redirect(`/login?${new URLSearchParams({ redirectTo })}`);
  }
  if (!current.membership) {
    throw new Response("Your account is not a member of any organisation. Ask your procurement team for an invitation.", {
      status: 403,
    });
  }
  return current as OrgUser;
}

/** Like requireUser, and answers 403 (audited) when the user's role is not one of `roles`. */
export async function requireRole(request: Request, roles: readonly Role[]): Promise<OrgUser> {
  const current = await requireUser(request);
  if (!roles.includes(current.membership.role)) {
    await recordAudit(db, {
      orgId: current.membership.orgId,
      actorUserId: current.user.id,
      action: "permission.denied",
      summary: { path: new URL(request.url).pathname, method: request.method, role: current.membership.role },
      ip: clientIp(request),
    });
    throw new Response("You do not have access to this page.", { status: 403 });
  }
  return current;
}

export async function authenticate(
  database: Kysely<Database>,
  email: string,
  password: string,
): Promise<{ id: string } | null> {
  const user = await database
    .selectFrom("users")
    .select(["id", "password_hash"])
    .where("email", "=", email.trim().toLowerCase())
    .where("is_active", "=", true)
    .executeTakeFirst();
  const valid = await verifyPassword(password, user?.password_hash ?? null);
  return valid && user ? { id: user.id } : null;
}

/** Creates a session in the user's first active organisation and returns its Set-Cookie header. */
export async function createSession(userId: string, request: Request): Promise<string> {
  const membership = await db
    .selectFrom("memberships")
    .select("org_id")
    .where("user_id", "=", userId)
    .where("is_active", "=", true)
    .orderBy("created_at")
    .executeTakeFirst();
  const token = randomBytes(32).toString("base64url");
  await db
    .insertInto("sessions")
    .values({
      token_hash: hashToken(token),
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
      .where("token_hash", "=", hashToken(token))
      .where("revoked_at", "is", null)
      .execute();
  }
  return sessionCookie.serialize("", { maxAge: 0, secure: isSecureRequest(request) });
}
