import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/permissions.server";
import { listServices } from "~/data/services.server";
import { db } from "~/db.server";
import { formatMinutes } from "~/utils/misc";

export const meta: MetaFunction = () => [{ title: "Internal services · Resilience portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement", "analyst"]);
  return { services: await listServices(db, current.membership.orgId) };
}

export default function ServicesPage() {
  const { services } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Internal services</h1>
      <p className="muted">Requirements from the business impact analysis (BIA).</p>
      {services.length === 0 ? (
        <p className="card empty">No internal services yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">ID</th>
              <th scope="col">Service</th>
              <th scope="col">Owner</th>
              <th scope="col" className="num">Required RTO</th>
              <th scope="col" className="num">Required RPO</th>
              <th scope="col" className="num">MTPD</th>
              <th scope="col" className="num">Vendors</th>
            </tr>
          </thead>
          <tbody>
            {services.map((s) => (
              <tr key={s.id}>
                <td>{s.external_id}</td>
                <td>{s.name}</td>
                <td>{s.owner ?? "—"}</td>
                <td className="num">{formatMinutes(s.required_rto_min)}</td>
                <td className="num">{formatMinutes(s.required_rpo_min)}</td>
                <td className="num">{formatMinutes(s.mtpd_min)}</td>
                <td className="num">{s.supplier_count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
