import type { Kysely, Transaction } from "kysely";
import type { Database } from "../db/schema";

export interface AuditEntry {
  orgId: string | null;
  actorUserId: string | null;
  action: string;
  entityType?: string;
  entityId?: string;
  summary?: Record<string, unknown>;
  ip?: string | null;
}

/** Appends one event to the audit trail (the table rejects updates and deletes). */
export async function recordAudit(db: Kysely<Database> | Transaction<Database>, entry: AuditEntry) {
  await db
    .insertInto("audit_events")
    .values({
      org_id: entry.orgId,
      actor_user_id: entry.actorUserId,
      action: entry.action,
      entity_type: entry.entityType ?? null,
      entity_id: entry.entityId ?? null,
      summary: JSON.stringify(entry.summary ?? {}),
      ip: entry.ip ?? null,
    })
    .execute();
}

export function clientIp(request: Request): string | null {
  // Set by server/app.ts from the socket (or the trusted proxy chain), never taken from the client.
  return request.headers.get("x-portal-client-ip");
}
