import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ImpactBadge } from "~/components/impact-label";
import { PathView, pathIds, type StoredPathStep } from "~/components/path";
import { getScenario } from "~/data/scenarios.server";
import { namesForIds } from "~/data/services.server";
import { db } from "~/db.server";
import { requireRole } from "~/permissions.server";
import { formatMinutes } from "~/utils/misc";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.scenario.name ?? "Scenario"} · Resilience portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement", "analyst"]);
  const scenario = await getScenario(db, current.membership.orgId, params.scenarioId ?? "");
  if (!scenario) throw new Response("Not found", { status: 404 });
  const ids = [
    ...scenario.result.outSupplierIds,
    ...scenario.result.services.flatMap((s) => [...pathIds(s.path as StoredPathStep[]), ...s.savedBy.flatMap((a) => [a.alternateId, a.replacesId])]),
  ];
  return { scenario, names: await namesForIds(db, current.membership.orgId, ids) };
}

const after = (minutes: number | null) => (minutes === null ? "—" : `after ${formatMinutes(minutes)}`);

export default function ScenarioPage() {
  const { scenario, names } = useLoaderData<typeof loader>();
  const { result, params } = scenario;
  const hit = result.services.filter((s) => s.status !== "unaffected");
  return (
    <>
      <p>
        <Link to="/scenarios">← Scenarios</Link>
      </p>
      <h1>{scenario.name}</h1>
      <p>
        {`Out for ${formatMinutes(params.durationMin)}: `}
        {result.outSupplierIds.length === 0
          ? "no supplier matched."
          : result.outSupplierIds.map((id) => names[id] ?? id).join(", ")}
      </p>
      <p className="card">{`${hit.length} of ${result.services.length} services hit; ${result.services.filter((s) => s.status === "gap" || s.status === "beyond_mtpd").length} exceed their RTO; ${result.services.filter((s) => s.status === "beyond_mtpd").length} exceed their MTPD.`}</p>
      {hit.length === 0 ? (
        <p className="card empty">No internal service is affected: buffers and qualified alternates cover this outage.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Impact</th>
              <th scope="col" className="num">Down for</th>
              <th scope="col">Goes down</th>
              <th scope="col">Exceeds RTO</th>
              <th scope="col">Exceeds MTPD</th>
              <th scope="col">Would be saved by</th>
              <th scope="col">Path</th>
            </tr>
          </thead>
          <tbody>
            {hit.map((s) => (
              <tr key={s.serviceId}>
                <td>
                  <Link to={`/services/${s.serviceId}`}>{s.name}</Link>
                  <div className="muted">{`RTO ${formatMinutes(s.requiredRtoMin)}, MTPD ${formatMinutes(s.mtpdMin)}`}</div>
                </td>
                <td>
                  <ImpactBadge status={s.status} />
                </td>
                <td className="num">{formatMinutes(s.downtimeMin)}</td>
                <td>{after(s.goesDownAfterMin)}</td>
                <td>{after(s.exceedsRtoAfterMin)}</td>
                <td>{after(s.exceedsMtpdAfterMin)}</td>
                <td>
                  {s.savedBy.length === 0
                    ? "—"
                    : s.savedBy.map((a) => `${names[a.alternateId] ?? "alternate"} for ${names[a.replacesId] ?? "supplier"} (${a.status}, ${formatMinutes(a.switchoverMin)}) once qualified`).join("; ")}
                </td>
                <td>
                  <PathView steps={s.path as StoredPathStep[]} names={names} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
