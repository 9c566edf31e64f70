import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { CsrfInput } from "~/components/csrf-input";
import { StatusBadge } from "~/components/status-badge";
import { TrendChart } from "~/components/trend-chart";
import { readValidatedForm } from "~/csrf.server";
import { getDashboard } from "~/data/dashboard.server";
import { getVendorOverview } from "~/data/overview.server";
import { db } from "~/db.server";
import { assertRole } from "~/permissions.server";
import { requestRecompute } from "~/resilience.server";
import { formatMinutes } from "~/utils/misc";

export const meta: MetaFunction = () => [{ title: "Overview · Resilience portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const { orgId, role, supplierId } = current.membership;
  if (role === "vendor") {
    const vendor = supplierId ? await getVendorOverview(db, orgId, supplierId) : null;
    if (!vendor) throw new Response("Your company record is no longer available.", { status: 404 });
    return { kind: "vendor" as const, vendor };
  }
  return { kind: "organisation" as const, dashboard: await getDashboard(db, orgId) };
}

export async function action({ request }: ActionFunctionArgs) {
  const current = await assertRole(await requireUser(request), request, ["procurement", "analyst"]);
  await readValidatedForm(request);
  await requestRecompute(db, current.membership.orgId, current.user.id);
  throw redirect("/?recompute=queued");
}

const ASSESSMENT_LABELS: Record<string, string> = {
  draft: "Draft",
  sent: "Sent",
  in_progress: "In progress",
  submitted: "Submitted",
  changes_requested: "Changes requested",
  approved: "Approved",
  rejected: "Rejected",
};

function FigureCard({ value, label, to }: { value: number; label: string; to?: string }) {
  const body = (
    <>
      <p className="figure">{value}</p>
      <p className="figure-label">{label}</p>
    </>
  );
  return <div className="card figure-card">{to ? <Link to={to}>{body}</Link> : body}</div>;
}

function VendorHome({ vendor }: { vendor: NonNullable<Awaited<ReturnType<typeof getVendorOverview>>> }) {
  const { supplier, assessments, dependencyCount } = vendor;
  return (
    <>
      <h1>{supplier.name}</h1>
      <div className="grid">
        <div className="card">
          <p className="figure-label">Declared RTO</p>
          <p className="figure">{formatMinutes(supplier.declared_rto_min)}</p>
        </div>
        <div className="card">
          <p className="figure-label">Declared RPO</p>
          <p className="figure">{formatMinutes(supplier.declared_rpo_min)}</p>
        </div>
        <div className="card">
          <p className="figure-label">Declared sub-suppliers</p>
          <p className="figure">{dependencyCount}</p>
        </div>
      </div>
      <h2>Your questionnaires</h2>
      {assessments.length === 0 ? (
        <p className="card empty">No questionnaire has been sent to you yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Questionnaire</th>
              <th scope="col">Status</th>
              <th scope="col">Due</th>
            </tr>
          </thead>
          <tbody>
            {assessments.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={`/assessments/${a.id}`}>{`${a.template_name} (v${a.version})`}</Link>
                </td>
                <td>{ASSESSMENT_LABELS[a.status] ?? a.status}</td>
                <td>{a.due_date ? new Date(a.due_date).toLocaleDateString("en-GB") : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export default function Overview() {
  const data = useLoaderData<typeof loader>();
  if (data.kind === "vendor") return <VendorHome vendor={data.vendor} />;
  const d = data.dashboard;
  const n = (value: number | undefined) => value ?? 0;
  return (
    <>
      <h1>{d.orgName}</h1>
      <Form method="post" className="toolbar">
        <CsrfInput />
        <p className="muted" style={{ margin: 0 }}>
          {d.computedAt
            ? `Results computed ${new Date(d.computedAt).toISOString().replace("T", " ").slice(0, 16)} UTC; changes trigger a recompute in the background.`
            : "Results have not been computed yet."}
        </p>
        <button type="submit" className="button secondary small">
          Recompute now
        </button>
      </Form>

      <h2>Recovery time (RTO) of internal services</h2>
      <div className="grid">
        <FigureCard value={n(d.rto.meets)} label="meet their RTO" to="/services?rto=meets" />
        <FigureCard value={n(d.rto.gap)} label="miss their RTO" to="/services?rto=gap" />
        <FigureCard value={n(d.rto.beyond_mtpd)} label="exceed their MTPD" to="/services?rto=beyond_mtpd" />
        <FigureCard value={n(d.rto.unknown)} label="unknown (missing figures)" to="/services?rto=unknown" />
      </div>
      <h2>Data loss (RPO) and findings</h2>
      <div className="grid">
        <FigureCard value={n(d.rpo.meets)} label="services meet their RPO" to="/services?rpo=meets" />
        <FigureCard value={n(d.rpo.gap) + n(d.rpo.unknown)} label="services miss or cannot show their RPO" to="/services?rpo=gap" />
        <FigureCard value={n(d.openFindings.critical)} label="critical findings open" to="/findings?severity=critical" />
        <FigureCard value={n(d.openFindings.high)} label="high findings open" to="/findings?severity=high" />
        <FigureCard value={Number(d.expiring.in90)} label="evidence items expiring in 90 days" />
        <FigureCard value={d.overdue.length} label={d.overdue.length >= 10 ? "or more questionnaires overdue" : "questionnaires overdue"} to="/questionnaires?overdue=1" />
      </div>

      <div className="two-col">
        <section aria-labelledby="top-findings">
          <h2 id="top-findings">Top findings</h2>
          {d.topFindings.length === 0 ? (
            <p className="card empty">No open findings.</p>
          ) : (
            <ol className="card">
              {d.topFindings.map((f) => (
                <li key={f.id}>
                  <StatusBadge status={f.severity} /> <Link to={`/findings/${f.id}`}>{f.reason}</Link>
                </li>
              ))}
            </ol>
          )}
          <p>
            <Link to="/findings">All findings →</Link>
          </p>
        </section>
        <section aria-labelledby="overdue">
          <h2 id="overdue">Overdue questionnaires</h2>
          {d.overdue.length === 0 ? (
            <p className="card empty">Nothing overdue.</p>
          ) : (
            <ul className="card">
              {d.overdue.map((a) => (
                <li key={a.id}>
                  <Link to={`/suppliers/${a.supplier_id}`}>{a.supplier_name}</Link> — {ASSESSMENT_LABELS[a.status] ?? a.status}, due{" "}
                  {a.due_date ? new Date(a.due_date).toLocaleDateString("en-GB") : "—"}
                </li>
              ))}
            </ul>
          )}
          <h2>Evidence expiry</h2>
          <p className="card">
            {`${d.expiring.expired} expired · ${d.expiring.in30} within 30 days · ${d.expiring.in60} within 60 days · ${d.expiring.in90} within 90 days`}
          </p>
        </section>
      </div>

      <section aria-labelledby="heatmap-title">
        <h2 id="heatmap-title">Where services fall short: services × vendors</h2>
        {d.heatmap.services.length === 0 ? (
          <p className="card empty">Every service meets its RTO.</p>
        ) : (
          <div style={{ overflowX: "auto" }}>
            <table className="heatmap">
              <caption>Each cell: that vendor's recovery for the service (alternates included) against the service's RTO and MTPD.</caption>
              <thead>
                <tr>
                  <th scope="col">Service</th>
                  {d.heatmap.vendors.map((v) => (
                    <th key={v.id} scope="col" className="vendor">
                      {v.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {d.heatmap.services.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      <Link to={`/services/${s.id}`}>{s.name}</Link> <StatusBadge status={s.rto_status} />
                    </th>
                    {d.heatmap.vendors.map((v) => {
                      const status = d.heatmap.cells[`${s.id}:${v.id}`];
                      return (
                        <td key={v.id} className={`cell ${status ?? ""}`}>
                          {status ? { meets: "meets", gap: "gap", beyond_mtpd: "> MTPD", unknown: "?" }[status] : ""}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="trend-title">
        <h2 id="trend-title">Trend (last 90 days)</h2>
        <TrendChart points={d.trend} />
      </section>
    </>
  );
}
