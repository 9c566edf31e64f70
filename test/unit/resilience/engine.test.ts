import { describe, expect, it } from "vitest";
import { computeResilience } from "~/domain/resilience";
import type { PathStep, SupplierStep } from "~/domain/resilience";
import { AS_OF, D, H, alt, dep, input, monthsBefore, service, supplier } from "./builders";

const ids = (path: readonly PathStep[]) =>
  path.map((s) => (s.kind === "service" ? `svc:${s.serviceId}` : s.kind === "supplier" ? s.supplierId : `alt:${s.alternateId}`));

/** Vendor V claims 4 h and relies (single source) on tier-2 T which needs 48 h. */
function vendorWithTier2(over: { buffer?: number; alternateMin?: number } = {}) {
  return input({
    suppliers: [
      supplier("V", { isVendor: true, declaredRtoMin: 4 * H, declaredRpoMin: 15 }),
      supplier("T", { declaredRtoMin: 48 * H }),
      supplier("A", { declaredRtoMin: 1 * H }),
    ],
    dependencies: [dep("V", "T", { singleSource: true, bufferMin: over.buffer ?? 0, supplies: "steel" })],
    alternates:
      over.alternateMin === undefined
        ? []
        : [alt({ replacesId: "T", alternateId: "A", forSupplierId: "V", switchoverMin: over.alternateMin })],
    services: [service("S", ["V"], { requiredRtoMin: 8 * H, mtpdMin: 3 * D })],
  });
}

