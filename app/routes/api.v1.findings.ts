import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { FINDING_STATUSES, SEVERITIES, listFindings } from "~/data/findings.server";
import { db } from "~/db.server";
import { requireApiUser } from "~/permissions.server";

const QuerySchema = z.object({
  status: z.enum(FINDING_STATUSES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  kind: z.string().max(60).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireApiUser(request, ["procurement", "analyst"]);
  const parsed = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    return Response.json({ error: { status: 400, message: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") } }, { status: 400 });
  }
  const { rows, total } = await listFindings(db, current.membership.orgId, parsed.data);
  return Response.json({
    total,
    page: parsed.data.page,
    pageSize: parsed.data.pageSize,
    items: rows.map((f) => ({
      id: f.id,
      kind: f.kind,
      severity: f.severity,
      status: f.status,
      reason: f.reason,
      subject: { type: f.subject_type, id: f.subject_id, name: f.supplier_name ?? f.service_name ?? f.subject_id },
      owner: f.owner_name,
      firstSeenAt: f.first_seen_at,
    })),
  });
}
