/**
 * The portfolio workbook against the database: current state for validation and diffing, the import
 * (one transaction, batched upserts by external ID) and the export (keyset-paged reads).
 *
 * Import semantics: the file is authoritative for the rows it contains, matched by their IDs
 * (suppliers, services) or by their ID columns (links, dependencies, alternates): they are created or
 * brought to the file's values. Rows absent from the file are left alone; import never deletes.
 * Fields the format does not carry (tested figures, status, descriptions, who declared a link) are
 * never touched.
 */
import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "../../db/schema";
import { recordAudit } from "../audit.server";
import { normalizeName } from "../domain/names";
import {
  addToState,
  countChanges,
  diffPortfolio,
  emptyPortfolioState,
  type ChangeCounts,
  type PortfolioState,
} from "../domain/portfolio/diff";
import { SHEET_KEYS, type AlternateRow, type DependencyRow, type RowOf, type SheetKey } from "../domain/portfolio/format";
import type { ParsedUpload } from "../domain/portfolio/parse";
import { ProblemLog, type Problem, type ProblemReport, type Warning } from "../domain/portfolio/problems";
import { validatePortfolio } from "../domain/portfolio/validate";
import type { PortfolioRowSources } from "../domain/portfolio/write";
import type { Db } from "./types";

const PAGE_SIZE = 1_000;
const BATCH_SIZE = 1_000;
/** After writing this many suppliers and services, statistics are refreshed before the links are written. */
const REFRESH_STATISTICS_AFTER_ROWS = 1_000;
/** First key of the advisory lock that keeps two imports into one organisation from interleaving. */
const IMPORT_LOCK_NAMESPACE = 7_270_432;

export interface ImportPreview extends ProblemReport {
  warnings: Warning[];
  /** What applying would do, for the rows without problems. */
  counts: ChangeCounts;
}

export type ImportOutcome =
  | { status: "applied"; counts: ChangeCounts }
  | { status: "rejected"; problems: Problem[]; problemCount: number };

export interface ImportProgress {
  sheet: SheetKey;
  written: number;
  total: number;
}

export interface ApplyOptions {
  /** Recorded in the audit event. */
  fileName?: string;
  /** Called after each batch (for a job's progress bar); throwing aborts and rolls back the import. */
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
}

// ---------------------------------------------------------------------------------------------------
// Reading: export and current state

/** Rows in pages of PAGE_SIZE, each page starting after the previous page's last key. */
async function* keysetPages<Row, Cursor>(
  fetchPage: (after: Cursor | null) => Promise<Row[]>,
  cursorOf: (row: Row) => Cursor,
): AsyncGenerator<Row> {
  let after: Cursor | null = null;
  for (;;) {
    const page = await fetchPage(after);
    yield* page;
    const last = page[page.length - 1];
    if (page.length < PAGE_SIZE || !last) return;
    after = cursorOf(last);
  }
}

async function* supplierRows(db: Db, orgId: string): AsyncGenerator<RowOf<"suppliers">> {
  const pages = keysetPages(
    (after: string | null) =>
      db
        .selectFrom("suppliers")
        .select(["external_id", "name", "country", "is_vendor", "criticality", "contact_email"])
        .select(["declared_rto_min", "declared_rpo_min", "lei", "duns", "website"])
        .where("org_id", "=", orgId)
        .$if(after !== null, (qb) => qb.where("external_id", ">", after!))
        .orderBy("external_id")
        .limit(PAGE_SIZE)
        .execute(),
    (row) => row.external_id,
  );
  for await (const r of pages) {
    yield {
      supplierId: r.external_id,
      name: r.name,
      country: r.country,
      isVendor: r.is_vendor,
      criticality: r.criticality,
      contactEmail: r.contact_email,
      declaredRtoMin: r.declared_rto_min,
      declaredRpoMin: r.declared_rpo_min,
      lei: r.lei,
      duns: r.duns,
      website: r.website,
    };
  }
}

