import type { LoaderFunctionArgs } from "@remix-run/node";
import { getSupplierProfile } from "~/data/suppliers.server";
import { db } from "~/db.server";
import { requireApiUser, requireSupplierAccess } from "~/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireApiUser(request);
  try {
    await requireSupplierAccess(current, request, params.supplierId);
  } catch (error) {
    if (error instanceof Response) return Response.json({ error: { status: error.status, message: "Supplier not found." } }, { status: error.status });
    throw error;
  }
  const supplier = await getSupplierProfile(db, current.membership.orgId, params.supplierId!);
  if (!supplier) return Response.json({ error: { status: 404, message: "Supplier not found." } }, { status: 404 });
  return Response.json({
    id: supplier.id,
    externalId: supplier.external_id,
    name: supplier.name,
    country: supplier.country,
    isVendor: supplier.is_vendor,
    criticality: supplier.criticality,
    declaredRtoMinutes: supplier.declared_rto_min,
    declaredRpoMinutes: supplier.declared_rpo_min,
    testedRtoMinutes: supplier.tested_rto_min,
    testedRpoMinutes: supplier.tested_rpo_min,
  });
}
