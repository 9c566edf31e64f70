import { parseWithZod } from "@conform-to/zod";
import { data, redirect } from "@remix-run/node";
import { sql } from "kysely";
import { clientIp, recordAudit } from "./audit.server";
import type { OrgUser } from "./auth.server";
import { readValidatedForm } from "./csrf.server";
import type { Db } from "./data/types";
import { db } from "./db.server";
import { SUPPLIER_SEARCH_LIMIT, ServiceFormSchema, type ServiceFormValues } from "./domain/services/service-form";
import { requestRecompute } from "./resilience.server";
import { isUuid } from "./utils/misc";

/*
 * Creating, editing and deleting internal services (the BIA) and the suppliers each one needs.
 * Every change is audited and queues a recompute, as supplier edits do.
 */

function serviceColumns(fields: ServiceFormValues) {
  return {
    external_id: fields.externalId,
    name: fields.name,
    owner: fields.owner,
    description: fields.description,
    required_rto_min: fields.requiredRtoMin,
    required_rpo_min: fields.requiredRpoMin,
    mtpd_min: fields.mtpdMin,
  };
}

export async function getServiceForEdit(db: Db, orgId: string, serviceId: string) {
  if (!isUuid(serviceId)) return undefined;
  return db
    .selectFrom("internal_services")
    .select(["id", "external_id", "name", "owner", "description", "required_rto_min", "required_rpo_min", "mtpd_min"])
    .where("org_id", "=", orgId)
    .where("id", "=", serviceId)
    .executeTakeFirst();
}

/** The suppliers a service needs, archived ones included (they stay linked but do not count). */
export async function listServiceSuppliers(db: Db, orgId: string, serviceId: string) {
  return db
    .selectFrom("service_suppliers as ss")
    .innerJoin("suppliers as s", (join) => join.onRef("s.id", "=", "ss.supplier_id").onRef("s.org_id", "=", "ss.org_id"))
    .select(["s.id", "s.external_id", "s.name", "s.country", "s.is_vendor", "s.status"])
    .where("ss.org_id", "=", orgId)
    .where("ss.service_id", "=", serviceId)
    .orderBy("s.name")
    .orderBy("s.id")
    .execute();
}

/**
 * Active suppliers whose name or ID contains `q` (the supplier list's search), not yet linked to the
 * service, in name order; a supplier whose ID is exactly `q` comes first (people paste IDs). Name
 * order lets the (org, status, name) index stop after the first few matches, so a common word stays
 * fast on 50,000 suppliers. Fetches one more than the limit so the page can say there are more.
 */
export async function searchSuppliersToAdd(db: Db, orgId: string, serviceId: string, q: string) {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const base = db
    .selectFrom("suppliers as s")
    .select(["s.id", "s.external_id", "s.name", "s.country", "s.is_vendor"])
    .where("s.org_id", "=", orgId)
    .where("s.status", "=", "active")
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("service_suppliers as ss")
            .select(sql`1`.as("one"))
            .whereRef("ss.supplier_id", "=", "s.id")
            .where("ss.service_id", "=", serviceId)
            .where("ss.org_id", "=", orgId),
        ),
      ),
    );
  const [exact, contains] = await Promise.all([
    base.where("s.external_id", "=", q).execute(),
    base
      .where((eb) => eb.or([eb("s.name", "ilike", pattern), eb("s.external_id", "ilike", pattern)]))
      .orderBy("s.name")
      .orderBy("s.id")
      .limit(SUPPLIER_SEARCH_LIMIT + 1)
      .execute(),
  ]);
  const rows = [...exact, ...contains.filter((r) => !exact.some((e) => e.id === r.id))];
  return { rows: rows.slice(0, SUPPLIER_SEARCH_LIMIT), more: rows.length > SUPPLIER_SEARCH_LIMIT };
}

export async function isServiceExternalIdTaken(db: Db, orgId: string, externalId: string, excludeId?: string) {
  const row = await db
    .selectFrom("internal_services")
    .select("id")
    .where("org_id", "=", orgId)
    .where("external_id", "=", externalId)
    .$if(Boolean(excludeId), (qb) => qb.where("id", "<>", excludeId!))
    .executeTakeFirst();
  return Boolean(row);
}

