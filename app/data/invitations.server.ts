import type { Role } from "../../db/schema";
import { hashSecret, newSecret } from "../secrets.server";
import type { Db } from "./types";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type InvitationState = "pending" | "accepted" | "revoked" | "expired";

export function invitationState(row: { accepted_at: Date | null; revoked_at: Date | null; expires_at: Date }): InvitationState {
  if (row.accepted_at) return "accepted";
  if (row.revoked_at) return "revoked";
  if (row.expires_at.getTime() <= Date.now()) return "expired";
  return "pending";
}

/** Creates an invitation; returns the clear token (to build the link) — only its hash is stored. */
export async function createInvitation(
  db: Db,
  input: { orgId: string; email: string; role: Role; supplierId: string | null; invitedBy: string },
) {
  const token = newSecret();
  const row = await db
    .insertInto("invitations")
    .values({
      org_id: input.orgId,
      email: input.email.trim().toLowerCase(),
      role: input.role,
      supplier_id: input.role === "vendor" ? input.supplierId : null,
      token_hash: hashSecret(token),
      invited_by: input.invitedBy,
      expires_at: new Date(Date.now() + INVITATION_TTL_MS),
    })
    .returning(["id", "email", "role", "supplier_id"])
    .executeTakeFirstOrThrow();
  return { ...row, token };
}

/** Replaces the link of a pending or expired invitation (the old link stops working). */
export async function resendInvitation(db: Db, orgId: string, invitationId: string, scope?: { supplierId: string }) {
  const token = newSecret();
  const row = await db
    .updateTable("invitations")
    .set({ token_hash: hashSecret(token), expires_at: new Date(Date.now() + INVITATION_TTL_MS), revoked_at: null })
    .where("org_id", "=", orgId)
    .where("id", "=", invitationId)
    .where("accepted_at", "is", null)
    .$if(Boolean(scope), (qb) => qb.where("supplier_id", "=", scope!.supplierId))
    .returning(["id", "email"])
    .executeTakeFirst();
  return row ? { ...row, token } : null;
}

export async function revokeInvitation(db: Db, orgId: string, invitationId: string, scope?: { supplierId: string }) {
  const result = await db
    .updateTable("invitations")
    .set({ revoked_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", invitationId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .$if(Boolean(scope), (qb) => qb.where("supplier_id", "=", scope!.supplierId))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function listInvitations(db: Db, orgId: string, scope?: { supplierId: string }) {
  const rows = await db
    .selectFrom("invitations as i")
    .leftJoin("suppliers as s", (join) => join.onRef("s.id", "=", "i.supplier_id").onRef("s.org_id", "=", "i.org_id"))
    .select(["i.id", "i.email", "i.role", "i.created_at", "i.expires_at", "i.accepted_at", "i.revoked_at", "s.name as supplier_name"])
    .where("i.org_id", "=", orgId)
    .$if(Boolean(scope), (qb) => qb.where("i.supplier_id", "=", scope!.supplierId))
    .orderBy("i.created_at", "desc")
    .limit(200)
    .execute();
  return rows.map((r) => ({ ...r, state: invitationState(r) }));
}

/** The invitation behind a link, whatever its state (the page explains why a link no longer works). */
export async function findInvitationByToken(db: Db, token: string) {
  return db
    .selectFrom("invitations as i")
    .innerJoin("organisations as o", "o.id", "i.org_id")
    .leftJoin("suppliers as s", (join) => join.onRef("s.id", "=", "i.supplier_id").onRef("s.org_id", "=", "i.org_id"))
    .select([
      "i.id",
      "i.org_id",
      "i.email",
      "i.role",
      "i.supplier_id",
      "i.expires_at",
      "i.accepted_at",
      "i.revoked_at",
      "o.name as org_name",
      "s.name as supplier_name",
    ])
    .where("i.token_hash", "=", hashSecret(token))
    .executeTakeFirst();
}
