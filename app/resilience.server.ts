import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { Db } from "./data/types";
import {
  computeResilience,
  computeRiskScores,
  type Finding,
  type ResilienceInput,
  type ResilienceResult,
  type Severity,
} from "./domain/resilience";
import { enqueueTask } from "./jobs/tasks.server";

/*
 * The resilience engine's I/O: read one organisation's graph, run the pure engine, store what
 * pages read (supplier and service results, findings with their workflow, a daily snapshot).
 */

const INSERT_BATCH = 1_000;

function chunks<T>(rows: readonly T[], size = INSERT_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Everything the engine needs, read in a handful of set-based queries (no N+1). */
export async function loadResilienceInput(db: Db, orgId: string, asOf: Date) {
  const [suppliers, dependencies, alternates, services, links, evidence, assessments] = await Promise.all([
    db
      .selectFrom("suppliers")
      .select([
        "id",
        "name",
        "country",
        "is_vendor",
        "criticality",
        "declared_rto_min",
        "declared_rpo_min",
        "tested_rto_min",
        "tested_rpo_min",
        "tested_at",
      ])
      .where("org_id", "=", orgId)
      .where("status", "=", "active")
      .execute(),
    db
      .selectFrom("dependencies as d")
      .innerJoin("suppliers as a", "a.id", "d.supplier_id")
      .innerJoin("suppliers as b", "b.id", "d.depends_on_id")
      .select(["d.supplier_id", "d.depends_on_id", "d.supplies", "d.single_source", "d.buffer_min"])
      .where("d.org_id", "=", orgId)
      .where("a.status", "=", "active")
      .where("b.status", "=", "active")
      .execute(),
    db
      .selectFrom("alternates")
      .select(["replaces_id", "alternate_id", "for_supplier_id", "for_service_id", "status", "switchover_min", "capacity_pct"])
      .where("org_id", "=", orgId)
      .execute(),
    db
      .selectFrom("internal_services")
      .select(["id", "name", "required_rto_min", "required_rpo_min", "mtpd_min"])
      .where("org_id", "=", orgId)
      .execute(),
    db
      .selectFrom("service_suppliers as ss")
      .innerJoin("suppliers as s", "s.id", "ss.supplier_id")
      .select(["ss.service_id", "ss.supplier_id"])
      .where("ss.org_id", "=", orgId)
      .where("s.status", "=", "active")
      .execute(),
    db
      .selectFrom("evidence")
      .select(["supplier_id", "kind", "status", "valid_to", "test_date"])
      .where("org_id", "=", orgId)
      .execute(),
    db
      .selectFrom("assessments")
      .select(["supplier_id", "status", "due_date", "score", "reviewed_at"])
      .where("org_id", "=", orgId)
      .execute(),
  ]);

  const linksByService = new Map<string, string[]>();
  for (const link of links) {
    const list = linksByService.get(link.service_id);
    if (list) list.push(link.supplier_id);
    else linksByService.set(link.service_id, [link.supplier_id]);
  }
  // The latest approved questionnaire score per supplier feeds the risk score.
  const questionnaireScores = new Map<string, number>();
  const latestApproval = new Map<string, number>();
  for (const a of assessments) {
    if (a.status !== "approved" || a.score === null) continue;
    const at = a.reviewed_at?.getTime() ?? 0;
    if (at >= (latestApproval.get(a.supplier_id) ?? -1)) {
      latestApproval.set(a.supplier_id, at);
      questionnaireScores.set(a.supplier_id, a.score);
    }
  }

  const input: ResilienceInput = {
    asOf,
    suppliers: suppliers.map((s) => ({
      id: s.id,
      name: s.name,
      country: s.country ?? "",
      isVendor: s.is_vendor,
      criticality: s.criticality,
      declaredRtoMin: s.declared_rto_min,
      declaredRpoMin: s.declared_rpo_min,
      testedRtoMin: s.tested_rto_min,
      testedRpoMin: s.tested_rpo_min,
      testedAt: s.tested_at,
    })),
    dependencies: dependencies.map((d) => ({
      supplierId: d.supplier_id,
      dependsOnId: d.depends_on_id,
      supplies: d.supplies,
      singleSource: d.single_source,
      bufferMin: d.buffer_min,
    })),
    alternates: alternates.map((a) => ({
      replacesId: a.replaces_id,
      alternateId: a.alternate_id,
      forSupplierId: a.for_supplier_id,
      forServiceId: a.for_service_id,
      status: a.status,
      switchoverMin: a.switchover_min,
      capacityPct: a.capacity_pct,
    })),
    services: services.map((s) => ({
      id: s.id,
      name: s.name,
      requiredRtoMin: s.required_rto_min,
      requiredRpoMin: s.required_rpo_min,
      mtpdMin: s.mtpd_min,
      supplierIds: linksByService.get(s.id) ?? [],
    })),
    evidence: evidence.map((e) => ({
      supplierId: e.supplier_id,
      kind: e.kind,
      status: e.status,
      validTo: e.valid_to,
      testDate: e.test_date,
    })),
    assessments: assessments.map((a) => ({ supplierId: a.supplier_id, status: a.status, dueDate: a.due_date })),
  };
  return { input, questionnaireScores };
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

/** Key figures of a result, for the dashboard and the daily trend. */
export function keyFigures(result: ResilienceResult) {
  const count = (predicate: (s: ResilienceResult["services"][number]) => boolean) => result.services.filter(predicate).length;
  return {
    services: result.services.length,
    servicesMeetingRto: count((s) => s.rtoStatus === "meets"),
    servicesRtoGap: count((s) => s.rtoStatus === "gap"),
    servicesBeyondMtpd: count((s) => s.rtoStatus === "beyond_mtpd"),
    servicesRtoUnknown: count((s) => s.rtoStatus === "unknown"),
    servicesMeetingRpo: count((s) => s.rpoStatus === "meets"),
    servicesRpoGap: count((s) => s.rpoStatus === "gap"),
    servicesRpoUnknown: count((s) => s.rpoStatus === "unknown"),
    findings: result.findings.length,
    criticalFindings: result.findings.filter((f) => f.severity === "critical").length,
    highFindings: result.findings.filter((f) => f.severity === "high").length,
  };
}

/** Runs the engine for one organisation and stores its results in one transaction. */
export async function recomputeOrganisation(
  db: Kysely<Database>,
  orgId: string,
  progress: (percent: number, message?: string) => Promise<void> = async () => {},
  asOf = new Date(),
) {
  await progress(5, "Reading the supply chain");
  const { input, questionnaireScores } = await loadResilienceInput(db, orgId, asOf);
  await progress(30, "Computing recovery times");
  const result = computeResilience(input);
  const riskScores = computeRiskScores(input, result, { questionnaireScores });

  const openBySupplier = new Map<string, { count: number; worst: Severity }>();
  for (const f of result.findings) {
    if (f.subject.type !== "supplier") continue;
    const entry = openBySupplier.get(f.subject.id);
    if (!entry) openBySupplier.set(f.subject.id, { count: 1, worst: f.severity });
    else {
      entry.count++;
      if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[entry.worst]) entry.worst = f.severity;
    }
  }

  await progress(50, "Saving results");
  const runStartedAt = new Date();
  const figures = keyFigures(result);
  const listedSuppliers = result.suppliers.filter((s) => s.listed);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("supplier_results").where("org_id", "=", orgId).execute();
    for (const batch of chunks(listedSuppliers)) {
      await trx
        .insertInto("supplier_results")
        .values(
          batch.map((s) => {
            const risk = riskScores.get(s.id);
            const open = openBySupplier.get(s.id);
            return {
              supplier_id: s.id,
              org_id: orgId,
              tier: s.tier,
              own_rto_min: s.ownRtoMin,
              rto_source: s.rtoSource,
              effective_rto_min: s.effectiveRtoMin,
              rpo_min: s.ownRpoMin,
              in_cycle: s.cycle !== null,
              path: JSON.stringify(s.path),
              risk_score: risk?.total ?? 0,
              risk_parts: JSON.stringify(risk?.parts ?? []),
              open_findings: open?.count ?? 0,
              worst_severity: open?.worst ?? null,
              computed_at: runStartedAt,
            };
          }),
        )
        .execute();
    }
    await trx.deleteFrom("service_results").where("org_id", "=", orgId).execute();
    for (const batch of chunks(result.services)) {
      await trx
        .insertInto("service_results")
        .values(
          batch.map((s) => ({
            service_id: s.id,
            org_id: orgId,
            recovery_min: s.recoveryMin,
            rto_status: s.rtoStatus,
            rpo_min: s.rpoMin,
            rpo_status: s.rpoStatus,
            path: JSON.stringify(s.path),
            computed_at: runStartedAt,
          })),
        )
        .execute();
    }
    await storeFindings(trx, orgId, result.findings, runStartedAt);
    const day = asOf.toISOString().slice(0, 10);
    await trx
      .insertInto("daily_snapshots")
      .values({ org_id: orgId, day, figures: JSON.stringify(figures) })
      .onConflict((oc) => oc.columns(["org_id", "day"]).doUpdateSet({ figures: JSON.stringify(figures) }))
      .execute();
    await trx.updateTable("organisations").set({ results_computed_at: runStartedAt }).where("id", "=", orgId).execute();
  });
  await progress(100, "Done");
  return { suppliers: listedSuppliers.length, ...figures };
}

