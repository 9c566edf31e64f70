import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { db } from "~/db.server";
import { getEvidence } from "~/evidence/data.server";
import { evidenceDownload } from "~/evidence/http.server";
import { requireSupplierAccess } from "~/permissions.server";

/** Streams a stored file to a user who may see its supplier (vendors: only their own); else an audited 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const item = await getEvidence(db, current.membership.orgId, params.evidenceId ?? "");
  await requireSupplierAccess(current, request, item?.supplier_id);
  return evidenceDownload(db, item!);
}
