import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { supplierPdfResponse } from "~/reports/supplier-pdf.server";

/** /reports/suppliers/{id}.pdf — the vendor report; a vendor user may get only its own. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  return supplierPdfResponse(current, request, params.supplierId, { api: false });
}
