/** A path step as stored by the engine (service → vendor → tier-2 … or an alternate that caps it). */
export type StoredPathStep =
  | { kind: "service"; serviceId: string }
  | {
      kind: "supplier";
      supplierId: string;
      link: string;
      supplies: string | null;
      singleSource: boolean | null;
      bufferMin: number;
      ownRtoMin: number | null;
      rtoSource: string;
      effectiveRtoMin: number | null;
    }
  | { kind: "alternate"; alternateId: string; replacesId: string; switchoverMin: number; bufferMin: number; supplies: string | null };

export function pathIds(steps: readonly StoredPathStep[]): string[] {
  return steps.map((s) => (s.kind === "service" ? s.serviceId : s.kind === "supplier" ? s.supplierId : s.alternateId));
}
