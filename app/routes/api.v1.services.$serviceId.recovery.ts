import type { LoaderFunctionArgs } from "@remix-run/node";
import { getServiceDetail, namesForIds } from "~/data/services.server";
import { db } from "~/db.server";
import { requireApiUser } from "~/permissions.server";
import { pathIds, type StoredPathStep } from "~/utils/path";

/** How fast a service can recover through its supply chain, and the chain that decides it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireApiUser(request, ["procurement", "analyst"]);
  const service = await getServiceDetail(db, current.membership.orgId, params.serviceId ?? "");
  if (!service) return Response.json({ error: { status: 404, message: "Service not found." } }, { status: 404 });
  const path = (service.path ?? []) as StoredPathStep[];
  const names = await namesForIds(db, current.membership.orgId, pathIds(path));
  return Response.json({
    serviceId: service.id,
    name: service.name,
    requiredRtoMinutes: service.required_rto_min,
    mtpdMinutes: service.mtpd_min,
    recoveryMinutes: service.recovery_min,
    rtoStatus: service.rto_status,
    requiredRpoMinutes: service.required_rpo_min,
    rpoMinutes: service.rpo_min,
    rpoStatus: service.rpo_status,
    computedAt: service.computed_at,
    path: path.map((step) => ({ ...step, name: names[pathIds([step])[0]!] ?? null })),
  });
}
