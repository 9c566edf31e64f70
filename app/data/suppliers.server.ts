import { sql } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import { normalizeName, websiteDomain } from "../domain/names";
import type { Db } from "./types";

export const SUPPLIER_SORTS = ["name", "external_id", "country", "criticality", "declared_rto_min", "effective_rto_min", "risk_score", "tier"] as const;
export type SupplierSort = (typeof SUPPLIER_SORTS)[number];

export interface SupplierListQuery {
  q?: string;
  country?: string;
  criticality?: "critical" | "high" | "medium" | "low";
  relationship?: "vendor" | "sub";
  tier?: number;
  hasFindings?: boolean;
  status: "active" | "archived";
  page: number;
  pageSize: number;
  sort: SupplierSort;
  direction: "asc" | "desc";
}

const SORT_COLUMNS = {
  name: "s.name",
  external_id: "s.external_id",
  country: "s.country",
  criticality: "s.criticality",
  declared_rto_min: "s.declared_rto_min",
  effective_rto_min: "r.effective_rto_min",
  risk_score: "r.risk_score",
  tier: "r.tier",
} as const;

export async function listSuppliers(db: Db, orgId: string, query: SupplierListQuery) {
  let base = db
    .selectFrom("suppliers as s")
    .leftJoin("supplier_results as r", "r.supplier_id", "s.id")
    .where("s.org_id", "=", orgId)
    .where("s.status", "=", query.status);
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([eb("s.name", "ilike", pattern), eb("s.external_id", "ilike", pattern)]));
  }
  if (query.country) base = base.where("s.country", "=", query.country);
  if (query.criticality) base = base.where("s.criticality", "=", query.criticality);
  if (query.relationship) base = base.where("s.is_vendor", "=", query.relationship === "vendor");
  if (query.tier) base = base.where("r.tier", "=", query.tier);
  if (query.hasFindings !== undefined) base = base.where("r.open_findings", query.hasFindings ? ">" : "=", 0);
  const [rows, total] = await Promise.all([
    base
      .select([
        "s.id",
        "s.external_id",
        "s.name",
        "s.country",
        "s.is_vendor",
        "s.criticality",
        "s.declared_rto_min",
        "s.declared_rpo_min",
        "r.tier",
        "r.effective_rto_min",
        "r.risk_score",
        "r.open_findings",
      ])
      .orderBy(SORT_COLUMNS[query.sort], (ob) => (query.direction === "asc" ? ob.asc().nullsLast() : ob.desc().nullsLast()))
      .orderBy("s.id")
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select(sql<number>`count(*)`.as("count")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.count) };
}

export async function listSupplierCountries(db: Db, orgId: string) {
  const rows = await db
    .selectFrom("suppliers")
    .select("country")
    .distinct()
    .where("org_id", "=", orgId)
    .where("country", "is not", null)
    .orderBy("country")
    .execute();
  return rows.map((r) => r.country!);
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
          .selectFrom("dependencies as d")
          .innerJoin("suppliers as c", "c.id", "d.supplier_id")
          .select(["d.id", "d.supplies", "c.id as supplier_id", "c.name"])
          .whereRef("d.depends_on_id", "=", "s.id")
          .where("d.org_id", "=", orgId)
          .orderBy("c.name")
          .limit(200),
      ).as("reliedOnBy"),
      jsonArrayFrom(
        eb
          .selectFrom("supplier_results as r")
          .select(["r.tier", "r.effective_rto_min", "r.own_rto_min", "r.rto_source", "r.rpo_min", "r.in_cycle", "r.path", "r.risk_score", "r.risk_parts", "r.open_findings", "r.computed_at"])
          .whereRef("r.supplier_id", "=", "s.id"),
      ).as("results"),
      jsonArrayFrom(
        eb
          .selectFrom("assessments as a")
          .innerJoin("template_versions as v", "v.id", "a.template_version_id")
          .innerJoin("questionnaire_templates as t", "t.id", "v.template_id")
          .select(["a.id", "a.status", "a.due_date", "a.score", "t.name as template_name"])
          .whereRef("a.supplier_id", "=", "s.id")
          .where("a.org_id", "=", orgId)
          .orderBy("a.created_at", "desc")
          .limit(20),
      ).as("assessments"),
      jsonArrayFrom(
        eb
          .selectFrom("audit_events as e")
          .leftJoin("users as u", "u.id", "e.actor_user_id")
          .select(["e.id", "e.action", "e.created_at", "u.name as actor_name"])
          .where("e.entity_id", "=", sql<string>`s.id::text`)
          .where("e.org_id", "=", orgId)
          .orderBy("e.id", "desc")
          .limit(15),
      ).as("activity"),
      jsonArrayFrom(
        eb
          .selectFrom("findings as f")
          .select(["f.id", "f.severity", "f.reason", "f.status"])
          .where(sql`f.subject_id`, "=", sql`s.id::text`)
          .where("f.org_id", "=", orgId)
          .where("f.status", "in", ["open", "accepted"])
          .orderBy(sql`case f.severity when 'critical' then 4 when 'high' then 3 when 'medium' then 2 else 1 end`, "desc")
          .limit(50),
      ).as("findings"),
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
