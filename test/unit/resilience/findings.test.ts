import { describe, expect, it } from "vitest";
import {
  COUNTRY_CONCENTRATION_MIN_VENDORS,
  FINDING_KINDS,
  compareFindings,
  computeResilience,
  formatDuration,
} from "~/domain/resilience";
import type { Finding, FindingKind, ResilienceInput } from "~/domain/resilience";
import { AS_OF, D, H, alt, dep, input, monthsBefore, service, supplier } from "./builders";

const daysFrom = (days: number) => new Date(AS_OF.getTime() + days * 86_400_000);

/** One organisation that triggers every kind of finding at least once. */
function everything(): ResilienceInput {
  const vendors = ["V1", "V2", "V3", "V4", "V5"];
  return input({
    suppliers: [
      // V1: critical, declared only, relies single-source on the shared supplier X.
      supplier("V1", { isVendor: true, criticality: "critical", declaredRtoMin: 4 * H, declaredRpoMin: 60 }),
      // V2: tested 13 months ago (stale).
      supplier("V2", {
        isVendor: true,
        criticality: "high",
        declaredRtoMin: 2 * H,
        declaredRpoMin: 10,
        testedRtoMin: 1 * H,
        testedRpoMin: 5,
        testedAt: monthsBefore(AS_OF, 13),
      }),
      supplier("V3", { isVendor: true, declaredRtoMin: 1 * H, declaredRpoMin: 5, testedRtoMin: 1 * H, testedRpoMin: 5, testedAt: monthsBefore(AS_OF, 2) }),
      supplier("V4", { isVendor: true, declaredRtoMin: 1 * H }),
      // V5: critical vendor that declared no dependencies.
      supplier("V5", { isVendor: true, criticality: "critical", declaredRtoMin: 1 * H, declaredRpoMin: 0 }),
      supplier("X", { country: "CN", declaredRtoMin: 3 * D }),
      supplier("U"), // unknown RTO
    ],
    dependencies: [
      dep("V1", "X", { singleSource: true, supplies: "chips" }),
      dep("V2", "X"),
      dep("V3", "X", { singleSource: true }),
      dep("V4", "X"),
      dep("V4", "U"),
    ],
    alternates: [alt({ replacesId: "X", alternateId: "V5", forSupplierId: "V3", status: "qualifying", switchoverMin: 60 })],
    services: [
      service("gap", ["V3"], { requiredRtoMin: 1 * H, mtpdMin: 5 * D, requiredRpoMin: 60 }), // 3 d: gap
      service("mtpd", ["V1"], { requiredRtoMin: 4 * H, mtpdMin: 1 * D, requiredRpoMin: 15 }), // 3 d: beyond; RPO 1 h: gap
      service("unknown", ["V4"], { requiredRtoMin: 4 * H }), // unknown RTO and RPO
      service("fine", ["V5"], { requiredRtoMin: 4 * H }),
    ],
    evidence: [
      { supplierId: "V1", kind: "bcp_plan", status: "accepted", validTo: daysFrom(-10), testDate: null },
      { supplierId: "V1", kind: "dr_test", status: "accepted", validTo: null, testDate: daysFrom(-30) },
      { supplierId: "V2", kind: "bcp_plan", status: "accepted", validTo: daysFrom(100), testDate: null },
      { supplierId: "V2", kind: "dr_test", status: "rejected", validTo: null, testDate: null },
      ...vendors.slice(2).flatMap((v) => [
        { supplierId: v, kind: "bcp_plan" as const, status: "accepted" as const, validTo: null, testDate: null },
        { supplierId: v, kind: "dr_test" as const, status: "accepted" as const, validTo: null, testDate: null },
      ]),
    ],
    assessments: [
      { supplierId: "V1", status: "sent", dueDate: daysFrom(-3) },
      { supplierId: "V1", status: "in_progress", dueDate: daysFrom(-20) },
      { supplierId: "V2", status: "submitted", dueDate: daysFrom(-3) },
      { supplierId: "V3", status: "sent", dueDate: daysFrom(3) },
    ],
  });
}

const of = (findings: readonly Finding[], kind: FindingKind) => findings.filter((f) => f.kind === kind);

