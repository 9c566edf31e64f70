import { sql } from "kysely";
import type { Db } from "./types";

/** Key figures for the procurement / analyst overview, in one round trip. */
export async function getOrgOverview(db: Db, orgId: string) {
  const figures = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom("suppliers")
        .select(sql<number>`count(*)`.as("n"))
        .where("org_id", "=", orgId)
        .where("is_vendor", "=", true)
        .where("status", "=", "active")
        .as("vendors"),
      eb
        .selectFrom("suppliers")
        .select(sql<number>`count(*)`.as("n"))
        .where("org_id", "=", orgId)
        .where("is_vendor", "=", false)
        .where("status", "=", "active")
        .as("subSuppliers"),
      eb.selectFrom("internal_services").select(sql<number>`count(*)`.as("n")).where("org_id", "=", orgId).as("services"),
      eb.selectFrom("dependencies").select(sql<number>`count(*)`.as("n")).where("org_id", "=", orgId).as("dependencies"),
      eb
        .selectFrom("assessments")
        .select(sql<number>`count(*)`.as("n"))
        .where("org_id", "=", orgId)
        .where("status", "not in", ["approved", "rejected", "submitted"])
        .where("due_date", "<", sql<Date>`current_date`)
        .as("overdueAssessments"),
      eb
        .selectFrom("assessments")
        .select(sql<number>`count(*)`.as("n"))
        .where("org_id", "=", orgId)
        .where("status", "=", "submitted")
        .as("awaitingReview"),
    ])
    .executeTakeFirstOrThrow();

  const assessmentsByStatus = await db
    .selectFrom("assessments")
    .select(["status", sql<number>`count(*)`.as("count")])
    .where("org_id", "=", orgId)
    .groupBy("status")
    .orderBy("status")
    .execute();

  return {
    vendors: Number(figures.vendors ?? 0),
    subSuppliers: Number(figures.subSuppliers ?? 0),
    services: Number(figures.services ?? 0),
    dependencies: Number(figures.dependencies ?? 0),
    overdueAssessments: Number(figures.overdueAssessments ?? 0),
    awaitingReview: Number(figures.awaitingReview ?? 0),
    assessmentsByStatus,
  };
}

/** What a vendor user sees of their own company. Scoped by organisation AND supplier. */
export async function getVendorOverview(db: Db, orgId: string, supplierId: string) {
  const supplier = await db
    .selectFrom("suppliers")
    .select([
      "id",
      "external_id",
      "name",
      "country",
      "criticality",
      "declared_rto_min",
      "declared_rpo_min",
      "tested_rto_min",
      "tested_rpo_min",
      "tested_at",
    ])
    .where("org_id", "=", orgId)
    .where("id", "=", supplierId)
    .executeTakeFirst();
  if (!supplier) return null;
  const assessments = await db
    .selectFrom("assessments as a")
    .innerJoin("template_versions as v", "v.id", "a.template_version_id")
    .innerJoin("questionnaire_templates as t", "t.id", "v.template_id")
    .select(["a.id", "a.status", "a.due_date", "t.name as template_name", "v.version"])
    .where("a.org_id", "=", orgId)
    .where("a.supplier_id", "=", supplierId)
    .orderBy("a.due_date", "desc")
    .execute();
  const dependencyCount = await db
    .selectFrom("dependencies")
    .select(sql<number>`count(*)`.as("n"))
    .where("org_id", "=", orgId)
    .where("supplier_id", "=", supplierId)
    .executeTakeFirstOrThrow();
  return { supplier, assessments, dependencyCount: dependencyCount.n };
}
