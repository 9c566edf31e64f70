import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { db } from "~/db.server";
import { handleEvidenceUpload, uploadErrorHeaders } from "~/evidence/http.server";
import { assertRole, requireSupplierAccess } from "~/permissions.server";

/** The evidence form's upload target when JavaScript runs (XHR with a progress bar): answers JSON. */
export async function action({ request, params }: ActionFunctionArgs) {
  const current = await requireUser(request);
  await assertRole(current, request, ["vendor", "procurement"]);
  const supplier = await requireSupplierAccess(current, request, params.supplierId);
  const outcome = await handleEvidenceUpload(db, request, current, supplier.id, { csrf: true });
  return Response.json(outcome, { status: outcome.status, headers: uploadErrorHeaders(outcome.status) });
}

export function loader() {
  throw new Response("Not found", { status: 404 });
}
