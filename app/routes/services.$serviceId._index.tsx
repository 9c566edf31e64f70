import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PathView, pathIds, type StoredPathStep } from "~/components/path";
import { StatusBadge } from "~/components/status-badge";
import { getServiceDetail, namesForIds } from "~/data/services.server";
import { db } from "~/db.server";
import { requireRole } from "~/permissions.server";
import { formatMinutes, isUuid } from "~/utils/misc";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.service.name ?? "Service"} · Resilience portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement", "analyst"]);
  // A strict UUID check first: anything else is simply not found (never a database error).
  const id = params.serviceId ?? "";
  const service = isUuid(id) ? await getServiceDetail(db, current.membership.orgId, id) : undefined;
  if (!service) throw new Response("Not found", { status: 404 });
  const path = (service.path ?? []) as StoredPathStep[];
  return {
    service,
    path,
    names: await namesForIds(db, current.membership.orgId, pathIds(path)),
    canEdit: current.membership.role === "procurement",
  };
}

export default function ServicePage() {
  const { service, path, names, canEdit } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/services">← Internal services</Link>
      </p>
      <h1>{service.name}</h1>
      <p className="muted">
        Service ID {service.external_id}
        {canEdit ? (
          <>
            {" · "}
            <Link to={`/services/${service.id}/edit`}>Edit</Link>
          </>
        ) : null}
      </p>
      {service.description ? <p>{service.description}</p> : null}
      <div className="grid">
        <dl className="facts card">
          <dt>Owner</dt>
          <dd>{service.owner ?? "—"}</dd>
          <dt>Required RTO</dt>
          <dd>{formatMinutes(service.required_rto_min)}</dd>
          <dt>MTPD</dt>
          <dd>{formatMinutes(service.mtpd_min)}</dd>
          <dt>Required RPO</dt>
          <dd>{formatMinutes(service.required_rpo_min)}</dd>
        </dl>
        <dl className="facts card">
          <dt>Can recover in</dt>
          <dd>
            {formatMinutes(service.recovery_min)} <StatusBadge status={service.rto_status} />
          </dd>
          <dt>RPO achieved</dt>
          <dd>
            {formatMinutes(service.rpo_min)} <StatusBadge status={service.rpo_status} />
          </dd>
          <dt>Computed</dt>
          <dd>{service.computed_at ? new Date(service.computed_at).toISOString().replace("T", " ").slice(0, 16) + " UTC" : "not yet"}</dd>
        </dl>
      </div>
      <h2>Why: the chain that sets the recovery time</h2>
      <div className="card">
        <PathView steps={path} names={names} />
      </div>
      <h2>Vendors this service needs</h2>
      {service.vendors.length === 0 ? (
        <p className="card empty">
          This service depends on no supplier (it recovers on its own).
          {canEdit ? (
            <>
              {" "}
              <Link to={`/services/${service.id}/edit#suppliers`}>Add the suppliers it needs</Link>
            </>
          ) : null}
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Vendor</th>
              <th scope="col">Country</th>
              <th scope="col">Criticality</th>
              <th scope="col" className="num">Effective RTO</th>
              <th scope="col" className="num">RPO</th>
              <th scope="col" className="num">Risk score</th>
            </tr>
          </thead>
          <tbody>
            {service.vendors.map((v) => (
              <tr key={v.id}>
                <td>
                  <Link to={`/suppliers/${v.id}`}>{v.name}</Link>
                </td>
                <td>{v.country ?? "—"}</td>
                <td>{v.criticality}</td>
                <td className="num">{formatMinutes(v.effective_rto_min)}</td>
                <td className="num">{formatMinutes(v.rpo_min)}</td>
                <td className="num">{v.risk_score ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
