import { analyse } from "./engine";
import { buildFindings } from "./findings";
import type { ResilienceInput, ResilienceResult, ServiceResult, SupplierResult } from "./types";

/**
 * Runs the resilience model and the findings over one organisation's graph.
 * Pure: the same input (including `asOf`) always gives the same output.
 */
export function computeResilience(input: ResilienceInput): ResilienceResult {
  const st = analyse(input);
  const supplierById = new Map<string, SupplierResult>();
  for (const r of st.supplierResults) supplierById.set(r.id, r);
  const serviceById = new Map<string, ServiceResult>();
  for (const r of st.serviceResults) serviceById.set(r.id, r);
  return {
    asOf: st.asOf,
    suppliers: st.supplierResults,
    supplierById,
    services: st.serviceResults,
    serviceById,
    cycles: st.cycles,
    findings: buildFindings(st),
  };
}
