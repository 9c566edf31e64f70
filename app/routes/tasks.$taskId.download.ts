import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { clientIp, recordAudit } from "~/audit.server";
import { db } from "~/db.server";
import { getTask } from "~/jobs/tasks.server";
import { requireRole } from "~/permissions.server";
import { getBlobStore } from "~/storage.server";
import { attachmentHeaders } from "~/reports/http.server";

/** The finished export's file, for members of the same organisation only (else 404). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement", "analyst"]);
  const task = await getTask(db, current.membership.orgId, params.taskId ?? "");
  const result = task?.result ?? {};
  if (!task || task.kind !== "export" || task.status !== "succeeded" || typeof result.storageKey !== "string") {
    throw new Response("Not found", { status: 404 });
  }
  const fileName = String(result.fileName ?? "export");
  const contentType = String(result.contentType ?? "application/octet-stream");
  await recordAudit(db, {
    orgId: current.membership.orgId,
    actorUserId: current.user.id,
    action: "export.downloaded",
    entityType: "background_task",
    entityId: task.id,
    summary: { fileName, report: result.report ?? null },
    ip: clientIp(request),
  });
  return new Response(createReadableStreamFromReadable(getBlobStore(db).get(result.storageKey)), {
    headers: attachmentHeaders(fileName, contentType, typeof result.sizeBytes === "number" ? result.sizeBytes : undefined),
  });
}
