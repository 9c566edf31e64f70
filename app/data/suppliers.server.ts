import { sql } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import { normalizeName, websiteDomain } from "../domain/names";
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

export interface SupplierFields {
  externalId: string;
  name: string;
  country: string;
  isVendor: boolean;
  criticality: "critical" | "high" | "medium" | "low";
  contactEmail: string | null;
  declaredRtoMin: number | null;
  declaredRpoMin: number | null;
  lei: string | null;
  duns: string | null;
  website: string | null;
}

function supplierColumns(fields: SupplierFields) {
  return {
    external_id: fields.externalId,
    name: fields.name,
    normalized_name: normalizeName(fields.name),
    country: fields.country,
    is_vendor: fields.isVendor,
    criticality: fields.criticality,
    contact_email: fields.contactEmail,
    declared_rto_min: fields.declaredRtoMin,
    declared_rpo_min: fields.declaredRpoMin,
    lei: fields.lei,
    duns: fields.duns,
    website: fields.website,
  };
}

/**
 * Existing suppliers that look like the same company: same LEI, D-U-N-S or website domain, or the
 * same normalised name in the same country.
 */
export async function findDuplicateSuppliers(db: Db, orgId: string, fields: SupplierFields, excludeId?: string) {
  const domain = websiteDomain(fields.website);
  const normalized = normalizeName(fields.name);
  const candidates = await db
    .selectFrom("suppliers")
    .select(["id", "external_id", "name", "country", "lei", "duns", "website", "normalized_name"])
    .where("org_id", "=", orgId)
    .$if(Boolean(excludeId), (qb) => qb.where("id", "<>", excludeId!))
    .where((eb) =>
      eb.or([
        eb.and([eb("normalized_name", "=", normalized), eb("country", "=", fields.country)]),
        ...(fields.lei ? [eb("lei", "=", fields.lei)] : []),
        ...(fields.duns ? [eb("duns", "=", fields.duns)] : []),
        ...(domain ? [eb("website", "ilike", `%${domain.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)] : []),
      ]),
    )
    .limit(20)
    .execute();
  return candidates
    .map((c) => {
      const reasons: string[] = [];
      if (fields.lei && c.lei === fields.lei) reasons.push("same LEI");
      if (fields.duns && c.duns === fields.duns) reasons.push("same D-U-N-S");
      if (domain && websiteDomain(c.website) === domain) reasons.push("same website");
      if (c.normalized_name === normalized && c.country === fields.country) reasons.push("same name and country");
      return { id: c.id, externalId: c.external_id, name: c.name, country: c.country, reasons };
    })
    .filter((c) => c.reasons.length > 0);
}

export async function createSupplier(db: Db, orgId: string, fields: SupplierFields) {
  return db
    .insertInto("suppliers")
    .values({ org_id: orgId, ...supplierColumns(fields) })
    .returning(["id"])
    .executeTakeFirstOrThrow();
}

export async function updateSupplier(db: Db, orgId: string, supplierId: string, fields: SupplierFields) {
  return db
    .updateTable("suppliers")
    .set({ ...supplierColumns(fields), updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", supplierId)
    .returning(["id"])
    .executeTakeFirst();
}

export async function setSupplierStatus(db: Db, orgId: string, supplierId: string, status: "active" | "archived") {
  return db
    .updateTable("suppliers")
    .set({ status, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", supplierId)
    .executeTakeFirst();
}

export async function isExternalIdTaken(db: Db, orgId: string, externalId: string, excludeId?: string) {
  const row = await db
    .selectFrom("suppliers")
    .select("id")
    .where("org_id", "=", orgId)
    .where("external_id", "=", externalId)
    .$if(Boolean(excludeId), (qb) => qb.where("id", "<>", excludeId!))
    .executeTakeFirst();
  return Boolean(row);
}
