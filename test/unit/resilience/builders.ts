/** Small builders for resilience tests. */
import type {
  AlternateInput,
  DependencyInput,
  ResilienceInput,
  ServiceInput,
  SupplierInput,
} from "~/domain/resilience";

export const H = 60;
export const D = 24 * H;
export const AS_OF = new Date("2025-06-30T12:00:00Z");

export function supplier(id: string, over: Partial<SupplierInput> = {}): SupplierInput {
  return {
    id,
    name: `Supplier ${id}`,
    country: "DE",
    isVendor: false,
    criticality: "medium",
    declaredRtoMin: null,
    declaredRpoMin: null,
    testedRtoMin: null,
    testedRpoMin: null,
    testedAt: null,
    ...over,
  };
}

export function dep(supplierId: string, dependsOnId: string, over: Partial<DependencyInput> = {}): DependencyInput {
  return { supplierId, dependsOnId, supplies: "parts", singleSource: false, bufferMin: 0, ...over };
}

export function alt(over: Partial<AlternateInput> & Pick<AlternateInput, "replacesId" | "alternateId">): AlternateInput {
  return {
    forSupplierId: null,
    forServiceId: null,
    status: "qualified",
    switchoverMin: null,
    capacityPct: null,
    ...over,
  };
}

export function service(id: string, supplierIds: string[], over: Partial<ServiceInput> = {}): ServiceInput {
  return {
    id,
    name: `Service ${id}`,
    requiredRtoMin: 4 * H,
    requiredRpoMin: 15,
    mtpdMin: 1 * D,
    supplierIds,
    ...over,
  };
}

export function input(over: Partial<ResilienceInput> = {}): ResilienceInput {
  return { suppliers: [], dependencies: [], alternates: [], services: [], asOf: AS_OF, ...over };
}

export function monthsBefore(date: Date, months: number): Date {
  const d = new Date(date);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}
