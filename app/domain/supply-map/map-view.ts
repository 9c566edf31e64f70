/**
 * What the map page and the graph API show: service → vendors → tier 2 → … → tier n, limited by
 * filters and capped so the browser stays responsive (the table view pages through the rest).
 */
import { bfsLevels } from "../resilience/graph";
import type { Criticality, DeclaredBy, Severity, SupplyGraph } from "./graph";

export interface MapFilters {
  /** Only what this service needs (its vendors and everything behind them). */
  serviceId?: string | null;
  /** Only what this supplier relies on (it is tier 1 of the view). */
  supplierId?: string | null;
  /** Only suppliers in this country — plus, dimmed, the suppliers that lead to them. */
  country?: string | null;
  /** Only suppliers of this criticality — plus, dimmed, the suppliers that lead to them. */
  criticality?: Criticality | null;
  /** Deepest tier shown (1 = vendors only). */
  maxTier?: number | null;
}

export interface MapNode {
  id: string;
  kind: "service" | "supplier";
  name: string;
  /** 0 for services; 1 for vendors; n for tier n (relative to the view's starting point). */
  tier: number;
  country: string | null;
  criticality: Criticality | null;
  isVendor: boolean;
  worstSeverity: Severity | null;
  inCycle: boolean;
  /** Shown only because it leads to a supplier that matches the country/criticality filter. */
  context: boolean;
}

export interface MapEdge {
  id: string;
  kind: "service" | "dependency";
  source: string;
  target: string;
  supplies: string | null;
  singleSource: boolean;
  bufferMin: number;
  declaredBy: DeclaredBy | null;
  /** Both ends are in the same dependency cycle. */
  inCycle: boolean;
}

export interface MapView {
  nodes: MapNode[];
  edges: MapEdge[];
  /** Nodes that matched before the cap was applied. */
  totalNodes: number;
  truncated: boolean;
  /** Deepest tier present in the (uncapped) view. */
  deepestTier: number;
  cycles: number;
}

export const DEFAULT_NODE_CAP = 1_500;

/**
 * Selects nodes and edges for a view. Tiers are shortest hop counts from the view's start: all
 * vendors (the organisation's view), one service's vendors, or one supplier. O(nodes + edges).
 */
export function buildMapView(graph: SupplyGraph, filters: MapFilters = {}, cap = DEFAULT_NODE_CAP): MapView {
  const { n, input, outStart, outDst, outEdge, inStart, inSrc, inCycle, comps } = graph;
  const services = filters.serviceId
    ? input.services.map((s, j) => ({ s, j })).filter(({ s }) => s.id === filters.serviceId)
    : filters.supplierId
      ? []
      : input.services.map((s, j) => ({ s, j }));

  // Starting suppliers (tier 1 of the view).
  let starts: number[];
  if (filters.supplierId) {
    const v = graph.indexOf.get(filters.supplierId);
    starts = v === undefined ? [] : [v];
  } else if (filters.serviceId) {
    starts = services.flatMap(({ j }) => graph.serviceVendors[j] ?? []);
  } else {
    starts = [];
    for (let v = 0; v < n; v++) if (graph.isVendor[v]) starts.push(v);
  }
  const level = filters.supplierId || filters.serviceId ? bfsLevels(n, starts, outStart, outDst) : graph.tier;
  const maxTier = filters.maxTier && filters.maxTier > 0 ? filters.maxTier : Infinity;

  // Country / criticality: keep matches and (as context) everything in the view that leads to them.
  const filtering = Boolean(filters.country || filters.criticality);
  let leadsToMatch: Int32Array | null = null;
  const matches = new Uint8Array(n);
  if (filtering) {
    const seeds: number[] = [];
    for (let v = 0; v < n; v++) {
      const s = input.suppliers[v]!;
      if (level[v]! < 1 || level[v]! > maxTier) continue;
      if (filters.country && s.country !== filters.country) continue;
      if (filters.criticality && s.criticality !== filters.criticality) continue;
      matches[v] = 1;
      seeds.push(v);
    }
    leadsToMatch = bfsLevels(n, seeds, inStart, inSrc);
  }

  const chosen: number[] = [];
  let deepestTier = 0;
  for (let v = 0; v < n; v++) {
    const t = level[v]!;
    if (t < 1 || t > maxTier) continue;
    if (leadsToMatch && leadsToMatch[v] === -1) continue;
    chosen.push(v);
    if (t > deepestTier) deepestTier = t;
  }
  const totalNodes = chosen.length + services.length;
  // Shallow tiers first, so a capped view still shows how the chain starts.
  chosen.sort((a, b) => level[a]! - level[b]! || (input.suppliers[a]!.name < input.suppliers[b]!.name ? -1 : 1));
  const room = Math.max(0, cap - services.length);
  const truncated = chosen.length > room;
  const kept = truncated ? chosen.slice(0, room) : chosen;
  const keep = new Uint8Array(n);
  for (const v of kept) keep[v] = 1;

  const nodes: MapNode[] = [];
  for (const { s } of services) {
    nodes.push({
      id: s.id,
      kind: "service",
      name: s.name,
      tier: 0,
      country: null,
      criticality: null,
      isVendor: false,
      worstSeverity: null,
      inCycle: false,
      context: false,
    });
  }
  for (const v of kept) {
    const s = input.suppliers[v]!;
    nodes.push({
      id: s.id,
      kind: "supplier",
      name: s.name,
      tier: level[v]!,
      country: s.country,
      criticality: s.criticality,
      isVendor: graph.isVendor[v] === 1,
      worstSeverity: s.worstSeverity,
      inCycle: inCycle[v] === 1,
      context: filtering && matches[v] === 0,
    });
  }

  const edges: MapEdge[] = [];
  for (const { s, j } of services) {
    for (const v of graph.serviceVendors[j] ?? []) {
      if (!keep[v]) continue;
      edges.push({
        id: `svc:${s.id}:${input.suppliers[v]!.id}`,
        kind: "service",
        source: s.id,
        target: input.suppliers[v]!.id,
        supplies: null,
        singleSource: false,
        bufferMin: 0,
        declaredBy: null,
        inCycle: false,
      });
    }
  }
  for (const v of kept) {
    for (let k = outStart[v]!; k < outStart[v + 1]!; k++) {
      const w = outDst[k]!;
      if (!keep[w]) continue;
      const d = graph.edges[outEdge[k]!]!;
      edges.push({
        id: d.id,
        kind: "dependency",
        source: d.supplierId,
        target: d.dependsOnId,
        supplies: d.supplies || null,
        singleSource: d.singleSource,
        bufferMin: d.bufferMin,
        declaredBy: d.declaredBy,
        inCycle: comps.comp[v] === comps.comp[w],
      });
    }
  }
  let cycles = 0;
  const seenComp = new Set<number>();
  for (const v of kept) {
    if (inCycle[v] && !seenComp.has(comps.comp[v]!)) {
      seenComp.add(comps.comp[v]!);
      cycles++;
    }
  }
  return { nodes, edges, totalNodes, truncated, deepestTier, cycles };
}
