/** fast-check arbitraries shared by the resilience property tests. */
import fc from "fast-check";
import type { AlternateInput, ResilienceInput, SupplierInput } from "~/domain/resilience";
import { AS_OF, monthsBefore } from "./builders";

export const minutes = fc.constantFrom(0, 15, 60, 240, 480, 1440, 2880, 10080);
const maybeMinutes = fc.option(minutes, { nil: null, freq: 4 });
const buffer = fc.constantFrom(0, 0, 0, 30, 60, 240, 1440, 5000);
const testedAt = fc.constantFrom<Date | null>(null, monthsBefore(AS_OF, 1), monthsBefore(AS_OF, 11), monthsBefore(AS_OF, 13));

/** Random graphs: cycles, self-loops, duplicates, unknowns, buffers, alternates of every status. */
export const graphInput: fc.Arbitrary<ResilienceInput> = fc
  .record({
    n: fc.integer({ min: 1, max: 8 }),
    k: fc.integer({ min: 0, max: 3 }),
  })
  .chain(({ n, k }) => {
    // Ids whose order differs from index order, so id tie-breaks are exercised.
    const ids = Array.from({ length: n }, (_, i) => `s${(i * 5) % 11}`);
    const svcIds = Array.from({ length: k }, (_, i) => `v${i}`);
    const supplierArb = (id: string): fc.Arbitrary<SupplierInput> =>
      fc.record({
        id: fc.constant(id),
        name: fc.constant(`Supplier ${id}`),
        country: fc.constantFrom("DE", "FR", "US"),
        isVendor: fc.boolean(),
        criticality: fc.constantFrom("critical" as const, "high" as const, "medium" as const, "low" as const),
        declaredRtoMin: maybeMinutes,
        declaredRpoMin: maybeMinutes,
        testedRtoMin: fc.option(minutes, { nil: null }),
        testedRpoMin: fc.option(minutes, { nil: null }),
        testedAt,
      });
    const idArb = fc.constantFrom(...ids);
    return fc
      .record({
        suppliers: fc.tuple(...ids.map(supplierArb)),
        dependencies: fc.array(
          fc.record({
            supplierId: idArb,
            dependsOnId: idArb,
            supplies: fc.constantFrom("steel", "cloud"),
            singleSource: fc.boolean(),
            bufferMin: buffer,
          }),
          { maxLength: 14 },
        ),
        services: fc.tuple(
          ...svcIds.map((id) =>
            fc.record({
              id: fc.constant(id),
              name: fc.constant(`Service ${id}`),
              requiredRtoMin: minutes,
              requiredRpoMin: minutes,
              mtpdMin: minutes,
              supplierIds: fc.array(idArb, { maxLength: 3 }),
            }),
          ),
        ),
        rawAlternates: fc.array(
          fc.record({
            mode: fc.constantFrom("dep", "dep", "random", "service"),
            pick: fc.nat(),
            replaces: idArb,
            alternateId: idArb,
            forSupplier: idArb,
            status: fc.constantFrom("identified" as const, "qualifying" as const, "qualified" as const, "qualified" as const),
            switchoverMin: maybeMinutes,
          }),
          { maxLength: 6 },
        ),
        evidence: fc.array(
          fc.record({
            supplierId: idArb,
            kind: fc.constantFrom("bcp_plan" as const, "dr_test" as const, "insurance" as const),
            status: fc.constantFrom("pending" as const, "accepted" as const, "rejected" as const),
            validTo: fc.constantFrom<Date | null>(null, monthsBefore(AS_OF, 1), monthsBefore(AS_OF, -1)),
            testDate: fc.constant(null),
          }),
          { maxLength: 6 },
        ),
        assessments: fc.array(
          fc.record({
            supplierId: idArb,
            status: fc.constantFrom("sent", "in_progress", "submitted", "approved"),
            dueDate: fc.constantFrom<Date | null>(null, monthsBefore(AS_OF, 1), monthsBefore(AS_OF, -1)),
          }),
          { maxLength: 4 },
        ),
      })
      .map(({ suppliers, dependencies, services, rawAlternates, evidence, assessments }) => {
        const alternates: AlternateInput[] = rawAlternates.map((a) => {
          const base = { alternateId: a.alternateId, status: a.status, switchoverMin: a.switchoverMin, capacityPct: null };
          if (a.mode === "service" && services.length > 0) {
            const svc = services[a.pick % services.length]!;
            const replacesId = svc.supplierIds.length > 0 ? svc.supplierIds[a.pick % svc.supplierIds.length]! : a.replaces;
            return { ...base, replacesId, forSupplierId: null, forServiceId: svc.id };
          }
          if (a.mode === "dep" && dependencies.length > 0) {
            const d = dependencies[a.pick % dependencies.length]!;
            return { ...base, replacesId: d.dependsOnId, forSupplierId: d.supplierId, forServiceId: null };
          }
          return { ...base, replacesId: a.replaces, forSupplierId: a.forSupplier, forServiceId: null };
        });
        return { suppliers, dependencies, services, alternates, evidence, assessments, asOf: AS_OF };
      });
  });

