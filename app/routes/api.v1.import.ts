import type { ActionFunctionArgs } from "@remix-run/node";
import { clientIp, recordAudit } from "~/audit.server";
import { applyPortfolioImport, previewPortfolioImport } from "~/data/portfolio.server";
import { db } from "~/db.server";
import { MAX_UPLOAD_BYTES, parsePortfolioUpload, spoolUpload } from "~/domain/portfolio";
import { requireApiUser } from "~/permissions.server";
import { requestRecompute } from "~/resilience.server";

const apiError = (status: number, message: string) => Response.json({ error: { status, message } }, { status });

async function* bodyChunks(request: Request): AsyncGenerator<Uint8Array> {
  if (!request.body) return;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

/**
 * POST the workbook (or one CSV sheet) as the raw body, `?fileName=portfolio.xlsx` to name it and
 * `?dryRun=true` to get the preview without changing anything. The body streams to disk, never
 * into memory; the answer is JSON with counts and every problem (sheet, row, column, message).
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiError(405, "Use POST.");
  const current = await requireApiUser(request, ["procurement"]);
  const url = new URL(request.url);
  const dryRun = ["1", "true", "yes"].includes(url.searchParams.get("dryRun") ?? "");
  const fileName = (url.searchParams.get("fileName") ?? (request.headers.get("content-type")?.includes("csv") ? "upload.csv" : "upload.xlsx")).slice(0, 255);
  const spooled = await spoolUpload(bodyChunks(request), MAX_UPLOAD_BYTES);
  if ("tooLarge" in spooled) return apiError(413, `The file is larger than ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB.`);
  try {
    const parsed = await parsePortfolioUpload({ path: spooled.path }, { fileName });
    if (parsed.status === "rejected") return apiError(400, parsed.message);
    const { orgId } = current.membership;
    if (dryRun) {
      const preview = await previewPortfolioImport(db, orgId, parsed);
      return Response.json({ dryRun: true, counts: preview.counts, problemCount: preview.problemCount, problems: preview.problems, warnings: preview.warnings });
    }
    const outcome = await applyPortfolioImport(db, orgId, current.user.id, parsed, { fileName });
    if (outcome.status === "rejected") return Response.json({ applied: false, problemCount: outcome.problemCount, problems: outcome.problems }, { status: 422 });
    await recordAudit(db, { orgId, actorUserId: current.user.id, action: "portfolio.imported_via_api", summary: { fileName }, ip: clientIp(request) });
    await requestRecompute(db, orgId, current.user.id);
    return Response.json({ applied: true, counts: outcome.counts });
  } finally {
    await spooled.remove();
  }
}

export function loader() {
  return apiError(405, "Use POST with the workbook as the body.");
}
