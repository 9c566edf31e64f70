import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { getOrgOverview, getVendorOverview } from "~/data/overview.server";
import { db } from "~/db.server";
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
  return { kind: "organisation" as const, orgName: current.membership.orgName, overview: await getOrgOverview(db, orgId) };
}

const STATUS_LABELS: Record<string, string> = {
  draft: "Draft",
  sent: "Sent",
  in_progress: "In progress",
  submitted: "Submitted",
  changes_requested: "Changes requested",
  approved: "Approved",
  rejected: "Rejected",
};

export default function Overview() {
  const data = useLoaderData<typeof loader>();
  if (data.kind === "vendor") {
    const { supplier, assessments, dependencyCount } = data.vendor;
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
                    {a.template_name} (v{a.version})
                  </td>
                  <td>{STATUS_LABELS[a.status] ?? a.status}</td>
                  <td>{a.due_date ? new Date(a.due_date).toLocaleDateString("en-GB") : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>
    );
  }
  const { overview } = data;
  const figures = [
    { label: "Vendors (tier 1)", value: overview.vendors, to: "/suppliers" },
    { label: "Sub-suppliers (tier 2+)", value: overview.subSuppliers, to: "/suppliers" },
    { label: "Internal services", value: overview.services, to: "/services" },
    { label: "Dependencies mapped", value: overview.dependencies, to: null },
    { label: "Questionnaires overdue", value: overview.overdueAssessments, to: null },
    { label: "Awaiting review", value: overview.awaitingReview, to: null },
  ];
  return (
    <>
      <h1>{data.orgName}</h1>
      <div className="grid">
        {figures.map((f) => (
          <div className="card" key={f.label}>
            <p className="figure">{f.to ? <Link to={f.to}>{f.value}</Link> : f.value}</p>
            <p className="figure-label">{f.label}</p>
          </div>
        ))}
      </div>
      <h2>Questionnaires by status</h2>
      {overview.assessmentsByStatus.length === 0 ? (
        <p className="card empty">No questionnaire has been sent yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Count
              </th>
            </tr>
          </thead>
          <tbody>
            {overview.assessmentsByStatus.map((row) => (
              <tr key={row.status}>
                <td>{STATUS_LABELS[row.status] ?? row.status}</td>
                <td className="num">{row.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