async function* serviceRows(db: Db, orgId: string): AsyncGenerator<RowOf<"services">> {
  const pages = keysetPages(
    (after: string | null) =>
      db
        .selectFrom("internal_services")
        .select(["external_id", "name", "owner", "required_rto_min", "required_rpo_min", "mtpd_min"])
        .where("org_id", "=", orgId)
        .$if(after !== null, (qb) => qb.where("external_id", ">", after!))
        .orderBy("external_id")
        .limit(PAGE_SIZE)
        .execute(),
    (row) => row.external_id,
  );
  for await (const r of pages) {
    yield {
      serviceId: r.external_id,
      name: r.name,
      owner: r.owner,
      requiredRtoMin: r.required_rto_min,
      requiredRpoMin: r.required_rpo_min,
      mtpdMin: r.mtpd_min,
    };
  }
}

async function* serviceSupplierRows(db: Db, orgId: string): AsyncGenerator<RowOf<"serviceSuppliers">> {
  const pages = keysetPages(
    (after: { service_id: string; supplier_id: string } | null) =>
      db
        .selectFrom("service_suppliers as ss")
        .innerJoin("internal_services as sv", "sv.id", "ss.service_id")
        .innerJoin("suppliers as s", "s.id", "ss.supplier_id")
        .select(["ss.service_id", "ss.supplier_id", "sv.external_id as service", "s.external_id as supplier"])
        .where("ss.org_id", "=", orgId)
        .$if(after !== null, (qb) =>
          qb.where(sql<boolean>`(ss.service_id, ss.supplier_id) > (${after!.service_id}::uuid, ${after!.supplier_id}::uuid)`),
        )
        .orderBy("ss.service_id")
        .orderBy("ss.supplier_id")
        .limit(PAGE_SIZE)
        .execute(),
    (row) => ({ service_id: row.service_id, supplier_id: row.supplier_id }),
  );
  for await (const r of pages) yield { serviceId: r.service, supplierId: r.supplier };
}

async function* dependencyRows(db: Db, orgId: string): AsyncGenerator<DependencyRow> {
  const pages = keysetPages(
    (after: string | null) =>
      db
        .selectFrom("dependencies as d")
        .innerJoin("suppliers as s", "s.id", "d.supplier_id")
        .innerJoin("suppliers as t", "t.id", "d.depends_on_id")
        .select(["d.id", "s.external_id as supplier", "t.external_id as depends_on", "d.supplies", "d.single_source", "d.buffer_min"])
        .where("d.org_id", "=", orgId)
        .$if(after !== null, (qb) => qb.where("d.id", ">", after!))
        .orderBy("d.id")
        .limit(PAGE_SIZE)
        .execute(),
    (row) => row.id,
  );
  for await (const r of pages) {
    yield { supplierId: r.supplier, dependsOnId: r.depends_on, supplies: r.supplies, singleSource: r.single_source, bufferMin: r.buffer_min };
  }
}

async function* alternateRows(db: Db, orgId: string): AsyncGenerator<AlternateRow> {
  const pages = keysetPages(
    (after: string | null) =>
      db
        .selectFrom("alternates as a")
        .innerJoin("suppliers as r", "r.id", "a.replaces_id")
        .innerJoin("suppliers as alt", "alt.id", "a.alternate_id")
        .leftJoin("suppliers as fs", "fs.id", "a.for_supplier_id")
        .leftJoin("internal_services as fv", "fv.id", "a.for_service_id")
        .select(["a.id", "r.external_id as replaces", "alt.external_id as alternate", "fs.external_id as for_supplier"])
        .select(["fv.external_id as for_service", "a.status", "a.switchover_min", "a.capacity_pct"])
        .where("a.org_id", "=", orgId)
        .$if(after !== null, (qb) => qb.where("a.id", ">", after!))
        .orderBy("a.id")
        .limit(PAGE_SIZE)
        .execute(),
    (row) => row.id,
  );
  for await (const r of pages) {
    yield {
      replacesId: r.replaces,
      alternateId: r.alternate,
      forSupplierId: r.for_supplier,
      forServiceId: r.for_service,
      status: r.status,
      switchoverMin: r.switchover_min,
      capacityPct: r.capacity_pct,
    };
  }
}

/**
 * The organisation's portfolio as re-iterable row streams for writePortfolioWorkbook. Each sheet is
 * read in pages of 1,000 (suppliers and services in ID order), so memory stays flat however large the
 * portfolio. Sheets are read one after the other, not in one snapshot.
 */
