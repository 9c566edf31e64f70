import { sql } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { Db } from "./types";
import { isUuid } from "../utils/misc";

export const RTO_STATUSES = ["meets", "gap", "beyond_mtpd", "unknown"] as const;
export const RPO_STATUSES = ["meets", "gap", "unknown"] as const;

export async function listServices(
  db: Db,
  orgId: string,
  filters: { rto?: (typeof RTO_STATUSES)[number]; rpo?: (typeof RPO_STATUSES)[number]; q?: string } = {},
  paging: { page: number; pageSize: number } = { page: 1, pageSize: 100 },
) {
  let base = db.selectFrom("internal_services as s").leftJoin("service_results as r", "r.service_id", "s.id").where("s.org_id", "=", orgId);
  if (filters.rto) base = base.where("r.rto_status", "=", filters.rto);
  if (filters.rpo) base = base.where("r.rpo_status", "=", filters.rpo);
  if (filters.q) base = base.where("s.name", "ilike", `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const [rows, total] = await Promise.all([
    base
      .select((eb) => [
        "s.id",
        "s.external_id",
        "s.name",
        "s.owner",
        "s.required_rto_min",
        "s.required_rpo_min",
        "s.mtpd_min",
        "r.recovery_min",
        "r.rto_status",
        "r.rpo_min",
        "r.rpo_status",
        eb.selectFrom("service_suppliers as ss").select(sql<number>`count(*)`.as("n")).whereRef("ss.service_id", "=", "s.id").as("supplier_count"),
      ])
      .orderBy(sql`case r.rto_status when 'beyond_mtpd' then 0 when 'gap' then 1 when 'unknown' then 2 else 3 end`)
      .orderBy("s.name")
      .orderBy("s.id")
      .limit(paging.pageSize)
      .offset((paging.page - 1) * paging.pageSize)
      .execute(),
    base.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** One service with its stored recovery result and the vendors it needs. */
export async function getServiceDetail(db: Db, orgId: string, serviceId: string) {
  if (!isUuid(serviceId)) return undefined;
  return db
    .selectFrom("internal_services as s")
    .leftJoin("service_results as r", "r.service_id", "s.id")
    .select((eb) => [
      "s.id",
      "s.external_id",
      "s.name",
      "s.owner",
      "s.description",
      "s.required_rto_min",
      "s.required_rpo_min",
      "s.mtpd_min",
      "r.recovery_min",
      "r.rto_status",
      "r.rpo_min",
      "r.rpo_status",
      "r.path",
      "r.computed_at",
      jsonArrayFrom(
        eb
          .selectFrom("service_suppliers as ss")
          .innerJoin("suppliers as v", "v.id", "ss.supplier_id")
          .leftJoin("supplier_results as vr", "vr.supplier_id", "v.id")
          .select(["v.id", "v.name", "v.country", "v.criticality", "vr.effective_rto_min", "vr.rpo_min", "vr.rto_source", "vr.risk_score"])
          .whereRef("ss.service_id", "=", "s.id")
          .orderBy("v.name"),
      ).as("vendors"),
    ])
    .where("s.org_id", "=", orgId)
    .where("s.id", "=", serviceId)
    .executeTakeFirst();
}

/** Display names for ids found in stored paths (suppliers and services of one organisation). */
export async function namesForIds(db: Db, orgId: string, ids: readonly string[]): Promise<Record<string, string>> {
  const uuids = [...new Set(ids)].filter(isUuid);
  if (uuids.length === 0) return {};
  const [suppliers, services] = await Promise.all([
    db.selectFrom("suppliers").select(["id", "name"]).where("org_id", "=", orgId).where("id", "in", uuids).execute(),
    db.selectFrom("internal_services").select(["id", "name"]).where("org_id", "=", orgId).where("id", "in", uuids).execute(),
  ]);
  return Object.fromEntries([...suppliers, ...services].map((r) => [r.id, r.name]));
}
