import { sql } from "kysely";
import type { Db } from "../data/types";
import { namesForIds } from "../data/services.server";
import { pathStepIds, pathText } from "../domain/reports/path-text";
import { renderPdf } from "./pdf.server";
import { answerText, buildVendorReportModel, type VendorReportInput } from "../domain/reports/vendor-report";
import { buildPortfolioSummaryModel } from "../domain/reports/portfolio-summary";
import { keyFigures, loadOrganisation } from "./risk-register.server";

/*
 * PDF reports from stored results: one supplier (small, generated in the request) and the
 * one-page portfolio summary for management.
 */
const SEVERITY_ORDER = sql<number>`case f.severity when 'critical' then 4 when 'high' then 3 when 'medium' then 2 else 1 end`;

export async function loadVendorReportInput(
  db: Db,
  orgId: string,
  supplierId: string,
  audience: VendorReportInput["audience"],
  asOf = new Date(),
): Promise<VendorReportInput | null> {
  const org = await loadOrganisation(db, orgId);
  const s = await db.selectFrom("suppliers").selectAll().where("org_id", "=", orgId).where("id", "=", supplierId).executeTakeFirst();
  if (!s) return null;
  const [result, services, findings, assessment, evidence, dependencies, alternates] = await Promise.all([
    db.selectFrom("supplier_results").selectAll().where("org_id", "=", orgId).where("supplier_id", "=", supplierId).executeTakeFirst(),
    db
      .selectFrom("service_suppliers as ss")
      .innerJoin("internal_services as v", "v.id", "ss.service_id")
      .leftJoin("service_results as r", "r.service_id", "v.id")
      .select(["v.name", "v.required_rto_min", "v.required_rpo_min", "r.recovery_min", "r.rto_status"])
      .where("ss.org_id", "=", orgId)
      .where("ss.supplier_id", "=", supplierId)
      .orderBy("v.name")
      .execute(),
    db
      .selectFrom("findings as f")
      .select(["f.severity", "f.reason", "f.status", "f.path"])
      .where("f.org_id", "=", orgId)
      .where("f.subject_id", "=", supplierId)
      .where("f.status", "in", ["open", "accepted"])
      .orderBy(SEVERITY_ORDER, "desc")
      .orderBy("f.kind")
      .limit(200)
      .execute(),
    db
      .selectFrom("assessments as a")
      .innerJoin("template_versions as tv", "tv.id", "a.template_version_id")
      .innerJoin("questionnaire_templates as t", "t.id", "tv.template_id")
      .select(["a.id", "a.status", "a.submitted_at", "a.template_version_id", "t.name", "tv.version"])
      .where("a.org_id", "=", orgId)
      .where("a.supplier_id", "=", supplierId)
      .orderBy("a.created_at", "desc")
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom("evidence")
      .select(["title", "kind", "file_name", "status", "valid_to", "sha256"])
      .where("org_id", "=", orgId)
      .where("supplier_id", "=", supplierId)
      .orderBy("created_at", "desc")
      .limit(500)
      .execute(),
    db
      .selectFrom("dependencies as d")
      .innerJoin("suppliers as t", "t.id", "d.depends_on_id")
      .leftJoin("supplier_results as r", "r.supplier_id", "t.id")
      .select(["t.name", "d.supplies", "d.single_source", "d.buffer_min", "r.tier"])
      .where("d.org_id", "=", orgId)
      .where("d.supplier_id", "=", supplierId)
      .orderBy("t.name")
      .limit(1_000)
      .execute(),
    db
      .selectFrom("alternates as x")
      .innerJoin("suppliers as r", "r.id", "x.replaces_id")
      .innerJoin("suppliers as a", "a.id", "x.alternate_id")
      .leftJoin("suppliers as fs", "fs.id", "x.for_supplier_id")
      .leftJoin("internal_services as fv", "fv.id", "x.for_service_id")
      .select(["r.name as replaces", "a.name as alternate", "fs.name as for_supplier", "fv.name as for_service", "x.status", "x.switchover_min", "x.capacity_pct"])
      .where("x.org_id", "=", orgId)
      .where((eb) => eb.or([eb("x.replaces_id", "=", supplierId), eb("x.for_supplier_id", "=", supplierId), eb("x.alternate_id", "=", supplierId)]))
      .limit(500)
      .execute(),
  ]);
  const answers = assessment
    ? await db
        .selectFrom("questions as q")
        .leftJoin("answers as an", (join) => join.onRef("an.question_id", "=", "q.id").on("an.assessment_id", "=", assessment.id))
        .select(["q.section_title", "q.text", "q.type", "an.value"])
        .where("q.org_id", "=", orgId)
        .where("q.template_version_id", "=", assessment.template_version_id)
        .orderBy("q.position")
        .execute()
    : [];
  const names = await namesForIds(db, orgId, findings.flatMap((f) => pathStepIds(f.path ?? [])));
  return {
    orgName: org.name,
    asOf,
    audience,
    supplier: {
      externalId: s.external_id,
      name: s.name,
      country: s.country,
      isVendor: s.is_vendor,
      criticality: s.criticality,
      lei: s.lei,
      website: s.website,
      declaredRtoMin: s.declared_rto_min,
      declaredRpoMin: s.declared_rpo_min,
      testedRtoMin: s.tested_rto_min,
      testedRpoMin: s.tested_rpo_min,
      testedAt: s.tested_at,
    },
    result: result
      ? {
          tier: result.tier,
          effectiveRtoMin: result.effective_rto_min,
          ownRtoMin: result.own_rto_min,
          rtoSource: result.rto_source,
          rpoMin: result.rpo_min,
          riskScore: result.risk_score,
          openFindings: result.open_findings,
          worstSeverity: result.worst_severity,
          computedAt: result.computed_at,
          riskParts: (result.risk_parts ?? []) as { label: string; points: number; max: number; reason: string }[],
        }
      : null,
    services: services.map((v) => ({ name: v.name, requiredRtoMin: v.required_rto_min, requiredRpoMin: v.required_rpo_min, recoveryMin: v.recovery_min, rtoStatus: v.rto_status })),
    findings: findings.map((f) => ({ severity: f.severity, reason: f.reason, status: f.status, path: pathText(f.path ?? [], names) })),
    questionnaire: assessment
      ? {
          name: `${assessment.name} v${assessment.version}`,
          status: assessment.status,
          submittedAt: assessment.submitted_at,
          answers: answers
            .filter((a) => a.value !== null && a.value !== undefined)
            .map((a) => ({ section: a.section_title, question: a.text, answer: answerText(a.value, a.type) })),
        }
      : null,
    evidence: evidence.map((e) => ({ title: e.title, kind: e.kind, fileName: e.file_name, status: e.status, validTo: e.valid_to, sha256: e.sha256 })),
    dependencies: dependencies.map((d) => ({ name: d.name, supplies: d.supplies, singleSource: d.single_source, bufferMin: d.buffer_min, tier: d.tier })),
    alternates: alternates.map((a) => ({
      replaces: a.replaces,
      alternate: a.alternate,
      forWhat: a.for_supplier ? `input of ${a.for_supplier}` : a.for_service ? `service ${a.for_service}` : "—",
      status: a.status,
      switchoverMin: a.switchover_min,
      capacityPct: a.capacity_pct,
    })),
  };
}

