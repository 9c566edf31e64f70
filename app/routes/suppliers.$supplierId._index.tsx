import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { PathView, pathIds, type StoredPathStep } from "~/components/path";
import { StatusBadge } from "~/components/status-badge";
import { namesForIds } from "~/data/services.server";
import { getSupplierProfile } from "~/data/suppliers.server";
import { db } from "~/db.server";
import type { RiskPart } from "~/domain/resilience";
import { requireSupplierAccess } from "~/permissions.server";
import { formatMinutes } from "~/utils/misc";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.supplier.name ?? "Supplier"} · Resilience portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  await requireSupplierAccess(current, request, params.supplierId);
  const supplier = await getSupplierProfile(db, current.membership.orgId, params.supplierId!);
  if (!supplier) throw new Response("Not found", { status: 404 });
  const isVendorUser = current.membership.role === "vendor";
  const { results, ...profile } = supplier;
  const result = results[0] ?? null;
  const path = (result?.path ?? []) as StoredPathStep[];
  return {
    // Everything returned here reaches the browser: leave out what a vendor user may not see.
    supplier: {
      ...profile,
      // A vendor sees its own profile and declarations, not our assessment of them or who else relies on it.
      reliedOnBy: isVendorUser ? [] : supplier.reliedOnBy,
      services: isVendorUser ? [] : supplier.services,
      findings: isVendorUser ? [] : supplier.findings,
      activity: isVendorUser ? [] : supplier.activity,
    },
    result: isVendorUser ? null : result,
    riskParts: isVendorUser ? [] : ((result?.risk_parts ?? []) as RiskPart[]),
    path: isVendorUser ? [] : path,
    names: isVendorUser ? {} : await namesForIds(db, current.membership.orgId, pathIds(path)),
    canEdit: current.membership.role === "procurement",
    canBrowseRegistry: !isVendorUser,
  };
}

