import { parseWithZod } from "@conform-to/zod";
import { data, redirect } from "@remix-run/node";
import { clientIp, recordAudit } from "./audit.server";
import type { OrgUser } from "./auth.server";
import { readValidatedForm } from "./csrf.server";
import { createSupplier, findDuplicateSuppliers, isExternalIdTaken, updateSupplier } from "./data/suppliers.server";
import { db } from "./db.server";
import { SupplierFormSchema } from "./domain/supplier-form";
import { requestRecompute } from "./resilience.server";

/**
 * Shared by the create and edit pages: validate, refuse a taken ID, warn about likely duplicates
 * (unless the user confirmed), save, audit with before/after, and go to the supplier's page.
 */
export async function saveSupplierFromForm(request: Request, current: OrgUser, existing?: { id: string; before: Record<string, unknown> }) {
  const formData = await readValidatedForm(request);
  const submission = parseWithZod(formData, { schema: SupplierFormSchema, disableAutoCoercion: true });
  if (submission.status !== "success") return data({ result: submission.reply(), duplicates: [] }, { status: 400 });
  const fields = submission.value;
  const { orgId } = current.membership;

  if (await isExternalIdTaken(db, orgId, fields.externalId, existing?.id)) {
    return data(
      { result: submission.reply({ fieldErrors: { externalId: ["Another supplier already has this ID"] } }), duplicates: [] },
      { status: 409 },
    );
  }
  if (formData.get("confirmNotDuplicate") !== "yes") {
    const duplicates = await findDuplicateSuppliers(db, orgId, fields, existing?.id);
    if (duplicates.length) return data({ result: submission.reply(), duplicates }, { status: 409 });
  }

  const saved = await db.transaction().execute(async (trx) => {
    const row = existing ? await updateSupplier(trx, orgId, existing.id, fields) : await createSupplier(trx, orgId, fields);
    if (!row) return null;
    await recordAudit(trx, {
      orgId,
      actorUserId: current.user.id,
      action: existing ? "supplier.updated" : "supplier.created",
      entityType: "supplier",
      entityId: row.id,
      summary: existing ? { before: existing.before, after: fields } : { after: fields },
      ip: clientIp(request),
    });
    return row;
  });
  if (!saved) throw new Response("Not found", { status: 404 });
  await requestRecompute(db, orgId, current.user.id);
  throw redirect(`/suppliers/${saved.id}`);
}
