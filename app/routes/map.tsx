import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import { GraphCanvas } from "~/components/map/graph-canvas";
import { MapLegend } from "~/components/map/legend";
import { StatusBadge } from "~/components/status-badge";
import { getSupplyGraph } from "~/data/supply-graph-cache.server";
import { db } from "~/db.server";
import { DEFAULT_NODE_CAP, type MapEdge, type MapNode } from "~/domain/supply-map";
import { graphDataUrl, mapFilters, parseMapQuery } from "~/domain/supply-map/map-query";
import { requireRole } from "~/permissions.server";
import { formatMinutes } from "~/utils/misc";

export const meta: MetaFunction = () => [{ title: "Supply-chain map · Resilience portal" }];

const TABLE_PAGE_SIZE = 500;

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement", "analyst"]);
  const { orgId } = current.membership;
  const query = parseMapQuery(new URL(request.url));
  const snapshot = await getSupplyGraph(db, orgId);
  const { input } = snapshot;
  const filters = mapFilters(query);
  const table = query.view === "table";
  const view = snapshot.view(filters, table ? Number.MAX_SAFE_INTEGER : DEFAULT_NODE_CAP);

  // The table pages through every node; each row lists what it relies on and who relies on it (within the view).
  const names = new Map(view.nodes.map((n) => [n.id, n.name]));
  let rows: (MapNode & { reliesOn: string[]; neededBy: string[] })[] = [];
  let pages = 1;
  if (table) {
    pages = Math.max(1, Math.ceil(view.nodes.length / TABLE_PAGE_SIZE));
    const slice = view.nodes.slice((query.page - 1) * TABLE_PAGE_SIZE, query.page * TABLE_PAGE_SIZE);
    const wanted = new Set(slice.map((n) => n.id));
    const out = new Map<string, string[]>();
    const inn = new Map<string, string[]>();
    for (const e of view.edges) {
      if (wanted.has(e.source)) (out.get(e.source) ?? out.set(e.source, []).get(e.source)!).push(names.get(e.target) ?? "?");
      if (wanted.has(e.target)) (inn.get(e.target) ?? inn.set(e.target, []).get(e.target)!).push(names.get(e.source) ?? "?");
    }
    rows = slice.map((n) => ({ ...n, reliesOn: out.get(n.id) ?? [], neededBy: inn.get(n.id) ?? [] }));
  }
  const countries = snapshot.countries();
  const focus = query.supplier ? input.suppliers.find((s) => s.id === query.supplier)?.name ?? null : null;
  return {
    query,
    focus,
    services: input.services.map((s) => ({ id: s.id, name: s.name })),
    countries,
    // The graph view's nodes and edges come from /map/graph.json (fetched in the browser).
    graphUrl: table || view.nodes.length === 0 ? null : graphDataUrl(query),
    rows,
    pages,
    totalNodes: view.totalNodes,
    truncated: !table && view.truncated,
    deepestTier: view.deepestTier,
    cycles: view.cycles,
    cap: DEFAULT_NODE_CAP,
  };
}

function severityText(node: { kind: string; worstSeverity: string | null }) {
  if (node.kind === "service") return "Internal service";
  return node.worstSeverity ? `${node.worstSeverity} finding open` : "No open finding";
}

const NO_NODES: MapNode[] = [];
const NO_EDGES: MapEdge[] = [];

/** Fetches the graph view's nodes and edges (see map_.graph[.]json.ts) whenever the filters change. */
function useGraphData(url: string | null) {
  const [state, setState] = useState<{ url: string | null; data: { nodes: MapNode[]; edges: MapEdge[] } | null; failed: boolean }>({
    url: null,
    data: null,
    failed: false,
  });
  useEffect(() => {
    if (!url) return;
    const controller = new AbortController();
    fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))))
      .then((data: { nodes: MapNode[]; edges: MapEdge[] }) => setState({ url, data, failed: false }))
      .catch(() => {
        if (!controller.signal.aborted) setState({ url, data: null, failed: true });
      });
    return () => controller.abort();
  }, [url]);
  // Data fetched for other filters is not shown while the new data loads.
  return state.url === url ? state : { url, data: null, failed: false };
}

