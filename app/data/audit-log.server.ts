import type { Db } from "./types";

export interface AuditQuery {
  action?: string;
  actor?: string;
  entity?: string;
  from?: Date;
  to?: Date;
  /** Keyset pagination: events older than this id. */
  before?: number;
  pageSize: number;
}

/** One organisation's audit trail, newest first, with the actor's name and email. */
export async function listAuditEvents(db: Db, orgId: string, query: AuditQuery) {
  let q = db
    .selectFrom("audit_events as e")
    .leftJoin("users as u", "u.id", "e.actor_user_id")
    .select(["e.id", "e.action", "e.entity_type", "e.entity_id", "e.summary", "e.ip", "e.created_at", "u.name as actor_name", "u.email as actor_email"])
    .where("e.org_id", "=", orgId);
  if (query.action) q = q.where("e.action", "=", query.action);
  if (query.actor) q = q.where("u.email", "ilike", `%${query.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (query.entity) q = q.where((eb) => eb.or([eb("e.entity_id", "=", query.entity!), eb("e.entity_type", "=", query.entity!)]));
  if (query.from) q = q.where("e.created_at", ">=", query.from);
  if (query.to) q = q.where("e.created_at", "<", query.to);
  if (query.before) q = q.where("e.id", "<", query.before);
  const rows = await q.orderBy("e.id", "desc").limit(query.pageSize + 1).execute();
  return { rows: rows.slice(0, query.pageSize), hasMore: rows.length > query.pageSize };
}

export async function listAuditActions(db: Db, orgId: string) {
  const rows = await db.selectFrom("audit_events").select("action").distinct().where("org_id", "=", orgId).orderBy("action").execute();
  return rows.map((r) => r.action);
}
