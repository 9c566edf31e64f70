import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { getSupplierProfile } from "~/data/suppliers.server";
import { db } from "~/db.server";
import { requireSupplierAccess } from "~/permissions.server";
import { formatMinutes } from "~/utils/misc";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.supplier.name ?? "Supplier"} · Resilience portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  await requireSupplierAccess(current, request, params.supplierId);
  const supplier = await getSupplierProfile(db, current.membership.orgId, params.supplierId!);
  if (!supplier) throw new Response("Not found", { status: 404 });
  return { supplier, canBrowseRegistry: current.membership.role !== "vendor" };
}

export default function SupplierPage() {
  const { supplier, canBrowseRegistry } = useLoaderData<typeof loader>();
  return (
    <>
      {canBrowseRegistry ? (
        <p>
          <Link to="/suppliers">← Suppliers</Link>
        </p>
      ) : null}
      <h1>{supplier.name}</h1>
      <div className="grid">
        <dl className="facts card">
          <dt>ID</dt>
          <dd>{supplier.external_id}</dd>
          <dt>Country</dt>
          <dd>{supplier.country ?? "—"}</dd>
          <dt>Relationship</dt>
          <dd>{supplier.is_vendor ? "Vendor (tier 1)" : "Sub-supplier"}</dd>
          <dt>Criticality</dt>
          <dd>{supplier.criticality}</dd>
          <dt>Website</dt>
          <dd>{supplier.website ?? "—"}</dd>
          <dt>LEI</dt>
          <dd>{supplier.lei ?? "—"}</dd>
          <dt>DUNS</dt>
          <dd>{supplier.duns ?? "—"}</dd>
        </dl>
        <dl className="facts card">
          <dt>Declared RTO</dt>
          <dd>{formatMinutes(supplier.declared_rto_min)}</dd>
          <dt>Declared RPO</dt>
          <dd>{formatMinutes(supplier.declared_rpo_min)}</dd>
          <dt>Tested RTO</dt>
          <dd>{formatMinutes(supplier.tested_rto_min)}</dd>
          <dt>Tested RPO</dt>
          <dd>{formatMinutes(supplier.tested_rpo_min)}</dd>
          <dt>Last DR test</dt>
          <dd>{supplier.tested_at ? new Date(supplier.tested_at).toLocaleDateString("en-GB") : "—"}</dd>
        </dl>
      </div>
      <h2>Depends on</h2>
      {supplier.dependsOn.length === 0 ? (
        <p className="card empty">No sub-suppliers declared.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Supplier</th>
              <th scope="col">Supplies</th>
              <th scope="col">Single source</th>
              <th scope="col" className="num">Buffer</th>
              <th scope="col" className="num">Declared RTO</th>
            </tr>
          </thead>
          <tbody>
            {supplier.dependsOn.map((d) => (
              <tr key={d.id}>
                <td>{canBrowseRegistry ? <Link to={`/suppliers/${d.supplier_id}`}>{d.name}</Link> : d.name}</td>
                <td>{d.supplies || "—"}</td>
                <td>{d.single_source ? <span className="badge warn">Single source</span> : "No"}</td>
                <td className="num">{formatMinutes(d.buffer_min)}</td>
                <td className="num">{formatMinutes(d.declared_rto_min)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canBrowseRegistry ? (
        <>
          <h2>Internal services that need it</h2>
          {supplier.services.length === 0 ? (
            <p className="card empty">No internal service depends on this supplier directly.</p>
          ) : (
            <ul>
              {supplier.services.map((s) => (
                <li key={s.id}>
                  {s.name} (required RTO {formatMinutes(s.required_rto_min)}, RPO {formatMinutes(s.required_rpo_min)})
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </>
  );
}
