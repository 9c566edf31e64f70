import { analyse } from "./engine";
import { buildFindings } from "./findings";
import type { ResilienceInput, ResilienceResult, ServiceResult, SupplierResult } from "./types";

/**
 * Runs the resilience model and the findings over one organisation's graph.
 * Pure: the same input (including `asOf`) always gives the same output.
 */
export function computeResilience(input: ResilienceInput): ResilienceResult {
  const st = analyse(input);
  // The id maps are built on first use: a recompute of 50,000 suppliers never looks one up.
  let supplierById: Map<string, SupplierResult> | null = null;
  let serviceById: Map<string, ServiceResult> | null = null;
  return {
    asOf: st.asOf,
    suppliers: st.supplierResults,
    get supplierById() {
      if (supplierById === null) {
        supplierById = new Map();
        for (const r of st.supplierResults) supplierById.set(r.id, r);
      }
      return supplierById;
    },
    services: st.serviceResults,
    get serviceById() {
      if (serviceById === null) {
        serviceById = new Map();
        for (const r of st.serviceResults) serviceById.set(r.id, r);
      }
      return serviceById;
    },
    cycles: st.cycles,
    findings: buildFindings(st),
  };
}
