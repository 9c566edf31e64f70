/**
 * Concentration: which suppliers and countries sit behind many vendors or services, and single
 * points of failure (a supplier whose loss breaks a service along a chain with no qualified
 * alternate). Reuses the engine's capped set propagation over the condensation, so the work is
 * O(edges × cap) at worst and the counts are exact up to CONCENTRATION_COUNT_CAP.
 */
import { CONCENTRATION_COUNT_CAP } from "../resilience/engine";
import { cappedUpstreamOrigins, groupBy, stronglyConnectedComponents, upstreamCountryBits, type Components } from "../resilience/graph";
import type { Criticality, SupplyGraph } from "./graph";

export { CONCENTRATION_COUNT_CAP };

export interface SupplierConcentration {
  id: string;
  name: string;
  country: string | null;
  criticality: Criticality;
  tier: number | null;
  isVendor: boolean;
  /** Distinct vendors (other than itself) relying on it, directly or further down; capped. */
  vendors: number;
  /** How many of those vendors are critical; capped. */
  criticalVendors: number;
  /** Distinct services needing it through any chain; capped. */
  services: number;
  /** Services whose chain to it has no qualified alternate at any step; capped. */
  unprotectedServices: number;
  /** Ids of those services (at most the cap). */
  unprotectedServiceIds: string[];
  /** Best status of any alternate declared for it (anywhere), or null when none. */
  alternate: "qualified" | "qualifying" | "identified" | null;
  /** The count hit the cap: "more than" the number shown. */
  capped: boolean;
}

export interface CountryConcentration {
  country: string;
  /** Suppliers located there. */
  suppliers: number;
  /** Vendors with that country anywhere in their chain (themselves included). */
  vendors: number;
  criticalVendors: number;
  services: number;
}

export interface ConcentrationResult {
  suppliers: SupplierConcentration[];
  countries: CountryConcentration[];
  cap: number;
}

const STATUS_RANK = { identified: 1, qualifying: 2, qualified: 3 } as const;

function seedsByComponent(comps: Components, pairs: readonly (readonly [node: number, origin: number])[]) {
  const keys = new Int32Array(pairs.length);
  pairs.forEach(([v], i) => (keys[i] = comps.comp[v]!));
  const grouped = groupBy(comps.count, keys, pairs.length);
  const items = new Int32Array(pairs.length);
  for (let i = 0; i < pairs.length; i++) items[i] = pairs[grouped.edge[i]!]![1];
  return { start: grouped.start, items };
}

