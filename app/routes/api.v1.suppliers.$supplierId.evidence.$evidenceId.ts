import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { getEvidence } from "~/evidence/data.server";
import { apiSupplierAccess, evidenceDownload } from "~/evidence/http.server";

/** GET /api/v1/suppliers/{id}/evidence/{evidenceId} — the file itself (attachment, stored type, nosniff). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { current, supplier } = await apiSupplierAccess(request, params.supplierId);
  const item = await getEvidence(db, current.membership.orgId, params.evidenceId ?? "");
  if (!item || item.supplier_id !== supplier.id) {
    return Response.json({ error: { status: 404, message: "Not found" } }, { status: 404 });
  }
  return evidenceDownload(db, item);
}