export default function SupplierPage() {
  const { supplier, result, riskParts, path, names, canEdit, canBrowseRegistry } = useLoaderData<typeof loader>();
  return (
    <>
      {canBrowseRegistry ? (
        <p>
          <Link to="/suppliers">← Suppliers</Link>
        </p>
      ) : null}
      <h1>{supplier.name}</h1>
      {supplier.status === "archived" ? <p className="alert info">This supplier is archived.</p> : null}
      <p className="actions">
        {canEdit ? (
          <Link to={`/suppliers/${supplier.id}/edit`} className="button secondary small">
            Edit
          </Link>
        ) : null}
        <a href={`/reports/suppliers/${supplier.id}.pdf`} className="button secondary small">
          PDF report
        </a>
      </p>
      <div className="grid">
        <dl className="facts card">
          <dt>ID</dt>
          <dd>{supplier.external_id}</dd>
          <dt>Country</dt>
          <dd>{supplier.country ?? "—"}</dd>
          <dt>Relationship</dt>
          <dd>{supplier.is_vendor ? "Vendor (tier 1)" : `Sub-supplier${result?.tier ? ` (tier ${result.tier})` : ""}`}</dd>
          <dt>Criticality</dt>
          <dd>{supplier.criticality}</dd>
          <dt>Continuity contact</dt>
          <dd>{supplier.contact_email ? <a href={`mailto:${supplier.contact_email}`}>{supplier.contact_email}</a> : "—"}</dd>
          <dt>Website</dt>
          <dd>{supplier.website ?? "—"}</dd>
          <dt>LEI</dt>
          <dd>{supplier.lei ?? "—"}</dd>
          <dt>DUNS</dt>
          <dd>{supplier.duns ?? "—"}</dd>
        </dl>
        <dl className="facts card">
          <dt>Declared RTO</dt>
          <dd>{formatMinutes(supplier.declared_rto_min)}</dd>
          <dt>Declared RPO</dt>
          <dd>{formatMinutes(supplier.declared_rpo_min)}</dd>
          <dt>Tested RTO</dt>
          <dd>{formatMinutes(supplier.tested_rto_min)}</dd>
          <dt>Tested RPO</dt>
          <dd>{formatMinutes(supplier.tested_rpo_min)}</dd>
          <dt>Last DR test</dt>
          <dd>{supplier.tested_at ? new Date(supplier.tested_at).toLocaleDateString("en-GB") : "—"}</dd>
        </dl>
        {result ? (
          <dl className="facts card">
            <dt>Effective RTO</dt>
            <dd>{formatMinutes(result.effective_rto_min)}</dd>
            <dt>Own RTO used</dt>
            <dd>{`${formatMinutes(result.own_rto_min)} (${result.rto_source})`}</dd>
            <dt>Risk score</dt>
            <dd>
              <strong>{result.risk_score}</strong> / 100
            </dd>
            <dt>Open findings</dt>
            <dd>{result.open_findings}</dd>
            {result.in_cycle ? (
              <>
                <dt>Cycle</dt>
                <dd>Part of a dependency cycle</dd>
              </>
            ) : null}
          </dl>
        ) : null}
      </div>

      {result ? (
        <>
          <h2>{`Why the effective RTO is ${formatMinutes(result.effective_rto_min)}`}</h2>
          <div className="card">
            <PathView steps={path} names={names} />
          </div>
          <h2>Risk score breakdown</h2>
          <table className="score-parts">
            <caption>{`${result.risk_score} of 100 points — each part with its reason`}</caption>
            <thead>
              <tr>
                <th scope="col">Part</th>
                <th scope="col" className="num">Points</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {riskParts.map((p) => (
                <tr key={p.part}>
                  <td>{p.label}</td>
                  <td className="num">{`${p.points} / ${p.max}`}</td>
                  <td>{p.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}

      {supplier.findings.length ? (
        <>
          <h2>Findings</h2>
          <ul className="card">
            {supplier.findings.map((f) => (
              <li key={f.id}>
                <StatusBadge status={f.severity} /> <Link to={`/findings/${f.id}`}>{f.reason}</Link>{" "}
                {f.status === "accepted" ? <StatusBadge status="accepted" /> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>Questionnaires</h2>
      {supplier.assessments.length === 0 ? (
        <p className="card empty">No questionnaire sent yet.</p>
      ) : (
        <ul className="card">
          {supplier.assessments.map((a) => (
            <li key={a.id}>
              <Link to={`/assessments/${a.id}`}>{a.template_name}</Link>
              {` — ${a.status.replace("_", " ")}${a.due_date ? `, due ${new Date(a.due_date).toLocaleDateString("en-GB")}` : ""}${a.score !== null ? `, score ${a.score}` : ""}`}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={`/suppliers/${supplier.id}/evidence`}>Evidence (BCP plans, DR test reports, certificates) →</Link>
      </p>

      <h2>Depends on</h2>
      <p>
        <Link to={`/suppliers/${supplier.id}/dependencies`}>{canEdit || !canBrowseRegistry ? "Declare or change sub-suppliers and alternates" : "Sub-suppliers and alternates"}</Link>
        {canBrowseRegistry ? (
          <>
            {" · "}
            <Link to={`/map?supplier=${supplier.id}`}>Map of its supply chain</Link>
          </>
        ) : null}
      </p>
      {supplier.dependsOn.length === 0 ? (
        <p className="card empty">No sub-suppliers declared.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Supplier</th>
              <th scope="col">Supplies</th>
              <th scope="col">Single source</th>
              <th scope="col" className="num">Buffer</th>
              <th scope="col" className="num">Declared RTO</th>
            </tr>
          </thead>
          <tbody>
            {supplier.dependsOn.map((d) => (
              <tr key={d.id}>
                <td>{canBrowseRegistry ? <Link to={`/suppliers/${d.supplier_id}`}>{d.name}</Link> : d.name}</td>
                <td>{d.supplies || "—"}</td>
                <td>{d.single_source ? <span className="badge warn">Single source</span> : "No"}</td>
                <td className="num">{formatMinutes(d.buffer_min)}</td>
                <td className="num">{formatMinutes(d.declared_rto_min)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canBrowseRegistry ? (
        <>
          <h2>Relied on by</h2>
          {supplier.reliedOnBy.length === 0 ? (
            <p className="card empty">No other supplier declares this one.</p>
          ) : (
            <ul className="card">
              {supplier.reliedOnBy.map((r) => (
                <li key={r.id}>
                  <Link to={`/suppliers/${r.supplier_id}`}>{r.name}</Link>
                  {r.supplies ? ` — ${r.supplies}` : ""}
                </li>
              ))}
            </ul>
          )}
          <h2>Recent activity</h2>
          {supplier.activity.length === 0 ? (
            <p className="card empty">No recorded changes yet.</p>
          ) : (
            <ul className="card">
              {supplier.activity.map((e) => (
                <li key={e.id}>{`${new Date(e.created_at).toISOString().replace("T", " ").slice(0, 16)} UTC — ${e.actor_name ?? "system"}: ${e.action}`}</li>
              ))}
            </ul>
          )}
          <h2>Internal services that need it</h2>
          {supplier.services.length === 0 ? (
            <p className="card empty">No internal service depends on this supplier directly.</p>
          ) : (
            <ul className="card">
              {supplier.services.map((s) => (
                <li key={s.id}>
                  <Link to={`/services/${s.id}`}>{s.name}</Link>{" "}
                  {`(required RTO ${formatMinutes(s.required_rto_min)}, RPO ${formatMinutes(s.required_rpo_min)})`}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </>
  );
}
