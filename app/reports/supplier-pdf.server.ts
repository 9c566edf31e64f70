import type { OrgUser } from "../auth.server";
import { clientIp, recordAudit } from "../audit.server";
import { db } from "../db.server";
import { requireSupplierAccess } from "../permissions.server";
import { reportFileName } from "../domain/reports/cells";
import { attachmentHeaders } from "./http.server";
import { vendorReportPdf } from "./vendor-report.server";

/**
 * The per-supplier PDF (small: generated in the request). Access as for the supplier page: a vendor
 * user only its own company (anything else is a 404), and its copy leaves out our assessment.
 */
export async function supplierPdfResponse(current: OrgUser, request: Request, supplierId: string | undefined, options: { api: boolean }) {
  try {
    await requireSupplierAccess(current, request, supplierId);
  } catch (error) {
    if (error instanceof Response && options.api) {
      return Response.json({ error: { status: error.status, message: "Supplier not found." } }, { status: error.status });
    }
    throw error;
  }
  const { orgId, role } = current.membership;
  const asOf = new Date();
  const pdf = await vendorReportPdf(db, orgId, supplierId!, role === "vendor" ? "vendor" : "internal", asOf);
  if (!pdf) throw new Response("Not found", { status: 404 });
  await recordAudit(db, {
    orgId,
    actorUserId: current.user.id,
    action: "export.created",
    entityType: "supplier",
    entityId: supplierId!,
    summary: { report: "vendor-pdf", via: options.api ? "api" : "page", sizeBytes: pdf.bytes.length },
    ip: clientIp(request),
  });
  const fileName = reportFileName(`vendor-report-${pdf.externalId}`, current.membership.orgSlug, asOf, "pdf");
  return new Response(new Uint8Array(pdf.bytes), { headers: attachmentHeaders(fileName, "application/pdf", pdf.bytes.length) });
}
