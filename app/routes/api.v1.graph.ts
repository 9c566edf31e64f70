import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { apiError } from "~/data/dependencies.server";
import { getSupplyGraph } from "~/data/supply-graph-cache.server";
import { db } from "~/db.server";
import { requireApiUser } from "~/permissions.server";

const Query = z
  .object({
    serviceId: z.string().uuid().optional(),
    supplierId: z.string().uuid().optional(),
    depth: z.coerce.number().int().min(1).max(1000).optional(),
    limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
  })
  .refine((q) => Boolean(q.serviceId) !== Boolean(q.supplierId), { message: "Give exactly one of serviceId or supplierId" });

/**
 * GET ?serviceId=… | ?supplierId=… [&depth=n]: the graph behind one service (service → vendors → tier n)
 * or one supplier (it and everything it relies on), with tiers relative to it and cycles marked.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireApiUser(request, ["procurement", "analyst"]);
  const parsed = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return apiError(400, parsed.error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`).join("; "));
  const q = parsed.data;
  const snapshot = await getSupplyGraph(db, current.membership.orgId);
  const { input } = snapshot;
  if (q.serviceId && !input.services.some((s) => s.id === q.serviceId)) return apiError(404, "Service not found.");
  if (q.supplierId && !input.suppliers.some((s) => s.id === q.supplierId)) return apiError(404, "Supplier not found.");
  const view = snapshot.view({ serviceId: q.serviceId, supplierId: q.supplierId, maxTier: q.depth }, q.limit);
  return Response.json({
    root: q.serviceId ? { type: "service", id: q.serviceId } : { type: "supplier", id: q.supplierId },
    totalNodes: view.totalNodes,
    truncated: view.truncated,
    deepestTier: view.deepestTier,
    cycles: view.cycles,
    nodes: view.nodes.map(({ context: _context, ...n }) => n),
    edges: view.edges,
  });
}
