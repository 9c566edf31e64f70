import { computeResilience } from "./compute";
import type { AlternateInput, PathStep, ResilienceInput } from "./types";

/*
 * What-if: "these suppliers (or every supplier in these countries) are out for D minutes".
 * It reuses the resilience model itself: give every supplier an own recovery of 0 except the
 * ones that are out (D); the engine's effective RTO of a service is then exactly how long the
 * outage keeps it down, after buffers and qualified alternates — cycles and all.
 */
export interface OutageScenario {
  supplierIds: readonly string[];
  countries: readonly string[];
  durationMin: number;
}

export type ImpactStatus = "unaffected" | "within_rto" | "gap" | "beyond_mtpd";

export interface AlternateSuggestion {
  alternateId: string;
  replacesId: string;
  status: AlternateInput["status"];
  switchoverMin: number;
}

export interface ServiceImpact {
  serviceId: string;
  name: string;
  requiredRtoMin: number;
  mtpdMin: number;
  /** How long the service is down (null: a supplier on its path is not in the registry). */
  downtimeMin: number | null;
  /** Minutes after the outage starts before the service goes down (buffer stock on the path). */
  goesDownAfterMin: number | null;
  exceedsRtoAfterMin: number | null;
  exceedsMtpdAfterMin: number | null;
  status: ImpactStatus;
  path: readonly PathStep[];
  /** Alternates not yet qualified that, once qualified, would keep the service within its RTO. */
  savedBy: AlternateSuggestion[];
}

export interface ScenarioResult {
  outSupplierIds: string[];
  services: ServiceImpact[];
}

function outageInput(input: ResilienceInput, out: ReadonlySet<string>, durationMin: number, alternates?: readonly AlternateInput[]): ResilienceInput {
  return {
    asOf: input.asOf,
    suppliers: input.suppliers.map((s) => ({
      ...s,
      declaredRtoMin: out.has(s.id) ? durationMin : 0,
      declaredRpoMin: 0,
      testedRtoMin: null,
      testedRpoMin: null,
      testedAt: null,
    })),
    dependencies: input.dependencies,
    alternates: alternates ?? input.alternates ?? [],
    services: input.services ?? [],
  };
}

function bufferBeforeDown(path: readonly PathStep[]): number {
  let total = 0;
  for (const step of path) if (step.kind !== "service") total += step.bufferMin;
  return total;
}

function statusFor(downtime: number | null, requiredRtoMin: number, mtpdMin: number): ImpactStatus {
  if (downtime === null) return "gap";
  if (downtime === 0) return "unaffected";
  if (downtime <= requiredRtoMin) return "within_rto";
  return downtime > mtpdMin ? "beyond_mtpd" : "gap";
}

/** Not-yet-qualified alternates for the inputs on a path (each step replaced for the step before it). */
function alternatesAlong(path: readonly PathStep[], serviceId: string, alternates: readonly AlternateInput[]): AlternateSuggestion[] {
  const found: AlternateSuggestion[] = [];
  for (let i = 1; i < path.length; i++) {
    const step = path[i]!;
    const previous = path[i - 1]!;
    if (step.kind !== "supplier") continue;
    for (const a of alternates) {
      if (a.status === "qualified" || a.switchoverMin === null || a.replacesId !== step.supplierId) continue;
      const forThisInput =
        previous.kind === "service" ? a.forServiceId === serviceId : previous.kind === "supplier" && a.forSupplierId === previous.supplierId;
      if (forThisInput) found.push({ alternateId: a.alternateId, replacesId: a.replacesId, status: a.status, switchoverMin: a.switchoverMin });
    }
  }
  return found;
}

export function simulateOutage(input: ResilienceInput, scenario: OutageScenario): ScenarioResult {
  const countries = new Set(scenario.countries.map((c) => c.toUpperCase()));
  const wanted = new Set(scenario.supplierIds);
  const out = new Set(input.suppliers.filter((s) => wanted.has(s.id) || countries.has(s.country.toUpperCase())).map((s) => s.id));

  const actual = computeResilience(outageInput(input, out, scenario.durationMin));
  // The same outage if every identified / qualifying alternate with a known switch-over were qualified.
  const original = input.alternates ?? [];
  const promoted = original.map((a) => (a.switchoverMin !== null ? { ...a, status: "qualified" as const } : a));
  const hopeful = computeResilience(outageInput(input, out, scenario.durationMin, promoted));

  const services = actual.services.map((service): ServiceImpact => {
    const downtime = service.recoveryMin;
    const status = statusFor(downtime, service.requiredRtoMin, service.mtpdMin);
    const delay = downtime === null || downtime === 0 ? null : bufferBeforeDown(service.path);
    const savedBy: AlternateSuggestion[] = [];
    if (status === "gap" || status === "beyond_mtpd") {
      const better = hopeful.serviceById.get(service.id);
      if (better && better.recoveryMin !== null && better.recoveryMin <= service.requiredRtoMin) {
        savedBy.push(...alternatesAlong(service.path, service.id, original));
      }
    }
    return {
      serviceId: service.id,
      name: service.name,
      requiredRtoMin: service.requiredRtoMin,
      mtpdMin: service.mtpdMin,
      downtimeMin: downtime,
      goesDownAfterMin: delay,
      exceedsRtoAfterMin: delay !== null && downtime !== null && downtime > service.requiredRtoMin ? delay + service.requiredRtoMin : null,
      exceedsMtpdAfterMin: delay !== null && downtime !== null && downtime > service.mtpdMin ? delay + service.mtpdMin : null,
      status,
      path: service.path,
      savedBy,
    };
  });
  const rank: Record<ImpactStatus, number> = { beyond_mtpd: 3, gap: 2, within_rto: 1, unaffected: 0 };
  services.sort((a, b) => rank[b.status] - rank[a.status] || (b.downtimeMin ?? Infinity) - (a.downtimeMin ?? Infinity) || a.name.localeCompare(b.name));
  return { outSupplierIds: [...out].sort(), services };
}