/** The service, when it belongs to the user's organisation; anything else is an audited 404. */
export async function requireService(current: OrgUser, request: Request, serviceId: string | undefined) {
  const service = await getServiceForEdit(db, current.membership.orgId, serviceId ?? "");
  if (!service) {
    await recordAudit(db, {
      orgId: current.membership.orgId,
      actorUserId: current.user.id,
      action: "permission.denied",
      summary: { path: new URL(request.url).pathname, method: request.method, serviceId: serviceId ?? null },
      ip: clientIp(request),
    });
    throw new Response("Not found", { status: 404 });
  }
  return service;
}

type ExistingService = NonNullable<Awaited<ReturnType<typeof getServiceForEdit>>>;

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";
}

/**
 * Shared by the create and edit pages: validate (RTO ≤ MTPD, hours ≥ 0), refuse a taken Service ID,
 * save, audit with before/after, queue a recompute, and go to the service's page.
 */
export async function saveServiceFromForm(request: Request, current: OrgUser, formData: FormData, existing?: ExistingService) {
  const submission = parseWithZod(formData, { schema: ServiceFormSchema, disableAutoCoercion: true });
  if (submission.status !== "success") return data({ result: submission.reply(), suppliersError: undefined, deleteError: undefined }, { status: 400 });
  const fields = submission.value;
  const { orgId } = current.membership;
  const taken = () =>
    data(
      { result: submission.reply({ fieldErrors: { externalId: ["Another service already has this Service ID"] } }), suppliersError: undefined, deleteError: undefined },
      { status: 409 },
    );

  if (await isServiceExternalIdTaken(db, orgId, fields.externalId, existing?.id)) return taken();

  let saved: { id: string } | undefined;
  try {
    saved = await db.transaction().execute(async (trx) => {
      const row = existing
        ? await trx
            .updateTable("internal_services")
            .set({ ...serviceColumns(fields), updated_at: new Date() })
            .where("org_id", "=", orgId)
            .where("id", "=", existing.id)
            .returning(["id"])
            .executeTakeFirst()
        : await trx
            .insertInto("internal_services")
            .values({ org_id: orgId, ...serviceColumns(fields) })
            .returning(["id"])
            .executeTakeFirstOrThrow();
      if (!row) return undefined;
      await recordAudit(trx, {
        orgId,
        actorUserId: current.user.id,
        action: existing ? "service.updated" : "service.created",
        entityType: "service",
        entityId: row.id,
        summary: existing ? { before: existing, after: fields } : { after: fields },
        ip: clientIp(request),
      });
      return row;
    });
  } catch (error) {
    // Two people saving the same new ID at once: the unique key decides, the loser gets the same message.
    if (isUniqueViolation(error)) return taken();
    throw error;
  }
  if (!saved) throw new Response("Not found", { status: 404 });
  await requestRecompute(db, orgId, current.user.id);
  throw redirect(`/services/${saved.id}`);
}

/** Links a supplier of the same organisation to the service (a second add changes nothing). */
async function addSupplier(request: Request, current: OrgUser, service: ExistingService, supplierId: string) {
  const { orgId } = current.membership;
  const supplier = isUuid(supplierId)
    ? await db
        .selectFrom("suppliers")
        .select(["id", "name", "external_id"])
        .where("org_id", "=", orgId)
        .where("id", "=", supplierId)
        .where("status", "=", "active")
        .executeTakeFirst()
    : undefined;
  if (!supplier) return { ok: false as const, message: "That supplier was not found (it may have been archived). Search again." };
  const added = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("service_suppliers")
      .values({ org_id: orgId, service_id: service.id, supplier_id: supplier.id })
      .onConflict((oc) => oc.columns(["service_id", "supplier_id"]).doNothing())
      .returning("supplier_id")
      .executeTakeFirst();
    if (!inserted) return false;
    await recordAudit(trx, {
      orgId,
      actorUserId: current.user.id,
      action: "service.supplier_added",
      entityType: "service",
      entityId: service.id,
      summary: { supplierId: supplier.id, supplierExternalId: supplier.external_id, supplierName: supplier.name },
      ip: clientIp(request),
    });
    return true;
  });
  if (added) await requestRecompute(db, orgId, current.user.id);
  return { ok: true as const };
}

