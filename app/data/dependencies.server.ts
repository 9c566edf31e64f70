import type { DeclaredBy, Role } from "../../db/schema";
import { recordAudit } from "../audit.server";
import { requestRecompute } from "../resilience.server";
import type { SupplyGraphInput } from "../domain/supply-map";
import { resolveOrCreateSupplier, type DeclaredCompany } from "./entity-resolution.server";
import type { Db } from "./types";
import { isUuid } from "../utils/misc";

/*
 * Dependencies ("supplier A relies on supplier B for …"): listing, the whole graph for the map, and
 * guarded changes. Who may change a row: procurement any; a vendor user only rows of its own
 * company (dependencies.supplier_id = their supplier), which are stored as declared by vendor.
 */

export interface Actor {
  role: Role;
  /** The vendor user's company (null for staff). */
  supplierId: string | null;
}

export type Refusal = { ok: false; status: number; message: string };

/** Procurement changes everything; a vendor user only what its own company declares. */
export function canChangeDeclarationsOf(actor: Actor, supplierId: string): boolean {
  if (actor.role === "procurement") return true;
  return actor.role === "vendor" && actor.supplierId === supplierId;
}

export function declaredByFor(actor: Actor): DeclaredBy {
  return actor.role === "vendor" ? "vendor" : "procurement";
}

/** The whole active graph in four set-based queries (no per-row queries), for the map, concentration and API. */
export async function loadSupplyGraphInput(db: Db, orgId: string): Promise<SupplyGraphInput> {
  const [suppliers, dependencies, links, services, alternates] = await Promise.all([
    db
      .selectFrom("suppliers as s")
      .leftJoin("supplier_results as r", "r.supplier_id", "s.id")
      .select(["s.id", "s.name", "s.country", "s.criticality", "s.is_vendor", "r.worst_severity"])
      .where("s.org_id", "=", orgId)
      .where("s.status", "=", "active")
      .execute(),
    db
      .selectFrom("dependencies as d")
      .select(["d.id", "d.supplier_id", "d.depends_on_id", "d.supplies", "d.single_source", "d.buffer_min", "d.declared_by"])
      .where("d.org_id", "=", orgId)
      .execute(),
    db.selectFrom("service_suppliers").select(["service_id", "supplier_id"]).where("org_id", "=", orgId).execute(),
    db.selectFrom("internal_services").select(["id", "name"]).where("org_id", "=", orgId).orderBy("name").execute(),
    db
      .selectFrom("alternates")
      .select(["replaces_id", "alternate_id", "for_supplier_id", "for_service_id", "status"])
      .where("org_id", "=", orgId)
      .execute(),
  ]);
  const byService = new Map<string, string[]>();
  for (const l of links) {
    const list = byService.get(l.service_id);
    if (list) list.push(l.supplier_id);
    else byService.set(l.service_id, [l.supplier_id]);
  }
  return {
    suppliers: suppliers.map((s) => ({
      id: s.id,
      name: s.name,
      country: s.country,
      criticality: s.criticality,
      isVendor: s.is_vendor,
      worstSeverity: (s.worst_severity as "critical" | "high" | "medium" | "low" | null) ?? null,
    })),
    // Edges to archived suppliers are dropped when the graph is built (unknown ends).
    dependencies: dependencies.map((d) => ({
      id: d.id,
      supplierId: d.supplier_id,
      dependsOnId: d.depends_on_id,
      supplies: d.supplies,
      singleSource: d.single_source,
      bufferMin: d.buffer_min,
      declaredBy: d.declared_by,
    })),
    services: services.map((s) => ({ id: s.id, name: s.name, supplierIds: byService.get(s.id) ?? [] })),
    alternates: alternates.map((a) => ({
      replacesId: a.replaces_id,
      alternateId: a.alternate_id,
      forSupplierId: a.for_supplier_id,
      forServiceId: a.for_service_id,
      status: a.status,
    })),
  };
}