describe("hand-worked examples", () => {
  it("a 4 h vendor behind a single-source 48 h tier-2 recovers in 48 h, path vendor → tier-2", () => {
    const r = computeResilience(vendorWithTier2());
    const v = r.supplierById.get("V")!;
    expect(v.ownRtoMin).toBe(4 * H);
    expect(v.rtoSource).toBe("declared");
    expect(v.effectiveRtoMin).toBe(48 * H);
    expect(ids(v.path)).toEqual(["V", "T"]);
    const last = v.path[1] as SupplierStep;
    expect(last).toMatchObject({ link: "dependency", supplies: "steel", singleSource: true, bufferMin: 0, ownRtoMin: 48 * H });
    expect(v.tier).toBe(1);
    expect(r.supplierById.get("T")!.tier).toBe(2);
    expect(r.supplierById.get("A")!.tier).toBeNull();
    const s = r.serviceById.get("S")!;
    expect(s.recoveryMin).toBe(48 * H);
    expect(s.rtoStatus).toBe("gap");
    expect(ids(s.path)).toEqual(["svc:S", "V", "T"]);
    const gap = r.findings.find((f) => f.kind === "rto_gap")!;
    expect(gap.severity).toBe("high");
    expect(gap.reason).toContain("2 d");
    expect(gap.reason).toContain("8 h");
    expect(ids(gap.path)).toEqual(["svc:S", "V", "T"]);
    expect(r.findings.some((f) => f.kind === "single_source_no_alternate" && f.subject.id === "V")).toBe(true);
  });

  it("a qualified 6 h alternate for that input caps it at 6 h and the path says so", () => {
    const r = computeResilience(vendorWithTier2({ alternateMin: 6 * H }));
    const v = r.supplierById.get("V")!;
    expect(v.effectiveRtoMin).toBe(6 * H);
    expect(ids(v.path)).toEqual(["V", "alt:A"]);
    expect(v.path[1]).toMatchObject({ kind: "alternate", alternateId: "A", replacesId: "T", switchoverMin: 6 * H });
    expect(r.serviceById.get("S")!.rtoStatus).toBe("meets");
    expect(r.findings.some((f) => f.kind === "single_source_no_alternate")).toBe(false);
  });

  it("alternates that are not qualified, or for another supplier, do not count", () => {
    for (const a of [
      alt({ replacesId: "T", alternateId: "A", forSupplierId: "V", switchoverMin: 6 * H, status: "qualifying" }),
      alt({ replacesId: "T", alternateId: "A", forSupplierId: "V", switchoverMin: 6 * H, status: "identified" }),
      alt({ replacesId: "T", alternateId: "A", forSupplierId: "A", switchoverMin: 6 * H }),
      alt({ replacesId: "T", alternateId: "A", forSupplierId: "V", switchoverMin: null }),
    ]) {
      const r = computeResilience({ ...vendorWithTier2(), alternates: [a] });
      expect(r.supplierById.get("V")!.effectiveRtoMin).toBe(48 * H);
    }
  });

  it("a 24 h buffer on the dependency brings it to 24 h, visible in the path", () => {
    const r = computeResilience(vendorWithTier2({ buffer: 24 * H }));
    const v = r.supplierById.get("V")!;
    expect(v.effectiveRtoMin).toBe(24 * H);
    expect(ids(v.path)).toEqual(["V", "T"]);
    expect(v.path[1]).toMatchObject({ kind: "supplier", bufferMin: 24 * H });
    const gap = r.findings.find((f) => f.kind === "rto_gap")!;
    expect(gap.reason).toContain("[buffer 1 d]");
  });

  it("a buffer larger than the upstream recovery leaves the vendor's own figure", () => {
    const r = computeResilience(vendorWithTier2({ buffer: 5 * D }));
    const v = r.supplierById.get("V")!;
    expect(v.effectiveRtoMin).toBe(4 * H);
    expect(ids(v.path)).toEqual(["V"]);
  });

  it("a cycle of 3 suppliers terminates with one shared result", () => {
    const r = computeResilience(
      input({
        suppliers: [
          supplier("V", { isVendor: true, declaredRtoMin: 2 * H }),
          supplier("X", { declaredRtoMin: 10 * H }),
          supplier("Y", { declaredRtoMin: 5 * H }),
          supplier("Z", { declaredRtoMin: 20 * H }),
        ],
        dependencies: [dep("V", "X"), dep("X", "Y"), dep("Y", "V"), dep("Y", "Z", { bufferMin: 8 * H })],
      }),
    );
    const [v, x, y] = ["V", "X", "Y"].map((id) => r.supplierById.get(id)!);
    expect(v!.effectiveRtoMin).toBe(12 * H); // Z 20 h − 8 h buffer, shared by the whole cycle
    expect(x!.effectiveRtoMin).toBe(12 * H);
    expect(y!.effectiveRtoMin).toBe(12 * H);
    expect(v!.cycle).toEqual(["V", "X", "Y"]);
    expect(v!.cycleId).toBe(0);
    expect(r.cycles).toEqual([["V", "X", "Y"]]);
    expect(r.supplierById.get("Z")!.cycle).toBeNull();
    expect(ids(v!.path)).toEqual(["V", "X", "Y", "Z"]);
    expect(v!.path.map((s) => (s.kind === "supplier" ? s.link : s.kind))).toEqual(["start", "cycle", "cycle", "dependency"]);
    expect(ids(y!.path)).toEqual(["Y", "Z"]);
  });

  it("inside a cycle the worst own figure is shared and each member points at it", () => {
    const r = computeResilience(
      input({
        suppliers: [supplier("A", { declaredRtoMin: 1 * H }), supplier("B", { declaredRtoMin: 9 * H })],
        dependencies: [dep("A", "B", { bufferMin: 100 * H }), dep("B", "A")],
      }),
    );
    // Buffers on edges inside the cycle do not apply.
    expect(r.supplierById.get("A")!.effectiveRtoMin).toBe(9 * H);
    expect(ids(r.supplierById.get("A")!.path)).toEqual(["A", "B"]);
    expect(ids(r.supplierById.get("B")!.path)).toEqual(["B"]);
  });

  it("self-loops are ignored", () => {
    const r = computeResilience(
      input({ suppliers: [supplier("A", { declaredRtoMin: 60 })], dependencies: [dep("A", "A", { bufferMin: 5 })] }),
    );
    expect(r.supplierById.get("A")!.effectiveRtoMin).toBe(60);
    expect(r.supplierById.get("A")!.cycle).toBeNull();
  });

  it("an unknown tier-2 RTO gives service status 'unknown', not 'meets'", () => {
    const r = computeResilience(
      input({
        suppliers: [supplier("V", { isVendor: true, declaredRtoMin: 1 * H, declaredRpoMin: 5 }), supplier("T")],
        dependencies: [dep("V", "T", { bufferMin: 10 * D })],
        services: [service("S", ["V"])],
      }),
    );
    expect(r.supplierById.get("V")!.effectiveRtoMin).toBeNull();
    expect(ids(r.supplierById.get("V")!.path)).toEqual(["V", "T"]);
    const s = r.serviceById.get("S")!;
    expect(s.recoveryMin).toBeNull();
    expect(s.rtoStatus).toBe("unknown");
    const f = r.findings.find((x) => x.kind === "rto_unknown")!;
    expect(f.subject).toEqual({ type: "service", id: "S" });
    expect(f.reason).toContain("Supplier T");
    expect(ids(f.path)).toEqual(["svc:S", "V", "T"]);
  });

  it("a qualified alternate caps an unknown time", () => {
    const r = computeResilience(
      input({
        suppliers: [supplier("V", { isVendor: true, declaredRtoMin: 1 * H }), supplier("T"), supplier("A")],
        dependencies: [dep("V", "T")],
        alternates: [alt({ replacesId: "T", alternateId: "A", forSupplierId: "V", switchoverMin: 3 * H })],
      }),
    );
    expect(r.supplierById.get("V")!.effectiveRtoMin).toBe(3 * H);
  });

  it("a service alternate caps its vendor", () => {
    const r = computeResilience(
      input({
        suppliers: [supplier("V", { declaredRtoMin: 2 * D, declaredRpoMin: 0 }), supplier("W", { declaredRtoMin: 2 * H, declaredRpoMin: 0 })],
        alternates: [alt({ replacesId: "V", alternateId: "W", forServiceId: "S", switchoverMin: 3 * H })],
        services: [service("S", ["V"])],
      }),
    );
    const s = r.serviceById.get("S")!;
    expect(s.recoveryMin).toBe(3 * H);
    expect(s.rtoStatus).toBe("meets");
    expect(ids(s.path)).toEqual(["svc:S", "alt:W"]);
    expect(s.path[1]).toMatchObject({ link: "service", replacesId: "V" });
  });

  it("a service with no suppliers recovers in 0 and meets", () => {
    const r = computeResilience(input({ services: [service("S", [])] }));
    expect(r.serviceById.get("S")).toMatchObject({
      recoveryMin: 0,
      rtoStatus: "meets",
      rpoMin: 0,
      rpoStatus: "meets",
      rpoVendorId: null,
    });
    expect(r.findings).toEqual([]);
  });

  it("RTO over MTPD is 'beyond_mtpd' with a critical finding", () => {
    const r = computeResilience(
      input({
        suppliers: [supplier("V", { isVendor: true, declaredRtoMin: 3 * D, declaredRpoMin: 0 })],
        services: [service("S", ["V"], { requiredRtoMin: 4 * H, mtpdMin: 2 * D })],
      }),
    );
    expect(r.serviceById.get("S")!.rtoStatus).toBe("beyond_mtpd");
    const f = r.findings[0]!;
    expect(f.kind).toBe("rto_beyond_mtpd");
    expect(f.severity).toBe("critical");
    expect(f.reason).toBe(
      '"Service S" would be down for 3 d, beyond its maximum tolerable disruption of 2 d (required RTO 4 h). Cause: Supplier V (declared RTO 3 d).',
    );
  });

  it("RTO status boundaries: equal to the required RTO meets, equal to MTPD is a gap", () => {
    const statusFor = (rto: number) =>
      computeResilience(
        input({
          suppliers: [supplier("V", { declaredRtoMin: rto })],
          services: [service("S", ["V"], { requiredRtoMin: 4 * H, mtpdMin: 1 * D })],
        }),
      ).serviceById.get("S")!.rtoStatus;
    expect(statusFor(4 * H)).toBe("meets");
    expect(statusFor(4 * H + 1)).toBe("gap");
    expect(statusFor(1 * D)).toBe("gap");
    expect(statusFor(1 * D + 1)).toBe("beyond_mtpd");
  });

  it("a stale (13-month-old) test falls back to the declared figure; a 11-month-old one is used", () => {
    const make = (months: number) =>
      computeResilience(
        input({
          suppliers: [
            supplier("V", {
              isVendor: true,
              declaredRtoMin: 4 * H,
              declaredRpoMin: 60,
              testedRtoMin: 2 * H,
              testedRpoMin: 5,
              testedAt: monthsBefore(AS_OF, months),
            }),
          ],
          services: [service("S", ["V"], { requiredRpoMin: 30 })],
        }),
      );
    const stale = make(13);
    expect(stale.supplierById.get("V")).toMatchObject({ ownRtoMin: 4 * H, rtoSource: "declared", ownRpoMin: 60, rpoSource: "declared" });
    expect(stale.findings.map((f) => f.kind)).toEqual(expect.arrayContaining(["stale_test", "untested_claim", "rpo_gap"]));
    const fresh = make(11);
    expect(fresh.supplierById.get("V")).toMatchObject({ ownRtoMin: 2 * H, rtoSource: "tested", ownRpoMin: 5, rpoSource: "tested" });
    expect(fresh.findings.map((f) => f.kind)).not.toContain("stale_test");
    expect(fresh.findings.map((f) => f.kind)).not.toContain("untested_claim");
  });

  it("a tested figure without a test date is not used", () => {
    const r = computeResilience(
      input({ suppliers: [supplier("V", { declaredRtoMin: 4 * H, testedRtoMin: 1 * H, testedAt: null })] }),
    );
    expect(r.supplierById.get("V")!.rtoSource).toBe("declared");
  });

  it("RPO: worst vendor, unknown is worst", () => {
    const r = computeResilience(
      input({
        suppliers: [
          supplier("A", { declaredRtoMin: 1, declaredRpoMin: 10 }),
          supplier("B", { declaredRtoMin: 1, declaredRpoMin: 60 }),
          supplier("C", { declaredRtoMin: 1 }),
        ],
        services: [service("S1", ["A", "B"], { requiredRpoMin: 30 }), service("S2", ["A", "B", "C"]), service("S3", ["A"])],
      }),
    );
    expect(r.serviceById.get("S1")).toMatchObject({ rpoMin: 60, rpoStatus: "gap", rpoVendorId: "B" });
    expect(ids(r.serviceById.get("S1")!.rpoPath)).toEqual(["svc:S1", "B"]);
    expect(r.serviceById.get("S2")).toMatchObject({ rpoMin: null, rpoStatus: "unknown", rpoVendorId: "C" });
    expect(r.serviceById.get("S3")).toMatchObject({ rpoMin: 10, rpoStatus: "meets", rpoVendorId: "A" });
  });

  it("ties are broken by id so the output is deterministic", () => {
    const r = computeResilience(
      input({
        suppliers: [supplier("V", { declaredRtoMin: 1 }), supplier("b", { declaredRtoMin: 100 }), supplier("a", { declaredRtoMin: 100 })],
        dependencies: [dep("V", "b"), dep("V", "a")],
      }),
    );
    expect(ids(r.supplierById.get("V")!.path)).toEqual(["V", "a"]);
  });

  it("ids referenced but not listed become unlisted suppliers with unknown figures", () => {
    const r = computeResilience(
      input({
        suppliers: [supplier("V", { declaredRtoMin: 60 })],
        dependencies: [dep("V", "ghost")],
        services: [service("S", ["V", "missing"])],
      }),
    );
    expect(r.supplierById.get("ghost")).toMatchObject({ listed: false, effectiveRtoMin: null, tier: 2 });
    expect(r.supplierById.get("V")!.effectiveRtoMin).toBeNull();
    expect(r.serviceById.get("S")!.rtoStatus).toBe("unknown");
  });

  it("rejects duplicate supplier ids", () => {
    expect(() => computeResilience(input({ suppliers: [supplier("A"), supplier("A")] }))).toThrow(/duplicate/);
  });

  it("supplier results serialise with their path", () => {
    const r = computeResilience(vendorWithTier2());
    const json = JSON.parse(JSON.stringify(r.supplierById.get("V"))) as { path: unknown[]; effectiveRtoMin: number };
    expect(json.effectiveRtoMin).toBe(48 * H);
    expect(json.path).toHaveLength(2);
  });
});

