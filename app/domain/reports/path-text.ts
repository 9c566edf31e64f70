/** A stored engine path as one line of text: "Order management → Kestrel → Datavault (single source)". */
export type PathStepLike =
  | { kind: "service"; serviceId: string }
  | { kind: "supplier"; supplierId: string; singleSource?: boolean | null; supplies?: string | null }
  | { kind: "alternate"; alternateId: string; switchoverMin?: number | null };

export function pathStepIds(steps: readonly unknown[]): string[] {
  const ids: string[] = [];
  for (const raw of steps) {
    const step = raw as Partial<Record<string, unknown>>;
    const id = step.kind === "service" ? step.serviceId : step.kind === "supplier" ? step.supplierId : step.kind === "alternate" ? step.alternateId : null;
    if (typeof id === "string") ids.push(id);
  }
  return ids;
}

export function pathText(steps: readonly unknown[], names: ReadonlyMap<string, string> | Record<string, string>): string {
  const nameOf = (id: string) => (names instanceof Map ? names.get(id) : (names as Record<string, string>)[id]) ?? "unknown";
  const parts: string[] = [];
  for (const raw of steps) {
    const step = raw as PathStepLike;
    if (step.kind === "service") parts.push(nameOf(step.serviceId));
    else if (step.kind === "supplier") parts.push(`${nameOf(step.supplierId)}${step.singleSource ? " (single source)" : ""}`);
    else if (step.kind === "alternate") parts.push(`alternate ${nameOf(step.alternateId)}`);
  }
  return parts.join(" → ");
}
