import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { clientIp } from "~/audit.server";
import { ActionMessage } from "~/components/action-message";
import { CsrfInput } from "~/components/csrf-input";
import { readValidatedForm } from "~/csrf.server";
import { db } from "~/db.server";
import { CRITICALITIES, CRITICALITY_LABELS, DUE_SOON_DAYS, PolicyFormSchema, type Criticality, type PolicyForm } from "~/domain/questionnaire/reassessment";
import { requireRole } from "~/permissions.server";
import {
  lastScheduledRun,
  listSchedulableTemplates,
  reassessmentOverview,
  saveReassessmentPolicies,
  sendDueReassessments,
} from "~/questionnaire-reassessment.server";

export const meta: MetaFunction = () => [{ title: "Reassessment schedule · Resilience portal" }];

const FIELDS = ["enabled", "intervalMonths", "templateId", "responseDays"] as const;

// Analysts see the schedule and what is due (read-only); only procurement changes it or sends.
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement", "analyst"]);
  const { orgId } = current.membership;
  const [overview, templates, lastRun] = await Promise.all([reassessmentOverview(db, orgId), listSchedulableTemplates(db, orgId), lastScheduledRun(db, orgId)]);
  return {
    ...overview,
    templates,
    lastRun: lastRun ? { runOn: lastRun.run_on, taskId: lastRun.task_id, status: lastRun.status, sent: Number(lastRun.result?.sent ?? 0) } : null,
    canEdit: current.membership.role === "procurement",
  };
}

type ScheduleResult =
  | { ok: true; message: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const current = await requireRole(request, ["procurement"]);
  const { orgId } = current.membership;
  const form = await readValidatedForm(request);
  const intent = form.get("intent");

  if (intent === "send-due") {
    const outcome = await sendDueReassessments(db, orgId, { actorUserId: current.user.id, ip: clientIp(request), trigger: "manual" });
    const parts = CRITICALITIES.filter((c) => outcome.byCriticality[c] > 0).map((c) => `${CRITICALITY_LABELS[c].toLowerCase()} ${outcome.byCriticality[c]}`);
    const skipped = outcome.skipped ? ` ${outcome.skipped} could not be sent: their questionnaire has no published version.` : "";
    const message = outcome.sent
      ? `Sent ${outcome.sent} reassessment${outcome.sent === 1 ? "" : "s"} (${parts.join(", ")}).${skipped}`
      : `Nothing was due, so nothing was sent.${skipped}`;
    return data<ScheduleResult>({ ok: true, message });
  }

  if (intent !== "save") return data<ScheduleResult>({ ok: false, message: "Unknown action." }, { status: 400 });
  const values: Record<string, string> = {};
  const fieldErrors: Record<string, string[]> = {};
  const policies = {} as Record<Criticality, PolicyForm>;
  for (const c of CRITICALITIES) {
    const raw = Object.fromEntries(FIELDS.map((f) => [f, String(form.get(`${c}.${f}`) ?? "")]));
    for (const f of FIELDS) values[`${c}.${f}`] = raw[f]!;
    const parsed = PolicyFormSchema.safeParse(raw);
    if (parsed.success) policies[c] = parsed.data;
    else for (const [field, messages] of Object.entries(parsed.error.flatten().fieldErrors)) fieldErrors[`${c}.${field}`] = messages ?? [];
  }
  const invalid = (errors: Record<string, string[]>) =>
    data<ScheduleResult>({ ok: false, message: "Some settings need fixing — see the messages next to them.", fieldErrors: errors, values }, { status: 400 });
  if (Object.keys(fieldErrors).length) return invalid(fieldErrors);
  const saved = await saveReassessmentPolicies(db, { orgId, userId: current.user.id, ip: clientIp(request), policies });
  if (!saved.ok) return invalid(saved.fieldErrors);
  return data<ScheduleResult>({ ok: true, message: "Reassessment schedule saved." });
}

