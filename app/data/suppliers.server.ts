import { sql, type OrderByItemBuilder } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import { normalizeName, websiteDomain } from "../domain/names";
import { distinctOrgValues } from "./loose-scan.server";
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

/** Sorts on the supplier's own columns; the others are computed figures in supplier_results. */
const SUPPLIER_SORT_COLUMNS = {
  name: "name",
  external_id: "external_id",
  country: "country",
  criticality: "criticality",
  declared_rto_min: "declared_rto_min",
} as const;
const RESULT_SORT_COLUMNS = { effective_rto_min: "r.effective_rto_min", risk_score: "r.risk_score", tier: "r.tier" } as const;
// Never null, so a plain descending order (which puts nulls first) is the same as "nulls last" and
// can walk the (org_id, status, name, id) index backwards.
const NOT_NULL_SORTS = new Set<SupplierSort>(["name", "external_id", "criticality"]);

const LIST_COLUMNS = [
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
] as const;

function likePattern(q: string) {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One page of the supplier list and the number of matches. Stays fast at 50,000 suppliers: when
 * neither the filters nor the sort need computed results, the page is chosen from `suppliers`
 * alone through an index (`suppliers_org_status_name_idx` and friends) and only its 50 rows are
 * joined to their results; the unfiltered total comes from the trigger-kept `supplier_counts`.
 */
export async function listSuppliers(db: Db, orgId: string, query: SupplierListQuery) {
  const needsResults = query.tier !== undefined || query.hasFindings !== undefined || query.sort in RESULT_SORT_COLUMNS;
  const filtered = Boolean(query.q || query.country || query.criticality || query.relationship) || needsResults;
  const offset = (query.page - 1) * query.pageSize;

  const ownFilters = db
    .selectFrom("suppliers as s")
    .where("s.org_id", "=", orgId)
    .where("s.status", "=", query.status)
    .$if(Boolean(query.q), (qb) => qb.where((eb) => eb.or([eb("s.name", "ilike", likePattern(query.q!)), eb("s.external_id", "ilike", likePattern(query.q!))])))
    .$if(Boolean(query.country), (qb) => qb.where("s.country", "=", query.country!))
    .$if(Boolean(query.criticality), (qb) => qb.where("s.criticality", "=", query.criticality!))
    .$if(Boolean(query.relationship), (qb) => qb.where("s.is_vendor", "=", query.relationship === "vendor"));

  // Every filter, including those on computed results.
  const allFilters = ownFilters
    .leftJoin("supplier_results as r", "r.supplier_id", "s.id")
    .$if(query.tier !== undefined, (qb) => qb.where("r.tier", "=", query.tier!))
    .$if(query.hasFindings !== undefined, (qb) => qb.where("r.open_findings", query.hasFindings ? ">" : "=", 0));

  const totalQuery = filtered
    ? allFilters
        .select(sql<number>`count(*)`.as("count"))
        .executeTakeFirstOrThrow()
    : db
        .selectFrom("supplier_counts")
        .select("count")
        .where("org_id", "=", orgId)
        .where("status", "=", query.status)
        .executeTakeFirst()
        .then((row) => ({ count: row?.count ?? 0 }));

  let rowsQuery;
  if (needsResults) {
    const column = RESULT_SORT_COLUMNS[query.sort as keyof typeof RESULT_SORT_COLUMNS] ?? `s.${SUPPLIER_SORT_COLUMNS[query.sort as keyof typeof SUPPLIER_SORT_COLUMNS]}`;
    rowsQuery = allFilters
      .select(LIST_COLUMNS)
      .orderBy(sql.ref(column), (ob) => (query.direction === "asc" ? ob.asc().nullsLast() : ob.desc().nullsLast()))
      .orderBy("s.id")
      .limit(query.pageSize)
      .offset(offset)
      .execute();
  } else {
    // Pick the page's ids by index first, then join just those rows (a "deferred join"): offsetting
    // past 25,000 rows costs an index walk, not 25,000 joins.
    const column = SUPPLIER_SORT_COLUMNS[query.sort as keyof typeof SUPPLIER_SORT_COLUMNS];
    const plain = NOT_NULL_SORTS.has(query.sort);
    const order = (ob: OrderByItemBuilder) => (query.direction === "asc" ? ob.asc() : plain ? ob.desc() : ob.desc().nullsLast());
    const page = ownFilters
      .select(["s.id as page_id", sql.ref(`s.${column}`).as("sort_key"), "s.name as sort_name"])
      .orderBy(`s.${column}`, order)
      // A country sort (and filter) reads best in name order within each country.
      .$if(query.sort === "country", (qb) => qb.orderBy("s.name"))
      .orderBy("s.id")
      .limit(query.pageSize)
      .offset(offset);
    rowsQuery = db
      .selectFrom(page.as("p"))
      .innerJoin("suppliers as s", "s.id", "p.page_id")
      .leftJoin("supplier_results as r", "r.supplier_id", "s.id")
      .select(LIST_COLUMNS)
      .orderBy(sql.ref("p.sort_key"), order)
      .$if(query.sort === "country", (qb) => qb.orderBy("p.sort_name"))
      .orderBy("p.page_id")
      .execute();
  }
  const [rows, total] = await Promise.all([rowsQuery, totalQuery]);
  return { rows, total: Number(total.count) };
}

/** The countries the organisation's suppliers are in (a loose index scan). */
export function listSupplierCountries(db: Db, orgId: string) {
  return distinctOrgValues(db, "suppliers", "country", orgId);
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
