import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { clientIp, recordAudit } from "~/audit.server";
import { listScenarios } from "~/data/scenarios.server";
import { db } from "~/db.server";
import { requireApiUser } from "~/permissions.server";
import { ScenarioRequestSchema, runAndSaveScenario } from "~/scenarios.server";

const apiError = (status: number, message: string) => Response.json({ error: { status, message } }, { status });

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireApiUser(request, ["procurement", "analyst"]);
  const scenarios = await listScenarios(db, current.membership.orgId);
  return Response.json({ items: scenarios.map((s) => ({ id: s.id, name: s.name, params: s.params, createdAt: s.created_at, createdBy: s.created_by_name })) });
}

/** POST { name, suppliers: ["SUP-041"], countries: ["TW"], hours: 72 } → the saved scenario with its result. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiError(405, "Use POST to run a scenario.");
  const current = await requireApiUser(request, ["procurement", "analyst"]);
  const body = await request.json().catch(() => null);
  const parsed = ScenarioRequestSchema.safeParse(body);
  if (!parsed.success) return apiError(400, parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
  const outcome = await runAndSaveScenario(db, current.membership.orgId, current.user.id, parsed.data);
  if (!outcome.ok) return apiError(400, outcome.message);
  await recordAudit(db, {
    orgId: current.membership.orgId,
    actorUserId: current.user.id,
    action: "scenario.created",
    entityType: "scenario",
    entityId: outcome.id,
    summary: { name: parsed.data.name, label: outcome.params.label, via: "api" },
    ip: clientIp(request),
  });
  return Response.json({ id: outcome.id, params: outcome.params, result: outcome.result }, { status: 201 });
}
