import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { clientIp, recordAudit } from "~/audit.server";
import { ActionMessage } from "~/components/action-message";
import { CsrfInput } from "~/components/csrf-input";
import { readValidatedForm } from "~/csrf.server";
import { listScenarios } from "~/data/scenarios.server";
import { db } from "~/db.server";
import { requireRole } from "~/permissions.server";
import { ScenarioRequestSchema, runAndSaveScenario } from "~/scenarios.server";
import { parseForm, type ActionResult } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "What-if scenarios · Resilience portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement", "analyst"]);
  return { scenarios: await listScenarios(db, current.membership.orgId) };
}

export async function action({ request }: ActionFunctionArgs) {
  const current = await requireRole(request, ["procurement", "analyst"]);
  const { orgId } = current.membership;
  const parsed = parseForm(ScenarioRequestSchema, await readValidatedForm(request));
  if (!parsed.success) return data(parsed.result, { status: 400 });
  const outcome = await runAndSaveScenario(db, orgId, current.user.id, parsed.data);
  if (!outcome.ok) return data<ActionResult>({ ok: false, message: outcome.message }, { status: 400 });
  await recordAudit(db, {
    orgId,
    actorUserId: current.user.id,
    action: "scenario.created",
    entityType: "scenario",
    entityId: outcome.id,
    summary: { name: parsed.data.name, label: outcome.params.label, hours: parsed.data.hours },
    ip: clientIp(request),
  });
  throw redirect(`/scenarios/${outcome.id}`);
}

export default function ScenariosPage() {
  const { scenarios } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>What-if scenarios</h1>
      <p className="muted">
        “If these suppliers, or every supplier in these countries, were out for this long, which services would be hit, when would each exceed
        its RTO and MTPD, and which alternates would save it?”
      </p>
      <ActionMessage result={result} />
      <Form method="post" className="card form-grid">
        <CsrfInput />
        <div className="field">
          <label htmlFor="name">Name</label>
          <input id="name" name="name" type="text" required placeholder="e.g. Taiwan foundry out for a week" />
        </div>
        <div className="field">
          <label htmlFor="suppliers">Supplier IDs that are out</label>
          <p className="muted hint">Your supplier IDs, separated by commas (e.g. SUP-041, SUP-052)</p>
          <input id="suppliers" name="suppliers" type="text" aria-describedby="suppliers-hint" />
        </div>
        <div className="field">
          <label htmlFor="countries">…and/or every supplier in these countries</label>
          <input id="countries" name="countries" type="text" placeholder="e.g. TW" />
        </div>
        <div className="field">
          <label htmlFor="hours">Outage length (hours)</label>
          <input id="hours" name="hours" type="number" min={0.25} step={0.25} max={8760} required defaultValue={72} />
        </div>
        <button type="submit" className="button">
          Run scenario
        </button>
      </Form>
      <h2>Saved scenarios</h2>
      {scenarios.length === 0 ? (
        <p className="card empty">No scenarios yet.</p>
      ) : (
        <Form method="get" action="/scenarios/compare">
          <table>
            <thead>
              <tr>
                <th scope="col">Compare</th>
                <th scope="col">Scenario</th>
                <th scope="col">Out</th>
                <th scope="col" className="num">Hours</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {scenarios.map((s) => {
                const params = s.params as { label?: string; durationMin?: number };
                return (
                  <tr key={s.id}>
                    <td>
                      <input type="checkbox" name="id" value={s.id} aria-label={`Compare ${s.name}`} />
                    </td>
                    <td>
                      <Link to={`/scenarios/${s.id}`}>{s.name}</Link>
                    </td>
                    <td>{params.label ?? "—"}</td>
                    <td className="num">{params.durationMin ? params.durationMin / 60 : "—"}</td>
                    <td>{`${new Date(s.created_at).toLocaleString("en-GB")} by ${s.created_by_name ?? "—"}`}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <button type="submit" className="button secondary" style={{ marginTop: ".75rem" }}>
            Compare selected
          </button>
        </Form>
      )}
    </>
  );
}
