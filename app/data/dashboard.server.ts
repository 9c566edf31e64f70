import { sql } from "kysely";
import { findingServiceId, findingSupplierId, severityRank } from "./findings.server";
import type { Db } from "./types";

const HEATMAP_SERVICES = 15;
const HEATMAP_VENDORS = 25;

export type CellStatus = "meets" | "gap" | "beyond_mtpd" | "unknown";

/** How one vendor, on its own, stands against one service's requirement (alternates included). */
export function vendorStatusForService(
  recoveryMin: number | null,
  requiredRtoMin: number,
  mtpdMin: number,
): CellStatus {
  if (recoveryMin === null) return "unknown";
  if (recoveryMin <= requiredRtoMin) return "meets";
  return recoveryMin > mtpdMin ? "beyond_mtpd" : "gap";
}

export async function getDashboard(db: Db, orgId: string) {
  const today = sql<Date>`current_date`;
  const [org, rtoCounts, rpoCounts, findingCounts, topFindings, overdue, expiring, trend] = await Promise.all([
    db.selectFrom("organisations").select(["name", "results_computed_at"]).where("id", "=", orgId).executeTakeFirstOrThrow(),
    db
      .selectFrom("service_results")
      .select(["rto_status as status", sql<number>`count(*)`.as("count")])
      .where("org_id", "=", orgId)
      .groupBy("rto_status")
      .execute(),
    db
      .selectFrom("service_results")
      .select(["rpo_status as status", sql<number>`count(*)`.as("count")])
      .where("org_id", "=", orgId)
      .groupBy("rpo_status")
      .execute(),
    // Kept by triggers on findings: counting 200,000 open findings on every visit is too slow.
    db.selectFrom("finding_counts").select(["severity", "count"]).where("org_id", "=", orgId).where("status", "=", "open").where("count", ">", 0).execute(),
    // The ten are picked from findings alone (the ORDER BY matches the findings_org_status_rank_idx
    // expression index) and only then joined to their subjects' names: a simpler plan, planned fast.
    db
      .selectFrom(
        db
          .selectFrom("findings as f")
          .select(["f.id", "f.kind", "f.severity", "f.reason", "f.subject_type", "f.subject_id", "f.first_seen_at", severityRank.as("rank")])
          .where("f.org_id", "=", orgId)
          .where("f.status", "=", "open")
          .orderBy(severityRank, "desc")
          .orderBy("f.first_seen_at")
          .orderBy("f.id")
          .limit(10)
          .as("f"),
      )
      .leftJoin("suppliers as s", (join) => join.on("s.id", "=", findingSupplierId))
      .leftJoin("internal_services as svc", (join) => join.on("svc.id", "=", findingServiceId))
      .select(["f.id", "f.kind", "f.severity", "f.reason", "f.subject_type", "f.subject_id", "s.name as supplier_name", "svc.name as service_name"])
      .orderBy("f.rank", "desc")
      .orderBy("f.first_seen_at")
      .orderBy("f.id")
      .execute(),
    // Like the top findings: the ten oldest come from the open-assessments index alone, then names.
    db
      .selectFrom(
        db
          .selectFrom("assessments")
          .select(["id", "due_date", "status", "supplier_id"])
          .where("org_id", "=", orgId)
          .where("status", "not in", ["submitted", "approved", "rejected"])
          .where("due_date", "<", today)
          .orderBy("due_date")
          .orderBy("id")
          .limit(10)
          .as("a"),
      )
      .innerJoin("suppliers as s", "s.id", "a.supplier_id")
      .select(["a.id", "a.due_date", "a.status", "s.id as supplier_id", "s.name as supplier_name"])
      .orderBy("a.due_date")
      .orderBy("a.id")
      .execute(),
    db
      .selectFrom("evidence")
      .select([
        sql<number>`count(*) filter (where valid_to < current_date)`.as("expired"),
        sql<number>`count(*) filter (where valid_to >= current_date and valid_to < current_date + 30)`.as("in30"),
        sql<number>`count(*) filter (where valid_to >= current_date and valid_to < current_date + 60)`.as("in60"),
        sql<number>`count(*) filter (where valid_to >= current_date and valid_to < current_date + 90)`.as("in90"),
      ])
      .where("org_id", "=", orgId)
      .where("status", "=", "accepted")
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("daily_snapshots")
      .select(["day", "figures"])
      .where("org_id", "=", orgId)
      .where("day", ">=", sql<Date>`current_date - 90`)
      .orderBy("day")
      .execute(),
  ]);

  const byStatus = (rows: { status: string; count: number }[]) => Object.fromEntries(rows.map((r) => [r.status, Number(r.count)]));
  return {
    orgName: org.name,
    computedAt: org.results_computed_at,
    rto: byStatus(rtoCounts) as Partial<Record<CellStatus, number>>,
    rpo: byStatus(rpoCounts) as Partial<Record<"meets" | "gap" | "unknown", number>>,
    openFindings: Object.fromEntries(findingCounts.map((r) => [r.severity, Number(r.count)])) as Partial<Record<string, number>>,
    topFindings,
    overdue,
    expiring,
    trend: trend.map((t) => ({ day: t.day.toISOString().slice(0, 10), ...t.figures })),
    heatmap: await getGapHeatmap(db, orgId),
  };
}