export function exportPortfolio(db: Db, orgId: string): PortfolioRowSources {
  return {
    suppliers: { [Symbol.asyncIterator]: () => supplierRows(db, orgId) },
    services: { [Symbol.asyncIterator]: () => serviceRows(db, orgId) },
    serviceSuppliers: { [Symbol.asyncIterator]: () => serviceSupplierRows(db, orgId) },
    dependencies: { [Symbol.asyncIterator]: () => dependencyRows(db, orgId) },
    alternates: { [Symbol.asyncIterator]: () => alternateRows(db, orgId) },
  };
}

/** Everything validation and diffing need: the organisation's rows in the workbook's shape, by key. */
export async function loadPortfolioState(db: Db, orgId: string): Promise<PortfolioState> {
  const state = emptyPortfolioState();
  const sources = exportPortfolio(db, orgId);
  const load = async <K extends SheetKey>(key: K) => {
    for await (const row of sources[key] as AsyncIterable<RowOf<K>>) addToState(state, key, row);
  };
  for (const key of SHEET_KEYS) await load(key);
  return state;
}

// ---------------------------------------------------------------------------------------------------
// Import

function combinedProblems(parsed: ParsedUpload, validation: ProblemReport): ProblemReport {
  const log = new ProblemLog();
  log.addAll(parsed);
  log.addAll(validation);
  return log.report();
}

/** The dry run: every problem, every warning, and how many rows would be created, updated or left unchanged. */
export async function previewPortfolioImport(db: Db, orgId: string, parsed: ParsedUpload): Promise<ImportPreview> {
  const state = await loadPortfolioState(db, orgId);
  return {
    ...combinedProblems(parsed, validatePortfolio(parsed, state)),
    warnings: parsed.warnings,
    counts: countChanges(diffPortfolio(parsed.portfolio, state)),
  };
}

/**
 * Applies a parsed upload in ONE transaction: all of it or nothing. Validation and the diff are redone
 * inside the transaction, under a per-organisation lock, against the state as it is now (the preview
 * may be minutes old). Unchanged rows are not written, so importing the same file again writes
 * nothing but the audit event.
 */
