import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { clientIp } from "~/audit.server";
import { alternateJson, deleteAlternate, getAlternate, updateAlternate } from "~/data/alternates.server";
import { apiError, recordDeclarationChange } from "~/data/dependencies.server";
import { db } from "~/db.server";
import { ApiAlternateUpdate } from "~/domain/supply-map/forms";
import { requireApiUser } from "~/permissions.server";

/** GET one alternate; a vendor user only those for its own company (others are 404). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireApiUser(request);
  const row = await getAlternate(db, current.membership.orgId, params.alternateId ?? "");
  const own = current.membership.role === "vendor" ? current.membership.supplierId : null;
  if (!row || (own && row.for_supplier_id !== own)) return apiError(404, "Alternate not found.");
  return Response.json(alternateJson(row));
}

/** PATCH { status?, switchoverMinutes?, capacityPct? } or DELETE. */
export async function action({ request, params }: ActionFunctionArgs) {
  if (!["PATCH", "DELETE"].includes(request.method)) return apiError(405, "Use PATCH or DELETE.");
  const current = await requireApiUser(request, ["procurement"]);
  const { orgId, role, supplierId } = current.membership;
  const actor = { role, supplierId };
  const who = { userId: current.user.id, ip: clientIp(request) };
  const id = params.alternateId ?? "";
  if (request.method === "DELETE") {
    const removed = await deleteAlternate(db, orgId, actor, id);
    if (!removed) return apiError(404, "Alternate not found.");
    await recordDeclarationChange(db, orgId, who, "alternate.deleted", "alternate", removed.id, { before: alternateJson(removed), via: "api" });
    return new Response(null, { status: 204 });
  }
  const parsed = ApiAlternateUpdate.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return apiError(400, parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
  const changed = await updateAlternate(db, orgId, actor, id, {
    status: parsed.data.status,
    switchoverMin: parsed.data.switchoverMinutes,
    capacityPct: parsed.data.capacityPct,
  });
  if (!changed) return apiError(404, "Alternate not found.");
  await recordDeclarationChange(db, orgId, who, "alternate.updated", "alternate", id, {
    before: alternateJson(changed.before),
    after: alternateJson(changed.after),
    via: "api",
  });
  return Response.json(alternateJson(changed.after));
}
