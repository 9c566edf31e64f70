import { z } from "zod";

/**
 * The supplier list's filters (the same query parameters as /suppliers), so "export what I see"
 * gives the same suppliers. Invalid values are dropped, never an error (like the list page).
 */
const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const SupplierFiltersSchema = z.object({
  q: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()).catch(undefined),
  country: z.preprocess(blankToUndefined, z.string().regex(/^[A-Z]{2}$/).optional()).catch(undefined),
  criticality: z.preprocess(blankToUndefined, z.enum(["critical", "high", "medium", "low"]).optional()).catch(undefined),
  relationship: z.preprocess(blankToUndefined, z.enum(["vendor", "sub"]).optional()).catch(undefined),
  tier: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100).optional()).catch(undefined),
  findings: z.preprocess(blankToUndefined, z.enum(["yes", "no"]).optional()).catch(undefined),
});

export type SupplierFilters = z.infer<typeof SupplierFiltersSchema>;

export const FILTER_KEYS = ["q", "country", "criticality", "relationship", "tier", "findings"] as const;

/** Reads the filters from URL search params or any plain record; unknown keys are ignored. */
export function parseSupplierFilters(input: URLSearchParams | Record<string, unknown> | null | undefined): SupplierFilters {
  const record: Record<string, unknown> = {};
  if (input instanceof URLSearchParams) {
    for (const key of FILTER_KEYS) {
      const value = input.get(key);
      if (value !== null) record[key] = value;
    }
  } else if (input) {
    for (const key of FILTER_KEYS) if (key in input) record[key] = input[key];
  }
  const parsed = SupplierFiltersSchema.parse(record);
  // Drop undefined keys so the stored task params stay small and readable.
  return Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) as SupplierFilters;
}

/** "country = DE; tier = 2" for the Summary sheet; "none" when no filter applies. */
export function describeFilters(filters: SupplierFilters): string {
  const labels: Record<(typeof FILTER_KEYS)[number], string> = {
    q: "search",
    country: "country",
    criticality: "criticality",
    relationship: "relationship",
    tier: "tier",
    findings: "open findings",
  };
  const parts = FILTER_KEYS.filter((k) => filters[k] !== undefined).map((k) => `${labels[k]} = ${String(filters[k])}`);
  return parts.length ? parts.join("; ") : "none";
}

/** Query string for links (/suppliers?…, /api/v1/reports/risk-register.xlsx?…). */
export function filtersToSearch(filters: SupplierFilters): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key] !== undefined) params.set(key, String(filters[key]));
  const text = params.toString();
  return text ? `?${text}` : "";
}
