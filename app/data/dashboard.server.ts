import { sql } from "kysely";
import { jsonArrayFrom, jsonObjectFrom } from "kysely/helpers/postgres";
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

/*
 * The whole overview is one statement: each block is a JSON subquery of one row read from the
 * organisation. Eleven separate queries cost the server more than the database: each was built,
 * sent, woken for and parsed on its own (about 4 ms of a 9 ms page at 50,000 suppliers).
 * JSON carries dates as ISO strings and counts as numbers; the types below say so.
 */
export async function getDashboard(db: Db, orgId: string) {
  const today = sql<Date>`current_date`;
  const row = await db
    .with("gap_services", (qb) =>
      // The services that fall short, worst first: the heatmap's rows.
      qb
        .selectFrom("service_results as r")
        .innerJoin("internal_services as s", "s.id", "r.service_id")
        .select(["s.id", "s.name", "s.required_rto_min", "s.mtpd_min", "r.rto_status", "r.recovery_min"])
        .where("r.org_id", "=", orgId)
        .where("r.rto_status", "<>", "meets")
        .orderBy(sql`case r.rto_status when 'beyond_mtpd' then 3 when 'unknown' then 2 else 1 end`, "desc")
        .orderBy("s.name")
        .limit(HEATMAP_SERVICES),
    )
    .selectFrom("organisations as o")
    .where("o.id", "=", orgId)
    .select((eb) => [
      "o.name",
      "o.results_computed_at",
      jsonArrayFrom(
        eb
          .selectFrom("service_results")
          .select(["rto_status", "rpo_status", sql<number>`count(*)::int`.as("count")])
          .where("org_id", "=", orgId)
          .groupBy(["rto_status", "rpo_status"]),
      ).as("statuses"),
      // Kept by triggers on findings: counting 200,000 open findings on every visit is too slow.
      jsonArrayFrom(
        eb.selectFrom("finding_counts").select(["severity", "count"]).where("org_id", "=", orgId).where("status", "=", "open").where("count", ">", 0),
      ).as("finding_counts"),
      // The ten are picked from findings alone (the ORDER BY matches the findings_org_status_rank_idx
      // expression index) and only then joined to their subjects' names: a simpler plan, planned fast.
      jsonArrayFrom(
        eb
          .selectFrom(
            eb
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
          .orderBy("f.id"),
      ).as("top_findings"),
      // Like the top findings: the ten oldest come from the open-assessments index alone, then names.
      jsonArrayFrom(
        eb
          .selectFrom(
            eb
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
          .select(["a.id", sql<string>`a.due_date`.as("due_date"), "a.status", "s.id as supplier_id", "s.name as supplier_name"])
          .orderBy("a.due_date")
          .orderBy("a.id"),
      ).as("overdue"),
      jsonObjectFrom(
        eb
          .selectFrom("evidence")
          .select([
            sql<number>`count(*) filter (where valid_to < current_date)::int`.as("expired"),
            sql<number>`count(*) filter (where valid_to >= current_date and valid_to < current_date + 30)::int`.as("in30"),
            sql<number>`count(*) filter (where valid_to >= current_date and valid_to < current_date + 60)::int`.as("in60"),
            sql<number>`count(*) filter (where valid_to >= current_date and valid_to < current_date + 90)::int`.as("in90"),
          ])
          .where("org_id", "=", orgId)
          .where("status", "=", "accepted")
          // Only these rows count, and the (org_id, status, valid_to) index reads just them: most
          // evidence never expires or is valid for longer (410 of 11,360 rows at 50,000 suppliers).
          .where("valid_to", "<", sql<Date>`current_date + 90`),
      ).as("expiring"),
      jsonArrayFrom(
        eb
          .selectFrom("daily_snapshots")
          .select([sql<string>`day`.as("day"), "figures"])
          .where("org_id", "=", orgId)
          .where("day", ">=", sql<Date>`current_date - 90`)
          .orderBy("day"),
      ).as("trend"),
      jsonArrayFrom(eb.selectFrom("gap_services").selectAll()).as("gap_services"),
      // Each gap service's vendors with their recovery: the heatmap's cells.
      jsonArrayFrom(
        eb
          .selectFrom("service_suppliers as ss")
          .innerJoin("suppliers as v", "v.id", "ss.supplier_id")
          .leftJoin("supplier_results as vr", "vr.supplier_id", "v.id")
          .select((inner) => [
            "ss.service_id",
            "v.id as vendor_id",
            "v.name as vendor_name",
            "vr.effective_rto_min",
            inner
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
          .where("ss.service_id", "in", inner => inner.selectFrom("gap_services").select("id")),
      ).as("gap_links"),
    ])
    .executeTakeFirstOrThrow();

  const rto: Partial<Record<CellStatus, number>> = {};
  const rpo: Partial<Record<"meets" | "gap" | "unknown", number>> = {};
  for (const r of row.statuses) {
    rto[r.rto_status] = (rto[r.rto_status] ?? 0) + r.count;
    rpo[r.rpo_status] = (rpo[r.rpo_status] ?? 0) + r.count;
  }
  return {
    orgName: row.name,
    computedAt: row.results_computed_at,
    rto,
    rpo,
    openFindings: Object.fromEntries(row.finding_counts.map((r) => [r.severity, Number(r.count)])) as Partial<Record<string, number>>,
    topFindings: row.top_findings,
    overdue: row.overdue,
    expiring: row.expiring ?? { expired: 0, in30: 0, in60: 0, in90: 0 },
    trend: row.trend.map((t) => ({ day: t.day, ...t.figures })),
    heatmap: gapHeatmap(row.gap_services, row.gap_links),
  };
}

type GapService = { id: string; name: string; required_rto_min: number; mtpd_min: number; rto_status: CellStatus; recovery_min: number | null };
type GapLink = { service_id: string; vendor_id: string; vendor_name: string; effective_rto_min: number | null; alternate_min: number | null };

/**
 * Services × vendors for the services that fall short: each cell is that vendor's recovery for the
 * service (its effective RTO, capped by a qualified alternate for it on that service).
 */
function gapHeatmap(services: GapService[], links: GapLink[]) {
  if (services.length === 0) return { services: [], vendors: [], cells: {} as Record<string, CellStatus> };
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
