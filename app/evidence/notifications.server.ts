import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { OrgUser } from "../auth.server";

/*
 * In-app notifications. A vendor user sees those addressed to their supplier; procurement and
 * analysts see the organisation's own (supplier_id null), e.g. new evidence to review.
 */

function scoped(db: Kysely<Database>, current: OrgUser) {
  const { orgId, role, supplierId } = current.membership;
  let q = db.selectFrom("notifications").where("org_id", "=", orgId);
  q = role === "vendor" ? q.where("supplier_id", "=", supplierId ?? "00000000-0000-0000-0000-000000000000") : q.where("supplier_id", "is", null);
  return q;
}

export async function listNotifications(db: Kysely<Database>, current: OrgUser, limit = 100) {
  return scoped(db, current)
    .select(["id", "kind", "title", "body", "link", "read_at", "created_at"])
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
}

export async function unreadCount(db: Kysely<Database>, current: OrgUser): Promise<number> {
  const row = await scoped(db, current).select((eb) => eb.fn.countAll<string>().as("n")).where("read_at", "is", null).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Marks one (or, without an id, every) visible notification read. */
export async function markRead(db: Kysely<Database>, current: OrgUser, id: string | null): Promise<number> {
  const { orgId, role, supplierId } = current.membership;
  let q = db.updateTable("notifications").set({ read_at: new Date(), read_by: current.user.id }).where("org_id", "=", orgId).where("read_at", "is", null);
  q = role === "vendor" ? q.where("supplier_id", "=", supplierId ?? "00000000-0000-0000-0000-000000000000") : q.where("supplier_id", "is", null);
  if (id) q = q.where("id", "=", id);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
