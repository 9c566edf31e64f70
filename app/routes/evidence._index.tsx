import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { db } from "~/db.server";
import { EXPIRY_WINDOWS, KIND_LABELS, daysUntil, type EvidenceKind } from "~/domain/evidence";
import { listExpiring, listPendingReview } from "~/evidence/data.server";
import { ensureEvidenceMaintenance } from "~/evidence/maintenance.server";
import { requireRole } from "~/permissions.server";

export const meta: MetaFunction = () => [{ title: "Evidence · Resilience portal" }];

const Query = z.object({ within: z.coerce.number().pipe(z.union([z.literal(30), z.literal(60), z.literal(90)])).catch(90) });

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement", "analyst"]);
  ensureEvidenceMaintenance(db);
  const { within } = Query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const asOf = new Date();
  const [pending, expiring] = await Promise.all([listPendingReview(db, current.membership.orgId), listExpiring(db, current.membership.orgId, asOf, within)]);
  return { pending, expiring, within, today: asOf.toISOString(), canReview: current.membership.role === "procurement" };
}

export default function EvidenceIndex() {
  const { pending, expiring, within, today, canReview } = useLoaderData<typeof loader>();
  const asOf = new Date(today);
  return (
    <>
      <h1>Evidence</h1>
      <h2 id="queue">Waiting for review ({pending.length})</h2>
      {pending.length === 0 ? (
        <p className="card empty">Nothing waits for review.</p>
      ) : (
        <table className="card">
          <thead>
            <tr>
              <th scope="col">Supplier</th>
              <th scope="col">Document</th>
              <th scope="col">Kind</th>
              <th scope="col">Uploaded</th>
            </tr>
          </thead>
          <tbody>
            {pending.map((e) => (
              <tr key={e.id}>
                <td>
                  <Link to={`/suppliers/${e.supplier_id}/evidence`}>{e.supplier_name}</Link>
                </td>
                <td>
                  <Link to={`/evidence/${e.id}`}>{canReview ? `Review “${e.title}”` : e.title}</Link>
                </td>
                <td>{KIND_LABELS[e.kind as EvidenceKind]}</td>
                <td>
                  {new Date(e.created_at).toLocaleDateString("en-GB")}
                  {e.uploaded_by_name ? ` by ${e.uploaded_by_name}` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 id="expiring">Expiring in the next {within} days ({expiring.length})</h2>
      <Form method="get" className="toolbar">
        <label htmlFor="within">Expiring within</label>{" "}
        <select id="within" name="within" defaultValue={String(within)}>
          {EXPIRY_WINDOWS.map((w) => (
            <option key={w} value={w}>
              {w} days
            </option>
          ))}
        </select>{" "}
        <button type="submit" className="button small secondary">
          Show
        </button>
      </Form>
      {expiring.length === 0 ? (
        <p className="card empty">No accepted evidence expires in the next {within} days.</p>
      ) : (
        <table className="card">
          <thead>
            <tr>
              <th scope="col">Expires</th>
              <th scope="col">Supplier</th>
              <th scope="col">Document</th>
              <th scope="col">Kind</th>
            </tr>
          </thead>
          <tbody>
            {expiring.map((e) => {
              const days = daysUntil(String(e.valid_to).slice(0, 10), asOf);
              return (
                <tr key={e.id}>
                  <td>
                    {String(e.valid_to).slice(0, 10)} ({days === 0 ? "today" : `in ${days} d`})
                  </td>
                  <td>
                    <Link to={`/suppliers/${e.supplier_id}/evidence`}>{e.supplier_name}</Link>
                  </td>
                  <td>
                    <Link to={`/evidence/${e.id}`}>{e.title}</Link>
                  </td>
                  <td>{KIND_LABELS[e.kind as EvidenceKind]}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
