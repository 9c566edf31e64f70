import { describe, expect, it } from "vitest";
import { simulateOutage, type ResilienceInput } from "~/domain/resilience";
import { AS_OF, D, H, alt, dep, service, supplier } from "./builders";

// vendor V (tier 1) → tier-2 T (single source, 24 h of stock) → tier-3 U; service S needs V (RTO 8 h, MTPD 2 d).
function chain(): ResilienceInput {
  return {
    asOf: AS_OF,
    suppliers: [
      supplier("V", { isVendor: true, country: "PL", declaredRtoMin: 4 * H }),
      supplier("T", { country: "TW", declaredRtoMin: 48 * H }),
      supplier("U", { country: "TW", declaredRtoMin: 2 * H }),
      supplier("X", { country: "DE", declaredRtoMin: H }),
    ],
    dependencies: [dep("V", "T", { singleSource: true, bufferMin: 24 * H }), dep("T", "U")],
    alternates: [alt({ replacesId: "T", alternateId: "X", forSupplierId: "V", status: "qualifying", switchoverMin: 6 * H })],
    services: [service("S", ["V"], { requiredRtoMin: 8 * H, mtpdMin: 2 * D }), service("Q", [], { requiredRtoMin: H, mtpdMin: 2 * H })],
  };
}

describe("simulateOutage", () => {
  it("a 3-day outage of the tier-2 takes the service down after its 24 h buffer, for 2 days", () => {
    const result = simulateOutage(chain(), { supplierIds: ["T"], countries: [], durationMin: 3 * D });
    const s = result.services.find((x) => x.serviceId === "S")!;
    expect(s).toMatchObject({
      downtimeMin: 2 * D,
      goesDownAfterMin: 24 * H,
      exceedsRtoAfterMin: 24 * H + 8 * H,
      exceedsMtpdAfterMin: null,
      status: "gap",
    });
    expect(s.path.map((p) => (p.kind === "service" ? p.serviceId : p.kind === "supplier" ? p.supplierId : p.alternateId))).toEqual(["S", "V", "T"]);
    // Qualifying the 6 h alternate would keep the service within its 8 h RTO.
    expect(s.savedBy).toEqual([{ alternateId: "X", replacesId: "T", status: "qualifying", switchoverMin: 6 * H }]);
    expect(result.services.find((x) => x.serviceId === "Q")!.status).toBe("unaffected");
  });

  it("an outage shorter than the buffer does not touch the service", () => {
    const result = simulateOutage(chain(), { supplierIds: ["T"], countries: [], durationMin: 12 * H });
    expect(result.services.find((x) => x.serviceId === "S")).toMatchObject({ status: "unaffected", downtimeMin: 0, savedBy: [] });
  });

  it("a whole country going dark includes every supplier there, and can exceed the MTPD", () => {
    const result = simulateOutage(chain(), { supplierIds: [], countries: ["tw"], durationMin: 5 * D });
    expect(result.outSupplierIds).toEqual(["T", "U"]);
    const s = result.services.find((x) => x.serviceId === "S")!;
    expect(s.status).toBe("beyond_mtpd");
    expect(s.downtimeMin).toBe(4 * D);
    expect(s.exceedsMtpdAfterMin).toBe(24 * H + 2 * D);
  });

  it("terminates on a cycle and ignores suppliers' own declared figures", () => {
    const input: ResilienceInput = {
      asOf: AS_OF,
      suppliers: [supplier("A", { isVendor: true, declaredRtoMin: null }), supplier("B"), supplier("C")],
      dependencies: [dep("A", "B"), dep("B", "C"), dep("C", "A")],
      services: [service("S", ["A"], { requiredRtoMin: H, mtpdMin: 4 * H })],
    };
    const result = simulateOutage(input, { supplierIds: ["C"], countries: [], durationMin: 2 * H });
    expect(result.services[0]).toMatchObject({ status: "gap", downtimeMin: 2 * H });
  });
});
