import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { sql } from "kysely";
import { CsrfInput } from "~/components/csrf-input";
import { db } from "~/db.server";
import { TEMPLATE_COLUMNS } from "~/domain/questionnaire/template-import";
import { requireRole } from "~/permissions.server";
import { MAX_OFFLINE_UPLOAD_BYTES, handleTemplateImport } from "~/questionnaire-offline.server";

export const meta: MetaFunction = () => [{ title: "Questionnaire templates · Resilience portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement"]);
  const versions = await db
    .selectFrom("template_versions as v")
    .innerJoin("questionnaire_templates as t", "t.id", "v.template_id")
    .select((eb) => [
      "v.id",
      "v.version",
      "v.status",
      "v.published_at",
      "t.id as template_id",
      "t.name",
      "t.key",
      eb.selectFrom("questions as q").whereRef("q.template_version_id", "=", "v.id").select(sql<number>`count(*)::int`.as("n")).as("question_count"),
      eb.selectFrom("assessments as a").whereRef("a.template_version_id", "=", "v.id").select(sql<number>`count(*)::int`.as("n")).as("assessment_count"),
    ])
    .where("v.org_id", "=", current.membership.orgId)
    .orderBy("t.name")
    .orderBy("v.version", "desc")
    .limit(500)
    .execute();
  return { versions, maxMb: MAX_OFFLINE_UPLOAD_BYTES / (1024 * 1024) };
}

export async function action({ request }: ActionFunctionArgs) {
  const current = await requireRole(request, ["procurement"]);
  const { status, outcome } = await handleTemplateImport(current, request);
  return data(outcome, { status });
}

export default function TemplatesPage() {
  const { versions, maxMb } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/questionnaires">← Questionnaires</Link>
      </p>
      <h1>Questionnaire templates</h1>
      {versions.length === 0 ? (
        <p className="card empty">No templates yet.</p>
      ) : (
        <table>
          <caption>Templates and their versions</caption>
          <thead>
            <tr>
              <th scope="col">Template</th>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">Questions</th>
              <th scope="col" className="num">Sent</th>
              <th scope="col">Published</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id} data-version-id={v.id}>
                <td>{v.name}</td>
                <td>{`v${v.version}`}</td>
                <td>{v.status}</td>
                <td className="num">{v.question_count ?? 0}</td>
                <td className="num">{v.assessment_count ?? 0}</td>
                <td>{v.published_at ? new Date(v.published_at).toLocaleDateString("en-GB") : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Import a template from Excel</h2>
      <p>
        {`One row per question, in order, with the columns ${TEMPLATE_COLUMNS.join(", ")} (optional: good_answer). `}
        Types: yes_no, single_choice, multi_choice, text, number, date, duration, file, table. Options: one per line as <code>value = Label = score</code>; for a
        table its columns as <code>key = Label = type</code>. A condition is <code>earlier_key = value</code> and must refer to a yes_no or single_choice question
        above it. The template is installed as a new, published questionnaire.
      </p>
      {result ? (
        <div className={`alert ${result.ok ? "info" : "error"}`} role={result.ok ? "status" : "alert"}>
          <p style={{ margin: 0 }}>{result.message}</p>
        </div>
      ) : null}
      {result && result.errors.length ? (
        <table>
          <caption>Problems in the sheet</caption>
          <thead>
            <tr>
              <th scope="col">Sheet</th>
              <th scope="col">Row</th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {result.errors.map((e, i) => (
              <tr key={i} className="row-error" data-sheet={e.sheet} data-row={e.row} data-column={e.column} data-message={e.message}>
                <td>{e.sheet}</td>
                <td className="num">{e.row}</td>
                <td>{e.column}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="card">
        <CsrfInput />
        <label htmlFor="name">Name</label>
        <input id="name" name="name" type="text" required maxLength={200} />
        <label htmlFor="description">Description</label>
        <textarea id="description" name="description" rows={2} maxLength={2000} />
        <label htmlFor="file">{`Template workbook (.xlsx, up to ${maxMb} MB; the sheet "Questions" or the first sheet is read)`}</label>
        <input id="file" name="file" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
        <div className="actions" style={{ marginTop: ".75rem" }}>
          <button type="submit" className="button">
            Import and publish
          </button>
        </div>
      </Form>
    </>
  );
}
