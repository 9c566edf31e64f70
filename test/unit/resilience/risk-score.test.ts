import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RISK_WEIGHTS, computeResilience, computeRiskScores, scoreSupplierRisk } from "~/domain/resilience";
import type { RiskScore, SupplierRiskFacts } from "~/domain/resilience";
import { AS_OF, D, H, dep, input, service, supplier } from "./builders";

const evidenceState = fc.constantFrom("valid" as const, "expired" as const, "missing" as const);
const facts: fc.Arbitrary<SupplierRiskFacts> = fc.record({
  isVendor: fc.boolean(),
  serviceImpact: fc.option(
    fc.record({
      status: fc.constantFrom("gap" as const, "beyond_mtpd" as const, "unknown" as const),
      serviceName: fc.string(),
      recoveryMin: fc.option(fc.nat(100_000), { nil: null }),
    }),
    { nil: null },
  ),
  effectiveRtoKnown: fc.boolean(),
  rtoSource: fc.constantFrom("tested" as const, "declared" as const, "unknown" as const),
  testStale: fc.boolean(),
  evidence: fc.option(fc.record({ bcpPlan: evidenceState, drTest: evidenceState }), { nil: null }),
  singleSourcesWithoutAlternate: fc.nat(20),
  reliedOnByVendors: fc.nat(200),
  reliedOnByServices: fc.nat(200),
  questionnaireScore: fc.option(fc.double({ min: -10, max: 110, noNaN: true }), { nil: null }),
  overdueAssessments: fc.option(fc.nat(5), { nil: null }),
});

function checkShape(score: RiskScore): void {
  expect(score.total).toBeGreaterThanOrEqual(0);
  expect(score.total).toBeLessThanOrEqual(100);
  expect(Number.isInteger(score.total)).toBe(true);
  expect(score.parts.reduce((s, p) => s + p.points, 0)).toBe(score.total);
  expect(score.parts.map((p) => p.part)).toEqual(Object.keys(RISK_WEIGHTS));
  for (const p of score.parts) {
    expect(p.points).toBeGreaterThanOrEqual(0);
    expect(p.points).toBeLessThanOrEqual(p.max);
    expect(p.max).toBe(RISK_WEIGHTS[p.part].max);
    expect(p.reason.length).toBeGreaterThan(0);
    expect(p.label.length).toBeGreaterThan(0);
  }
}

describe("risk score", () => {
  it("weights live in one constant whose maxima add up to 100", () => {
    expect(Object.values(RISK_WEIGHTS).reduce((s, w) => s + w.max, 0)).toBe(100);
    for (const w of Object.values(RISK_WEIGHTS))
      for (const v of Object.values(w)) expect(v).toBeLessThanOrEqual(w.max);
  });

  it("totals are within 0..100 and the parts add up to the total", () => {
    fc.assert(
      fc.property(facts, (f) => checkShape(scoreSupplierRisk(f))),
      { numRuns: 1000 },
    );
  });

  it("a clean tested vendor scores 0; the worst case scores 100", () => {
    const clean = scoreSupplierRisk({
      isVendor: true,
      serviceImpact: null,
      effectiveRtoKnown: true,
      rtoSource: "tested",
      testStale: false,
      evidence: { bcpPlan: "valid", drTest: "valid" },
      singleSourcesWithoutAlternate: 0,
      reliedOnByVendors: 0,
      reliedOnByServices: 0,
      questionnaireScore: 100,
      overdueAssessments: 0,
    });
    expect(clean.total).toBe(0);
    const worst = scoreSupplierRisk({
      isVendor: true,
      serviceImpact: { status: "beyond_mtpd", serviceName: "Payroll", recoveryMin: 3 * D },
      effectiveRtoKnown: true,
      rtoSource: "unknown",
      testStale: false,
      evidence: { bcpPlan: "missing", drTest: "missing" },
      singleSourcesWithoutAlternate: 5,
      reliedOnByVendors: 50,
      reliedOnByServices: 50,
      questionnaireScore: 0,
      overdueAssessments: 2,
    });
    expect(worst.total).toBe(100);
    expect(worst.parts[0]!.reason).toBe('Makes "Payroll" exceed its MTPD (down 3 d)');
  });

  it("scores every supplier of a computed graph, with the recovery gap on the causing path", () => {
    const inp = input({
      suppliers: [
        supplier("V", { isVendor: true, declaredRtoMin: 4 * H }),
        supplier("T", { declaredRtoMin: 3 * D }),
        supplier("Z", { declaredRtoMin: 1 * H }),
      ],
      dependencies: [dep("V", "T", { singleSource: true }), dep("V", "Z")],
      services: [service("S", ["V"], { requiredRtoMin: 4 * H, mtpdMin: 1 * D })],
      evidence: [],
      assessments: [{ supplierId: "V", status: "sent", dueDate: new Date(AS_OF.getTime() - 1) }],
    });
    const result = computeResilience(inp);
    const scores = computeRiskScores(inp, result, { questionnaireScores: new Map([["V", 80]]) });
    expect([...scores.keys()]).toEqual(["V", "T", "Z"]);
    for (const s of scores.values()) checkShape(s);
    const v = scores.get("V")!;
    const part = (name: string) => v.parts.find((p) => p.part === name)!;
    expect(part("recoveryGap").points).toBe(RISK_WEIGHTS.recoveryGap.beyondMtpd);
    expect(part("singleSource").points).toBe(RISK_WEIGHTS.singleSource.perInput);
    expect(part("evidence").points).toBe(Math.min(RISK_WEIGHTS.evidence.max, 2 * RISK_WEIGHTS.evidence.missing));
    expect(part("questionnaire").points).toBe(2);
    expect(part("overdueAssessment").points).toBe(RISK_WEIGHTS.overdueAssessment.any);
    expect(scores.get("T")!.parts[0]!.points).toBe(RISK_WEIGHTS.recoveryGap.beyondMtpd);
    expect(scores.get("Z")!.parts[0]!.points).toBe(0);
    expect([...computeRiskScores(inp, result, { supplierIds: ["Z", "nope"] }).keys()]).toEqual(["Z"]);
  });
});
