import type { LoaderFunctionArgs } from "@remix-run/node";
import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { clientIp, recordAudit } from "~/audit.server";
import { exportPortfolio } from "~/data/portfolio.server";
import { db } from "~/db.server";
import { writePortfolioWorkbook } from "~/domain/portfolio";
import { requireRole } from "~/permissions.server";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The whole portfolio in the import format, streamed (constant memory whatever the size). */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement", "analyst"]);
  const { orgId, orgSlug } = current.membership;
  await recordAudit(db, { orgId, actorUserId: current.user.id, action: "export.portfolio", ip: clientIp(request) });
  const body = new PassThrough();
  writePortfolioWorkbook(body, exportPortfolio(db, orgId)).catch((error: unknown) => body.destroy(error as Error));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(createReadableStreamFromReadable(body), {
    headers: {
      "Content-Type": XLSX,
      "Content-Disposition": `attachment; filename="portfolio-${orgSlug}-${day}.xlsx"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}
