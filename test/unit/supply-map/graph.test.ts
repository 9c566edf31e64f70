import { describe, expect, it } from "vitest";
import {
  buildMapView,
  buildSupplyGraph,
  computeConcentration,
  dependencyCycles,
  singlePointsOfFailure,
  type MapDependency,
  type MapSupplier,
  type SupplyGraphInput,
} from "../../../app/domain/supply-map";

const supplier = (id: string, extra: Partial<MapSupplier> = {}): MapSupplier => ({
  id,
  name: id,
  country: "DE",
  criticality: "medium",
  isVendor: false,
  worstSeverity: null,
  ...extra,
});
const dep = (supplierId: string, dependsOnId: string, extra: Partial<MapDependency> = {}): MapDependency => ({
  id: `${supplierId}>${dependsOnId}`,
  supplierId,
  dependsOnId,
  supplies: "",
  singleSource: false,
  bufferMin: 0,
  declaredBy: "procurement",
  ...extra,
});

describe("tiers and cycles", () => {
  it("computes tiers 1..20 along a 20-deep chain", () => {
    const suppliers = Array.from({ length: 20 }, (_, i) => supplier(`s${i + 1}`, { isVendor: i === 0 }));
    const dependencies = suppliers.slice(1).map((s, i) => dep(`s${i + 1}`, s.id));
    const input: SupplyGraphInput = { suppliers, dependencies, services: [{ id: "svc", name: "Svc", supplierIds: ["s1"] }] };
    const view = buildMapView(buildSupplyGraph(input));
    expect(view.deepestTier).toBe(20);
    expect(view.nodes.filter((n) => n.kind === "supplier").map((n) => n.tier)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(buildMapView(buildSupplyGraph(input), { maxTier: 5 }).nodes.filter((n) => n.kind === "supplier")).toHaveLength(5);
  });

  it("accepts a cycle, marks it, and uses the shortest distance as tier", () => {
    const input: SupplyGraphInput = {
      suppliers: [supplier("v", { isVendor: true }), supplier("a"), supplier("b"), supplier("c")],
      dependencies: [dep("v", "a"), dep("a", "b"), dep("b", "c"), dep("c", "a"), dep("v", "c")],
      services: [],
    };
    const graph = buildSupplyGraph(input);
    expect(dependencyCycles(graph)).toEqual([expect.arrayContaining(["a", "b", "c"])]);
    const view = buildMapView(graph);
    const tier = Object.fromEntries(view.nodes.map((n) => [n.id, n.tier]));
    expect(tier).toEqual({ v: 1, a: 2, b: 3, c: 2 });
    expect(view.cycles).toBe(1);
    expect(view.edges.filter((e) => e.inCycle).map((e) => e.id).sort()).toEqual(["a>b", "b>c", "c>a"]);
  });

  it("ignores a self-loop edge instead of failing", () => {
    const graph = buildSupplyGraph({ suppliers: [supplier("v", { isVendor: true })], dependencies: [dep("v", "v")], services: [] });
    expect(graph.edges).toHaveLength(0);
  });

  it("filters by service, country (keeping the chain that leads there) and caps large views", () => {
    const input: SupplyGraphInput = {
      suppliers: [supplier("v1", { isVendor: true }), supplier("v2", { isVendor: true }), supplier("t2", { country: "TW" }), supplier("x")],
      dependencies: [dep("v1", "t2"), dep("v2", "x")],
      services: [
        { id: "S1", name: "One", supplierIds: ["v1"] },
        { id: "S2", name: "Two", supplierIds: ["v2"] },
      ],
    };
    const graph = buildSupplyGraph(input);
    expect(buildMapView(graph, { serviceId: "S2" }).nodes.map((n) => n.id)).toEqual(["S2", "v2", "x"]);
    const tw = buildMapView(graph, { country: "TW" });
    expect(tw.nodes.filter((n) => n.kind === "supplier").map((n) => [n.id, n.context])).toEqual([
      ["v1", true],
      ["t2", false],
    ]);
    const capped = buildMapView(graph, {}, 3);
    expect(capped.truncated).toBe(true);
    expect(capped.totalNodes).toBe(6);
    expect(capped.nodes).toHaveLength(3);
  });
});

describe("concentration and single points of failure", () => {
  const input: SupplyGraphInput = {
    suppliers: [
      supplier("v1", { isVendor: true, criticality: "critical" }),
      supplier("v2", { isVendor: true }),
      supplier("v3", { isVendor: true }),
      supplier("cloud", { country: "IE" }),
      supplier("chip", { country: "TW" }),
      supplier("chip2", { country: "KR" }),
    ],
    dependencies: [dep("v1", "cloud"), dep("v2", "cloud"), dep("v3", "cloud"), dep("cloud", "chip"), dep("v1", "chip")],
    services: [
      { id: "S1", name: "Payroll", supplierIds: ["v1"] },
      { id: "S2", name: "Portal", supplierIds: ["v2", "v3"] },
    ],
    alternates: [
      { replacesId: "chip", alternateId: "chip2", forSupplierId: "cloud", forServiceId: null, status: "qualified" },
      { replacesId: "chip", alternateId: "chip2", forSupplierId: "v1", forServiceId: null, status: "qualified" },
    ],
  };

  it("ranks suppliers by vendors and services relying on them, with critical counts and alternates", () => {
    const result = computeConcentration(buildSupplyGraph(input));
    const byId = Object.fromEntries(result.suppliers.map((s) => [s.id, s]));
    expect(result.suppliers[0]!.id).toBe("cloud");
    expect(byId.cloud).toMatchObject({ vendors: 3, criticalVendors: 1, services: 2, alternate: null });
    expect(byId.chip).toMatchObject({ vendors: 3, services: 2, alternate: "qualified" });
    const countries = Object.fromEntries(result.countries.map((c) => [c.country, c]));
    expect(countries.IE).toMatchObject({ suppliers: 1, vendors: 3, criticalVendors: 1, services: 2 });
  });

  it("flags single points of failure only where no qualified alternate covers the chain", () => {
    const spof = singlePointsOfFailure(computeConcentration(buildSupplyGraph(input)));
    const ids = spof.map((s) => s.id);
    expect(ids).toContain("cloud");
    expect(ids).not.toContain("chip");
    expect(spof.find((s) => s.id === "cloud")!.unprotectedServiceIds.sort()).toEqual(["S1", "S2"]);
  });

  it("handles 50,000 suppliers and 500,000 dependencies (timing belongs to the benchmark suite)", () => {
    const n = 50_000;
    const suppliers = Array.from({ length: n }, (_, i) =>
      supplier(`s${i}`, { isVendor: i < 2_000, country: ["DE", "TW", "US", "CN", "PL"][i % 5]!, criticality: i % 7 === 0 ? "critical" : "medium" }),
    );
    const dependencies: MapDependency[] = [];
    let seed = 42;
    const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    for (let e = 0; dependencies.length < 500_000; e++) {
      const a = Math.floor(rnd() * n);
      const b = Math.floor(rnd() * n);
      if (a !== b) dependencies.push(dep(`s${a}`, `s${b}`, { id: String(e) }));
    }
    const services = Array.from({ length: 200 }, (_, j) => ({ id: `S${j}`, name: `S${j}`, supplierIds: [`s${j}`, `s${j + 200}`] }));
    const started = performance.now();
    const graph = buildSupplyGraph({ suppliers, dependencies, services });
    const view = buildMapView(graph);
    const result = computeConcentration(graph);
    const ms = performance.now() - started;
    expect(view.truncated).toBe(true);
    expect(result.suppliers).toHaveLength(n);
    expect(ms).toBeLessThan(60_000);
  }, 120_000);
});
