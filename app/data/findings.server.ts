import { sql } from "kysely";
import type { FindingStatus } from "../../db/schema";
import { distinctOrgValues } from "./loose-scan.server";
import type { Db } from "./types";

import { type SEVERITIES } from "../domain/finding-labels";
import { isUuid } from "../utils/misc";

export { FINDING_STATUSES, SEVERITIES } from "../domain/finding-labels";

/** Most severe first; matches the findings_org_status_rank_idx expression index. */
export const severityRank = sql<number>`case f.severity when 'critical' then 4 when 'high' then 3 when 'medium' then 2 else 1 end`;

export interface FindingQuery {
  status?: FindingStatus;
  severity?: (typeof SEVERITIES)[number];
  kind?: string;
  subjectId?: string;
  ownerId?: string;
  q?: string;
  page: number;
  pageSize: number;
}

// A finding's subject id is text (it may be a country code); comparing it with the uuid cast to text
// would defeat the primary key index, so the id is cast to uuid, only for subjects that are one.
export const findingSupplierId = sql<string>`case when f.subject_type = 'supplier' then f.subject_id::uuid end`;
export const findingServiceId = sql<string>`case when f.subject_type = 'service' then f.subject_id::uuid end`;

function subjectJoins(db: Db) {
  return db
    .selectFrom("findings as f")
    .leftJoin("suppliers as s", (join) => join.on("s.id", "=", findingSupplierId))
    .leftJoin("internal_services as svc", (join) => join.on("svc.id", "=", findingServiceId))
    .leftJoin("users as owner", "owner.id", "f.owner_user_id");
}

export async function listFindings(db: Db, orgId: string, query: FindingQuery) {
  const base = db
    .selectFrom("findings as f")
    .where("f.org_id", "=", orgId)
    .$if(Boolean(query.status), (qb) => qb.where("f.status", "=", query.status!))
    .$if(Boolean(query.severity), (qb) => qb.where("f.severity", "=", query.severity!))
    .$if(Boolean(query.kind), (qb) => qb.where("f.kind", "=", query.kind!))
    .$if(Boolean(query.subjectId), (qb) => qb.where("f.subject_id", "=", query.subjectId!))
    .$if(Boolean(query.ownerId), (qb) => qb.where("f.owner_user_id", "=", query.ownerId!))
    .$if(Boolean(query.q), (qb) => qb.where("f.reason", "ilike", `%${query.q!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  // Filtered only by status and severity, the total comes from the trigger-kept finding_counts.
  const countedByTriggers = !query.kind && !query.subjectId && !query.ownerId && !query.q;
  const totalQuery = countedByTriggers
    ? db
        .selectFrom("finding_counts")
        .select(sql<number>`coalesce(sum(count), 0)`.as("n"))
        .where("org_id", "=", orgId)
        .$if(Boolean(query.status), (qb) => qb.where("status", "=", query.status!))
        .$if(Boolean(query.severity), (qb) => qb.where("severity", "=", query.severity!))
        .executeTakeFirstOrThrow()
    : base.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
  // The page is picked from findings alone, then joined to subject and owner names (50 rows).
  const page = base
    .select(["f.id", "f.kind", "f.severity", "f.status", "f.reason", "f.subject_type", "f.subject_id", "f.first_seen_at", "f.accepted_until", "f.owner_user_id", severityRank.as("rank")])
    .orderBy(severityRank, "desc")
    .orderBy("f.first_seen_at")
    .orderBy("f.id")
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [rows, total] = await Promise.all([
    db
      .selectFrom(page.as("f"))
      .leftJoin("suppliers as s", (join) => join.on("s.id", "=", findingSupplierId))
      .leftJoin("internal_services as svc", (join) => join.on("svc.id", "=", findingServiceId))
      .leftJoin("users as owner", "owner.id", "f.owner_user_id")
      .select([
        "f.id",
        "f.kind",
        "f.severity",
        "f.status",
        "f.reason",
        "f.subject_type",
        "f.subject_id",
        "f.first_seen_at",
        "f.accepted_until",
        "s.name as supplier_name",
        "svc.name as service_name",
        "owner.name as owner_name",
      ])
      .orderBy("f.rank", "desc")
      .orderBy("f.first_seen_at")
      .orderBy("f.id")
      .execute(),
    totalQuery,
  ]);
  return { rows, total: Number(total.n) };
}

/** The kinds of finding the organisation has (a loose scan of findings_org_kind_idx). */
export function listFindingKinds(db: Db, orgId: string) {
  return distinctOrgValues(db, "findings", "kind", orgId);
}

export async function getFinding(db: Db, orgId: string, findingId: string) {
  if (!isUuid(findingId)) return undefined;
  return subjectJoins(db)
    .selectAll("f")
    .select(["s.name as supplier_name", "svc.name as service_name", "owner.name as owner_name"])
    .where("f.org_id", "=", orgId)
    .where("f.id", "=", findingId)
    .executeTakeFirst();
}

export async function getFindingHistory(db: Db, orgId: string, findingId: string) {
  return db
    .selectFrom("finding_events as e")
    .leftJoin("users as u", "u.id", "e.actor_user_id")
    .select(["e.id", "e.action", "e.note", "e.created_at", "u.name as actor_name"])
    .where("e.org_id", "=", orgId)
    .where("e.finding_id", "=", findingId)
    .orderBy("e.id", "desc")
    .execute();
}

export type FindingChange =
  | { action: "assign"; ownerUserId: string | null }
  | { action: "accept"; reason: string; until: string }
  | { action: "mitigate"; note: string }
  | { action: "reopen"; note: string }
  | { action: "comment"; note: string };

/** Applies a workflow change and records it in the finding's history, in one transaction. */
export async function changeFinding(db: Db, orgId: string, findingId: string, actorUserId: string, change: FindingChange) {
  const set =
    change.action === "assign"
      ? { owner_user_id: change.ownerUserId }
      : change.action === "accept"
        ? { status: "accepted" as const, accepted_reason: change.reason, accepted_until: change.until }
        : change.action === "mitigate"
          ? { status: "mitigated" as const, accepted_reason: null, accepted_until: null }
          : change.action === "reopen"
            ? { status: "open" as const, accepted_reason: null, accepted_until: null }
            : {};
  const note =
    change.action === "assign" ? null : change.action === "accept" ? `${change.reason} (until ${change.until})` : change.note;
  const updated = Object.keys(set).length
    ? await db.updateTable("findings").set(set).where("org_id", "=", orgId).where("id", "=", findingId).executeTakeFirst()
    : { numUpdatedRows: 1n };
  if (Number(updated.numUpdatedRows) === 0) return false;
  await db.insertInto("finding_events").values({ org_id: orgId, finding_id: findingId, actor_user_id: actorUserId, action: change.action, note }).execute();
  return true;
}
