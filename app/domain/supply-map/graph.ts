/**
 * The supply graph as integer-indexed CSR arrays, built once per request from set-based query
 * results. Tiers, cycles and reach reuse the resilience engine's graph algorithms
 * (app/domain/resilience/graph.ts); nothing here does I/O.
 */
import { bfsLevels, groupBy, stronglyConnectedComponents, type Components } from "../resilience/graph";

export type Criticality = "critical" | "high" | "medium" | "low";
export type Severity = "critical" | "high" | "medium" | "low";
export type DeclaredBy = "procurement" | "vendor" | "import";
export type AlternateStatus = "identified" | "qualifying" | "qualified";

export interface MapSupplier {
  id: string;
  name: string;
  country: string | null;
  criticality: Criticality;
  isVendor: boolean;
  /** Worst open finding about the supplier (from stored results), or null. */
  worstSeverity: Severity | null;
}

export interface MapDependency {
  id: string;
  supplierId: string;
  dependsOnId: string;
  supplies: string;
  singleSource: boolean;
  bufferMin: number;
  declaredBy: DeclaredBy;
}

export interface MapService {
  id: string;
  name: string;
  supplierIds: readonly string[];
}

export interface MapAlternate {
  replacesId: string;
  alternateId: string;
  forSupplierId: string | null;
  forServiceId: string | null;
  status: AlternateStatus;
}

export interface SupplyGraphInput {
  suppliers: readonly MapSupplier[];
  dependencies: readonly MapDependency[];
  services: readonly MapService[];
  alternates?: readonly MapAlternate[];
}

export interface SupplyGraph {
  input: SupplyGraphInput;
  n: number;
  indexOf: ReadonlyMap<string, number>;
  /** Dependencies whose two ends are both known, in input order (the edge ids used below). */
  edges: readonly MapDependency[];
  edgeSrc: Int32Array;
  edgeDst: Int32Array;
  /** Out-CSR: targets of node v are outDst[outStart[v] .. outStart[v + 1] - 1]; outEdge gives the edge id. */
  outStart: Int32Array;
  outDst: Int32Array;
  outEdge: Int32Array;
  /** In-CSR: nodes relying on v are inSrc[inStart[v] .. inStart[v + 1] - 1]. */
  inStart: Int32Array;
  inSrc: Int32Array;
  /** 1 when the supplier is a vendor (flagged, or needed directly by a service). */
  isVendor: Uint8Array;
  /** Vendors of each service, as node indexes (unknown ids dropped). */
  serviceVendors: readonly (readonly number[])[];
  comps: Components;
  /** 1 when the node sits in a dependency cycle (a strongly connected component with 2+ members). */
  inCycle: Uint8Array;
  /** Shortest hop count from the organisation: vendors are tier 1; -1 = not reachable. */
  tier: Int32Array;
}

/** Builds CSR adjacency, cycles and tiers. O(nodes + edges). */
export function buildSupplyGraph(input: SupplyGraphInput): SupplyGraph {
  const n = input.suppliers.length;
  const indexOf = new Map<string, number>();
  input.suppliers.forEach((s, i) => indexOf.set(s.id, i));

  const edges: MapDependency[] = [];
  const src: number[] = [];
  const dst: number[] = [];
  for (const d of input.dependencies) {
    const a = indexOf.get(d.supplierId);
    const b = indexOf.get(d.dependsOnId);
    if (a === undefined || b === undefined || a === b) continue;
    edges.push(d);
    src.push(a);
    dst.push(b);
  }
  const m = edges.length;
  const edgeSrc = Int32Array.from(src);
  const edgeDst = Int32Array.from(dst);
  const out = groupBy(n, edgeSrc, m);
  const outDst = new Int32Array(m);
  for (let k = 0; k < m; k++) outDst[k] = edgeDst[out.edge[k]!]!;
  const inn = groupBy(n, edgeDst, m);
  const inSrc = new Int32Array(m);
  for (let k = 0; k < m; k++) inSrc[k] = edgeSrc[inn.edge[k]!]!;

  const isVendor = new Uint8Array(n);
  input.suppliers.forEach((s, i) => {
    if (s.isVendor) isVendor[i] = 1;
  });
  const serviceVendors = input.services.map((svc) => {
    const list: number[] = [];
    for (const id of svc.supplierIds) {
      const v = indexOf.get(id);
      if (v !== undefined) {
        list.push(v);
        isVendor[v] = 1;
      }
    }
    return list;
  });

  const comps = stronglyConnectedComponents(n, out.start, outDst);
  const inCycle = new Uint8Array(n);
  for (let c = 0; c < comps.count; c++) {
    if (comps.start[c + 1]! - comps.start[c]! < 2) continue;
    for (let k = comps.start[c]!; k < comps.start[c + 1]!; k++) inCycle[comps.members[k]!] = 1;
  }
  const vendors: number[] = [];
  for (let v = 0; v < n; v++) if (isVendor[v]) vendors.push(v);
  const tier = bfsLevels(n, vendors, out.start, outDst);

  return {
    input,
    n,
    indexOf,
    edges,
    edgeSrc,
    edgeDst,
    outStart: out.start,
    outDst,
    outEdge: out.edge,
    inStart: inn.start,
    inSrc,
    isVendor,
    serviceVendors,
    comps,
    inCycle,
    tier,
  };
}

/** Dependency cycles (members' ids), for display: each strongly connected component with 2+ members. */
export function dependencyCycles(graph: SupplyGraph): string[][] {
  const { comps, input } = graph;
  const cycles: string[][] = [];
  for (let c = 0; c < comps.count; c++) {
    const size = comps.start[c + 1]! - comps.start[c]!;
    if (size < 2) continue;
    const ids: string[] = [];
    for (let k = comps.start[c]!; k < comps.start[c + 1]!; k++) ids.push(input.suppliers[comps.members[k]!]!.id);
    cycles.push(ids);
  }
  return cycles;
}
