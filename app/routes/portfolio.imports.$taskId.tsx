import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { clientIp, recordAudit } from "~/audit.server";
import { CsrfInput } from "~/components/csrf-input";
import { readValidatedForm } from "~/csrf.server";
import { db } from "~/db.server";
import { enqueueTask, getTask } from "~/jobs/tasks.server";
import { requireRole } from "~/permissions.server";
import type { ImportTaskParams } from "~/portfolio-import.server";

export const meta: MetaFunction = () => [{ title: "Import · Resilience portal" }];

interface ImportResult {
  status: "preview" | "applied" | "rejected";
  message?: string;
  counts?: Record<string, { create: number; update: number; unchanged: number }>;
  problemCount?: number;
  problems?: { sheet: string | null; row: number | null; column: string | null; message: string }[];
  warnings?: { sheet: string | null; row: number | null; column: string | null; message: string }[];
}

async function loadImportTask(request: Request, taskId: string | undefined) {
  const current = await requireRole(request, ["procurement", "analyst"]);
  const task = await getTask(db, current.membership.orgId, taskId ?? "");
  if (!task || task.kind !== "import") throw new Response("Not found", { status: 404 });
  return { current, task };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { current, task } = await loadImportTask(request, params.taskId);
  return {
    task: { id: task.id, status: task.status, progress: task.progress, message: task.message, error: task.error, params: task.params as unknown as ImportTaskParams },
    result: task.result as ImportResult | null,
    canApply: current.membership.role === "procurement",
  };
}

/** Confirming a clean preview queues the apply step on the same stored file. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { current, task } = await loadImportTask(request, params.taskId);
  if (current.membership.role !== "procurement") throw new Response("Only procurement can apply an import.", { status: 403 });
  await readValidatedForm(request);
  const result = task.result as ImportResult | null;
  const taskParams = task.params as unknown as ImportTaskParams;
  if (task.status !== "succeeded" || result?.status !== "preview" || taskParams.apply) {
    return data({ message: "Only a finished preview can be applied." }, { status: 409 });
  }
  if (result.problemCount) return data({ message: "Fix the problems in the file and upload it again; nothing is applied while problems remain." }, { status: 409 });
  const applyTask = await enqueueTask(db, {
    orgId: current.membership.orgId,
    kind: "import",
    params: { ...taskParams, apply: true, previewTaskId: task.id },
    createdBy: current.user.id,
  });
  await recordAudit(db, {
    orgId: current.membership.orgId,
    actorUserId: current.user.id,
    action: "portfolio.import_confirmed",
    entityType: "background_task",
    entityId: applyTask.id,
    summary: { fileName: taskParams.fileName },
    ip: clientIp(request),
  });
  throw redirect(`/portfolio/imports/${applyTask.id}`);
}

const SHEET_LABELS: Record<string, string> = {
  suppliers: "Suppliers",
  services: "Services",
  serviceSuppliers: "Service suppliers",
  dependencies: "Dependencies",
  alternates: "Alternates",
};

function Counts({ counts }: { counts: NonNullable<ImportResult["counts"]> }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Sheet</th>
          <th scope="col" className="num">Create</th>
          <th scope="col" className="num">Update</th>
          <th scope="col" className="num">Unchanged</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(counts).map(([sheet, c]) => (
          <tr key={sheet}>
            <td>{SHEET_LABELS[sheet] ?? sheet}</td>
            <td className="num">{c.create}</td>
            <td className="num">{c.update}</td>
            <td className="num">{c.unchanged}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ProblemTable({ caption, rows }: { caption: string; rows: NonNullable<ImportResult["problems"]> }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Sheet</th>
          <th scope="col" className="num">Row</th>
          <th scope="col">Column</th>
          <th scope="col">Problem</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((p, i) => (
          <tr key={i}>
            <td>{p.sheet ?? "—"}</td>
            <td className="num">{p.row ?? "—"}</td>
            <td>{p.column ?? "—"}</td>
            <td>{p.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function ImportTaskPage() {
  const { task, result, canApply } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const running = task.status === "queued" || task.status === "running";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 1000);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  return (
    <>
      {running ? (
        <noscript>
          <meta httpEquiv="refresh" content="2" />
        </noscript>
      ) : null}
      <p>
        <Link to="/portfolio">← Import and export</Link>
      </p>
      <h1>{`${task.params.apply ? "Applying" : "Preview of"} ${task.params.fileName}`}</h1>
      {running ? (
        <div role="status" aria-live="polite">
          <p>{task.message ?? (task.status === "queued" ? "Waiting to start…" : "Working…")}</p>
          <progress max={100} value={task.progress} aria-label="Progress">
            {`${task.progress}%`}
          </progress>
        </div>
      ) : null}
      {task.status === "failed" ? <p className="alert error" role="alert">{`The import failed: ${task.error ?? "unknown error"}. Nothing was changed.`}</p> : null}
      {result?.status === "rejected" ? (
        <>
          <p className="alert error" role="alert">
            {result.message ?? "The file was refused."}
          </p>
          {result.problems?.length ? <ProblemTable caption={`${result.problemCount} problem(s)`} rows={result.problems} /> : null}
        </>
      ) : null}
      {result?.status === "preview" ? (
        <>
          {result.counts ? <Counts counts={result.counts} /> : null}
          {result.problemCount ? (
            <>
              <p className="alert error" role="alert">{`${result.problemCount} problem(s): nothing can be applied until they are fixed. Correct the file and upload it again.`}</p>
              <ProblemTable caption={result.problemCount > (result.problems?.length ?? 0) ? `The first ${result.problems?.length} of ${result.problemCount} problems` : "Problems"} rows={result.problems ?? []} />
            </>
          ) : canApply && !task.params.apply ? (
            <Form method="post">
              <CsrfInput />
              <p>No problems found. Applying writes all of this in one go: everything or nothing.</p>
              <button type="submit" className="button">
                Apply the import
              </button>
            </Form>
          ) : null}
          {result.warnings?.length ? <ProblemTable caption="Warnings (not blocking)" rows={result.warnings} /> : null}
        </>
      ) : null}
      {result?.status === "applied" ? (
        <>
          <p className="alert info" role="status">
            Import applied. Resilience results are being recomputed.
          </p>
          {result.counts ? <Counts counts={result.counts} /> : null}
        </>
      ) : null}
    </>
  );
}
