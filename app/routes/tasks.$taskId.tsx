import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { db } from "~/db.server";
import { getTask } from "~/jobs/tasks.server";
import { requireRole } from "~/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Task"} · Resilience portal` }];

const TITLES: Record<string, string> = { export: "Export", recompute: "Recomputing results", import: "Import" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement", "analyst"]);
  const task = await getTask(db, current.membership.orgId, params.taskId ?? "");
  if (!task) throw new Response("Not found", { status: 404 });
  const result = task.result ?? {};
  const downloadable = task.kind === "export" && task.status === "succeeded" && typeof result.storageKey === "string";
  return {
    id: task.id,
    title: TITLES[task.kind] ?? task.kind,
    status: task.status,
    progress: task.progress,
    message: task.message,
    error: task.error,
    fileName: downloadable ? String(result.fileName ?? "export") : null,
    sizeBytes: downloadable ? Number(result.sizeBytes ?? 0) : null,
    createdAt: task.created_at.toISOString(),
    finishedAt: task.finished_at?.toISOString() ?? null,
  };
}

function formatBytes(n: number) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

export default function TaskPage() {
  const task = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const active = task.status === "queued" || task.status === "running";
  useEffect(() => {
    if (!active) return;
    // Poll once a second while the task runs (without JS: the meta refresh below).
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 1_000);
    return () => clearInterval(timer);
  }, [active, revalidator]);
  return (
    <>
      <p>
        <Link to="/reports">← Reports</Link>
      </p>
      <h1>{task.title}</h1>
      {active ? (
        <>
          <noscript>
            <meta httpEquiv="refresh" content="2" />
          </noscript>
          <p role="status" aria-live="polite">
            {task.status === "queued" ? "Waiting to start…" : `${task.message ?? "Working"} — ${task.progress} %`}
          </p>
          <progress max={100} value={task.progress} aria-label="Progress" />
          <p>
            <a href={`/tasks/${task.id}`}>Refresh</a>
          </p>
        </>
      ) : null}
      {task.status === "succeeded" ? (
        <div className="alert success" role="status">
          <p>Done.</p>
          {task.fileName ? (
            <p>
              <a href={`/tasks/${task.id}/download`} download={task.fileName} className="button">
                {`Download ${task.fileName}`}
              </a>{" "}
              <span className="muted">{formatBytes(task.sizeBytes ?? 0)}</span>
            </p>
          ) : null}
        </div>
      ) : null}
      {task.status === "failed" ? (
        <div className="alert error" role="alert">
          <p>This task failed: {task.error ?? "unknown error"}</p>
        </div>
      ) : null}
    </>
  );
}
