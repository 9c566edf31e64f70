import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareFindings, computeResilience, computeRiskScores } from "~/domain/resilience";
import type {
  AlternateInput,
  PathStep,
  ResilienceResult,
  RtoStatus,
} from "~/domain/resilience";
import { graphInput, minutes } from "./arbitraries";
import { reference } from "./reference";

const RUNS = 1000;

const statusRank: Record<RtoStatus, number> = { meets: 0, gap: 1, beyond_mtpd: 2, unknown: 3 };
/** Unknown is the worst value. */
const worse = (a: number | null, b: number | null): boolean => (a === null ? b !== null : b !== null && a > b);

/** Recomputes the value a path claims, from its end back to its start. */
function valueOfPath(path: readonly PathStep[], r: ResilienceResult): number | null {
  if (path.length === 1 && path[0]!.kind === "service") return 0; // a service that needs no vendor
  let value: number | null = null;
  for (let i = path.length - 1; i >= 0; i--) {
    const step = path[i]!;
    if (step.kind === "service") continue;
    if (i === path.length - 1) {
      value = step.kind === "alternate" ? step.switchoverMin : r.supplierById.get(step.supplierId)!.ownRtoMin;
    }
    if (value !== null) value = Math.max(0, value - step.bufferMin);
  }
  return value;
}

