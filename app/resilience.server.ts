import { createHash } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { Db } from "./data/types";
import {
  computeResilience,
  computeRiskScores,
  type ResilienceInput,
  type ResilienceResult,
  type Severity,
} from "./domain/resilience";
import { enqueueTask } from "./jobs/tasks.server";

/*
 * The resilience engine's I/O: read one organisation's graph, run the pure engine, store what
 * pages read (supplier and service results, findings with their workflow, a daily snapshot).
 */

function chunks<T>(rows: readonly T[], size: number): T[][] {
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
    // Edges touching archived suppliers are dropped below, in memory: cheaper than two joins over 500,000 rows.
    db
      .selectFrom("dependencies")
      .select(["supplier_id", "depends_on_id", "supplies", "single_source", "buffer_min"])
      .where("org_id", "=", orgId)
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

  const active = new Set(suppliers.map((s) => s.id));
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
    dependencies: dependencies.filter((d) => active.has(d.supplier_id) && active.has(d.depends_on_id)).map((d) => ({
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
  const supplierRows = listedSuppliers.map((s) => {
    const risk = riskScores.get(s.id);
    const open = openBySupplier.get(s.id);
    const row = {
      supplier_id: s.id,
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
    };
    return { ...row, content_hash: contentHash(row) };
  });
  const serviceRows = result.services.map((s) => {
    const row = {
      service_id: s.id,
      recovery_min: s.recoveryMin,
      rto_status: s.rtoStatus,
      rpo_min: s.rpoMin,
      rpo_status: s.rpoStatus,
      path: JSON.stringify(s.path),
    };
    return { ...row, content_hash: contentHash(row) };
  });
  const findingRows = result.findings.map((f) => {
    const row = {
      fingerprint: f.key,
      kind: f.kind,
      severity: f.severity,
      subject_type: f.subject.type,
      subject_id: f.subject.id,
      reason: f.reason,
      path: JSON.stringify(f.path),
    };
    return { ...row, content_hash: contentHash(row) };
  });

  await db.transaction().execute(async (trx) => {
    await storeSupplierResults(trx, orgId, supplierRows, runStartedAt);
    await storeServiceResults(trx, orgId, serviceRows, runStartedAt);
    await storeFindings(trx, orgId, findingRows, runStartedAt);
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

/*
 * Storing results: each row carries a hash of its content, and a recompute writes only rows that
 * are new or changed (usually a handful), in a few set-based statements that pass whole columns
 * as arrays (unnest) instead of one bind parameter per cell.
 */
const WRITE_CHUNK = 5_000;

/** Hash of a row's values (strings used as they are: no second round of JSON escaping of the paths). */
function contentHash(row: Record<string, unknown>): string {
  const hash = createHash("sha1");
  for (const value of Object.values(row)) hash.update(typeof value === "string" ? value : String(value)).update("\u0000");
  return hash.digest("base64url");
}

function column<T, K extends keyof T>(rows: readonly T[], key: K): T[K][] {
  return rows.map((r) => r[key]);
}

type SupplierRow = {
  supplier_id: string;
  tier: number | null;
  own_rto_min: number | null;
  rto_source: string;
  effective_rto_min: number | null;
  rpo_min: number | null;
  in_cycle: boolean;
  path: string;
  risk_score: number;
  risk_parts: string;
  open_findings: number;
  worst_severity: string | null;
  content_hash: string;
};

async function storeSupplierResults(trx: Db, orgId: string, rows: readonly SupplierRow[], computedAt: Date) {
  const existing = new Map(
    (await trx.selectFrom("supplier_results").select(["supplier_id", "content_hash"]).where("org_id", "=", orgId).execute()).map((r) => [
      r.supplier_id,
      r.content_hash,
    ]),
  );
  const current = new Set(rows.map((r) => r.supplier_id));
  const gone = [...existing.keys()].filter((id) => !current.has(id));
  for (const batch of chunks(gone, WRITE_CHUNK)) {
    await trx.deleteFrom("supplier_results").where("org_id", "=", orgId).where("supplier_id", "in", batch).execute();
  }
  const changed = rows.filter((r) => existing.get(r.supplier_id) !== r.content_hash);
  for (const batch of chunks(changed, WRITE_CHUNK)) {
    await sql`
      insert into supplier_results (supplier_id, org_id, tier, own_rto_min, rto_source, effective_rto_min, rpo_min, in_cycle,
                                    path, risk_score, risk_parts, open_findings, worst_severity, computed_at, content_hash)
      select u.supplier_id, ${orgId}::uuid, u.tier, u.own_rto_min, u.rto_source, u.effective_rto_min, u.rpo_min, u.in_cycle,
             u.path::jsonb, u.risk_score, u.risk_parts::jsonb, u.open_findings, u.worst_severity, ${computedAt}::timestamptz, u.content_hash
      from unnest(${column(batch, "supplier_id")}::uuid[], ${column(batch, "tier")}::int[], ${column(batch, "own_rto_min")}::int[],
                  ${column(batch, "rto_source")}::text[], ${column(batch, "effective_rto_min")}::int[], ${column(batch, "rpo_min")}::int[],
                  ${column(batch, "in_cycle")}::bool[], ${column(batch, "path")}::text[], ${column(batch, "risk_score")}::int[],
                  ${column(batch, "risk_parts")}::text[], ${column(batch, "open_findings")}::int[], ${column(batch, "worst_severity")}::text[],
                  ${column(batch, "content_hash")}::text[])
        as u(supplier_id, tier, own_rto_min, rto_source, effective_rto_min, rpo_min, in_cycle, path, risk_score, risk_parts,
             open_findings, worst_severity, content_hash)
      on conflict (supplier_id) do update set
        tier = excluded.tier, own_rto_min = excluded.own_rto_min, rto_source = excluded.rto_source,
        effective_rto_min = excluded.effective_rto_min, rpo_min = excluded.rpo_min, in_cycle = excluded.in_cycle,
        path = excluded.path, risk_score = excluded.risk_score, risk_parts = excluded.risk_parts,
        open_findings = excluded.open_findings, worst_severity = excluded.worst_severity,
        computed_at = excluded.computed_at, content_hash = excluded.content_hash`.execute(trx);
  }
}

type ServiceRow = {
  service_id: string;
  recovery_min: number | null;
  rto_status: string;
  rpo_min: number | null;
  rpo_status: string;
  path: string;
  content_hash: string;
};

async function storeServiceResults(trx: Db, orgId: string, rows: readonly ServiceRow[], computedAt: Date) {
  const existing = new Map(
    (await trx.selectFrom("service_results").select(["service_id", "content_hash"]).where("org_id", "=", orgId).execute()).map((r) => [
      r.service_id,
      r.content_hash,
    ]),
  );
  const current = new Set(rows.map((r) => r.service_id));
  const gone = [...existing.keys()].filter((id) => !current.has(id));
  if (gone.length) await trx.deleteFrom("service_results").where("org_id", "=", orgId).where("service_id", "in", gone).execute();
  const changed = rows.filter((r) => existing.get(r.service_id) !== r.content_hash);
  for (const batch of chunks(changed, WRITE_CHUNK)) {
    await sql`
      insert into service_results (service_id, org_id, recovery_min, rto_status, rpo_min, rpo_status, path, computed_at, content_hash)
      select u.service_id, ${orgId}::uuid, u.recovery_min, u.rto_status, u.rpo_min, u.rpo_status, u.path::jsonb, ${computedAt}::timestamptz, u.content_hash
      from unnest(${column(batch, "service_id")}::uuid[], ${column(batch, "recovery_min")}::int[], ${column(batch, "rto_status")}::text[],
                  ${column(batch, "rpo_min")}::int[], ${column(batch, "rpo_status")}::text[], ${column(batch, "path")}::text[],
                  ${column(batch, "content_hash")}::text[])
        as u(service_id, recovery_min, rto_status, rpo_min, rpo_status, path, content_hash)
      on conflict (service_id) do update set
        recovery_min = excluded.recovery_min, rto_status = excluded.rto_status, rpo_min = excluded.rpo_min,
        rpo_status = excluded.rpo_status, path = excluded.path, computed_at = excluded.computed_at, content_hash = excluded.content_hash`.execute(trx);
  }
}

type FindingRow = {
  fingerprint: string;
  kind: string;
  severity: string;
  subject_type: string;
  subject_id: string;
  reason: string;
  path: string;
  content_hash: string;
};

/**
 * Upserts findings by their stable key so owners, accepted risks and history survive a recompute;
 * findings no longer produced are resolved; resolved ones that come back and accepted risks past
 * their expiry reopen. Unchanged findings are not touched.
 */
async function storeFindings(trx: Db, orgId: string, rows: readonly FindingRow[], seenAt: Date) {
  const existing = new Map(
    (
      await trx
        .selectFrom("findings")
        .select(["id", "fingerprint", "content_hash", "status", sql<boolean>`(status = 'accepted' and accepted_until < current_date)`.as("acceptance_expired")])
        .where("org_id", "=", orgId)
        .execute()
    ).map((r) => [r.fingerprint, r]),
  );
  const produced = new Set(rows.map((r) => r.fingerprint));
  const vanished = [...existing.values()].filter((f) => f.status !== "resolved" && !produced.has(f.fingerprint)).map((f) => f.id);
  for (const batch of chunks(vanished, WRITE_CHUNK)) {
    await trx.updateTable("findings").set({ status: "resolved", resolved_at: seenAt }).where("org_id", "=", orgId).where("id", "in", batch).execute();
  }
  const toWrite = rows.filter((r) => {
    const before = existing.get(r.fingerprint);
    return !before || before.content_hash !== r.content_hash || before.status === "resolved" || before.acceptance_expired;
  });
  for (const batch of chunks(toWrite, WRITE_CHUNK)) {
    await sql`
      insert into findings (org_id, fingerprint, kind, severity, subject_type, subject_id, reason, path, content_hash, first_seen_at, last_seen_at)
      select ${orgId}::uuid, u.fingerprint, u.kind, u.severity, u.subject_type, u.subject_id, u.reason, u.path::jsonb, u.content_hash,
             ${seenAt}::timestamptz, ${seenAt}::timestamptz
      from unnest(${column(batch, "fingerprint")}::text[], ${column(batch, "kind")}::text[], ${column(batch, "severity")}::text[],
                  ${column(batch, "subject_type")}::text[], ${column(batch, "subject_id")}::text[], ${column(batch, "reason")}::text[],
                  ${column(batch, "path")}::text[], ${column(batch, "content_hash")}::text[])
        as u(fingerprint, kind, severity, subject_type, subject_id, reason, path, content_hash)
      on conflict (org_id, fingerprint) do update set
        kind = excluded.kind, severity = excluded.severity, subject_type = excluded.subject_type, subject_id = excluded.subject_id,
        reason = excluded.reason, path = excluded.path, content_hash = excluded.content_hash, last_seen_at = excluded.last_seen_at,
        resolved_at = null,
        status = case
          when findings.status = 'resolved' then 'open'
          when findings.status = 'accepted' and findings.accepted_until < current_date then 'open'
          else findings.status end`.execute(trx);
  }
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
