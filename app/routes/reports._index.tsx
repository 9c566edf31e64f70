import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, redirect, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { readValidatedForm } from "~/csrf.server";
import { db } from "~/db.server";
import { describeFilters, filtersToSearch, parseSupplierFilters } from "~/domain/reports/filters";
import { enqueueTask } from "~/jobs/tasks.server";
import { requireRole } from "~/permissions.server";
import { REPORTS, REPORT_KEYS, type ReportKey } from "~/reports/export.server";

export const meta: MetaFunction = () => [{ title: "Reports · Resilience portal" }];

const ROLES = ["procurement", "analyst"] as const;

/** /reports?country=DE&tier=2 (the supplier list's filters) carries them into the risk register. */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireRole(request, ROLES);
  const filters = parseSupplierFilters(new URL(request.url).searchParams);
  const recent = await db
    .selectFrom("background_tasks")
    .select(["id", "status", "progress", "params", "result", "created_at"])
    .where("org_id", "=", current.membership.orgId)
    .where("kind", "=", "export")
    .orderBy("created_at", "desc")
    .limit(10)
    .execute();
  return {
    filters,
    filtersText: describeFilters(filters),
    filtersSearch: filtersToSearch(filters),
    reports: REPORT_KEYS.map((key) => ({ key, label: REPORTS[key].label })),
    recent: recent.map((t) => ({
      id: t.id,
      status: t.status,
      progress: t.progress,
      report: String(t.params.report ?? ""),
      fileName: typeof t.result?.fileName === "string" ? t.result.fileName : null,
      createdAt: t.created_at.toISOString(),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const current = await requireRole(request, ROLES);
  const form = await readValidatedForm(request);
  const report = String(form.get("report") ?? "");
  if (!REPORT_KEYS.includes(report as ReportKey)) throw new Response("Unknown report.", { status: 400 });
  const filters = report === "risk-register" ? parseSupplierFilters(Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]))) : {};
  const task = await enqueueTask(db, {
    orgId: current.membership.orgId,
    kind: "export",
    params: { report, filters, baseUrl: new URL(request.url).origin },
    createdBy: current.user.id,
  });
  return redirect(`/tasks/${task.id}`);
}

export default function ReportsPage() {
  const { filters, filtersText, filtersSearch, reports, recent } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Reports</h1>
      <p>Exports run in the background; you can leave the page and come back to the download link.</p>
      <div className="grid">
        {reports.map((r) => (
          <Form method="post" className="card" key={r.key}>
            <CsrfInput />
            <input type="hidden" name="report" value={r.key} />
            {r.key === "risk-register"
              ? Object.entries(filters).map(([k, v]) => <input key={k} type="hidden" name={k} value={String(v)} />)
              : null}
            <h2>{r.label}</h2>
            {r.key === "risk-register" ? (
              <p className="muted">
                Supplier filters: {filtersText}
                {filtersSearch ? (
                  <>
                    {" "}
                    (<Link to={`/suppliers${filtersSearch}`}>see the list</Link>)
                  </>
                ) : null}
              </p>
            ) : null}
            <button type="submit">Start export</button>
          </Form>
        ))}
      </div>
      <h2>Recent exports</h2>
      {recent.length === 0 ? (
        <p className="muted">No exports yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Report</th>
              <th scope="col">Status</th>
              <th scope="col">File</th>
            </tr>
          </thead>
          <tbody>
            {recent.map((t) => (
              <tr key={t.id}>
                <td>{new Date(t.createdAt).toLocaleString("en-GB", { timeZone: "UTC" })}</td>
                <td>{t.report}</td>
                <td>
                  <Link to={`/tasks/${t.id}`}>{t.status === "running" ? `running (${t.progress} %)` : t.status}</Link>
                </td>
                <td>{t.fileName && t.status === "succeeded" ? <a href={`/tasks/${t.id}/download`}>{t.fileName}</a> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
