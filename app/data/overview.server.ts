import { sql } from "kysely";
import type { Db } from "./types";

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
