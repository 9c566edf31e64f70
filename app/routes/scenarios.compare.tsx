import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ImpactBadge } from "~/components/impact-label";
import { getScenario } from "~/data/scenarios.server";
import { db } from "~/db.server";
import { requireRole } from "~/permissions.server";
import { formatMinutes } from "~/utils/misc";

export const meta: MetaFunction = () => [{ title: "Compare scenarios · Resilience portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement", "analyst"]);
  const ids = new URL(request.url).searchParams.getAll("id").slice(0, 4);
  const scenarios = (await Promise.all(ids.map((id) => getScenario(db, current.membership.orgId, id)))).filter((s) => s !== undefined);
  if (scenarios.length < 2) throw new Response("Choose two to four saved scenarios to compare.", { status: 400 });
  // One row per service hit in any scenario.
  const services = new Map<string, string>();
  for (const s of scenarios) for (const impact of s.result.services) if (impact.status !== "unaffected") services.set(impact.serviceId, impact.name);
  return { scenarios, services: [...services.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)) };
}

export default function CompareScenarios() {
  const { scenarios, services } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/scenarios">← Scenarios</Link>
      </p>
      <h1>Compare scenarios</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">Service</th>
            {scenarios.map((s) => (
              <th key={s.id} scope="col">
                <Link to={`/scenarios/${s.id}`}>{s.name}</Link>
                <div className="muted">{`${s.params.label}, ${formatMinutes(s.params.durationMin)}`}</div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {services.map((service) => (
            <tr key={service.id}>
              <th scope="row">{service.name}</th>
              {scenarios.map((s) => {
                const impact = s.result.services.find((x) => x.serviceId === service.id);
                return (
                  <td key={s.id}>
                    {impact ? <ImpactBadge status={impact.status} /> : "—"} {impact && impact.downtimeMin ? formatMinutes(impact.downtimeMin) : ""}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