describe("findings", () => {
  const r = computeResilience(everything());
  const f = r.findings;

  it("covers every kind", () => {
    expect(new Set(f.map((x) => x.kind))).toEqual(new Set(FINDING_KINDS));
  });

  it("are sorted by severity, kind, subject id, key and have unique keys", () => {
    for (let i = 1; i < f.length; i++) expect(compareFindings(f[i - 1]!, f[i]!)).toBeLessThan(0);
    expect(new Set(f.map((x) => x.key)).size).toBe(f.length);
  });

  it("service RTO and RPO findings carry the figures and the path", () => {
    const [beyond] = of(f, "rto_beyond_mtpd");
    expect(beyond).toMatchObject({ severity: "critical", subject: { type: "service", id: "mtpd" } });
    expect(beyond!.reason).toBe(
      '"Service mtpd" would be down for 3 d, beyond its maximum tolerable disruption of 1 d (required RTO 4 h). Cause: Supplier V1 → Supplier X (declared RTO 3 d).',
    );
    expect(beyond!.path.map((s) => s.kind)).toEqual(["service", "supplier", "supplier"]);
    expect(of(f, "rto_gap").map((x) => x.subject.id)).toEqual(["gap"]);
    expect(of(f, "rto_unknown").map((x) => x.subject.id)).toEqual(["unknown"]);
    const [rpo] = of(f, "rpo_gap");
    expect(rpo!.subject.id).toBe("mtpd");
    expect(rpo!.reason).toContain("1 h");
    expect(rpo!.reason).toContain("15 min");
    expect(rpo!.path).toEqual([
      { kind: "service", serviceId: "mtpd" },
      expect.objectContaining({ kind: "supplier", supplierId: "V1", link: "service" }),
    ]);
    expect(of(f, "rpo_unknown").map((x) => x.subject.id)).toEqual(["unknown"]);
    expect(f.some((x) => x.subject.id === "fine")).toBe(false);
  });

  it("claims and tests", () => {
    // Ordered by severity first: critical vendors (V1, V5) give 'high' findings.
    expect(of(f, "untested_claim").map((x) => [x.subject.id, x.severity])).toEqual([
      ["V1", "high"],
      ["V5", "high"],
      ["V2", "medium"],
      ["V4", "low"],
    ]);
    expect(of(f, "untested_claim").find((x) => x.subject.id === "V1")!.severity).toBe("high");
    expect(of(f, "stale_test").map((x) => x.subject.id)).toEqual(["V2"]);
    expect(of(f, "stale_test")[0]!.reason).toContain("2024-05-30");
  });

  it("evidence, questionnaires and undeclared dependencies", () => {
    expect(of(f, "evidence_expired").map((x) => x.subject.id)).toEqual(["V1"]);
    expect(of(f, "evidence_expired")[0]!.reason).toBe("Supplier V1's accepted BCP plan (expired 2025-06-20) is no longer valid.");
    expect(of(f, "evidence_missing").map((x) => [x.subject.id, x.reason])).toEqual([
      ["V2", "Supplier V2 has no accepted DR test report."],
    ]);
    expect(of(f, "overdue_questionnaire").map((x) => [x.subject.id, x.reason])).toEqual([
      ["V1", "Supplier V1 has 2 overdue questionnaires (oldest due 2025-06-10)."],
    ]);
    expect(of(f, "unknown_dependencies").map((x) => x.subject.id)).toEqual(["V5"]);
  });

  it("single sources without a qualified alternate (a qualifying one does not count)", () => {
    const ss = of(f, "single_source_no_alternate");
    expect(ss.map((x) => x.key)).toEqual([
      "single_source_no_alternate:supplier:V1:X",
      "single_source_no_alternate:supplier:V3:X",
    ]);
    expect(ss[0]!.reason).toBe('Supplier V1 relies on Supplier X as its only source of "chips" and has no qualified alternate.');
    expect(ss[0]!.path.map((s) => (s.kind === "supplier" ? s.supplierId : s.kind))).toEqual(["V1", "X"]);
  });

  it("concentration of one supplier and of one country", () => {
    const x = r.supplierById.get("X")!;
    expect(x.reliedOnByVendors).toBe(4);
    expect(x.reliedOnByServices).toBe(3);
    const [conc] = of(f, "concentration_supplier");
    expect(conc).toMatchObject({ severity: "medium", subject: { type: "supplier", id: "X" } });
    expect(conc!.reason).toBe(
      "Supplier X is relied on by 4 vendors and 3 internal services (including Supplier V1, Supplier V2 and Supplier V3).",
    );
    expect(COUNTRY_CONCENTRATION_MIN_VENDORS).toBe(5);
    // CN (supplier X) is behind 4 vendors — under the threshold — but behind 3 services.
    expect(of(f, "concentration_country").map((x) => x.subject.id)).toEqual(["CN", "DE"]);
    expect(of(f, "concentration_country")[0]!.reason).toBe("Suppliers in CN are behind 4 of 5 vendors and 3 of 4 internal services.");
    const country = of(f, "concentration_country")[1];
    expect(country).toMatchObject({ severity: "medium", subject: { type: "country", id: "DE" } });
    expect(country!.reason).toBe("Suppliers in DE are behind 5 of 5 vendors and 4 of 4 internal services.");
    expect(country!.path.map((s) => (s.kind === "supplier" ? s.supplierId : s.kind))).toEqual(["V1"]);
  });

  it("serialise to plain objects", () => {
    const json = JSON.parse(JSON.stringify(f[0])) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(["key", "kind", "path", "reason", "severity", "subject"]);
  });

  it("no evidence / assessment input means no evidence / questionnaire findings", () => {
    const { evidence: _e, assessments: _a, ...rest } = everything();
    const kinds = new Set(computeResilience(rest).findings.map((x) => x.kind));
    for (const k of ["evidence_expired", "evidence_missing", "overdue_questionnaire"] as const) expect(kinds.has(k)).toBe(false);
  });

  it("a qualified alternate (even without a known switch-over) clears the single-source finding", () => {
    const base = everything();
    const withAlt = computeResilience({
      ...base,
      alternates: [alt({ replacesId: "X", alternateId: "V5", forSupplierId: "V1", switchoverMin: null })],
    });
    expect(of(withAlt.findings, "single_source_no_alternate").map((x) => x.subject.id)).toEqual(["V3"]);
  });

  it("country concentration counts the country behind vendors via their upstream suppliers", () => {
    const suppliers = [
      ...Array.from({ length: 6 }, (_, i) => supplier(`V${i}`, { isVendor: true, country: "FR", declaredRtoMin: 60 })),
      supplier("T", { country: "TW", declaredRtoMin: 60 }),
    ];
    const res = computeResilience(
      input({ suppliers, dependencies: suppliers.slice(0, 6).map((v) => dep(v.id, "T")) }),
    );
    const tw = res.findings.find((x) => x.kind === "concentration_country" && x.subject.id === "TW")!;
    expect(tw.severity).toBe("medium");
    expect(tw.path.map((s) => (s.kind === "supplier" ? s.supplierId : s.kind))).toEqual(["V0", "T"]);
  });

  it("reasons show durations in h/d", () => {
    expect(formatDuration(3 * D)).toBe("3 d");
    for (const x of f) expect(x.reason).not.toMatch(/\d{3,} min/);
  });
});
