import type { Writable } from "node:stream";
import { sql } from "kysely";
import type { Db } from "../data/types";
import { describeFilters, type SupplierFilters } from "../domain/reports/filters";
import { pathText } from "../domain/reports/path-text";
import {
  SHEETS,
  alternateRow,
  concentrationRow,
  dependencyRow,
  evidenceRow,
  findingRow,
  serviceRow,
  supplierRow,
} from "../domain/reports/risk-register";
import { startSheet, withSpooledWorkbook, writeKeyValueSheet, type WorkbookWriter } from "./xlsx.server";

/*
 * The Excel risk register, streamed: every sheet reads STORED results (supplier_results,
 * service_results, findings) a page at a time (keyset, PAGE rows per query) and commits each row,
 * so neither the rows nor the workbook are ever whole in memory. Each sheet reads its next page
 * while it writes the current one (`readAhead`): the database works in its own process, on the
 * other core, instead of the writer waiting for it. Names (path steps, finding subjects, both ends
 * of every dependency) come from one directory of the organisation's suppliers and services read
 * at the start, rather than from a query per page.
 */
export const PAGE = 2_000;
/** Dependency pages are bigger: five narrow columns, the ends come from the directory. */
const EDGE_PAGE = 5_000;

/**
 * Yields the pages of `pages`, reading page n + 1 while the caller handles page n. At most one
 * page is read ahead, so memory stays at two pages.
 */
export async function* readAhead<T>(pages: AsyncIterable<T>): AsyncGenerator<T> {
  const source = pages[Symbol.asyncIterator]();
  const pull = () => {
    const next = source.next();
    // Handled now: a failed read surfaces when it is awaited, not as an unhandled rejection
    // while the caller is still writing the previous page.
    next.catch(() => undefined);
    return next;
  };
  let next = pull();
  let done = false;
  try {
    for (;;) {
      const page = await next;
      if (page.done) {
        done = true;
        return;
      }
      next = pull();
      yield page.value;
    }
  } finally {
    // The caller stopped early or a read failed: settle the read in flight, then close the source.
    if (!done) await next.then(() => source.return?.(), () => undefined);
  }
}

export interface DirectoryEntry {
  external_id: string;
  name: string;
  tier: number | null;
}

/**
 * The organisation's suppliers (external id, name, tier; any status) and services (name), by id:
 * ≈ 10 MB at 50,000 suppliers, read in one query each.
 */
export async function loadDirectory(db: Db, orgId: string) {
  const [suppliers, services] = await Promise.all([
    db
      .selectFrom("suppliers as s")
      .leftJoin("supplier_results as r", "r.supplier_id", "s.id")
      .select(["s.id", "s.external_id", "s.name", "r.tier"])
      .where("s.org_id", "=", orgId)
      .execute(),
    db.selectFrom("internal_services").select(["id", "name"]).where("org_id", "=", orgId).execute(),
  ]);
  const supplierById = new Map<string, DirectoryEntry>();
  const names = new Map<string, string>();
  for (const s of suppliers) {
    supplierById.set(s.id, { external_id: s.external_id, name: s.name, tier: s.tier });
    names.set(s.id, s.name);
  }
  for (const s of services) names.set(s.id, s.name);
  return { supplierById, names };
}

export type Progress = (percent: number, message?: string) => Promise<void>;

export interface RiskRegisterOptions {
  orgId: string;
  filters: SupplierFilters;
  /** Portal origin for hyperlinks, e.g. https://portal.example.com */
  baseUrl: string;
  asOf?: Date;
  progress?: Progress;
}

export async function loadOrganisation(db: Db, orgId: string) {
  return db.selectFrom("organisations").select(["id", "name", "slug", "results_computed_at"]).where("id", "=", orgId).executeTakeFirstOrThrow();
}

