/**
 * Deliberately simple, obviously-correct reference of the resilience model, used only by tests.
 * Written straight from DESIGN.md with `null` for unknown, a reachability matrix for cycles and
 * memoised recursion over components. Quadratic or worse: only for small graphs.
 */
import type { ResilienceInput, RpoStatus, RtoStatus } from "~/domain/resilience";

type U = number | null; // null = unknown

const maxU = (a: U, b: U): U => (a === null || b === null ? null : Math.max(a, b));
const minU = (a: U, b: U): U => (a === null ? b : b === null ? a : Math.min(a, b)); // min(unknown, x) = x

export interface ReferenceResult {
  effective: Map<string, U>;
  tier: Map<string, number | null>;
  services: Map<string, { recoveryMin: U; rtoStatus: RtoStatus; rpoMin: U; rpoStatus: RpoStatus }>;
}

export function reference(input: ResilienceInput): ReferenceResult {
  const ids = input.suppliers.map((s) => s.id);
  const n = ids.length;
  const at = new Map(ids.map((id, i) => [id, i]));
  const yearAgo = new Date(input.asOf);
  yearAgo.setUTCMonth(yearAgo.getUTCMonth() - 12);
  const current = (d: Date | null) => d !== null && d >= yearAgo;

  const own: U[] = input.suppliers.map((s) =>
    current(s.testedAt) && s.testedRtoMin !== null ? s.testedRtoMin : s.declaredRtoMin,
  );
  const ownRpo: U[] = input.suppliers.map((s) =>
    current(s.testedAt) && s.testedRpoMin !== null ? s.testedRpoMin : s.declaredRpoMin,
  );

  const deps = input.dependencies
    .map((d) => ({ s: at.get(d.supplierId)!, t: at.get(d.dependsOnId)!, buffer: d.bufferMin }))
    .filter((d) => d.s !== d.t);

  // reach[i][j]: j reachable from i (reflexive)
  const reach = ids.map((_, i) => {
    const seen = new Array<boolean>(n).fill(false);
    const todo = [i];
    seen[i] = true;
    while (todo.length) {
      const x = todo.pop()!;
      for (const d of deps)
        if (d.s === x && !seen[d.t]) {
          seen[d.t] = true;
          todo.push(d.t);
        }
    }
    return seen;
  });
  const same = (i: number, j: number) => reach[i]![j]! && reach[j]![i]!;

  const bestAlt = (filter: (a: NonNullable<ResilienceInput["alternates"]>[number]) => boolean): U => {
    let best: U = null;
    for (const a of input.alternates ?? [])
      if (a.status === "qualified" && a.switchoverMin !== null && filter(a)) best = minU(best, a.switchoverMin);
    return best;
  };

  const memo = new Map<number, U>();
  const E = (i: number): U => {
    if (memo.has(i)) return memo.get(i)!;
    const members = ids.map((_, j) => j).filter((j) => same(i, j));
    let value: U = 0;
    for (const j of members) value = maxU(value, own[j]!);
    for (const d of deps) {
      if (!members.includes(d.s) || members.includes(d.t)) continue;
      const alt = bestAlt((a) => a.forSupplierId === ids[d.s] && a.replacesId === ids[d.t]);
      const capped = minU(E(d.t), alt);
      const rec = capped === null ? null : Math.max(0, capped - d.buffer);
      value = maxU(value, rec);
    }
    for (const j of members) memo.set(j, value);
    return value;
  };

  const effective = new Map(ids.map((id, i) => [id, E(i)]));

  // Tiers: BFS from vendors.
  const needed = new Set((input.services ?? []).flatMap((s) => s.supplierIds));
  const tierArr: (number | null)[] = input.suppliers.map((s) => (s.isVendor || needed.has(s.id) ? 1 : null));
  for (let changed = true; changed; ) {
    changed = false;
    for (const d of deps) {
      const ts = tierArr[d.s];
      if (ts !== null && ts !== undefined && (tierArr[d.t] === null || tierArr[d.t]! > ts + 1)) {
        tierArr[d.t] = ts + 1;
        changed = true;
      }
    }
  }
  const tier = new Map(ids.map((id, i) => [id, tierArr[i]!]));

  const services = new Map<string, { recoveryMin: U; rtoStatus: RtoStatus; rpoMin: U; rpoStatus: RpoStatus }>();
  for (const svc of input.services ?? []) {
    let recovery: U = 0;
    let rpo: U = 0;
    for (const v of new Set(svc.supplierIds)) {
      const alt = bestAlt((a) => a.forServiceId === svc.id && a.replacesId === v);
      recovery = maxU(recovery, minU(effective.get(v)!, alt));
      rpo = maxU(rpo, ownRpo[at.get(v)!]!);
    }
    const rtoStatus: RtoStatus =
      recovery === null
        ? "unknown"
        : recovery <= svc.requiredRtoMin
          ? "meets"
          : recovery <= svc.mtpdMin
            ? "gap"
            : "beyond_mtpd";
    const rpoStatus: RpoStatus = rpo === null ? "unknown" : rpo <= svc.requiredRpoMin ? "meets" : "gap";
    services.set(svc.id, { recoveryMin: recovery, rtoStatus, rpoMin: rpo, rpoStatus });
  }
  return { effective, tier, services };
}
