import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getSupplyGraph } from "~/data/supply-graph-cache.server";
import { db } from "~/db.server";
import { computeConcentration, singlePointsOfFailure } from "~/domain/supply-map";
import { requireRole } from "~/permissions.server";

export const meta: MetaFunction = () => [{ title: "Concentration · Resilience portal" }];

const ROWS = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement", "analyst"]);
  const snapshot = await getSupplyGraph(db, current.membership.orgId);
  // The same for every request until the graph changes, so it is worked out once per version.
  return snapshot.derive("concentration-page", () => {
    const result = computeConcentration(snapshot.graph);
    const serviceName = new Map(snapshot.input.services.map((s) => [s.id, s.name]));
    const spof = singlePointsOfFailure(result)
      .slice(0, ROWS)
      .map((s) => ({ ...s, unprotectedServiceNames: s.unprotectedServiceIds.slice(0, 5).map((id) => serviceName.get(id) ?? id) }));
    return {
      cap: result.cap,
      suppliers: result.suppliers.filter((s) => s.vendors >= 2 || s.services >= 2).slice(0, ROWS),
      countries: result.countries.slice(0, ROWS),
      spof,
    };
  });
}

export default function ConcentrationPage() {
  const { cap, suppliers, countries, spof } = useLoaderData<typeof loader>();
  const n = (value: number, capped = false) => (capped && value >= cap ? `${cap}+` : String(value));
  return (
    <>
      <h1>Concentration</h1>
      <p className="muted">
        Suppliers and countries that many vendors or internal services rely on, directly or further down their chains, and single points of
        failure. Figures follow the current dependencies; <Link to="/map">see them on the map</Link>.
      </p>

      <h2 id="suppliers">Suppliers behind many vendors or services</h2>
      {suppliers.length === 0 ? (
        <p className="card empty">No supplier is shared by two or more vendors or services.</p>
      ) : (
        <table aria-labelledby="suppliers">
          <thead>
            <tr>
              <th scope="col">Supplier</th>
              <th scope="col">Country</th>
              <th scope="col" className="num">Tier</th>
              <th scope="col" className="num">Vendors relying on it</th>
              <th scope="col" className="num">of which critical</th>
              <th scope="col" className="num">Services</th>
              <th scope="col">Alternate</th>
            </tr>
          </thead>
          <tbody>
            {suppliers.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/suppliers/${s.id}`}>{s.name}</Link>
                </td>
                <td>{s.country ?? "—"}</td>
                <td className="num">{s.tier ?? "—"}</td>
                <td className="num">{n(s.vendors, s.capped)}</td>
                <td className="num">{n(s.criticalVendors, s.capped)}</td>
                <td className="num">{n(s.services, s.capped)}</td>
                <td>{s.alternate ? s.alternate : <span className="badge warn">None</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="countries">Countries</h2>
      {countries.length === 0 ? (
        <p className="card empty">No supplier has a country.</p>
      ) : (
        <table aria-labelledby="countries">
          <thead>
            <tr>
              <th scope="col">Country</th>
              <th scope="col" className="num">Suppliers there</th>
              <th scope="col" className="num">Vendors with it in their chain</th>
              <th scope="col" className="num">of which critical</th>
              <th scope="col" className="num">Services</th>
            </tr>
          </thead>
          <tbody>
            {countries.map((c) => (
              <tr key={c.country}>
                <td>
                  <Link to={`/map?country=${c.country}`}>{c.country}</Link>
                </td>
                <td className="num">{c.suppliers}</td>
                <td className="num">{c.vendors}</td>
                <td className="num">{c.criticalVendors}</td>
                <td className="num">{c.services}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="spof">Single points of failure</h2>
      <p className="muted">A supplier whose loss breaks a service because no step between the service and it has a qualified alternate.</p>
      {spof.length === 0 ? (
        <p className="card empty">None: every chain has a qualified alternate somewhere.</p>
      ) : (
        <table aria-labelledby="spof">
          <thead>
            <tr>
              <th scope="col">Supplier</th>
              <th scope="col">Country</th>
              <th scope="col" className="num">Tier</th>
              <th scope="col" className="num">Services it can break</th>
              <th scope="col">Which</th>
            </tr>
          </thead>
          <tbody>
            {spof.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/suppliers/${s.id}`}>{s.name}</Link>
                </td>
                <td>{s.country ?? "—"}</td>
                <td className="num">{s.tier ?? "—"}</td>
                <td className="num">{n(s.unprotectedServices, s.capped)}</td>
                <td>
                  {s.unprotectedServiceNames.join(", ")}
                  {s.unprotectedServices > s.unprotectedServiceNames.length ? " …" : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
