import type { LoaderFunctionArgs } from "@remix-run/node";
import { clientIp, recordAudit } from "~/audit.server";
import { db } from "~/db.server";
import { parseSupplierFilters } from "~/domain/reports/filters";
import { requireApiUser } from "~/permissions.server";
import { produceReportFile } from "~/reports/export.server";
import { temporaryFileResponse } from "~/reports/http.server";

/**
 * GET /api/v1/reports/risk-register.xlsx[?q=&country=&criticality=&relationship=&tier=&findings=]
 * The risk register, produced in the request (streamed from a temporary file). For very large
 * organisations prefer the background export on /reports.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireApiUser(request, ["procurement", "analyst"]);
  const url = new URL(request.url);
  const filters = parseSupplierFilters(url.searchParams);
  return temporaryFileResponse(async (filePath) => {
    const produced = await produceReportFile(db, filePath, { orgId: current.membership.orgId, report: "risk-register", filters, baseUrl: url.origin });
    await recordAudit(db, {
      orgId: current.membership.orgId,
      actorUserId: current.user.id,
      action: "export.created",
      entityType: "report",
      summary: { report: "risk-register", filters, via: current.via.kind, fileName: produced.fileName, sizeBytes: produced.sizeBytes },
      ip: clientIp(request),
    });
    return produced;
  });
}
