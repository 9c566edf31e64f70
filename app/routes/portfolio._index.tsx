import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { clientIp, recordAudit } from "~/audit.server";
import { ActionMessage } from "~/components/action-message";
import { CsrfInput } from "~/components/csrf-input";
import { db } from "~/db.server";
import { enqueueTask } from "~/jobs/tasks.server";
import { requireRole } from "~/permissions.server";
import { UploadRejected, storeMultipartUpload } from "~/portfolio-import.server";
import type { ActionResult } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Import and export · Resilience portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement", "analyst"]);
  const imports = await db
    .selectFrom("background_tasks as t")
    .leftJoin("users as u", "u.id", "t.created_by")
    .select(["t.id", "t.status", "t.params", "t.result", "t.created_at", "u.name as created_by_name"])
    .where("t.org_id", "=", current.membership.orgId)
    .where("t.kind", "=", "import")
    .orderBy("t.created_at", "desc")
    .limit(20)
    .execute();
  return { imports, canImport: current.membership.role === "procurement" };
}

export async function action({ request }: ActionFunctionArgs) {
  const current = await requireRole(request, ["procurement"]);
  try {
    const file = await storeMultipartUpload(db, request);
    const task = await enqueueTask(db, {
      orgId: current.membership.orgId,
      kind: "import",
      params: { storageKey: file.key, fileName: file.fileName, apply: false },
      createdBy: current.user.id,
    });
    await recordAudit(db, {
      orgId: current.membership.orgId,
      actorUserId: current.user.id,
      action: "portfolio.uploaded",
      entityType: "background_task",
      entityId: task.id,
      summary: { fileName: file.fileName, sizeBytes: file.sizeBytes },
      ip: clientIp(request),
    });
    throw redirect(`/portfolio/imports/${task.id}`);
  } catch (error) {
    if (error instanceof UploadRejected) return data<ActionResult>({ ok: false, message: error.message }, { status: error.status });
    throw error;
  }
}

function describe(result: unknown): string {
  const r = result as { status?: string; problemCount?: number } | null;
  if (!r) return "—";
  if (r.status === "preview") return r.problemCount ? `preview: ${r.problemCount} problem(s)` : "preview: ready to apply";
  return r.status ?? "—";
}

export default function PortfolioPage() {
  const { imports, canImport } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <h1>Import and export the portfolio</h1>
      <p>
        One workbook format for suppliers, internal services, their links, dependencies and alternates. The blank template has an
        Instructions sheet with every column, unit and accepted value.
      </p>
      <div className="actions">
        <a className="button secondary" href="/portfolio/template.xlsx" download>
          Download the blank template
        </a>
        <a className="button secondary" href="/portfolio/export.xlsx" download>
          Export the whole portfolio (.xlsx)
        </a>
      </div>
      {canImport ? (
        <>
          <h2>Import</h2>
          <ActionMessage result={result} />
          <Form method="post" encType="multipart/form-data" className="card form-grid">
            <CsrfInput />
            <div className="field">
              <label htmlFor="file">Workbook (.xlsx) or one sheet as CSV</label>
              <input id="file" name="file" type="file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" required />
              <p className="muted hint">Up to 50 MB. You will see a preview — what would be created, updated or left unchanged, and every problem — before anything changes.</p>
            </div>
            <button type="submit" className="button" disabled={navigation.state === "submitting"}>
              {navigation.state === "submitting" ? "Uploading…" : "Upload and preview"}
            </button>
          </Form>
        </>
      ) : null}
      <h2>Recent imports</h2>
      {imports.length === 0 ? (
        <p className="card empty">No imports yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Step</th>
              <th scope="col">Status</th>
              <th scope="col">By</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {imports.map((t) => {
              const params = t.params as { fileName?: string; apply?: boolean };
              return (
                <tr key={t.id}>
                  <td>
                    <Link to={`/portfolio/imports/${t.id}`}>{params.fileName ?? "file"}</Link>
                  </td>
                  <td>{params.apply ? "apply" : "preview"}</td>
                  <td>{t.status === "succeeded" ? describe(t.result) : t.status}</td>
                  <td>{t.created_by_name ?? "—"}</td>
                  <td>{new Date(t.created_at).toLocaleString("en-GB")}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