/** The vendor PDF, or null when the supplier is not in this organisation. */
export async function vendorReportPdf(db: Db, orgId: string, supplierId: string, audience: VendorReportInput["audience"], asOf = new Date()) {
  const input = await loadVendorReportInput(db, orgId, supplierId, audience, asOf);
  if (!input) return null;
  const bytes = await renderPdf(buildVendorReportModel(input), { creationDate: asOf });
  return { bytes, supplierName: input.supplier.name, externalId: input.supplier.externalId };
}

export async function portfolioSummaryPdf(db: Db, orgId: string, asOf = new Date()) {
  const org = await loadOrganisation(db, orgId);
  const [figures, topRisks] = await Promise.all([
    keyFigures(db, orgId),
    db
      .selectFrom("supplier_results as r")
      .innerJoin("suppliers as s", "s.id", "r.supplier_id")
      .select(["s.name", "s.external_id", "r.tier", "r.risk_score", "r.effective_rto_min", "r.open_findings", "r.worst_severity"])
      .where("r.org_id", "=", orgId)
      .where("s.status", "=", "active")
      .orderBy("r.risk_score", "desc")
      .orderBy("r.open_findings", "desc")
      .orderBy("s.external_id")
      .limit(10)
      .execute(),
  ]);
  const model = buildPortfolioSummaryModel({
    orgName: org.name,
    asOf,
    computedAt: org.results_computed_at,
    figures,
    topRisks: topRisks.map((r) => ({
      name: r.name,
      externalId: r.external_id,
      tier: r.tier,
      riskScore: r.risk_score,
      effectiveRtoMin: r.effective_rto_min,
      openFindings: r.open_findings,
      worstSeverity: r.worst_severity,
    })),
  });
  return { bytes: await renderPdf(model, { creationDate: asOf }), orgSlug: org.slug };
}
