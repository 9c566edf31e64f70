import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { clientIp, recordAudit } from "~/audit.server";
import { CsrfInput } from "~/components/csrf-input";
import { SupplierForm } from "~/components/supplier-form";
import { readValidatedForm } from "~/csrf.server";
import { getSupplierProfile, setSupplierStatus } from "~/data/suppliers.server";
import { db } from "~/db.server";
import { requireRole, requireSupplierAccess } from "~/permissions.server";
import { requestRecompute } from "~/resilience.server";
import { saveSupplierFromForm } from "~/supplier-actions.server";

export const meta: MetaFunction = () => [{ title: "Edit supplier · Resilience portal" }];

async function loadForEdit(request: Request, supplierId: string | undefined) {
  const current = await requireRole(request, ["procurement"]);
  await requireSupplierAccess(current, request, supplierId);
  const supplier = await getSupplierProfile(db, current.membership.orgId, supplierId!);
  if (!supplier) throw new Response("Not found", { status: 404 });
  return { current, supplier };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { supplier } = await loadForEdit(request, params.supplierId);
  return {
    supplier: {
      id: supplier.id,
      status: supplier.status,
      externalId: supplier.external_id,
      name: supplier.name,
      country: supplier.country,
      isVendor: supplier.is_vendor,
      criticality: supplier.criticality,
      contactEmail: supplier.contact_email,
      declaredRtoHours: supplier.declared_rto_min === null ? null : supplier.declared_rto_min / 60,
      declaredRpoHours: supplier.declared_rpo_min === null ? null : supplier.declared_rpo_min / 60,
      lei: supplier.lei,
      duns: supplier.duns,
      website: supplier.website,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { current, supplier } = await loadForEdit(request, params.supplierId);
  const intent = (await request.clone().formData()).get("intent");
  if (intent === "archive" || intent === "restore") {
    await readValidatedForm(request);
    const status = intent === "archive" ? "archived" : "active";
    await setSupplierStatus(db, current.membership.orgId, supplier.id, status);
    await recordAudit(db, {
      orgId: current.membership.orgId,
      actorUserId: current.user.id,
      action: `supplier.${intent === "archive" ? "archived" : "restored"}`,
      entityType: "supplier",
      entityId: supplier.id,
      summary: { before: { status: supplier.status }, after: { status } },
      ip: clientIp(request),
    });
    await requestRecompute(db, current.membership.orgId, current.user.id);
    throw redirect(`/suppliers/${supplier.id}`);
  }
  const { path: _path, dependsOn: _d, services: _s, ...before } = { path: null, ...supplier };
  return saveSupplierFromForm(request, current, { id: supplier.id, before });
}

export default function EditSupplierPage() {
  const { supplier } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>Edit {supplier.name}</h1>
      <SupplierForm
        lastResult={actionData?.result}
        duplicates={actionData?.duplicates}
        defaults={supplier}
        submitLabel="Save changes"
        cancelTo={`/suppliers/${supplier.id}`}
      />
      <h2>{supplier.status === "archived" ? "Restore" : "Archive"}</h2>
      <Form method="post">
        <CsrfInput />
        <input type="hidden" name="intent" value={supplier.status === "archived" ? "restore" : "archive"} />
        <p className="muted">
          {supplier.status === "archived"
            ? "This supplier is archived: hidden from lists and calculations."
            : "Archiving hides the supplier from lists and calculations; its history stays."}
        </p>
        <button type="submit" className="button secondary">
          {supplier.status === "archived" ? "Restore supplier" : "Archive supplier"}
        </button>
      </Form>
    </>
  );
}