export default function ReassessmentSchedulePage() {
  const { policies, summary, dueTotal, templates, lastRun, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const entered = result && !result.ok ? result.values : undefined;
  const templateName = (id: string | null) => templates.find((t) => t.id === id)?.name ?? "—";
  const describe = (c: Criticality) => {
    const p = policies.find((x) => x.criticality === c)!;
    if (!p.enabled || !p.intervalMonths) return "Off";
    return `Every ${p.intervalMonths} month${p.intervalMonths === 1 ? "" : "s"}: “${templateName(p.templateId)}”, ${p.responseDays} days to answer`;
  };
  const fieldError = (name: string) =>
    errors[name]?.length ? (
      <p className="field-error" id={`${name}-error`}>
        {errors[name]!.join(" ")}
      </p>
    ) : null;
  const describedBy = (name: string) => (errors[name]?.length ? `${name}-error` : undefined);

  return (
    <>
      <p>
        <Link to="/questionnaires">← Questionnaires</Link>
      </p>
      <h1>Reassessment schedule</h1>
      <p className="muted">
        Vendors are sent the questionnaire again a set number of months after their last approved questionnaire (or, if none was ever approved,
        after the last one sent). A vendor never assessed is due now; a vendor with a questionnaire still open is not sent another. Due
        reassessments go out automatically once a day, with the vendor&apos;s last approved answers filled in.
      </p>
      <ActionMessage result={result} />
      <table>
        <caption>Vendors due for reassessment, by criticality</caption>
        <thead>
          <tr>
            <th scope="col">Criticality</th>
            <th scope="col">Schedule</th>
            <th scope="col" className="num">
              Active vendors
            </th>
            <th scope="col" className="num">
              Due now
            </th>
            <th scope="col" className="num">{`Due in the next ${DUE_SOON_DAYS} days`}</th>
            <th scope="col" className="num">
              Questionnaire open
            </th>
          </tr>
        </thead>
        <tbody>
          {CRITICALITIES.map((c) => (
            <tr key={c} data-criticality={c}>
              <th scope="row">{CRITICALITY_LABELS[c]}</th>
              <td>{describe(c)}</td>
              <td className="num">{summary[c].vendors}</td>
              <td className="num" data-count="due-now">
                {summary[c].dueNow}
              </td>
              <td className="num" data-count="due-soon">
                {summary[c].dueSoon}
              </td>
              <td className="num">{summary[c].open}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        {lastRun ? (
          <>
            {`Last automatic run: ${lastRun.runOn}${lastRun.status === "succeeded" ? `, ${lastRun.sent} sent` : lastRun.status ? ` (${lastRun.status})` : ""}`}
            {lastRun.taskId ? (
              <>
                {" — "}
                <Link to={`/tasks/${lastRun.taskId}`}>details</Link>
              </>
            ) : null}
            .
          </>
        ) : (
          "No automatic run yet: it starts on the first day a schedule is switched on."
        )}
      </p>
      {canEdit ? (
        <Form method="post" className="toolbar">
          <CsrfInput />
          <input type="hidden" name="intent" value="send-due" />
          <button type="submit" className="button">
            Send due reassessments now
          </button>
          <span className="muted">{`${dueTotal} vendor${dueTotal === 1 ? " is" : "s are"} due now.`}</span>
        </Form>
      ) : (
        <p className="muted">Only procurement can change the schedule or send reassessments.</p>
      )}

      {canEdit ? (
        <Form method="post" className="card form-grid">
          <CsrfInput />
          <input type="hidden" name="intent" value="save" />
          <h2 style={{ marginTop: 0 }}>Policy per criticality</h2>
          {templates.length === 0 ? (
            <p className="alert error" role="alert">
              There is no published questionnaire yet. <Link to="/questionnaires/templates">Publish one</Link> before switching a schedule on.
            </p>
          ) : null}
          {CRITICALITIES.map((c) => {
            const p = policies.find((x) => x.criticality === c)!;
            const value = (field: (typeof FIELDS)[number], fallback: string) => entered?.[`${c}.${field}`] ?? fallback;
            const id = (field: string) => `${c}.${field}`;
            return (
              <fieldset key={c} className="field">
                <legend>{`${CRITICALITY_LABELS[c]} vendors`}</legend>
                <label className="block-choice">
                  <input
                    type="checkbox"
                    name={id("enabled")}
                    defaultChecked={entered ? entered[id("enabled")] === "on" : p.enabled}
                    aria-describedby={describedBy(id("enabled"))}
                  />{" "}
                  Reassess automatically
                </label>
                {fieldError(id("enabled"))}
                <div className="field">
                  <label htmlFor={id("intervalMonths")}>Every (months)</label>
                  <input
                    id={id("intervalMonths")}
                    name={id("intervalMonths")}
                    type="number"
                    min={1}
                    max={120}
                    step={1}
                    inputMode="numeric"
                    defaultValue={value("intervalMonths", p.intervalMonths?.toString() ?? "")}
                    aria-invalid={errors[id("intervalMonths")] ? true : undefined}
                    aria-describedby={describedBy(id("intervalMonths"))}
                  />
                  {fieldError(id("intervalMonths"))}
                </div>
                <div className="field">
                  <label htmlFor={id("templateId")}>Questionnaire (its latest published version is sent)</label>
                  <select
                    id={id("templateId")}
                    name={id("templateId")}
                    defaultValue={value("templateId", p.templateId ?? "")}
                    aria-invalid={errors[id("templateId")] ? true : undefined}
                    aria-describedby={describedBy(id("templateId"))}
                  >
                    <option value="">Choose…</option>
                    {templates.map((t) => (
                      <option key={t.id} value={t.id}>
                        {`${t.name} (now v${t.version})`}
                      </option>
                    ))}
                  </select>
                  {fieldError(id("templateId"))}
                </div>
                <div className="field">
                  <label htmlFor={id("responseDays")}>Days to answer</label>
                  <input
                    id={id("responseDays")}
                    name={id("responseDays")}
                    type="number"
                    min={1}
                    max={365}
                    step={1}
                    inputMode="numeric"
                    defaultValue={value("responseDays", String(p.responseDays))}
                    aria-invalid={errors[id("responseDays")] ? true : undefined}
                    aria-describedby={describedBy(id("responseDays"))}
                  />
                  {fieldError(id("responseDays"))}
                </div>
              </fieldset>
            );
          })}
          <button type="submit" className="button">
            Save schedule
          </button>
        </Form>
      ) : null}
    </>
  );
}