export function computeConcentration(graph: SupplyGraph, cap = CONCENTRATION_COUNT_CAP): ConcentrationResult {
  const { n, input, comps, inStart, inSrc, isVendor } = graph;
  const suppliers = input.suppliers;
  const nServices = input.services.length;

  // Vendors (all, and critical only) as origins flowing up the dependencies.
  const vendorPairs: [number, number][] = [];
  const criticalPairs: [number, number][] = [];
  let ordinal = 0;
  for (let v = 0; v < n; v++) {
    if (!isVendor[v]) continue;
    vendorPairs.push([v, ordinal]);
    if (suppliers[v]!.criticality === "critical") criticalPairs.push([v, ordinal]);
    ordinal++;
  }
  const allSeeds = seedsByComponent(comps, vendorPairs);
  const critSeeds = seedsByComponent(comps, criticalPairs);
  const vendorSets = cappedUpstreamOrigins(comps, inStart, inSrc, allSeeds.start, allSeeds.items, ordinal, cap);
  const criticalSets = cappedUpstreamOrigins(comps, inStart, inSrc, critSeeds.start, critSeeds.items, ordinal, cap);
  const servicePairs: [number, number][] = [];
  graph.serviceVendors.forEach((vs, j) => vs.forEach((v) => servicePairs.push([v, j])));
  const svcSeeds = seedsByComponent(comps, servicePairs);
  const serviceSets = cappedUpstreamOrigins(comps, inStart, inSrc, svcSeeds.start, svcSeeds.items, nServices, cap);

  // Unprotected chains: drop every link that a qualified alternate covers, then propagate services.
  const covered = new Set<string>();
  const bestAlternate = new Map<string, SupplierConcentration["alternate"]>();
  for (const a of input.alternates ?? []) {
    const prev = bestAlternate.get(a.replacesId);
    if (!prev || STATUS_RANK[a.status] > STATUS_RANK[prev]) bestAlternate.set(a.replacesId, a.status);
    if (a.status !== "qualified") continue;
    covered.add(a.forServiceId ? `s:${a.forServiceId}:${a.replacesId}` : `d:${a.forSupplierId}:${a.replacesId}`);
  }
  const keepSrc: number[] = [];
  const keepDst: number[] = [];
  for (let e = 0; e < graph.edges.length; e++) {
    const d = graph.edges[e]!;
    if (covered.has(`d:${d.supplierId}:${d.dependsOnId}`)) continue;
    keepSrc.push(graph.edgeSrc[e]!);
    keepDst.push(graph.edgeDst[e]!);
  }
  const uSrc = Int32Array.from(keepSrc);
  const uDst = Int32Array.from(keepDst);
  const uOut = groupBy(n, uSrc, uSrc.length);
  const uOutDst = new Int32Array(uSrc.length);
  for (let k = 0; k < uSrc.length; k++) uOutDst[k] = uDst[uOut.edge[k]!]!;
  const uIn = groupBy(n, uDst, uDst.length);
  const uInSrc = new Int32Array(uDst.length);
  for (let k = 0; k < uDst.length; k++) uInSrc[k] = uSrc[uIn.edge[k]!]!;
  const uComps = stronglyConnectedComponents(n, uOut.start, uOutDst);
  const unprotectedPairs: [number, number][] = [];
  graph.serviceVendors.forEach((vs, j) => {
    const svc = input.services[j]!;
    for (const v of vs) if (!covered.has(`s:${svc.id}:${suppliers[v]!.id}`)) unprotectedPairs.push([v, j]);
  });
  const uSeeds = seedsByComponent(uComps, unprotectedPairs);
  const unprotectedSets = cappedUpstreamOrigins(uComps, uIn.start, uInSrc, uSeeds.start, uSeeds.items, nServices, cap);

  const limit = cap + 1;
  const rows: SupplierConcentration[] = [];
  for (let v = 0; v < n; v++) {
    const c = comps.comp[v]!;
    const self = isVendor[v]!;
    const vs = vendorSets.size[c]!;
    const cs = criticalSets.size[c]!;
    const ss = serviceSets.size[c]!;
    const uc = uComps.comp[v]!;
    const us = unprotectedSets.size[uc]!;
    const selfCritical = self && suppliers[v]!.criticality === "critical" ? 1 : 0;
    const ids: string[] = [];
    const off = unprotectedSets.offset[uc]!;
    for (let i = 0; i < Math.min(us, cap); i++) ids.push(input.services[unprotectedSets.items[off + i]!]!.id);
    const s = suppliers[v]!;
    rows.push({
      id: s.id,
      name: s.name,
      country: s.country,
      criticality: s.criticality,
      tier: graph.tier[v]! > 0 ? graph.tier[v]! : null,
      isVendor: self === 1,
      vendors: vs >= limit ? cap : vs - self,
      criticalVendors: cs >= limit ? cap : cs - selfCritical,
      services: Math.min(ss, cap),
      unprotectedServices: Math.min(us, cap),
      unprotectedServiceIds: ids,
      alternate: bestAlternate.get(s.id) ?? null,
      capped: vs >= limit || ss >= limit || us >= limit,
    });
  }
  rows.sort(
    (a, b) =>
      b.vendors - a.vendors ||
      b.services - a.services ||
      b.criticalVendors - a.criticalVendors ||
      b.unprotectedServices - a.unprotectedServices ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );

  // Countries: the set of countries in or upstream of each component (bitsets), counted per vendor and per service.
  const countryIds = new Map<string, number>();
  const countryOf = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v++) {
    const code = suppliers[v]!.country;
    if (!code) continue;
    let id = countryIds.get(code);
    if (id === undefined) countryIds.set(code, (id = countryIds.size));
    countryOf[v] = id;
  }
  const codes = [...countryIds.keys()];
  const words = Math.ceil(codes.length / 32);
  const bits = upstreamCountryBits(comps, graph.outStart, graph.outDst, countryOf, words);
  const supplierCount = new Int32Array(codes.length);
  const vendorCount = new Int32Array(codes.length);
  const criticalCount = new Int32Array(codes.length);
  const serviceCount = new Int32Array(codes.length);
  for (let v = 0; v < n; v++) if (countryOf[v]! >= 0) supplierCount[countryOf[v]!]!++;
  const has = (base: number, k: number) => (bits[base + (k >>> 5)]! & (1 << (k & 31))) !== 0;
  for (let v = 0; v < n; v++) {
    if (!isVendor[v]) continue;
    const base = comps.comp[v]! * words;
    const critical = suppliers[v]!.criticality === "critical";
    for (let k = 0; k < codes.length; k++) {
      if (!has(base, k)) continue;
      vendorCount[k]!++;
      if (critical) criticalCount[k]!++;
    }
  }
  const union = new Uint32Array(Math.max(1, words));
  for (const vs of graph.serviceVendors) {
    union.fill(0);
    for (const v of vs) {
      const base = comps.comp[v]! * words;
      for (let w = 0; w < words; w++) union[w]! |= bits[base + w]!;
    }
    for (let k = 0; k < codes.length; k++) if ((union[k >>> 5]! & (1 << (k & 31))) !== 0) serviceCount[k]!++;
  }
  const countries = codes
    .map((country, k) => ({
      country,
      suppliers: supplierCount[k]!,
      vendors: vendorCount[k]!,
      criticalVendors: criticalCount[k]!,
      services: serviceCount[k]!,
    }))
    .sort((a, b) => b.vendors - a.vendors || b.services - a.services || (a.country < b.country ? -1 : 1));

  return { suppliers: rows, countries, cap };
}

/** Single points of failure: suppliers whose loss breaks at least one service through an unprotected chain. */
export function singlePointsOfFailure(result: ConcentrationResult): SupplierConcentration[] {
  return result.suppliers
    .filter((s) => s.unprotectedServices > 0)
    .sort((a, b) => b.unprotectedServices - a.unprotectedServices || b.vendors - a.vendors || (a.name < b.name ? -1 : 1));
}
