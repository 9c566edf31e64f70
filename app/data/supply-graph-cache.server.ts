import {
  buildMapView,
  buildSupplyGraph,
  type MapFilters,
  type MapView,
  type SupplyGraph,
  type SupplyGraphInput,
} from "../domain/supply-map";
import { loadSupplyGraphInput } from "./dependencies.server";
import type { Db } from "./types";

/*
 * Reading and indexing a 50,000-supplier, 500,000-dependency graph takes seconds, and the map,
 * concentration and graph API would do it on every request. The built graph (and the views cut
 * from it) are kept per organisation under a key read from the database on every request: the
 * latest graph change (graph_changes, written by triggers on the graph's tables) and the time its
 * results were computed (the map shows findings). Each instance keeps its own copy; the key comes
 * from the database, so several instances stay correct.
 */

const MAX_ORGANISATIONS = 3;
const MAX_VIEWS_PER_GRAPH = 24;

interface CachedGraph {
  version: string;
  input: SupplyGraphInput;
  graph: SupplyGraph;
  views: Map<string, MapView>;
  viewJson: Map<string, string>;
  derived: Map<string, unknown>;
}

const CACHE_KEY = Symbol.for("resilience-portal.supply-graph-cache");
const holder = globalThis as typeof globalThis & { [CACHE_KEY]?: Map<string, CachedGraph> };
const cache = (holder[CACHE_KEY] ??= new Map());

async function cacheKey(db: Db, orgId: string): Promise<string> {
  const row = await db
    .selectFrom("organisations as o")
    .select((eb) => [
      "o.results_computed_at",
      eb.selectFrom("graph_changes as g").select((g) => g.fn.max("g.id").as("v")).whereRef("g.org_id", "=", "o.id").as("graph_version"),
    ])
    .where("o.id", "=", orgId)
    .executeTakeFirst();
  const computed = row?.results_computed_at ? new Date(row.results_computed_at).toISOString() : "never";
  return `${computed}/${row?.graph_version ?? 0}`;
}

function supplierCountries(input: SupplyGraphInput): string[] {
  const countries = new Set<string>();
  for (const supplier of input.suppliers) if (supplier.country) countries.add(supplier.country);
  return [...countries].sort();
}

export interface SupplyGraphSnapshot {
  input: SupplyGraphInput;
  graph: SupplyGraph;
  /** A view of the graph; the same filters and cap give the same (shared, read-only) object. */
  view(filters: MapFilters, cap: number): MapView;
  /** The view's nodes and edges as JSON text, serialised once per version. */
  viewJson(filters: MapFilters, cap: number): string;
  /** Identifies this version of the graph and its results. */
  version: string;
  /** The countries of the graph's suppliers, sorted. */
  countries(): string[];
  /** Anything a page derives from this version of the graph alone, computed once per version. */
  derive<T>(name: string, make: () => T): T;
}

/** The organisation's supply graph, from the cache when nothing changed since it was built. */
export async function getSupplyGraph(db: Db, orgId: string): Promise<SupplyGraphSnapshot> {
  const key = await cacheKey(db, orgId);
  let entry = cache.get(orgId);
  if (!entry || entry.version !== key) {
    const input = await loadSupplyGraphInput(db, orgId);
    entry = { version: key, input, graph: buildSupplyGraph(input), views: new Map(), viewJson: new Map(), derived: new Map() };
  }
  // Most recently used last, so the oldest organisation is the one dropped.
  cache.delete(orgId);
  cache.set(orgId, entry);
  while (cache.size > MAX_ORGANISATIONS) cache.delete(cache.keys().next().value!);
  const cached = entry;
  const remember = <T>(map: Map<string, T>, key: string, make: () => T): T => {
    let value = map.get(key);
    if (value === undefined) {
      value = make();
      map.set(key, value);
      while (map.size > MAX_VIEWS_PER_GRAPH) map.delete(map.keys().next().value!);
    }
    return value;
  };
  const viewKey = (filters: MapFilters, cap: number) =>
    JSON.stringify([filters.serviceId, filters.supplierId, filters.country, filters.criticality, filters.maxTier, cap]);
  const snapshot: SupplyGraphSnapshot = {
    input: cached.input,
    graph: cached.graph,
    version: cached.version,
    view: (filters, cap) => remember(cached.views, viewKey(filters, cap), () => buildMapView(cached.graph, filters, cap)),
    viewJson: (filters, cap) =>
      remember(cached.viewJson, viewKey(filters, cap), () => {
        const view = snapshot.view(filters, cap);
        return JSON.stringify({ nodes: view.nodes, edges: view.edges });
      }),
    countries: () => snapshot.derive("countries", () => supplierCountries(cached.input)),
    derive: <T>(name: string, make: () => T) => remember(cached.derived, name, make) as T,
  };
  return snapshot;
}
