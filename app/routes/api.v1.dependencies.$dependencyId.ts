import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { clientIp } from "~/audit.server";
import { apiError, deleteDependency, dependencyJson, getDependency, recordDeclarationChange, updateDependency } from "~/data/dependencies.server";
import { db } from "~/db.server";
import { ApiDependencyUpdate } from "~/domain/supply-map/forms";
import { requireApiUser } from "~/permissions.server";

/** GET one dependency; a vendor user only its own company's (others are 404, never confirmed). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireApiUser(request);
  const row = await getDependency(db, current.membership.orgId, params.dependencyId ?? "");
  const own = current.membership.role === "vendor" ? current.membership.supplierId : null;
  if (!row || (own && row.supplier_id !== own)) return apiError(404, "Dependency not found.");
  return Response.json(dependencyJson(row));
}

/** PATCH { supplies?, singleSource?, bufferMinutes? } or DELETE. */
export async function action({ request, params }: ActionFunctionArgs) {
  if (!["PATCH", "DELETE"].includes(request.method)) return apiError(405, "Use PATCH or DELETE.");
  const current = await requireApiUser(request, ["procurement"]);
  const { orgId, role, supplierId } = current.membership;
  const actor = { role, supplierId };
  const who = { userId: current.user.id, ip: clientIp(request) };
  const id = params.dependencyId ?? "";
  if (request.method === "DELETE") {
    const removed = await deleteDependency(db, orgId, actor, id);
    if (!removed) return apiError(404, "Dependency not found.");
    await recordDeclarationChange(db, orgId, who, "dependency.deleted", "dependency", removed.id, { before: dependencyJson(removed), via: "api" });
    return new Response(null, { status: 204 });
  }
  const parsed = ApiDependencyUpdate.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return apiError(400, parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
  const changed = await updateDependency(db, orgId, actor, id, {
    supplies: parsed.data.supplies,
    singleSource: parsed.data.singleSource,
    bufferMin: parsed.data.bufferMinutes,
  });
  if (!changed) return apiError(404, "Dependency not found.");
  await recordDeclarationChange(db, orgId, who, "dependency.updated", "dependency", id, {
    before: dependencyJson(changed.before),
    after: dependencyJson(changed.after),
    via: "api",
  });
  return Response.json(dependencyJson(changed.after));
}