async function removeSupplier(request: Request, current: OrgUser, service: ExistingService, supplierId: string) {
  const { orgId } = current.membership;
  if (!isUuid(supplierId)) return { ok: false as const, message: "That supplier is not linked to this service." };
  const removed = await db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom("service_suppliers")
      .where("org_id", "=", orgId)
      .where("service_id", "=", service.id)
      .where("supplier_id", "=", supplierId)
      .returning("supplier_id")
      .executeTakeFirst();
    if (!row) return null;
    const supplier = await trx.selectFrom("suppliers").select(["name", "external_id"]).where("org_id", "=", orgId).where("id", "=", supplierId).executeTakeFirst();
    await recordAudit(trx, {
      orgId,
      actorUserId: current.user.id,
      action: "service.supplier_removed",
      entityType: "service",
      entityId: service.id,
      summary: { supplierId, supplierExternalId: supplier?.external_id ?? null, supplierName: supplier?.name ?? null },
      ip: clientIp(request),
    });
    return true;
  });
  if (!removed) return { ok: false as const, message: "That supplier is not linked to this service." };
  await requestRecompute(db, orgId, current.user.id);
  return { ok: true as const };
}

/**
 * Deletes the service. Its links, service-specific alternates and stored result go with it (the
 * foreign keys cascade); its findings are resolved by the recompute; the audit log keeps what it was.
 */
async function deleteService(request: Request, current: OrgUser, service: ExistingService) {
  const { orgId } = current.membership;
  await db.transaction().execute(async (trx) => {
    const links = await trx
      .selectFrom("service_suppliers")
      .select("supplier_id")
      .where("org_id", "=", orgId)
      .where("service_id", "=", service.id)
      .execute();
    await trx.deleteFrom("internal_services").where("org_id", "=", orgId).where("id", "=", service.id).execute();
    await recordAudit(trx, {
      orgId,
      actorUserId: current.user.id,
      action: "service.deleted",
      entityType: "service",
      entityId: service.id,
      summary: { before: { ...service, supplierIds: links.map((l) => l.supplier_id) } },
      ip: clientIp(request),
    });
  });
  await requestRecompute(db, orgId, current.user.id);
}

/** The edit page's action: save the form, add or remove a supplier, or delete the service. */
export async function handleServiceEdit(request: Request, current: OrgUser, service: ExistingService) {
  const formData = await readValidatedForm(request);
  const intent = formData.get("intent");
  const supplierId = String(formData.get("supplierId") ?? "");
  if (intent === "add-supplier" || intent === "remove-supplier") {
    const outcome =
      intent === "add-supplier"
        ? await addSupplier(request, current, service, supplierId)
        : await removeSupplier(request, current, service, supplierId);
    if (!outcome.ok) return data({ result: undefined, suppliersError: outcome.message, deleteError: undefined }, { status: 400 });
    // Back to the same search, so several suppliers can be added in a row without JavaScript; the
    // page names the supplier from the database (never echoes text from the address).
    const q = String(formData.get("q") ?? "").slice(0, 200);
    const search = new URLSearchParams({ ...(q ? { q } : {}), [intent === "add-supplier" ? "added" : "removed"]: supplierId });
    throw redirect(`/services/${service.id}/edit?${search}#suppliers`);
  }
  if (intent === "delete") {
    if (formData.get("confirmDelete") !== "yes") {
      return data(
        { result: undefined, suppliersError: undefined, deleteError: "Tick the box to confirm that the service should be deleted." },
        { status: 400 },
      );
    }
    await deleteService(request, current, service);
    throw redirect("/services");
  }
  return saveServiceFromForm(request, current, formData, service);
}