function escapeLike(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Suppliers with their stored results, filtered like /suppliers, in pages ordered by external id. */
export async function* supplierPages(db: Db, orgId: string, filters: SupplierFilters) {
  let after: string | null = null;
  for (;;) {
    let query = db
      .selectFrom("suppliers as s")
      .leftJoin("supplier_results as r", "r.supplier_id", "s.id")
      .select([
        "s.id",
        "s.external_id",
        "s.name",
        "s.country",
        "s.criticality",
        "s.is_vendor",
        "s.lei",
        "s.declared_rto_min",
        "s.tested_rto_min",
        "r.tier",
        "r.effective_rto_min",
        "r.risk_score",
        "r.open_findings",
      ])
      .where("s.org_id", "=", orgId)
      .where("s.status", "=", "active");
    if (filters.q) {
      const pattern = escapeLike(filters.q);
      query = query.where((eb) => eb.or([eb("s.name", "ilike", pattern), eb("s.external_id", "ilike", pattern)]));
    }
    if (filters.country) query = query.where("s.country", "=", filters.country);
    if (filters.criticality) query = query.where("s.criticality", "=", filters.criticality);
    if (filters.relationship) query = query.where("s.is_vendor", "=", filters.relationship === "vendor");
    if (filters.tier) query = query.where("r.tier", "=", filters.tier);
    if (filters.findings) query = query.where("r.open_findings", filters.findings === "yes" ? ">" : "=", 0);
    if (after !== null) query = query.where("s.external_id", ">", after);
    const rows = await query.orderBy("s.external_id").limit(PAGE).execute();
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.external_id;
  }
}

async function* keyset<T extends { id: string }>(fetch: (after: string | null) => Promise<T[]>) {
  let after: string | null = null;
  for (;;) {
    const rows = await fetch(after);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}

export interface EdgeEnd {
  id: string;
  external_id: string;
  name: string;
  lei: string | null;
  is_vendor: boolean;
  status: string;
  tier: number | null;
}

/**
 * Every dependency edge of the organisation, in pages ordered by the edge key (index range scan on
 * dependencies_edge_key), each page with both ends' suppliers and tiers read in one extra query.
 */
export async function* dependencyPages(db: Db, orgId: string) {
  for await (const rows of edgePages(db, orgId, PAGE)) {
    const ids = [...new Set(rows.flatMap((r) => [r.supplier_id, r.depends_on_id]))];
    const ends = await db
      .selectFrom("suppliers as s")
      .leftJoin("supplier_results as r", "r.supplier_id", "s.id")
      .select(["s.id", "s.external_id", "s.name", "s.lei", "s.is_vendor", "s.status", "r.tier"])
      .where("s.org_id", "=", orgId)
      .where("s.id", "in", ids)
      .execute();
    const byId = new Map<string, EdgeEnd>(ends.map((e) => [e.id, e]));
    const edges: { from: EdgeEnd; to: EdgeEnd; supplies: string; single_source: boolean; buffer_min: number }[] = [];
    for (const r of rows) {
      const from = byId.get(r.supplier_id);
      const to = byId.get(r.depends_on_id);
      if (from && to) edges.push({ from, to, supplies: r.supplies, single_source: r.single_source, buffer_min: r.buffer_min });
    }
    yield edges;
  }
}

/** Every dependency edge of the organisation (its own columns only), in pages ordered by the edge key. */
async function* edgePages(db: Db, orgId: string, pageSize = EDGE_PAGE) {
  let after: [string, string] | null = null;
  for (;;) {
    const cursor: [string, string] | null = after;
    const rows: { supplier_id: string; depends_on_id: string; supplies: string; single_source: boolean; buffer_min: number }[] = await db
      .selectFrom("dependencies as d")
      .select(["d.supplier_id", "d.depends_on_id", "d.supplies", "d.single_source", "d.buffer_min"])
      .where("d.org_id", "=", orgId)
      .$if(cursor !== null, (qb) => qb.where((eb) => eb(eb.refTuple("d.supplier_id", "d.depends_on_id"), ">", eb.tuple(cursor![0], cursor![1]))))
      .orderBy("d.supplier_id")
      .orderBy("d.depends_on_id")
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = [last.supplier_id, last.depends_on_id];
  }
}

/** Open and accepted findings, most severe first, then by id, in pages. */
async function* findingPages(db: Db, orgId: string) {
  for (const severity of ["critical", "high", "medium", "low"] as const) {
    yield* keyset((after) =>
      db
        .selectFrom("findings as f")
        .select(["f.id", "f.severity", "f.kind", "f.subject_id", "f.reason", "f.status", "f.path", "f.first_seen_at"])
        .where("f.org_id", "=", orgId)
        .where("f.severity", "=", severity)
        .where("f.status", "in", ["open", "accepted"])
        .$if(after !== null, (qb) => qb.where("f.id", ">", after!))
        .orderBy("f.id")
        .limit(PAGE)
        .execute(),
    );
  }
}

export async function keyFigures(db: Db, orgId: string) {
  const [services, suppliers, findings] = await Promise.all([
    db
      .selectFrom("service_results")
      .select(["rto_status", "rpo_status", sql<number>`count(*)`.as("n")])
      .where("org_id", "=", orgId)
      .groupBy(["rto_status", "rpo_status"])
      .execute(),
    db
      .selectFrom("suppliers as s")
      .leftJoin("supplier_results as r", "r.supplier_id", "s.id")
      .select([
        sql<number>`count(*)`.as("total"),
        sql<number>`count(*) filter (where s.is_vendor)`.as("vendors"),
        sql<number>`count(*) filter (where r.effective_rto_min is null)`.as("unknownRto"),
        sql<number>`coalesce(round(avg(r.risk_score)), 0)`.as("avgRisk"),
      ])
      .where("s.org_id", "=", orgId)
      .where("s.status", "=", "active")
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("findings")
      .select(["severity", sql<number>`count(*)`.as("n")])
      .where("org_id", "=", orgId)
      .where("status", "in", ["open", "accepted"])
      .groupBy("severity")
      .execute(),
  ]);
  const sum = (predicate: (r: (typeof services)[number]) => boolean) => services.filter(predicate).reduce((a, r) => a + Number(r.n), 0);
  const bySeverity = Object.fromEntries(findings.map((f) => [f.severity, Number(f.n)])) as Record<string, number>;
  return {
    services: sum(() => true),
    servicesMeetingRto: sum((r) => r.rto_status === "meets"),
    servicesRtoGap: sum((r) => r.rto_status === "gap"),
    servicesBeyondMtpd: sum((r) => r.rto_status === "beyond_mtpd"),
    servicesRtoUnknown: sum((r) => r.rto_status === "unknown"),
    servicesRpoGap: sum((r) => r.rpo_status === "gap"),
    suppliers: Number(suppliers.total),
    vendors: Number(suppliers.vendors),
    suppliersUnknownRto: Number(suppliers.unknownRto),
    averageRisk: Number(suppliers.avgRisk),
    openFindings: Object.values(bySeverity).reduce((a, n) => a + n, 0),
    criticalFindings: bySeverity.critical ?? 0,
    highFindings: bySeverity.high ?? 0,
  };
}

/** Streams the risk register workbook into `stream`; resolves with row counts once it is complete. */
export async function writeRiskRegister(db: Db, stream: Writable, options: RiskRegisterOptions) {
  // Hyperlinks are spooled to disk while their sheet is written (see xlsx.server.ts).
  return withSpooledWorkbook(stream, (workbook) => writeWorkbook(db, workbook, options));
}

async function writeWorkbook(db: Db, workbook: WorkbookWriter, options: RiskRegisterOptions) {
  const { orgId, filters, baseUrl } = options;
  const asOf = options.asOf ?? new Date();
  const progress: Progress = options.progress ?? (async () => {});
  const [org, figures, directory] = await Promise.all([loadOrganisation(db, orgId), keyFigures(db, orgId), loadDirectory(db, orgId)]);
  const { names } = directory;
  const counts: Record<string, number> = {};

  await progress(2, "Summary");
  writeKeyValueSheet(workbook, "Summary", [
    ["Risk register", org.name],
    ["Organisation", org.name],
    ["Date", asOf],
    ["Results computed at", org.results_computed_at],
    ["Filters applied (Suppliers sheet)", describeFilters(filters)],
    ["Internal services", figures.services],
    ["Services meeting their RTO", figures.servicesMeetingRto],
    ["Services missing their RTO", figures.servicesRtoGap],
    ["Services beyond their MTPD", figures.servicesBeyondMtpd],
    ["Services with unknown recovery", figures.servicesRtoUnknown],
    ["Services missing their RPO", figures.servicesRpoGap],
    ["Suppliers (active)", figures.suppliers],
    ["Vendors (tier 1)", figures.vendors],
    ["Suppliers with unknown effective RTO", figures.suppliersUnknownRto],
    ["Average risk score", figures.averageRisk],
    ["Open findings", figures.openFindings],
    ["Critical findings", figures.criticalFindings],
    ["High findings", figures.highFindings],
    ["Portal", { text: baseUrl, hyperlink: `${baseUrl}/` }],
  ]);

  // Services
  await progress(5, "Services");
  {
    const out = startSheet(workbook, SHEETS.services);
    const pages = keyset((after) =>
      db
        .selectFrom("internal_services as s")
        .leftJoin("service_results as r", "r.service_id", "s.id")
        .select(["s.id", "s.external_id", "s.name", "s.required_rto_min", "s.required_rpo_min", "r.recovery_min", "r.rto_status", "r.rpo_min", "r.rpo_status", "r.path"])
        .where("s.org_id", "=", orgId)
        .$if(after !== null, (qb) => qb.where("s.id", ">", after!))
        .orderBy("s.id")
        .limit(PAGE)
        .execute(),
    );
    for await (const rows of readAhead(pages)) {
      for (const r of rows) await out.addRow(serviceRow({ ...r, pathText: pathText(r.path ?? [], names) }, baseUrl));
    }
    counts.services = out.rowCount;
    out.finish();
  }

  // Suppliers (the list page's filters apply here)
  await progress(15, "Suppliers");
  {
    const out = startSheet(workbook, SHEETS.suppliers);
    const total = Math.max(1, figures.suppliers);
    for await (const rows of readAhead(supplierPages(db, orgId, filters))) {
      for (const r of rows) await out.addRow(supplierRow(r, baseUrl));
      await progress(15 + (25 * out.rowCount) / total, `Suppliers: ${out.rowCount}`);
    }
    counts.suppliers = out.rowCount;
    out.finish();
  }

  // Dependencies: every edge, with both ends' tiers
  await progress(40, "Dependencies");
  {
    const out = startSheet(workbook, SHEETS.dependencies);
    const { supplierById } = directory;
    for await (const edges of readAhead(edgePages(db, orgId))) {
      for (const e of edges) {
        const from = supplierById.get(e.supplier_id);
        const to = supplierById.get(e.depends_on_id);
        if (!from || !to) continue;
        await out.addRow(
          dependencyRow({
            from_external_id: from.external_id,
            from_name: from.name,
            from_tier: from.tier,
            to_external_id: to.external_id,
            to_name: to.name,
            to_tier: to.tier,
            supplies: e.supplies,
            single_source: e.single_source,
            buffer_min: e.buffer_min,
          }),
        );
      }
      await progress(Math.min(70, 40 + out.rowCount / 20_000), `Dependencies: ${out.rowCount}`);
    }
    counts.dependencies = out.rowCount;
    out.finish();
  }

  // Concentration findings (one supplier or one country behind many vendors or services)
  await progress(72, "Concentration");
  {
    const out = startSheet(workbook, SHEETS.concentration);
    const pages = keyset((after) =>
      db
        .selectFrom("findings as f")
        .select(["f.id", "f.subject_type", "f.subject_id", "f.severity", "f.reason"])
        .where("f.org_id", "=", orgId)
        .where("f.kind", "in", ["concentration_supplier", "concentration_country"])
        .where("f.status", "in", ["open", "accepted"])
        .$if(after !== null, (qb) => qb.where("f.id", ">", after!))
        .orderBy("f.id")
        .limit(PAGE)
        .execute(),
    );
    for await (const rows of readAhead(pages)) {
      for (const r of rows) {
        await out.addRow(concentrationRow({ subject_type: r.subject_type, subject: names.get(r.subject_id) ?? r.subject_id, severity: r.severity, reason: r.reason }));
      }
    }
    counts.concentration = out.rowCount;
    out.finish();
  }

  // Alternates
  await progress(75, "Alternates");
  {
    const out = startSheet(workbook, SHEETS.alternates);
    const pages = keyset((after) =>
      db
        .selectFrom("alternates as x")
        .innerJoin("suppliers as r", "r.id", "x.replaces_id")
        .innerJoin("suppliers as a", "a.id", "x.alternate_id")
        .leftJoin("suppliers as fs", "fs.id", "x.for_supplier_id")
        .leftJoin("internal_services as fv", "fv.id", "x.for_service_id")
        .select([
          "x.id",
          "r.external_id as replaces_external_id",
          "r.name as replaces_name",
          "a.external_id as alternate_external_id",
          "a.name as alternate_name",
          "fs.name as for_supplier_name",
          "fv.name as for_service_name",
          "x.status",
          "x.switchover_min",
          "x.capacity_pct",
        ])
        .where("x.org_id", "=", orgId)
        .$if(after !== null, (qb) => qb.where("x.id", ">", after!))
        .orderBy("x.id")
        .limit(PAGE)
        .execute(),
    );
    for await (const rows of readAhead(pages)) {
      for (const r of rows) {
        await out.addRow(
          alternateRow({
            ...r,
            for_name: r.for_supplier_name ?? r.for_service_name,
            for_kind: r.for_supplier_name ? "supplier" : r.for_service_name ? "service" : null,
          }),
        );
      }
    }
    counts.alternates = out.rowCount;
    out.finish();
  }

  // Evidence
  await progress(80, "Evidence");
  {
    const out = startSheet(workbook, SHEETS.evidence);
    const pages = keyset((after) =>
      db
        .selectFrom("evidence as e")
        .innerJoin("suppliers as s", "s.id", "e.supplier_id")
        .select([
          "e.id",
          "s.external_id as supplier_external_id",
          "s.name as supplier_name",
          "e.kind",
          "e.title",
          "e.status",
          "e.valid_to",
          "e.test_date",
          "e.achieved_rto_min",
          "e.sha256",
        ])
        .where("e.org_id", "=", orgId)
        .$if(after !== null, (qb) => qb.where("e.id", ">", after!))
        .orderBy("e.id")
        .limit(PAGE)
        .execute(),
    );
    for await (const rows of readAhead(pages)) for (const r of rows) await out.addRow(evidenceRow(r, asOf));
    counts.evidence = out.rowCount;
    out.finish();
  }

  // Findings (open and accepted), most severe first
  await progress(85, "Findings");
  {
    const out = startSheet(workbook, SHEETS.findings);
    for await (const rows of readAhead(findingPages(db, orgId))) {
      for (const r of rows) {
        const subject = names.get(r.subject_id) ?? r.subject_id;
        await out.addRow(findingRow({ ...r, subject, pathText: pathText(r.path ?? [], names) }, baseUrl));
      }
    }
    counts.findings = out.rowCount;
    out.finish();
  }

  await progress(95, "Finishing the workbook");
  await workbook.commit();
  return counts;
}