export async function applyPortfolioImport(
  db: Kysely<Database>,
  orgId: string,
  actorUserId: string | null,
  parsed: ParsedUpload,
  options: ApplyOptions = {},
): Promise<ImportOutcome> {
  if (parsed.problemCount > 0) return { status: "rejected", problems: parsed.problems, problemCount: parsed.problemCount };

  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${IMPORT_LOCK_NAMESPACE}, hashtext(${orgId}))`.execute(trx);
    const state = await loadPortfolioState(trx, orgId);
    const validation = validatePortfolio(parsed, state);
    if (validation.problemCount > 0) return { status: "rejected", ...validation };

    const changes = diffPortfolio(parsed.portfolio, state);
    const progress = (sheet: SheetKey, total: number) => async (written: number) =>
      options.onProgress?.({ sheet, written, total });
    const changed = <T>(c: { create: T[]; update: T[] }) => [...c.create, ...c.update];

    const suppliers = changed(changes.suppliers);
    await inBatches(suppliers, (batch) => upsertSuppliers(trx, orgId, batch), progress("suppliers", suppliers.length));
    const services = changed(changes.services);
    await inBatches(services, (batch) => upsertServices(trx, orgId, batch), progress("services", services.length));
    if (suppliers.length + services.length >= REFRESH_STATISTICS_AFTER_ROWS) {
      // The foreign-key checks of the link inserts below run cached plans made when these tables
      // were small (a scan per check: minutes for 100,000 links). Fresh statistics re-plan them.
      await sql`analyze suppliers, internal_services`.execute(trx);
    }
    const links = changes.serviceSuppliers.create; // a link has no other fields: it is new or unchanged
    await inBatches(links, (batch) => insertServiceSuppliers(trx, orgId, batch), progress("serviceSuppliers", links.length));
    const dependencies = changed(changes.dependencies);
    await inBatches(dependencies, (batch) => upsertDependencies(trx, orgId, batch), progress("dependencies", dependencies.length));
    const { create, update } = changes.alternates;
    const alternatesProgress = progress("alternates", create.length + update.length);
    await inBatches(create, (batch) => insertAlternates(trx, orgId, batch), alternatesProgress);
    await inBatches(update, (batch) => updateAlternates(trx, orgId, batch), (n) => alternatesProgress(create.length + n));

    const counts = countChanges(changes);
    await recordAudit(trx, {
      orgId,
      actorUserId,
      action: "portfolio.imported",
      entityType: "organisation",
      entityId: orgId,
      summary: { fileName: options.fileName ?? null, fileType: parsed.fileType, counts },
    });
    return { status: "applied", counts };
  });
}

async function inBatches<T>(
  rows: readonly T[],
  write: (batch: readonly T[]) => Promise<unknown>,
  afterBatch: (written: number) => Promise<void>,
): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH_SIZE) {
    const batch = rows.slice(start, start + BATCH_SIZE);
    await write(batch);
    await afterBatch(start + batch.length);
  }
}

/**
 * `set col = excluded.col, …, updated_at = now()` for an upsert. Typed `never` so Kysely accepts the
 * raw references for any column type; the column names come from the constants below, never from input.
 */
function fromExcluded<C extends string>(columns: readonly C[]): Record<C | "updated_at", RawBuilder<never>> {
  const set = columns.map((c) => [c, sql.ref(`excluded.${c}`)] as const);
  return Object.fromEntries([...set, ["updated_at", sql`now()`]]) as Record<C | "updated_at", RawBuilder<never>>;
}

/** Only rows whose values differ are updated, so their updated_at stays put otherwise. */
function differsFromExcluded(table: string, columns: readonly string[]): RawBuilder<boolean> {
  const current = sql.join(columns.map((c) => sql.ref(`${table}.${c}`)));
  const incoming = sql.join(columns.map((c) => sql.ref(`excluded.${c}`)));
  return sql<boolean>`(${current}) is distinct from (${incoming})`;
}

const SUPPLIER_COLUMNS = [
  "name",
  "normalized_name",
  "country",
  "is_vendor",
  "criticality",
  "contact_email",
  "declared_rto_min",
  "declared_rpo_min",
  "lei",
  "duns",
  "website",
] as const;

function upsertSuppliers(trx: Db, orgId: string, rows: readonly RowOf<"suppliers">[]) {
  return trx
    .insertInto("suppliers")
    .values(
      rows.map((r) => ({
        org_id: orgId,
        external_id: r.supplierId,
        name: r.name,
        normalized_name: normalizeName(r.name),
        country: r.country,
        is_vendor: r.isVendor,
        criticality: r.criticality,
        contact_email: r.contactEmail,
        declared_rto_min: r.declaredRtoMin,
        declared_rpo_min: r.declaredRpoMin,
        lei: r.lei,
        duns: r.duns,
        website: r.website,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(["org_id", "external_id"])
        .doUpdateSet(fromExcluded(SUPPLIER_COLUMNS))
        .where(differsFromExcluded("suppliers", SUPPLIER_COLUMNS)),
    )
    .execute();
}

const SERVICE_COLUMNS = ["name", "owner", "required_rto_min", "required_rpo_min", "mtpd_min"] as const;

function upsertServices(trx: Db, orgId: string, rows: readonly RowOf<"services">[]) {
  return trx
    .insertInto("internal_services")
    .values(
      rows.map((r) => ({
        org_id: orgId,
        external_id: r.serviceId,
        name: r.name,
        owner: r.owner,
        required_rto_min: r.requiredRtoMin,
        required_rpo_min: r.requiredRpoMin,
        mtpd_min: r.mtpdMin,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(["org_id", "external_id"])
        .doUpdateSet(fromExcluded(SERVICE_COLUMNS))
        .where(differsFromExcluded("internal_services", SERVICE_COLUMNS)),
    )
    .execute();
}

/*
 * Links are written with INSERT … SELECT FROM (VALUES …) joined to suppliers/services, so external IDs
 * become uuids inside the database: one statement per batch, no ID map in memory. Values in a VALUES
 * list need explicit types.
 */

function insertServiceSuppliers(trx: Db, orgId: string, rows: readonly RowOf<"serviceSuppliers">[]) {
  const values = sql.join(rows.map((r) => sql`(${r.serviceId}::text, ${r.supplierId}::text)`));
  return sql`
    insert into service_suppliers (org_id, service_id, supplier_id)
    select ${orgId}::uuid, sv.id, s.id
    from (values ${values}) as v(service, supplier)
    join internal_services sv on sv.org_id = ${orgId}::uuid and sv.external_id = v.service
    join suppliers s on s.org_id = ${orgId}::uuid and s.external_id = v.supplier
    on conflict do nothing`.execute(trx);
}

function upsertDependencies(trx: Db, orgId: string, rows: readonly DependencyRow[]) {
  const values = sql.join(
    rows.map((r) => sql`(${r.supplierId}::text, ${r.dependsOnId}::text, ${r.supplies}::text, ${r.singleSource}::boolean, ${r.bufferMin}::integer)`),
  );
  const columns = ["supplies", "single_source", "buffer_min"] as const;
  return sql`
    insert into dependencies (org_id, supplier_id, depends_on_id, supplies, single_source, buffer_min, declared_by)
    select ${orgId}::uuid, s.id, t.id, v.supplies, v.single_source, v.buffer_min, 'import'
    from (values ${values}) as v(supplier, depends_on, supplies, single_source, buffer_min)
    join suppliers s on s.org_id = ${orgId}::uuid and s.external_id = v.supplier
    join suppliers t on t.org_id = ${orgId}::uuid and t.external_id = v.depends_on
    on conflict (org_id, supplier_id, depends_on_id) do update
      set ${sql.join(columns.map((c) => sql`${sql.ref(c)} = ${sql.ref(`excluded.${c}`)}`))}, updated_at = now()
      where ${differsFromExcluded("dependencies", columns)}`.execute(trx);
}

function alternateValues(rows: readonly AlternateRow[]) {
  return sql.join(
    rows.map(
      (r) =>
        sql`(${r.replacesId}::text, ${r.alternateId}::text, ${r.forSupplierId}::text, ${r.forServiceId}::text, ${r.status}::text, ${r.switchoverMin}::integer, ${r.capacityPct}::integer)`,
    ),
  );
}

/** The VALUES list joined to the uuids it names (alternates have no unique key, so no ON CONFLICT here). */
function resolvedAlternates(orgId: string, rows: readonly AlternateRow[]) {
  return sql`
    (values ${alternateValues(rows)}) as v(replaces, alternate, for_supplier, for_service, status, switchover_min, capacity_pct)
    join suppliers r on r.org_id = ${orgId}::uuid and r.external_id = v.replaces
    join suppliers alt on alt.org_id = ${orgId}::uuid and alt.external_id = v.alternate
    left join suppliers fs on fs.org_id = ${orgId}::uuid and fs.external_id = v.for_supplier
    left join internal_services fv on fv.org_id = ${orgId}::uuid and fv.external_id = v.for_service`;
}

function insertAlternates(trx: Db, orgId: string, rows: readonly AlternateRow[]) {
  return sql`
    insert into alternates (org_id, replaces_id, alternate_id, for_supplier_id, for_service_id, status, switchover_min, capacity_pct, declared_by)
    select ${orgId}::uuid, r.id, alt.id, fs.id, fv.id, v.status, v.switchover_min, v.capacity_pct, 'import'
    from ${resolvedAlternates(orgId, rows)}`.execute(trx);
}

function updateAlternates(trx: Db, orgId: string, rows: readonly AlternateRow[]) {
  return sql`
    update alternates a
    set status = v.status, switchover_min = v.switchover_min, capacity_pct = v.capacity_pct, updated_at = now()
    from ${resolvedAlternates(orgId, rows)}
    where a.org_id = ${orgId}::uuid and a.replaces_id = r.id and a.alternate_id = alt.id
      and a.for_supplier_id is not distinct from fs.id and a.for_service_id is not distinct from fv.id
      and (a.status, a.switchover_min, a.capacity_pct) is distinct from (v.status, v.switchover_min, v.capacity_pct)`.execute(trx);
}
