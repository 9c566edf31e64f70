import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAssessment } from "~/assessments.server";
import { requireUser } from "~/auth.server";
import { CsrfInput } from "~/components/csrf-input";
import { EDITABLE_STATUSES } from "~/data/assessments.server";
import { MAX_OFFLINE_UPLOAD_BYTES, handleOfflineUpload } from "~/questionnaire-offline.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Answer offline · ${data?.assessment.template_name ?? "Questionnaire"} · Resilience portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const assessment = await requireAssessment(current, params.assessmentId);
  return {
    assessment,
    canUpload: current.membership.role === "vendor" && EDITABLE_STATUSES.includes(assessment.status),
    maxMb: MAX_OFFLINE_UPLOAD_BYTES / (1024 * 1024),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const current = await requireUser(request);
  const { status, outcome } = await handleOfflineUpload(current, request, params.assessmentId);
  return data(outcome, { status });
}

function show(value: unknown): string {
  if (value === undefined || value === null || value === "") return "—";
  if (value === true) return "Yes";
  if (value === false) return "No";
  if (Array.isArray(value)) return value.map((v) => (typeof v === "object" ? Object.values(v ?? {}).filter((x) => x !== null).join(" · ") : String(v))).join("; ");
  return String(value);
}

export default function OfflineQuestionnairePage() {
  const { assessment, canUpload, maxMb } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/assessments/${assessment.id}`}>← Back to the questionnaire</Link>
      </p>
      <h1>{`Answer offline — ${assessment.template_name}`}</h1>
      <p>
        Download the questionnaire as an Excel workbook, fill in the <strong>Answer</strong> column (and the table sheets), then upload it here. Answers are
        matched by the <strong>Key</strong> column, so rows may be sorted but keys must not be changed. Durations are in hours, yes/no answers are Yes or No,
        several choices are separated by commas, dates are YYYY-MM-DD.
      </p>
      <p>
        <a className="button secondary" href={`/assessments/${assessment.id}/offline.xlsx`} download>
          Download the workbook (.xlsx)
        </a>
      </p>
      {result ? (
        <div className={`alert ${result.ok ? "info" : "error"}`} role={result.ok ? "status" : "alert"}>
          <p style={{ margin: 0 }}>{result.message}</p>
          {result.conflicts.length ? (
            <ul>
              {result.conflicts.map((c) => (
                <li key={c.key} data-conflict={c.key}>{`${c.text}: now “${show(c.theirs)}”; yours was “${show(c.yours)}” (not saved — change it on the web form if yours should win).`}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {result && result.errors.length ? (
        <table>
          <caption>Cells to fix</caption>
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
              <tr key={i} className="cell-error" data-sheet={e.sheet} data-row={e.row} data-column={e.column} data-message={e.message}>
                <td>{e.sheet}</td>
                <td className="num">{e.row || "—"}</td>
                <td>{e.header ? `${e.column} (${e.header})` : e.column}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {canUpload ? (
        <Form method="post" encType="multipart/form-data" className="card">
          <CsrfInput />
          <label htmlFor="file">{`Filled-in workbook (.xlsx, up to ${maxMb} MB)`}</label>
          <input id="file" name="file" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
          <div className="actions" style={{ marginTop: ".75rem" }}>
            <button type="submit" className="button">
              Upload answers
            </button>
          </div>
        </Form>
      ) : (
        <p className="muted">Only the vendor can upload answers, and only until the questionnaire is submitted.</p>
      )}
    </>
  );
}
