import type { Role } from "../db/schema";
import { clientIp, recordAudit } from "./audit.server";
import { getCurrentUser, requireMembership, requireUser, type CurrentUser, type OrgUser } from "./auth.server";
import { db } from "./db.server";
import { hashSecret } from "./secrets.server";
import { isUuid } from "./utils/misc";

/*
 * Authorisation in one place. Every loader, action and API route starts with one of these:
 *   requireRole        — the signed-in user's role in the active organisation
 *   requireSupplierAccess — may this user see this supplier? (vendors: only their own)
 *   requireApiUser     — bearer token or session, for /api/v1/*
 * A refusal is audited and answered 403 (wrong role) or 404 (someone else's object: we do not
 * confirm that it exists).
 */

async function auditDenial(current: CurrentUser, request: Request, summary: Record<string, unknown>) {
  await recordAudit(db, {
    orgId: current.membership?.orgId ?? null,
    actorUserId: current.user.id,
    action: "permission.denied",
    summary: { path: new URL(request.url).pathname, method: request.method, role: current.membership?.role, ...summary },
    ip: clientIp(request),
  });
}

export async function assertRole(current: OrgUser, request: Request, roles: readonly Role[]): Promise<OrgUser> {
  if (!roles.includes(current.membership.role)) {
    await auditDenial(current, request, { required: roles });
    throw new Response("You do not have access to this page.", { status: 403 });
  }
  return current;
}

/** The signed-in user, when their role is one of `roles`; else 403 (audited). */
export async function requireRole(request: Request, roles: readonly Role[]): Promise<OrgUser> {
  return assertRole(await requireUser(request), request, roles);
}

/**
 * Resolves a supplier the user may see, scoped to the active organisation; vendors may see only
 * their own company. Anything else — another tenant's id, another vendor, a malformed id — is a 404.
 */
export async function requireSupplierAccess(current: OrgUser, request: Request, supplierId: string | undefined) {
  const { orgId, role, supplierId: ownSupplierId } = current.membership;
  const allowed = typeof supplierId === "string" && isUuid(supplierId) && (role !== "vendor" || supplierId === ownSupplierId);
  const supplier = allowed
    ? await db
        .selectFrom("suppliers")
        .select(["id", "name", "external_id", "is_vendor"])
        .where("org_id", "=", orgId)
        .where("id", "=", supplierId!)
        .executeTakeFirst()
    : undefined;
  if (!supplier) {
    await auditDenial(current, request, { supplierId: supplierId ?? null });
    throw new Response("Not found", { status: 404 });
  }
  return supplier;
}

function bearerToken(request: Request): string | null {
  const header = request.headers.get("Authorization");
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match ? match[1]! : null;
}

function apiError(status: number, message: string): Response {
  return Response.json({ error: { status, message } }, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * API authentication: `Authorization: Bearer <token>` (integration tokens, scoped to one
 * organisation, acting as their creator) or the browser session. A token stops working when it is
 * revoked, expires, or its creator is deactivated.
 */
export async function requireApiUser(request: Request, roles?: readonly Role[]): Promise<OrgUser> {
  const token = bearerToken(request);
  let current: CurrentUser | null = null;
  if (token) {
    const row = await db
      .selectFrom("api_tokens as t")
      .innerJoin("users as u", "u.id", "t.created_by")
      .innerJoin("memberships as m", (join) =>
        join.onRef("m.user_id", "=", "t.created_by").onRef("m.org_id", "=", "t.org_id").on("m.is_active", "=", true),
      )
      .innerJoin("organisations as o", "o.id", "t.org_id")
      .select(["t.id as tokenId", "t.role", "t.org_id as orgId", "o.name as orgName", "o.slug as orgSlug", "u.id as userId", "u.email", "u.name"])
      .where("t.token_hash", "=", hashSecret(token))
      .where("t.revoked_at", "is", null)
      .where((eb) => eb.or([eb("t.expires_at", "is", null), eb("t.expires_at", ">", new Date())]))
      .where("u.is_active", "=", true)
      .executeTakeFirst();
    if (!row) throw apiError(401, "Invalid, expired or revoked API token.");
    await db.updateTable("api_tokens").set({ last_used_at: new Date() }).where("id", "=", row.tokenId).execute();
    current = {
      user: { id: row.userId, email: row.email, name: row.name },
      via: { kind: "token", tokenId: row.tokenId },
      membership: { orgId: row.orgId, orgName: row.orgName, orgSlug: row.orgSlug, role: row.role, supplierId: null, supplierName: null },
    };
  } else {
    // Browser sessions may read the API; changes need a token, so a cookie alone can never be
    // used by another site to write (no CSRF token travels with API calls).
    if (!["GET", "HEAD"].includes(request.method)) throw apiError(401, "Changes through the API need `Authorization: Bearer <token>`.");
    current = await getCurrentUser(request);
    if (!current) throw apiError(401, "Authentication required: send `Authorization: Bearer <token>`.");
  }
  let member: OrgUser;
  try {
    member = await requireMembership(current, request);
    if (roles) await assertRole(member, request, roles);
  } catch (error) {
    if (error instanceof Response) throw apiError(error.status, await error.text());
    throw error;
  }
  return member;
}