export default function MapPage() {
  const data = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const [selected, setSelected] = useState<string | null>(null);
  const table = data.query.view === "table";
  const withView = (view: "graph" | "table", page?: number) => {
    const p = new URLSearchParams(searchParams);
    p.set("view", view);
    if (page) p.set("page", String(page));
    else p.delete("page");
    return `/map?${p.toString()}`;
  };
  const graph = useGraphData(data.graphUrl);
  const nodes = graph.data?.nodes ?? NO_NODES;
  const edges = graph.data?.edges ?? NO_EDGES;
  const selectedNode = useMemo(() => nodes.find((n) => n.id === selected) ?? null, [nodes, selected]);
  const selectedEdges = useMemo(() => {
    if (!selected) return { out: [], inn: [] };
    const name = new Map(nodes.map((n) => [n.id, n.name]));
    return {
      out: edges.filter((e) => e.source === selected).map((e) => ({ ...e, name: name.get(e.target) ?? "?" })),
      inn: edges.filter((e) => e.target === selected).map((e) => ({ ...e, name: name.get(e.source) ?? "?" })),
    };
  }, [nodes, edges, selected]);

  return (
    <>
      <h1>{data.focus ? `Supply-chain map: ${data.focus}` : "Supply-chain map"}</h1>
      <p>
        {table ? (
          <Link to={withView("graph")}>Show the interactive map</Link>
        ) : (
          <>
            <strong>
              <Link to={withView("table")}>Table view of the same data</Link>
            </strong>{" "}
            (accessible with a keyboard and screen reader, and for large graphs). · <Link to="/concentration">Concentration</Link>
          </>
        )}
      </p>

      <Form method="get" className="card" aria-label="Filters" style={{ display: "flex", flexWrap: "wrap", gap: ".5rem 1rem", alignItems: "end" }}>
        <input type="hidden" name="view" value={data.query.view} />
        {data.query.supplier ? <input type="hidden" name="supplier" value={data.query.supplier} /> : null}
        <div>
          <label htmlFor="f-service">Service</label>
          <select id="f-service" name="service" defaultValue={data.query.service ?? ""}>
            <option value="">All services</option>
            {data.services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-country">Country</label>
          <select id="f-country" name="country" defaultValue={data.query.country ?? ""}>
            <option value="">Any</option>
            {data.countries.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-criticality">Criticality</label>
          <select id="f-criticality" name="criticality" defaultValue={data.query.criticality ?? ""}>
            <option value="">Any</option>
            {["critical", "high", "medium", "low"].map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-depth">Tier depth</label>
          <input id="f-depth" name="depth" type="number" min={1} max={1000} size={4} defaultValue={data.query.depth ?? ""} placeholder="all" />
        </div>
        <div>
          <button type="submit" className="button small">
            Apply
          </button>{" "}
          <Link to={table ? "/map?view=table" : "/map"}>Clear</Link>
        </div>
      </Form>

      <p role="status">
        {`${data.totalNodes} nodes, ${data.deepestTier} tier${data.deepestTier === 1 ? "" : "s"} deep, ${data.cycles} dependency cycle${data.cycles === 1 ? "" : "s"}.`}
        {data.cycles ? " Cycles are accepted: their members share one recovery time and are outlined in purple." : ""}
      </p>
      {data.truncated ? (
        <p className="alert info">
          {`The map shows the first ${data.cap} nodes (shallowest tiers first) of ${data.totalNodes}. Narrow the filters, or `}
          <Link to={withView("table")}>use the table view</Link>
          {" for the whole graph."}
        </p>
      ) : null}

      {table ? (
        <>
          <table>
            <caption>{`Suppliers in the view by tier (page ${data.query.page} of ${data.pages})`}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">Tier</th>
                <th scope="col">Name</th>
                <th scope="col">Country</th>
                <th scope="col">Criticality</th>
                <th scope="col">Worst open finding</th>
                <th scope="col">Cycle</th>
                <th scope="col">Relies on</th>
                <th scope="col">Needed by</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.id} data-tier={r.tier}>
                  <td className="num">{r.kind === "service" ? "service" : r.tier}</td>
                  <td>
                    {r.kind === "service" ? <Link to={`/services/${r.id}`}>{r.name}</Link> : <Link to={`/suppliers/${r.id}`}>{r.name}</Link>}
                    {r.isVendor ? " (vendor)" : ""}
                  </td>
                  <td>{r.country ?? "—"}</td>
                  <td>{r.criticality ?? "—"}</td>
                  <td>{r.kind === "service" ? "—" : r.worstSeverity ? <StatusBadge status={r.worstSeverity} /> : "none"}</td>
                  <td>{r.inCycle ? "In a cycle" : ""}</td>
                  <td>{summarise(r.reliesOn)}</td>
                  <td>{summarise(r.neededBy)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.pages > 1 ? (
            <nav aria-label="Pages">
              {data.query.page > 1 ? <Link to={withView("table", data.query.page - 1)}>← Previous</Link> : null}{" "}
              {data.query.page < data.pages ? <Link to={withView("table", data.query.page + 1)}>Next →</Link> : null}
            </nav>
          ) : null}
        </>
      ) : (
        <>
          <MapLegend />
          <div style={{ display: "grid", gridTemplateColumns: selectedNode ? "minmax(0, 1fr) 320px" : "minmax(0, 1fr)", gap: "1rem" }}>
            {!data.graphUrl ? (
              <p className="card empty">Nothing matches these filters.</p>
            ) : graph.data ? (
              <GraphCanvas nodes={nodes} edges={edges} onSelect={setSelected} />
            ) : graph.failed ? (
              <p className="alert error" role="alert">
                The map could not be loaded. <Link to={withView("table")}>Use the table view</Link> or reload the page.
              </p>
            ) : (
              <p className="card" role="status">
                Loading the map… <noscript>The interactive map needs JavaScript; the table view above shows the same data without it.</noscript>
              </p>
            )}
            {selectedNode ? (
              <aside className="card" aria-live="polite">
                <h2 style={{ marginTop: 0 }}>{selectedNode.name}</h2>
                <dl className="facts">
                  <dt>Kind</dt>
                  <dd>{selectedNode.kind === "service" ? "Internal service" : selectedNode.isVendor ? "Vendor" : "Sub-supplier"}</dd>
                  {selectedNode.kind === "supplier" ? (
                    <>
                      <dt>Tier</dt>
                      <dd>{selectedNode.tier}</dd>
                      <dt>Country</dt>
                      <dd>{selectedNode.country ?? "—"}</dd>
                      <dt>Criticality</dt>
                      <dd>{selectedNode.criticality}</dd>
                    </>
                  ) : null}
                  <dt>Findings</dt>
                  <dd>{severityText(selectedNode)}</dd>
                  {selectedNode.inCycle ? (
                    <>
                      <dt>Cycle</dt>
                      <dd>Part of a dependency cycle</dd>
                    </>
                  ) : null}
                </dl>
                <p>
                  <Link to={selectedNode.kind === "service" ? `/services/${selectedNode.id}` : `/suppliers/${selectedNode.id}`}>Open details</Link>
                  {selectedNode.kind === "supplier" ? (
                    <>
                      {" · "}
                      <Link to={`/suppliers/${selectedNode.id}/dependencies`}>Sub-suppliers</Link>
                    </>
                  ) : null}
                </p>
                {selectedEdges.out.length ? (
                  <>
                    <h3>Relies on</h3>
                    <ul>
                      {selectedEdges.out.slice(0, 30).map((e) => (
                        <li key={e.id}>
                          {e.name}
                          {e.supplies ? ` — ${e.supplies}` : ""}
                          {e.singleSource ? " (single source)" : ""}
                          {e.bufferMin ? ` (buffer ${formatMinutes(e.bufferMin)})` : ""}
                          {e.declaredBy === "vendor" ? " · declared by vendor" : ""}
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
                {selectedEdges.inn.length ? (
                  <>
                    <h3>Needed by</h3>
                    <ul>
                      {selectedEdges.inn.slice(0, 30).map((e) => (
                        <li key={e.id}>{e.name}</li>
                      ))}
                    </ul>
                  </>
                ) : null}
              </aside>
            ) : null}
          </div>
        </>
      )}
    </>
  );
}

function summarise(names: readonly string[]) {
  if (!names.length) return "—";
  const shown = names.slice(0, 5).join(", ");
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}
