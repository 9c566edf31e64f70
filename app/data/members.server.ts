import type { Role } from "../../db/schema";
import type { Db } from "./types";

export async function listMembers(db: Db, orgId: string) {
  return db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .leftJoin("suppliers as s", (join) => join.onRef("s.id", "=", "m.supplier_id").onRef("s.org_id", "=", "m.org_id"))
    .select((eb) => [
      "m.id",
      "m.user_id",
      "m.role",
      "m.is_active",
      "m.supplier_id",
      "m.created_at",
      "u.email",
      "u.name",
      "s.name as supplier_name",
      eb
        .selectFrom("sessions")
        .select((se) => se.fn.max("last_seen_at").as("x"))
        .whereRef("sessions.user_id", "=", "m.user_id")
        .whereRef("sessions.org_id", "=", "m.org_id")
        .as("last_seen_at"),
    ])
    .where("m.org_id", "=", orgId)
    .orderBy("m.is_active", "desc")
    .orderBy("u.name")
    .execute();
}

/** Vendor colleagues: active and inactive members bound to one supplier. */
export async function listSupplierMembers(db: Db, orgId: string, supplierId: string) {
  return db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.id", "m.is_active", "u.email", "u.name"])
    .where("m.org_id", "=", orgId)
    .where("m.supplier_id", "=", supplierId)
    .orderBy("u.name")
    .execute();
}

export async function getMember(db: Db, orgId: string, membershipId: string) {
  return db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.id", "m.user_id", "m.role", "m.is_active", "m.supplier_id", "u.email", "u.name"])
    .where("m.org_id", "=", orgId)
    .where("m.id", "=", membershipId)
    .executeTakeFirst();
}

export async function updateMembership(
  db: Db,
  orgId: string,
  membershipId: string,
  changes: { role?: Role; supplierId?: string | null; isActive?: boolean },
) {
  return db
    .updateTable("memberships")
    .set({
      ...(changes.role ? { role: changes.role } : {}),
      ...(changes.supplierId !== undefined ? { supplier_id: changes.supplierId } : {}),
      ...(changes.isActive !== undefined ? { is_active: changes.isActive } : {}),
    })
    .where("org_id", "=", orgId)
    .where("id", "=", membershipId)
    .executeTakeFirst();
}

/** Number of active procurement members: the last one may not be demoted or deactivated. */
export async function countActiveProcurement(db: Db, orgId: string) {
  const row = await db
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("org_id", "=", orgId)
    .where("role", "=", "procurement")
    .where("is_active", "=", true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Organisations the user can switch to. */
export async function listUserOrganisations(db: Db, userId: string) {
  return db
    .selectFrom("memberships as m")
    .innerJoin("organisations as o", "o.id", "m.org_id")
    .select(["o.id", "o.name", "m.role"])
    .where("m.user_id", "=", userId)
    .where("m.is_active", "=", true)
    .orderBy("o.name")
    .execute();
}

export async function listUserSessions(db: Db, userId: string) {
  return db
    .selectFrom("sessions")
    .select(["id", "created_at", "last_seen_at", "ip", "user_agent", "expires_at"])
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", new Date())
    .orderBy("last_seen_at", "desc")
    .execute();
}