/**
 * Services × vendors for the services that fall short: each cell is that vendor's recovery for the
 * service (its effective RTO, capped by a qualified alternate for it on that service).
 */
async function getGapHeatmap(db: Db, orgId: string) {
  const services = await db
    .selectFrom("service_results as r")
    .innerJoin("internal_services as s", "s.id", "r.service_id")
    .select(["s.id", "s.name", "s.required_rto_min", "s.mtpd_min", "r.rto_status", "r.recovery_min"])
    .where("r.org_id", "=", orgId)
    .where("r.rto_status", "<>", "meets")
    .orderBy(sql`case r.rto_status when 'beyond_mtpd' then 3 when 'unknown' then 2 else 1 end`, "desc")
    .orderBy("s.name")
    .limit(HEATMAP_SERVICES)
    .execute();
  if (services.length === 0) return { services: [], vendors: [], cells: {} as Record<string, CellStatus> };
  const links = await db
    .selectFrom("service_suppliers as ss")
    .innerJoin("suppliers as v", "v.id", "ss.supplier_id")
    .leftJoin("supplier_results as vr", "vr.supplier_id", "v.id")
    .select((eb) => [
      "ss.service_id",
      "v.id as vendor_id",
      "v.name as vendor_name",
      "vr.effective_rto_min",
      eb
        .selectFrom("alternates as a")
        .select((a) => a.fn.min("a.switchover_min").as("m"))
        // org_id first: it lets the (org_id, for_service_id, replaces_id) index answer each cell
        // instead of a scan of every alternate (≈ 2 ms × 70 cells at 50,000 suppliers).
        .whereRef("a.org_id", "=", "ss.org_id")
        .whereRef("a.for_service_id", "=", "ss.service_id")
        .whereRef("a.replaces_id", "=", "ss.supplier_id")
        .where("a.status", "=", "qualified")
        .as("alternate_min"),
    ])
    .where("ss.org_id", "=", orgId)
    .where(
      "ss.service_id",
      "in",
      services.map((s) => s.id),
    )
    .execute();
  const serviceById = new Map(services.map((s) => [s.id, s]));
  const cells: Record<string, CellStatus> = {};
  const vendorNames = new Map<string, string>();
  const vendorBadness = new Map<string, number>();
  const rank: Record<CellStatus, number> = { meets: 0, unknown: 1, gap: 2, beyond_mtpd: 3 };
  for (const link of links) {
    const service = serviceById.get(link.service_id)!;
    const e = link.effective_rto_min;
    const alt = link.alternate_min;
    const recovery = e === null ? (alt ?? null) : alt === null ? e : Math.min(e, alt);
    const status = vendorStatusForService(recovery, service.required_rto_min, service.mtpd_min);
    cells[`${link.service_id}:${link.vendor_id}`] = status;
    vendorNames.set(link.vendor_id, link.vendor_name);
    vendorBadness.set(link.vendor_id, (vendorBadness.get(link.vendor_id) ?? 0) + rank[status]);
  }
  const vendors = [...vendorNames.entries()]
    .sort((a, b) => (vendorBadness.get(b[0])! - vendorBadness.get(a[0])!) || a[1].localeCompare(b[1]))
    .slice(0, HEATMAP_VENDORS)
    .map(([id, name]) => ({ id, name }));
  return { services, vendors, cells };
}