/**
 * Upserts findings by their stable key so owners, accepted risks and history survive a recompute;
 * findings no longer produced are resolved; accepted risks past their expiry reopen.
 */
async function storeFindings(trx: Db, orgId: string, findings: readonly Finding[], seenAt: Date) {
  for (const batch of chunks(findings)) {
    await trx
      .insertInto("findings")
      .values(
        batch.map((f) => ({
          org_id: orgId,
          fingerprint: f.key,
          kind: f.kind,
          severity: f.severity,
          subject_type: f.subject.type,
          subject_id: f.subject.id,
          reason: f.reason,
          path: JSON.stringify(f.path),
          first_seen_at: seenAt,
          last_seen_at: seenAt,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["org_id", "fingerprint"]).doUpdateSet((eb) => ({
          kind: eb.ref("excluded.kind"),
          severity: eb.ref("excluded.severity"),
          subject_type: eb.ref("excluded.subject_type"),
          subject_id: eb.ref("excluded.subject_id"),
          reason: eb.ref("excluded.reason"),
          path: eb.ref("excluded.path"),
          last_seen_at: eb.ref("excluded.last_seen_at"),
          resolved_at: null,
          status: sql<"open">`case
            when findings.status = 'resolved' then 'open'
            when findings.status = 'accepted' and findings.accepted_until < current_date then 'open'
            else findings.status end`,
        })),
      )
      .execute();
  }
  await trx
    .updateTable("findings")
    .set({ status: "resolved", resolved_at: seenAt })
    .where("org_id", "=", orgId)
    .where("last_seen_at", "<", seenAt)
    .where("status", "<>", "resolved")
    .execute();
}

/**
 * Queues a recompute after a change, unless one is already waiting (it will see this change too).
 * Pages never wait for it; they show the time of the last computation.
 */
export async function requestRecompute(db: Db, orgId: string, requestedBy: string | null) {
  const waiting = await db
    .selectFrom("background_tasks")
    .select("id")
    .where("org_id", "=", orgId)
    .where("kind", "=", "recompute")
    .where("status", "=", "queued")
    .executeTakeFirst();
  if (waiting) return waiting;
  return enqueueTask(db, { orgId, kind: "recompute", createdBy: requestedBy });
}
