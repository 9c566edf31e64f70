import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeResilience } from "../../../app/domain/resilience";
import { buildMapView, buildSupplyGraph, computeConcentration } from "../../../app/domain/supply-map";

/** The map and the concentration page must agree with the resilience engine on tiers and counts. */
describe("agreement with the resilience engine", () => {
  it("gives the same tiers and relied-on counts as computeResilience on random graphs (cycles included)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 25 }),
        fc.array(fc.tuple(fc.nat(24), fc.nat(24)), { maxLength: 60 }),
        fc.array(fc.nat(24), { maxLength: 6 }),
        fc.array(fc.array(fc.nat(24), { maxLength: 3 }), { maxLength: 4 }),
        (n, pairs, vendorIdx, serviceLinks) => {
          const ids = Array.from({ length: n }, (_, i) => `s${i}`);
          const vendors = new Set(vendorIdx.filter((i) => i < n));
          const seen = new Set<string>();
          const deps = pairs
            .filter(([a, b]) => a < n && b < n && a !== b)
            .filter(([a, b]) => !seen.has(`${a}>${b}`) && Boolean(seen.add(`${a}>${b}`)))
            .map(([a, b]) => ({ supplierId: ids[a]!, dependsOnId: ids[b]!, supplies: "", singleSource: false, bufferMin: 0 }));
          const services = serviceLinks.map((links, j) => ({ id: `S${j}`, name: `S${j}`, supplierIds: [...new Set(links.filter((i) => i < n).map((i) => ids[i]!))] }));
          const engine = computeResilience({
            asOf: new Date("2026-01-01"),
            suppliers: ids.map((id, i) => ({
              id,
              name: id,
              country: "DE",
              isVendor: vendors.has(i),
              criticality: "medium",
              declaredRtoMin: null,
              declaredRpoMin: null,
              testedRtoMin: null,
              testedRpoMin: null,
              testedAt: null,
            })),
            dependencies: deps,
            services: services.map((s) => ({ ...s, requiredRtoMin: 60, requiredRpoMin: 60, mtpdMin: 120 })),
          });
          const graph = buildSupplyGraph({
            suppliers: ids.map((id, i) => ({ id, name: id, country: "DE", criticality: "medium", isVendor: vendors.has(i), worstSeverity: null })),
            dependencies: deps.map((d, k) => ({ ...d, id: String(k), declaredBy: "procurement" as const })),
            services,
          });
          const tiers = Object.fromEntries(buildMapView(graph).nodes.filter((x) => x.kind === "supplier").map((x) => [x.id, x.tier]));
          const counts = Object.fromEntries(computeConcentration(graph).suppliers.map((s) => [s.id, s]));
          for (const id of ids) {
            const r = engine.supplierById.get(id)!;
            expect(tiers[id] ?? null).toBe(r.tier);
            expect(counts[id]!.vendors).toBe(r.reliedOnByVendors);
            expect(counts[id]!.services).toBe(r.reliedOnByServices);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