describe("deep graphs", () => {
  const chain = (length: number, lastRto: number) =>
    input({
      suppliers: Array.from({ length }, (_, i) =>
        supplier(`s${i}`, { isVendor: i === 0, declaredRtoMin: i === length - 1 ? lastRto : 60 }),
      ),
      dependencies: Array.from({ length: length - 1 }, (_, i) => dep(`s${i}`, `s${i + 1}`)),
      services: [service("S", ["s0"])],
    });

  it("a 20-tier-deep chain", () => {
    const r = computeResilience(chain(20, 5 * D));
    const top = r.supplierById.get("s0")!;
    expect(top.effectiveRtoMin).toBe(5 * D);
    expect(top.path).toHaveLength(20);
    expect(r.supplierById.get("s19")!.tier).toBe(20);
    expect(r.serviceById.get("S")!.path).toHaveLength(21);
    expect(r.serviceById.get("S")!.rtoStatus).toBe("beyond_mtpd");
  });

  it("a 100,000-node chain does not overflow the stack", () => {
    const n = 100_000;
    const r = computeResilience(chain(n, 7 * D));
    expect(r.supplierById.get("s0")!.effectiveRtoMin).toBe(7 * D);
    expect(r.supplierById.get(`s${n - 1}`)!.tier).toBe(n);
    expect(r.supplierById.get("s0")!.path).toHaveLength(n);
  });

  it("a 100,000-node cycle shares one value", () => {
    const n = 100_000;
    const base = chain(n, 7 * D);
    const r = computeResilience({ ...base, dependencies: [...base.dependencies, dep(`s${n - 1}`, "s0")] });
    expect(r.cycles).toHaveLength(1);
    expect(r.supplierById.get("s0")!.effectiveRtoMin).toBe(7 * D);
    expect(r.supplierById.get("s500")!.effectiveRtoMin).toBe(7 * D);
    expect(r.supplierById.get(`s${n - 2}`)!.path).toHaveLength(2);
  });
});
