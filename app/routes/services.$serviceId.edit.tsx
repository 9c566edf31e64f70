import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { ServiceForm } from "~/components/service-form";
import { db } from "~/db.server";
import { SUPPLIER_SEARCH_LIMIT, SupplierSearchSchema, minutesToFormHours } from "~/domain/services/service-form";
import { requireRole } from "~/permissions.server";
import { handleServiceEdit, listServiceSuppliers, requireService, searchSuppliersToAdd } from "~/service-actions.server";
import { isUuid } from "~/utils/misc";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.service.name ?? "service"} · Resilience portal` }];

// Same roles as supplier create/edit: procurement sets the organisation's requirements.
async function loadForEdit(request: Request, serviceId: string | undefined) {
  const current = await requireRole(request, ["procurement"]);
  const service = await requireService(current, request, serviceId);
  return { current, service };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { current, service } = await loadForEdit(request, params.serviceId);
  const { orgId } = current.membership;
  const url = new URL(request.url);
  const { q } = SupplierSearchSchema.parse({ q: url.searchParams.get("q") ?? undefined });
  const [linked, matches] = await Promise.all([
    listServiceSuppliers(db, orgId, service.id),
    q ? searchSuppliersToAdd(db, orgId, service.id, q) : Promise.resolve(null),
  ]);
  // After an add or remove, say which supplier (named from the database, not from the address).
  const changedId = url.searchParams.get("added") ?? url.searchParams.get("removed");
  const changed =
    changedId && isUuid(changedId)
      ? await db.selectFrom("suppliers").select("name").where("org_id", "=", orgId).where("id", "=", changedId).executeTakeFirst()
      : undefined;
  return {
    service: {
      id: service.id,
      name: service.name,
      externalId: service.external_id,
      owner: service.owner,
      description: service.description,
      requiredRtoHours: minutesToFormHours(service.required_rto_min),
      requiredRpoHours: minutesToFormHours(service.required_rpo_min),
      mtpdHours: minutesToFormHours(service.mtpd_min),
    },
    linked,
    q: q ?? "",
    matches,
    status: changed ? `${changed.name} ${url.searchParams.has("added") ? "added" : "removed"}. The recovery figures are being recomputed.` : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { current, service } = await loadForEdit(request, params.serviceId);
  return handleServiceEdit(request, current, service);
}

export default function EditServicePage() {
  const { service, linked, q, matches, status } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/services/${service.id}`}>← {service.name}</Link>
      </p>
      <h1>Edit {service.name}</h1>
      <ServiceForm lastResult={actionData?.result} defaults={service} submitLabel="Save changes" cancelTo={`/services/${service.id}`} />

      <h2 id="suppliers">Suppliers this service needs</h2>
      {status ? (
        <div className="alert info" role="status">
          <p style={{ margin: 0 }}>{status}</p>
        </div>
      ) : null}
      {actionData?.suppliersError ? (
        <div className="alert error" role="alert">
          <p style={{ margin: 0 }}>{actionData.suppliersError}</p>
        </div>
      ) : null}
      {linked.length === 0 ? (
        <p className="card empty">No supplier yet: this service recovers on its own until you add the suppliers it needs.</p>
      ) : (
        <table>
          <caption>{`${linked.length} supplier${linked.length === 1 ? "" : "s"}`}</caption>
          <SupplierTableHead action="Remove" />
          <tbody>
            {linked.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/suppliers/${s.id}`}>{s.name}</Link>
                  {s.status === "archived" ? <span className="muted"> (archived: not counted)</span> : null}
                </td>
                <td>{s.external_id}</td>
                <td>{s.country ?? "—"}</td>
                <td>{s.is_vendor ? "Vendor (tier 1)" : "Sub-supplier"}</td>
                <td>
                  <SupplierLinkButton intent="remove-supplier" supplier={s} q={q} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>Add a supplier</h3>
      <Form method="get" className="toolbar" role="search" aria-label="Search suppliers to add" preventScrollReset>
        <div>
          <label htmlFor="supplier-search">Search suppliers by name or ID</label>
          <input id="supplier-search" type="search" name="q" defaultValue={q} maxLength={200} />
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </Form>
      {matches === null ? null : matches.rows.length === 0 ? (
        <p className="card empty">No active supplier that is not already linked matches “{q}”.</p>
      ) : (
        <table>
          <caption>
            {matches.more
              ? `The first ${SUPPLIER_SEARCH_LIMIT} matches for “${q}”: refine the search to see others`
              : `${matches.rows.length} match${matches.rows.length === 1 ? "" : "es"} for “${q}”`}
          </caption>
          <SupplierTableHead action="Add" />
          <tbody>
            {matches.rows.map((s) => (
              <tr key={s.id}>
                <td>{s.name}</td>
                <td>{s.external_id}</td>
                <td>{s.country ?? "—"}</td>
                <td>{s.is_vendor ? "Vendor (tier 1)" : "Sub-supplier"}</td>
                <td>
                  <SupplierLinkButton intent="add-supplier" supplier={s} q={q} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Delete</h2>
      <Form method="post" className="card">
        <CsrfInput />
        <input type="hidden" name="intent" value="delete" />
        <p className="muted">
          Deleting removes the service, its supplier links and its service-specific alternates, and resolves its findings. The audit log keeps
          what it was. A portfolio import that still lists this Service ID creates it again.
        </p>
        <div className="field">
          <label>
            <input type="checkbox" name="confirmDelete" value="yes" required aria-describedby={actionData?.deleteError ? "delete-error" : undefined} />{" "}
            Delete {service.name} for good
          </label>
          {actionData?.deleteError ? (
            <p className="field-error" id="delete-error" role="alert">
              {actionData.deleteError}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button secondary">
          Delete service
        </button>
      </Form>
    </>
  );
}

/** One button that adds a supplier to the service or removes it, keeping the search in place. */
function SupplierLinkButton({ intent, supplier, q }: { intent: "add-supplier" | "remove-supplier"; supplier: { id: string; name: string }; q: string }) {
  const adding = intent === "add-supplier";
  return (
    <Form method="post" preventScrollReset>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="supplierId" value={supplier.id} />
      <input type="hidden" name="q" value={q} />
      <button type="submit" className={adding ? "button" : "button secondary"} aria-label={`${adding ? "Add" : "Remove"} ${supplier.name}`}>
        {adding ? "Add" : "Remove"}
      </button>
    </Form>
  );
}

/** The columns of both supplier tables on this page (linked suppliers, search results). */
function SupplierTableHead({ action }: { action: "Add" | "Remove" }) {
  return (
    <thead>
      <tr>
        <th scope="col">Supplier</th>
        <th scope="col">ID</th>
        <th scope="col">Country</th>
        <th scope="col">Relationship</th>
        <th scope="col">
          <span className="visually-hidden">{action}</span>
        </th>
      </tr>
    </thead>
  );
}
