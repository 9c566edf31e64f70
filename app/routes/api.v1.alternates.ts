import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { clientIp } from "~/audit.server";
import { alternateJson, createAlternate, listAlternates } from "~/data/alternates.server";
import { apiError, recordDeclarationChange } from "~/data/dependencies.server";
import { db } from "~/db.server";
import { ApiAlternateCreate } from "~/domain/supply-map/forms";
import { requireApiUser } from "~/permissions.server";

const Query = z.object({
  forSupplierId: z.string().uuid().optional(),
  forServiceId: z.string().uuid().optional(),
  replacesId: z.string().uuid().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(100),
});

const issues = (error: z.ZodError) => error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");

/** GET: alternates, filtered and paged. A vendor user (browser session) sees only those for its own company. */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireApiUser(request);
  const parsed = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return apiError(400, issues(parsed.error));
  const query = { ...parsed.data };
  const own = current.membership.role === "vendor" ? current.membership.supplierId : null;
  if (own) {
    if ((query.forSupplierId && query.forSupplierId !== own) || query.forServiceId) return apiError(404, "Not found.");
    query.forSupplierId = own;
  }
  const { rows, total } = await listAlternates(db, current.membership.orgId, query);
  return Response.json({ total, page: query.page, pageSize: query.pageSize, items: rows.map(alternateJson) });
}

/** POST { forSupplierId | forServiceId, replacesId, alternateId | alternate: {name, country, …}, status, switchoverMinutes, capacityPct }. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiError(405, "Use POST to create an alternate.");
  const current = await requireApiUser(request, ["procurement"]);
  const parsed = ApiAlternateCreate.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return apiError(400, issues(parsed.error));
  const body = parsed.data;
  const { orgId, role, supplierId } = current.membership;
  const result = await createAlternate(
    db,
    orgId,
    { role, supplierId },
    body.forSupplierId ? { forSupplierId: body.forSupplierId } : { forServiceId: body.forServiceId! },
    body.replacesId,
    body.alternateId
      ? { supplierId: body.alternateId }
      : { company: { ...body.alternate!, lei: body.alternate!.lei ?? null, duns: body.alternate!.duns ?? null, website: body.alternate!.website ?? null } },
    { status: body.status, switchoverMin: body.switchoverMinutes, capacityPct: body.capacityPct },
  );
  if (!result.ok) return apiError(result.status, result.message);
  await recordDeclarationChange(db, orgId, { userId: current.user.id, ip: clientIp(request) }, "alternate.created", "alternate", result.row.id, {
    after: alternateJson(result.row),
    createdSupplier: result.created,
    via: "api",
  });
  return Response.json({ ...alternateJson(result.row), createdSupplier: result.created }, { status: 201 });
}
