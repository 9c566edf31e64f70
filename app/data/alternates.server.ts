import type { AlternateStatus } from "../../db/schema";
import { canChangeDeclarationsOf, declaredByFor, inTransaction, type Actor, type Refusal, type SubSupplierRef } from "./dependencies.server";
import { resolveOrCreateSupplier } from "./entity-resolution.server";
import type { Db } from "./types";
import { isUuid } from "../utils/misc";

/*
 * Alternates: another supplier that can replace `replaces` as an input of `for_supplier` (declared
 * by that supplier or procurement) or as a vendor of an internal service (procurement only).
 * A vendor user may change only alternates for its own company (for_supplier_id = its supplier).
 */

function alternateQuery(db: Db, orgId: string) {
  return db
    .selectFrom("alternates as x")
    .innerJoin("suppliers as r", "r.id", "x.replaces_id")
    .innerJoin("suppliers as a", "a.id", "x.alternate_id")
    .leftJoin("suppliers as f", "f.id", "x.for_supplier_id")
    .leftJoin("internal_services as svc", "svc.id", "x.for_service_id")
    .select([
      "x.id",
      "x.replaces_id",
      "r.name as replaces_name",
      "x.alternate_id",
      "a.name as alternate_name",
      "a.country as alternate_country",
      "x.for_supplier_id",
      "f.name as for_supplier_name",
      "x.for_service_id",
      "svc.name as for_service_name",
      "x.status",
      "x.switchover_min",
      "x.capacity_pct",
      "x.declared_by",
      "x.created_at",
      "x.updated_at",
    ])
    .where("x.org_id", "=", orgId);
}

export type AlternateRow = Awaited<ReturnType<ReturnType<typeof alternateQuery>["executeTakeFirstOrThrow"]>>;

