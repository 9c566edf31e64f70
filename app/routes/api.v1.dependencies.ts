import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { clientIp } from "~/audit.server";
import { apiError, createDependency, dependencyJson, listDependencies, recordDeclarationChange } from "~/data/dependencies.server";
import { db } from "~/db.server";
import { ApiDependencyCreate } from "~/domain/supply-map/forms";
import { requireApiUser } from "~/permissions.server";

const Query = z.object({
  supplierId: z.string().uuid().optional(),
  dependsOnId: z.string().uuid().optional(),
  declaredBy: z.enum(["procurement", "vendor", "import"]).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(100),
});

const issues = (error: z.ZodError) => error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");

/** GET: dependencies, filtered and paged. A vendor user (browser session) sees only its own company's. */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireApiUser(request);
  const parsed = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return apiError(400, issues(parsed.error));
  const query = { ...parsed.data };
  const own = current.membership.role === "vendor" ? current.membership.supplierId : null;
  if (own) {
    if (query.supplierId && query.supplierId !== own) return apiError(404, "Supplier not found.");
    query.supplierId = own;
  }
  const { rows, total } = await listDependencies(db, current.membership.orgId, query);
  return Response.json({ total, page: query.page, pageSize: query.pageSize, items: rows.map(dependencyJson) });
}

/** POST { supplierId, dependsOnId | dependsOn: {name, country, lei?, duns?, website?}, supplies, singleSource, bufferMinutes }. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiError(405, "Use POST to create a dependency.");
  const current = await requireApiUser(request, ["procurement"]);
  const parsed = ApiDependencyCreate.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return apiError(400, issues(parsed.error));
  const body = parsed.data;
  const { orgId, role, supplierId } = current.membership;
  const result = await createDependency(
    db,
    orgId,
    { role, supplierId },
    body.supplierId,
    body.dependsOnId ? { supplierId: body.dependsOnId } : { company: { ...body.dependsOn!, lei: body.dependsOn!.lei ?? null, duns: body.dependsOn!.duns ?? null, website: body.dependsOn!.website ?? null } },
    { supplies: body.supplies, singleSource: body.singleSource, bufferMin: body.bufferMinutes },
  );
  if (!result.ok) return apiError(result.status, result.message);
  await recordDeclarationChange(db, orgId, { userId: current.user.id, ip: clientIp(request) }, "dependency.created", "dependency", result.row.id, {
    after: dependencyJson(result.row),
    createdSupplier: result.created,
    matchedBy: result.matched,
    via: "api",
  });
  return Response.json({ ...dependencyJson(result.row), createdSupplier: result.created, matchedBy: result.matched }, { status: 201 });
}
