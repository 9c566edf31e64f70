import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { clientIp } from "~/audit.server";
import { CsrfInput } from "~/components/csrf-input";
import { readValidatedForm } from "~/csrf.server";
import { db } from "~/db.server";
import { TEMPLATE_COLUMNS } from "~/domain/questionnaire/template-import";
import { requireRole } from "~/permissions.server";
import { MAX_OFFLINE_UPLOAD_BYTES, handleTemplateImport } from "~/questionnaire-offline.server";
import { createDraftVersion, createTemplate, listTemplateVersions } from "~/questionnaire-templates.server";

export const meta: MetaFunction = () => [{ title: "Questionnaire templates · Resilience portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement"]);
  return { versions: await listTemplateVersions(db, current.membership.orgId), maxMb: MAX_OFFLINE_UPLOAD_BYTES / (1024 * 1024) };
}

const Intent = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    name: z.string().trim().min(1, "Give the template a name").max(200, "Keep the name under 200 characters"),
    description: z.string().trim().max(2000, "Keep the description under 2,000 characters").default(""),
  }),
  z.object({ intent: z.literal("new-draft"), versionId: z.string() }),
]);

type FormResult = { kind: "form"; ok: false; message: string; fieldErrors?: Record<string, string[]>; draftId?: string };

export async function action({ request }: ActionFunctionArgs) {
  const current = await requireRole(request, ["procurement"]);
  // The import posts a workbook (multipart); the builder's buttons post plain forms.
  if (/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
    const { status, outcome } = await handleTemplateImport(current, request);
    return data({ kind: "import" as const, ...outcome }, { status });
  }
  const form = await readValidatedForm(request);
  const parsed = Intent.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const fieldErrors = parsed.error.flatten().fieldErrors as Record<string, string[]>;
    return data<FormResult>({ kind: "form", ok: false, message: parsed.error.issues[0]?.message ?? "Check the form.", fieldErrors }, { status: 400 });
  }
  const { orgId } = current.membership;
  const actor = { userId: current.user.id, ip: clientIp(request) };
  if (parsed.data.intent === "create") {
    const created = await createTemplate(db, orgId, actor, { name: parsed.data.name, description: parsed.data.description });
    return redirect(`/questionnaires/templates/${created.versionId}`);
  }
  const draft = await createDraftVersion(db, orgId, actor, parsed.data.versionId);
  if (draft.ok) return redirect(`/questionnaires/templates/${draft.versionId}`);
  if (draft.status === 404) throw new Response("Not found", { status: 404 });
  return data<FormResult>({ kind: "form", ok: false, message: draft.message, draftId: draft.draftId }, { status: draft.status });
}

export default function TemplatesPage() {
  const { versions, maxMb } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const result = actionData?.kind === "import" ? actionData : undefined;
  const formResult = actionData?.kind === "form" ? actionData : undefined;
  const createErrors = formResult?.fieldErrors ?? {};
  return (
    <>
      <p>
        <Link to="/questionnaires">← Questionnaires</Link>
      </p>
      <h1>Questionnaire templates</h1>
      {formResult ? (
        <div className="alert error" role="alert">
          <p style={{ margin: 0 }}>
            {formResult.message}
            {formResult.draftId ? (
              <>
                {" "}
                <Link to={`/questionnaires/templates/${formResult.draftId}`}>Open the draft</Link>
              </>
            ) : null}
          </p>
        </div>
      ) : null}
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
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id} data-version-id={v.id}>
                <td>
                  <Link to={`/questionnaires/templates/${v.id}`}>{v.name}</Link>
                </td>
                <td>{`v${v.version}`}</td>
                <td>
                  <span className={`badge ${v.status === "published" ? "ok" : "warn"}`}>{v.status === "published" ? "Published" : "Draft"}</span>
                </td>
                <td className="num">{v.question_count ?? 0}</td>
                <td className="num">{v.assessment_count ?? 0}</td>
                <td>{v.published_at ? new Date(v.published_at).toLocaleDateString("en-GB") : "—"}</td>
                <td>
                  <div className="actions">
                    <Link to={`/questionnaires/templates/${v.id}`} className="button secondary small" aria-label={`${v.status === "draft" ? "Edit" : "View"} ${v.name} v${v.version}`}>
                      {v.status === "draft" ? "Edit" : "View"}
                    </Link>
                    <Link to={`/questionnaires/templates/${v.id}/preview`} className="button secondary small" aria-label={`Preview ${v.name} v${v.version}`}>
                      Preview
                    </Link>
                    {v.status === "published" && !v.draft_id ? (
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="new-draft" />
                        <input type="hidden" name="versionId" value={v.id} />
                        <button type="submit" className="button secondary small" aria-label={`New draft version of ${v.name} from v${v.version}`}>
                          New draft version
                        </button>
                      </Form>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Build a new template</h2>
      <p>Creates version 1 as a draft: add questions one by one, then publish it. Only published versions can be sent.</p>
      <Form method="post" className="card">
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <label htmlFor="new-name">Name</label>
        <input
          id="new-name"
          name="name"
          type="text"
          required
          maxLength={200}
          aria-invalid={createErrors.name ? true : undefined}
          aria-describedby={createErrors.name ? "new-name-error" : undefined}
        />
        {createErrors.name ? (
          <p className="field-error" id="new-name-error">
            {createErrors.name.join(" ")}
          </p>
        ) : null}
        <label htmlFor="new-description">Description</label>
        <textarea
          id="new-description"
          name="description"
          rows={2}
          maxLength={2000}
          aria-invalid={createErrors.description ? true : undefined}
          aria-describedby={createErrors.description ? "new-description-error" : undefined}
        />
        {createErrors.description ? (
          <p className="field-error" id="new-description-error">
            {createErrors.description.join(" ")}
          </p>
        ) : null}
        <div className="actions" style={{ marginTop: ".75rem" }}>
          <button type="submit" className="button">
            Create draft template
          </button>
        </div>
      </Form>

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