export async function listAlternates(
  db: Db,
  orgId: string,
  query: { forSupplierId?: string; forServiceId?: string; replacesId?: string; page?: number; pageSize?: number } = {},
) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 100;
  let q = alternateQuery(db, orgId);
  let c = db.selectFrom("alternates as x").select((eb) => eb.fn.countAll<string>().as("n")).where("x.org_id", "=", orgId);
  if (query.forSupplierId) {
    q = q.where("x.for_supplier_id", "=", query.forSupplierId);
    c = c.where("x.for_supplier_id", "=", query.forSupplierId);
  }
  if (query.forServiceId) {
    q = q.where("x.for_service_id", "=", query.forServiceId);
    c = c.where("x.for_service_id", "=", query.forServiceId);
  }
  if (query.replacesId) {
    q = q.where("x.replaces_id", "=", query.replacesId);
    c = c.where("x.replaces_id", "=", query.replacesId);
  }
  const [rows, total] = await Promise.all([
    q.orderBy("r.name").orderBy("a.name").orderBy("x.id").limit(pageSize).offset((page - 1) * pageSize).execute(),
    c.executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function getAlternate(db: Db, orgId: string, id: string) {
  if (!isUuid(id)) return undefined;
  return alternateQuery(db, orgId).where("x.id", "=", id).executeTakeFirst();
}

export interface AlternateFields {
  status: AlternateStatus;
  switchoverMin: number | null;
  capacityPct: number | null;
}

export type AlternateTarget = { forSupplierId: string } | { forServiceId: string };

/** Procurement changes any alternate; a vendor user only those for its own company. */
function canChange(actor: Actor, row: { for_supplier_id: string | null }) {
  if (actor.role === "procurement") return true;
  return row.for_supplier_id !== null && canChangeDeclarationsOf(actor, row.for_supplier_id);
}

/** Declares an alternate: resolves or creates the alternate supplier and inserts the line, atomically. */
export async function createAlternate(
  db: Db,
  orgId: string,
  actor: Actor,
  target: AlternateTarget,
  replacesId: string,
  alternate: SubSupplierRef,
  fields: AlternateFields,
): Promise<{ ok: true; row: AlternateRow; created: boolean } | Refusal> {
  return inTransaction(db, (trx) => createAlternateIn(trx, orgId, actor, target, replacesId, alternate, fields));
}

async function createAlternateIn(
  db: Db,
  orgId: string,
  actor: Actor,
  target: AlternateTarget,
  replacesId: string,
  alternate: SubSupplierRef,
  fields: AlternateFields,
): Promise<{ ok: true; row: AlternateRow; created: boolean } | Refusal> {
  if (!isUuid(replacesId)) return { ok: false, status: 400, message: "Choose the supplier the alternate replaces." };
  if ("forSupplierId" in target) {
    if (!canChangeDeclarationsOf(actor, target.forSupplierId)) return { ok: false, status: 404, message: "Not found." };
    // An alternate replaces one of the supplier's declared inputs.
    const dependency = await db
      .selectFrom("dependencies")
      .select("id")
      .where("org_id", "=", orgId)
      .where("supplier_id", "=", target.forSupplierId)
      .where("depends_on_id", "=", replacesId)
      .executeTakeFirst();
    if (!dependency) return { ok: false, status: 400, message: "An alternate must replace one of the supplier's declared sub-suppliers." };
  } else {
    if (actor.role !== "procurement") return { ok: false, status: 403, message: "Only procurement sets alternates for internal services." };
    if (!isUuid(target.forServiceId)) return { ok: false, status: 400, message: "Unknown service." };
    const link = await db
      .selectFrom("service_suppliers")
      .select("supplier_id")
      .where("org_id", "=", orgId)
      .where("service_id", "=", target.forServiceId)
      .where("supplier_id", "=", replacesId)
      .executeTakeFirst();
    if (!link) return { ok: false, status: 400, message: "An alternate for a service must replace one of that service's vendors." };
  }
  let alternateId: string;
  let created = false;
  if ("supplierId" in alternate) {
    if (actor.role === "vendor") return { ok: false, status: 403, message: "Declare an alternate by its name and country." };
    const row = isUuid(alternate.supplierId)
      ? await db.selectFrom("suppliers").select(["id", "status"]).where("org_id", "=", orgId).where("id", "=", alternate.supplierId).executeTakeFirst()
      : undefined;
    if (!row || row.status !== "active") return { ok: false, status: 400, message: "The alternate supplier does not exist or is archived." };
    alternateId = row.id;
  } else {
    const resolved = await resolveOrCreateSupplier(db, orgId, alternate.company);
    alternateId = resolved.id;
    created = resolved.created;
  }
  if (alternateId === replacesId) return { ok: false, status: 400, message: "A supplier cannot be its own alternate." };
  if ("forSupplierId" in target && alternateId === target.forSupplierId) {
    return { ok: false, status: 400, message: "A supplier cannot be its own alternate source." };
  }
  const inserted = await db
    .insertInto("alternates")
    .values({
      org_id: orgId,
      replaces_id: replacesId,
      alternate_id: alternateId,
      for_supplier_id: "forSupplierId" in target ? target.forSupplierId : null,
      for_service_id: "forServiceId" in target ? target.forServiceId : null,
      status: fields.status,
      switchover_min: fields.switchoverMin,
      capacity_pct: fields.capacityPct,
      declared_by: declaredByFor(actor),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { ok: true, row: (await getAlternate(db, orgId, inserted.id))!, created };
}

export async function getChangeableAlternate(db: Db, orgId: string, actor: Actor, id: string) {
  const row = await getAlternate(db, orgId, id);
  if (!row || !canChange(actor, row)) return undefined;
  return row;
}

export async function updateAlternate(db: Db, orgId: string, actor: Actor, id: string, fields: Partial<AlternateFields>) {
  const row = await getChangeableAlternate(db, orgId, actor, id);
  if (!row) return undefined;
  await db
    .updateTable("alternates")
    .set({
      ...(fields.status !== undefined ? { status: fields.status } : {}),
      ...(fields.switchoverMin !== undefined ? { switchover_min: fields.switchoverMin } : {}),
      ...(fields.capacityPct !== undefined ? { capacity_pct: fields.capacityPct } : {}),
      declared_by: declaredByFor(actor),
      updated_at: new Date(),
    })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
  return { before: row, after: (await getAlternate(db, orgId, id))! };
}

export async function deleteAlternate(db: Db, orgId: string, actor: Actor, id: string) {
  const row = await getChangeableAlternate(db, orgId, actor, id);
  if (!row) return undefined;
  await db.deleteFrom("alternates").where("org_id", "=", orgId).where("id", "=", id).execute();
  return row;
}

/** The API shape of an alternate. */
export function alternateJson(a: AlternateRow) {
  return {
    id: a.id,
    replacesId: a.replaces_id,
    replacesName: a.replaces_name,
    alternateId: a.alternate_id,
    alternateName: a.alternate_name,
    alternateCountry: a.alternate_country,
    forSupplierId: a.for_supplier_id,
    forServiceId: a.for_service_id,
    status: a.status,
    switchoverMinutes: a.switchover_min,
    capacityPct: a.capacity_pct,
    declaredBy: a.declared_by,
    createdAt: a.created_at,
    updatedAt: a.updated_at,
  };
}
