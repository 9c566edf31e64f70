import { z } from "zod";
import type { MapFilters } from "./map-view";

/** The map's query string, shared by the page (/map) and its graph data (/map/graph.json). */
export const MapQuery = z.object({
  service: z.string().uuid().optional().catch(undefined),
  supplier: z.string().uuid().optional().catch(undefined),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/)
    .optional()
    .catch(undefined),
  criticality: z.enum(["critical", "high", "medium", "low"]).optional().catch(undefined),
  depth: z.coerce.number().int().min(1).max(1000).optional().catch(undefined),
  view: z.enum(["graph", "table"]).default("graph").catch("graph"),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type MapQuery = z.infer<typeof MapQuery>;

export function parseMapQuery(url: URL): MapQuery {
  return MapQuery.parse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== "")));
}

export function mapFilters(query: MapQuery): MapFilters {
  return { serviceId: query.service, supplierId: query.supplier, country: query.country, criticality: query.criticality, maxTier: query.depth };
}

/** The address of the graph data for the same filters (the view and page do not change it). */
export function graphDataUrl(query: MapQuery): string {
  const params = new URLSearchParams();
  if (query.service) params.set("service", query.service);
  if (query.supplier) params.set("supplier", query.supplier);
  if (query.country) params.set("country", query.country);
  if (query.criticality) params.set("criticality", query.criticality);
  if (query.depth) params.set("depth", String(query.depth));
  const search = params.toString();
  return `/map/graph.json${search ? `?${search}` : ""}`;
}
