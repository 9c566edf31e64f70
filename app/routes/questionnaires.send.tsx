import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { clientIp, recordAudit } from "~/audit.server";
import { ActionMessage } from "~/components/action-message";
import { CsrfInput } from "~/components/csrf-input";
import { readValidatedForm } from "~/csrf.server";
import { listPublishedVersions, sendAssessments } from "~/data/assessments.server";
import { emailQuestionnaireNotices, noteQuestionnairesSent } from "~/questionnaire-notices.server";
import { db } from "~/db.server";
import { requireRole } from "~/permissions.server";
import type { ActionResult } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Send a questionnaire · Resilience portal" }];

const FilterSchema = z.object({
  criticality: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["critical", "high", "medium", "low"]).optional()).catch(undefined),
  country: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^[A-Z]{2}$/).optional()).catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement"]);
  const { orgId } = current.membership;
  const filters = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  let vendors = db
    .selectFrom("suppliers")
    .select(["id", "name", "external_id", "country", "criticality"])
    .where("org_id", "=", orgId)
    .where("is_vendor", "=", true)
    .where("status", "=", "active");
  if (filters.criticality) vendors = vendors.where("criticality", "=", filters.criticality);
  if (filters.country) vendors = vendors.where("country", "=", filters.country);
  const defaultDue = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  return { versions: await listPublishedVersions(db, orgId), vendors: await vendors.orderBy("name").limit(1000).execute(), filters, defaultDue };
}

const SendSchema = z.object({
  versionId: z.string().uuid("Choose a questionnaire"),
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Choose a due date"),
  supplierIds: z.array(z.string().uuid()).min(1, "Select at least one vendor").max(1000),
});

export async function action({ request }: ActionFunctionArgs) {
  const current = await requireRole(request, ["procurement"]);
  const { orgId } = current.membership;
  const form = await readValidatedForm(request);
  const parsed = SendSchema.safeParse({ versionId: form.get("versionId"), dueDate: form.get("dueDate"), supplierIds: form.getAll("supplierId") });
  if (!parsed.success) return data<ActionResult>({ ok: false, message: parsed.error.issues[0]!.message }, { status: 400 });
  const { versionId, dueDate, supplierIds } = parsed.data;
  const owned = await db.selectFrom("suppliers").select("id").where("org_id", "=", orgId).where("id", "in", supplierIds).execute();
  const version = await db
    .selectFrom("template_versions as v")
    .innerJoin("questionnaire_templates as t", "t.id", "v.template_id")
    .select(["v.id", "t.name"])
    .where("v.org_id", "=", orgId)
    .where("v.id", "=", versionId)
    .where("v.status", "=", "published")
    .executeTakeFirst();
  if (!version || owned.length !== supplierIds.length) return data<ActionResult>({ ok: false, message: "Unknown questionnaire or supplier." }, { status: 404 });
  const { outcome, notices } = await db.transaction().execute(async (trx) => {
    const outcome = await sendAssessments(trx, orgId, versionId, supplierIds, dueDate);
    const sent = outcome.created.map((c) => ({ ...c, templateName: version.name, answerBy: dueDate }));
    const notices = await noteQuestionnairesSent(trx, orgId, sent, "Your customer asks you to answer this business-continuity questionnaire. Drafts save as you type; submit when it is complete.");
    await recordAudit(trx, {
      orgId,
      actorUserId: current.user.id,
      action: "assessment.sent",
      summary: { versionId, dueDate, sent: outcome.sent, skipped: outcome.skipped },
      ip: clientIp(request),
    });
    return { outcome, notices };
  });
  await emailQuestionnaireNotices(db, orgId, notices);
  return {
    ok: true,
    message: `Sent to ${outcome.sent} vendor${outcome.sent === 1 ? "" : "s"}${outcome.skipped ? `; ${outcome.skipped} already had one open and were skipped` : ""}.`,
  } satisfies ActionResult;
}

export default function SendQuestionnaire() {
  const { versions, vendors, filters, defaultDue } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>Send a questionnaire</h1>
      <ActionMessage result={result} />
      <Form method="get" className="toolbar" aria-label="Filter vendors">
        <div>
          <label htmlFor="criticality">Criticality</label>
          <select id="criticality" name="criticality" defaultValue={filters.criticality ?? ""}>
            <option value="">Any</option>
            <option value="critical">Critical</option>
            <option value="high">High</option>
            <option value="medium">Medium</option>
            <option value="low">Low</option>
          </select>
        </div>
        <div>
          <label htmlFor="country">Country code</label>
          <input id="country" name="country" type="text" maxLength={2} defaultValue={filters.country ?? ""} style={{ width: "4rem", minWidth: 0 }} />
        </div>
        <button type="submit" className="button secondary">
          Filter vendors
        </button>
      </Form>
      <Form method="post">
        <CsrfInput />
        <div className="toolbar">
          <div>
            <label htmlFor="versionId">Questionnaire</label>
            <select id="versionId" name="versionId">
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {`${v.name} (v${v.version})`}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="dueDate">Due date</label>
            <input id="dueDate" name="dueDate" type="date" defaultValue={defaultDue} required />
          </div>
        </div>
        <fieldset className="card">
          <legend>{`Vendors (${vendors.length})`}</legend>
          {vendors.length === 0 ? <p className="empty">No vendor matches the filter.</p> : null}
          {vendors.map((v) => (
            <label key={v.id} className="block-choice">
              <input type="checkbox" name="supplierId" value={v.id} /> {`${v.name} (${v.external_id}, ${v.country ?? "—"}, ${v.criticality})`}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button" style={{ marginTop: "1rem" }}>
          Send
        </button>
      </Form>
    </>
  );
}