describe("engine agrees with the reference", () => {
  it("same E per supplier, tiers and service recovery / RTO / RPO status", () => {
    fc.assert(
      fc.property(graphInput, (inp) => {
        const r = computeResilience(inp);
        const ref = reference(inp);
        for (const s of inp.suppliers) {
          expect(r.supplierById.get(s.id)!.effectiveRtoMin).toBe(ref.effective.get(s.id));
          expect(r.supplierById.get(s.id)!.tier).toBe(ref.tier.get(s.id));
        }
        for (const svc of inp.services ?? []) {
          const got = r.serviceById.get(svc.id)!;
          const want = ref.services.get(svc.id)!;
          expect({ recoveryMin: got.recoveryMin, rtoStatus: got.rtoStatus, rpoMin: got.rpoMin, rpoStatus: got.rpoStatus }).toEqual(
            want,
          );
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("every path is a real chain that explains its value", () => {
    fc.assert(
      fc.property(graphInput, (inp) => {
        const r = computeResilience(inp);
        const hasDep = (a: string, b: string) => inp.dependencies.some((d) => d.supplierId === a && d.dependsOnId === b);
        const check = (path: readonly PathStep[], value: number | null) => {
          expect(valueOfPath(path, r)).toBe(value);
          for (let i = 1; i < path.length; i++) {
            const prev = path[i - 1]!;
            const step = path[i]!;
            if (prev.kind !== "supplier") continue;
            if (step.kind === "supplier") expect(hasDep(prev.supplierId, step.supplierId)).toBe(true);
            if (step.kind === "alternate") {
              const used = (inp.alternates ?? []).some(
                (x) =>
                  x.status === "qualified" &&
                  x.alternateId === step.alternateId &&
                  x.replacesId === step.replacesId &&
                  x.forSupplierId === prev.supplierId &&
                  x.switchoverMin === step.switchoverMin,
              );
              expect(used).toBe(true);
            }
            if (step.kind === "supplier" && step.link === "cycle") {
              expect(r.supplierById.get(step.supplierId)!.cycleId).toBe(r.supplierById.get(prev.supplierId)!.cycleId);
              expect(step.bufferMin).toBe(0);
            }
          }
        };
        for (const s of r.suppliers) {
          expect(s.path[0]).toMatchObject({ kind: "supplier", supplierId: s.id, link: "start" });
          check(s.path, s.effectiveRtoMin);
        }
        for (const svc of r.services) {
          expect(svc.path[0]).toEqual({ kind: "service", serviceId: svc.id });
          check(svc.path, svc.recoveryMin);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("is deterministic and does not depend on input order (values)", () => {
    fc.assert(
      fc.property(graphInput, fc.nat(), (inp, seed) => {
        const shuffle = <T>(xs: readonly T[]): T[] => {
          const out = [...xs];
          let s = seed + 1;
          for (let i = out.length - 1; i > 0; i--) {
            s = (s * 1103515245 + 12345) % 2147483648;
            const j = s % (i + 1);
            [out[i], out[j]] = [out[j]!, out[i]!];
          }
          return out;
        };
        const a = computeResilience(inp);
        expect(JSON.stringify(computeResilience(inp))).toBe(JSON.stringify(a));
        const b = computeResilience({ ...inp, suppliers: shuffle(inp.suppliers), dependencies: shuffle(inp.dependencies) });
        for (const s of a.suppliers) expect(b.supplierById.get(s.id)!.effectiveRtoMin).toBe(s.effectiveRtoMin);
        for (const s of a.services) expect(b.serviceById.get(s.id)!.recoveryMin).toBe(s.recoveryMin);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("findings and scores on random graphs", () => {
  it("findings are sorted, keyed uniquely and serialisable; risk scores are well-formed", () => {
    fc.assert(
      fc.property(graphInput, (inp) => {
        const r = computeResilience(inp);
        const f = r.findings;
        for (let i = 1; i < f.length; i++) expect(compareFindings(f[i - 1]!, f[i]!)).toBeLessThan(0);
        expect(new Set(f.map((x) => x.key)).size).toBe(f.length);
        for (const x of f) {
          expect(x.reason).toMatch(/[.)]$/);
          expect(x.reason).not.toMatch(/undefined|NaN|Infinity/);
          expect(Array.isArray(x.path)).toBe(true);
        }
        JSON.stringify(r.findings);
        for (const score of computeRiskScores(inp, r).values()) {
          expect(score.total).toBeGreaterThanOrEqual(0);
          expect(score.total).toBeLessThanOrEqual(100);
          expect(score.parts.reduce((sum, p) => sum + p.points, 0)).toBe(score.total);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe("monotonicity", () => {
  const noWorse = (before: ResilienceResult, after: ResilienceResult) => {
    for (const s of before.suppliers) expect(worse(after.supplierById.get(s.id)!.effectiveRtoMin, s.effectiveRtoMin)).toBe(false);
    for (const s of before.services) {
      const a = after.serviceById.get(s.id)!;
      expect(worse(a.recoveryMin, s.recoveryMin)).toBe(false);
      expect(statusRank[a.rtoStatus]).toBeLessThanOrEqual(statusRank[s.rtoStatus]);
    }
  };

  it("adding a qualified alternate never makes any result worse", () => {
    fc.assert(
      fc.property(graphInput, fc.nat(), minutes, fc.boolean(), (inp, pick, switchoverMin, forService) => {
        const services = inp.services ?? [];
        let added: AlternateInput;
        const candidates = services.filter((s) => s.supplierIds.length > 0);
        if (forService && candidates.length > 0) {
          const svc = candidates[pick % candidates.length]!;
          added = {
            replacesId: svc.supplierIds[pick % svc.supplierIds.length]!,
            alternateId: "new-alt",
            forSupplierId: null,
            forServiceId: svc.id,
            status: "qualified",
            switchoverMin,
            capacityPct: null,
          };
        } else if (inp.dependencies.length > 0) {
          const d = inp.dependencies[pick % inp.dependencies.length]!;
          added = {
            replacesId: d.dependsOnId,
            alternateId: "new-alt",
            forSupplierId: d.supplierId,
            forServiceId: null,
            status: "qualified",
            switchoverMin,
            capacityPct: null,
          };
        } else return;
        const before = computeResilience(inp);
        const after = computeResilience({ ...inp, alternates: [...(inp.alternates ?? []), added] });
        noWorse(before, after);
      }),
      { numRuns: RUNS },
    );
  });

  it("raising any own RTO (or making it unknown) never makes any result better", () => {
    fc.assert(
      fc.property(graphInput, fc.nat(), fc.option(fc.integer({ min: 1, max: 5000 }), { nil: null }), (inp, pick, delta) => {
        const k = pick % inp.suppliers.length;
        const raised = inp.suppliers.map((s, i) => {
          if (i !== k) return s;
          if (delta === null) return { ...s, declaredRtoMin: null, testedRtoMin: null };
          return {
            ...s,
            declaredRtoMin: s.declaredRtoMin === null ? null : s.declaredRtoMin + delta,
            testedRtoMin: s.testedRtoMin === null ? null : s.testedRtoMin + delta,
          };
        });
        const before = computeResilience(inp);
        const after = computeResilience({ ...inp, suppliers: raised });
        // "after" must be no better than "before", i.e. "before" is no worse than "after".
        noWorse(after, before);
      }),
      { numRuns: RUNS },
    );
  });
});