function dependencyQuery(db: Db, orgId: string) {
  return db
    .selectFrom("dependencies as d")
    .innerJoin("suppliers as a", "a.id", "d.supplier_id")
    .innerJoin("suppliers as b", "b.id", "d.depends_on_id")
    .select([
      "d.id",
      "d.supplier_id",
      "a.name as supplier_name",
      "d.depends_on_id",
      "b.name as depends_on_name",
      "b.country as depends_on_country",
      "b.external_id as depends_on_external_id",
      "d.supplies",
      "d.single_source",
      "d.buffer_min",
      "d.declared_by",
      "d.created_at",
      "d.updated_at",
    ])
    .where("d.org_id", "=", orgId);
}

export type DependencyRow = Awaited<ReturnType<ReturnType<typeof dependencyQuery>["executeTakeFirstOrThrow"]>>;

export async function listDependencies(
  db: Db,
  orgId: string,
  query: { supplierId?: string; dependsOnId?: string; declaredBy?: DeclaredBy; page?: number; pageSize?: number } = {},
) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 100;
  let q = dependencyQuery(db, orgId);
  if (query.supplierId) q = q.where("d.supplier_id", "=", query.supplierId);
  if (query.dependsOnId) q = q.where("d.depends_on_id", "=", query.dependsOnId);
  if (query.declaredBy) q = q.where("d.declared_by", "=", query.declaredBy);
  const [rows, total] = await Promise.all([
    q.orderBy("a.name").orderBy("b.name").orderBy("d.id").limit(pageSize).offset((page - 1) * pageSize).execute(),
    (() => {
      let c = db.selectFrom("dependencies as d").select((eb) => eb.fn.countAll<string>().as("n")).where("d.org_id", "=", orgId);
      if (query.supplierId) c = c.where("d.supplier_id", "=", query.supplierId);
      if (query.dependsOnId) c = c.where("d.depends_on_id", "=", query.dependsOnId);
      if (query.declaredBy) c = c.where("d.declared_by", "=", query.declaredBy);
      return c.executeTakeFirstOrThrow();
    })(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function getDependency(db: Db, orgId: string, id: string) {
  if (!isUuid(id)) return undefined;
  return dependencyQuery(db, orgId).where("d.id", "=", id).executeTakeFirst();
}

export interface DependencyFields {
  supplies: string;
  singleSource: boolean;
  bufferMin: number;
}

/** The sub-supplier: an existing supplier (by id, staff only) or a declared company resolved by entity resolution. */
export type SubSupplierRef = { supplierId: string } | { company: DeclaredCompany };

async function activeSupplier(db: Db, orgId: string, id: string) {
  if (!isUuid(id)) return undefined;
  return db.selectFrom("suppliers").select(["id", "name", "status"]).where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
}

/** Runs `fn` in a transaction (or in the caller's, when already in one). Use only the given handle inside. */
export async function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute(fn);
}

/** Declares "supplierId relies on target": resolves or creates the sub-supplier and inserts the line, atomically. */
export async function createDependency(
  db: Db,
  orgId: string,
  actor: Actor,
  supplierId: string,
  target: SubSupplierRef,
  fields: DependencyFields,
): Promise<{ ok: true; row: DependencyRow; created: boolean; matched: string[] } | Refusal> {
  return inTransaction(db, (trx) => createDependencyIn(trx, orgId, actor, supplierId, target, fields));
}

async function createDependencyIn(
  db: Db,
  orgId: string,
  actor: Actor,
  supplierId: string,
  target: SubSupplierRef,
  fields: DependencyFields,
): Promise<{ ok: true; row: DependencyRow; created: boolean; matched: string[] } | Refusal> {
  if (!canChangeDeclarationsOf(actor, supplierId)) return { ok: false, status: 404, message: "Not found." };
  const from = await activeSupplier(db, orgId, supplierId);
  if (!from) return { ok: false, status: 404, message: "Supplier not found." };
  let targetId: string;
  let created = false;
  let matched: string[] = [];
  if ("supplierId" in target) {
    if (actor.role === "vendor") return { ok: false, status: 403, message: "Declare a sub-supplier by its name and country." };
    const to = await activeSupplier(db, orgId, target.supplierId);
    if (!to || to.status !== "active") return { ok: false, status: 400, message: "The sub-supplier does not exist or is archived." };
    targetId = to.id;
  } else {
    // A company cannot depend on itself, even under another spelling of its name: resolve first, then check.
    const resolved = await resolveOrCreateSupplier(db, orgId, target.company);
    targetId = resolved.id;
    created = resolved.created;
    matched = resolved.reasons;
  }
  if (targetId === supplierId) {
    return { ok: false, status: 400, message: `${from.name} cannot depend on itself: choose another supplier.` };
  }
  const existing = await db
    .selectFrom("dependencies")
    .select("id")
    .where("org_id", "=", orgId)
    .where("supplier_id", "=", supplierId)
    .where("depends_on_id", "=", targetId)
    .executeTakeFirst();
  if (existing) {
    return { ok: false, status: 409, message: `${from.name} already declares this sub-supplier: edit the existing line instead.` };
  }
  const inserted = await db
    .insertInto("dependencies")
    .values({
      org_id: orgId,
      supplier_id: supplierId,
      depends_on_id: targetId,
      supplies: fields.supplies,
      single_source: fields.singleSource,
      buffer_min: fields.bufferMin,
      declared_by: declaredByFor(actor),
    })
    .onConflict((oc) => oc.columns(["org_id", "supplier_id", "depends_on_id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!inserted) return { ok: false, status: 409, message: `${from.name} already declares this sub-supplier: edit the existing line instead.` };
  return { ok: true, row: (await getDependency(db, orgId, inserted.id))!, created, matched };
}

/** Loads a dependency the actor may change; others' rows are "not found" (we do not confirm they exist). */
export async function getChangeableDependency(db: Db, orgId: string, actor: Actor, id: string) {
  const row = await getDependency(db, orgId, id);
  if (!row || !canChangeDeclarationsOf(actor, row.supplier_id)) return undefined;
  return row;
}

export async function updateDependency(db: Db, orgId: string, actor: Actor, id: string, fields: Partial<DependencyFields>) {
  const row = await getChangeableDependency(db, orgId, actor, id);
  if (!row) return undefined;
  await db
    .updateTable("dependencies")
    .set({
      ...(fields.supplies !== undefined ? { supplies: fields.supplies } : {}),
      ...(fields.singleSource !== undefined ? { single_source: fields.singleSource } : {}),
      ...(fields.bufferMin !== undefined ? { buffer_min: fields.bufferMin } : {}),
      declared_by: declaredByFor(actor),
      updated_at: new Date(),
    })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
  return { before: row, after: (await getDependency(db, orgId, id))! };
}

export async function deleteDependency(db: Db, orgId: string, actor: Actor, id: string) {
  const row = await getChangeableDependency(db, orgId, actor, id);
  if (!row) return undefined;
  await db.deleteFrom("dependencies").where("org_id", "=", orgId).where("id", "=", id).execute();
  return row;
}

/** Every declaration change: audit it, then queue a recompute of the resilience results. */
export async function recordDeclarationChange(
  db: Db,
  orgId: string,
  actor: { userId: string; ip: string | null },
  action: string,
  entityType: "dependency" | "alternate",
  entityId: string,
  summary: Record<string, unknown>,
) {
  await recordAudit(db, { orgId, actorUserId: actor.userId, action, entityType, entityId, summary, ip: actor.ip });
  await requestRecompute(db, orgId, actor.userId);
}

/** Resolves a staff-entered supplier ID (external id) to the supplier's uuid. */
export async function supplierIdByExternalId(db: Db, orgId: string, externalId: string) {
  const row = await db.selectFrom("suppliers").select("id").where("org_id", "=", orgId).where("external_id", "=", externalId).executeTakeFirst();
  return row?.id ?? null;
}

/** The API shape of a dependency. */
export function dependencyJson(d: DependencyRow) {
  return {
    id: d.id,
    supplierId: d.supplier_id,
    supplierName: d.supplier_name,
    dependsOnId: d.depends_on_id,
    dependsOnName: d.depends_on_name,
    dependsOnCountry: d.depends_on_country,
    supplies: d.supplies,
    singleSource: d.single_source,
    bufferMinutes: d.buffer_min,
    declaredBy: d.declared_by,
    createdAt: d.created_at,
    updatedAt: d.updated_at,
  };
}

export function apiError(status: number, message: string): Response {
  return Response.json({ error: { status, message } }, { status, headers: { "Cache-Control": "no-store" } });
}
