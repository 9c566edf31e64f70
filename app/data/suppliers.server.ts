import { sql } from "kysely";
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
