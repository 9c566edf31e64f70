import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiUser } from "~/permissions.server";
import { supplierPdfResponse } from "~/reports/supplier-pdf.server";

/** GET /api/v1/suppliers/{id}/report.pdf — vendor users (session) get only their own company. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireApiUser(request);
  return supplierPdfResponse(current, request, params.supplierId, { api: true });
}
