import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { listAssessments } from "~/data/assessments.server";
import { apiError } from "~/data/dependencies.server";
import { db } from "~/db.server";
import { requireApiUser } from "~/permissions.server";

const STATUSES = ["draft", "sent", "in_progress", "submitted", "changes_requested", "approved", "rejected"] as const;
const Query = z.object({
  status: z.enum(STATUSES).optional(),
  supplierId: z.string().uuid().optional(),
  overdue: z.enum(["1", "true"]).optional(),
});

const isoDate = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

/** GET: questionnaires (assessments) of the organisation, filtered by status / supplier. A vendor (browser session) sees only its own company's. */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireApiUser(request);
  const parsed = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return apiError(400, parsed.error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`).join("; "));
  const { role, supplierId: own, orgId } = current.membership;
  let supplierId = parsed.data.supplierId;
  if (role === "vendor") {
    if (!own || (supplierId && supplierId !== own)) return Response.json({ total: 0, items: [] }, { headers: { "Cache-Control": "no-store" } });
    supplierId = own;
  }
  const rows = await listAssessments(db, orgId, { status: parsed.data.status, supplierId, overdue: Boolean(parsed.data.overdue) });
  return Response.json(
    {
      total: rows.length,
      items: rows.map((a) => ({
        id: a.id,
        status: a.status,
        dueDate: isoDate(a.due_date),
        score: a.score,
        submittedAt: a.submitted_at,
        supplier: { id: a.supplier_id, name: a.supplier_name },
        template: { name: a.template_name, version: a.version },
      })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
