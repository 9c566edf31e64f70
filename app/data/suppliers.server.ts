import { sql } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { Db } from "./types";

export const SUPPLIER_SORTS = ["name", "external_id", "country", "criticality", "declared_rto_min"] as const;
export type SupplierSort = (typeof SUPPLIER_SORTS)[number];

export interface SupplierListQuery {
  q?: string;
  page: number;
  pageSize: number;
  sort: SupplierSort;
  direction: "asc" | "desc";
}

export async function listSuppliers(db: Db, orgId: string, query: SupplierListQuery) {
  let base = db.selectFrom("suppliers").where("org_id", "=", orgId).where("status", "=", "active");
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([eb("name", "ilike", pattern), eb("external_id", "ilike", pattern)]));
  }
  const [rows, total] = await Promise.all([
    base
      .select([
        "id",
        "external_id",
        "name",
        "country",
        "is_vendor",
        "criticality",
        "declared_rto_min",
        "declared_rpo_min",
        "tested_rto_min",
      ])
      .orderBy(query.sort, (ob) => (query.direction === "asc" ? ob.asc().nullsLast() : ob.desc().nullsLast()))
      .orderBy("id")
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select(sql<number>`count(*)`.as("count")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.count };
}

/** One supplier of the organisation with what it depends on and what depends on it. */
export async function getSupplierProfile(db: Db, orgId: string, supplierId: string) {
  return db
    .selectFrom("suppliers as s")
    .selectAll("s")
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom("dependencies as d")
          .innerJoin("suppliers as t", "t.id", "d.depends_on_id")
          .select(["d.id", "d.supplies", "d.single_source", "d.buffer_min", "t.id as supplier_id", "t.name", "t.country", "t.declared_rto_min"])
          .whereRef("d.supplier_id", "=", "s.id")
          .where("d.org_id", "=", orgId)
          .orderBy("t.name"),
      ).as("dependsOn"),
      jsonArrayFrom(
        eb
          .selectFrom("service_suppliers as ss")
          .innerJoin("internal_services as svc", "svc.id", "ss.service_id")
          .select(["svc.id", "svc.name", "svc.required_rto_min", "svc.required_rpo_min"])
          .whereRef("ss.supplier_id", "=", "s.id")
          .where("ss.org_id", "=", orgId)
          .orderBy("svc.name"),
      ).as("services"),
    ])
    .where("s.org_id", "=", orgId)
    .where("s.id", "=", supplierId)
    .executeTakeFirst();
}
