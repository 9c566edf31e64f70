import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { SUPPLIER_SORTS, listSupplierCountries, listSuppliers } from "~/data/suppliers.server";
import { db } from "~/db.server";
import { filtersToSearch, parseSupplierFilters } from "~/domain/reports/filters";
import { requireRole } from "~/permissions.server";
import { formatMinutes } from "~/utils/misc";

export const meta: MetaFunction = () => [{ title: "Suppliers · Resilience portal" }];

const PAGE_SIZE = 50;
const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);

const QuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  country: z.preprocess(blankToUndefined, z.string().regex(/^[A-Z]{2}$/).optional()).catch(undefined),
  criticality: z.preprocess(blankToUndefined, z.enum(["critical", "high", "medium", "low"]).optional()).catch(undefined),
  relationship: z.preprocess(blankToUndefined, z.enum(["vendor", "sub"]).optional()).catch(undefined),
  tier: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100).optional()).catch(undefined),
  findings: z.preprocess(blankToUndefined, z.enum(["yes", "no"]).optional()).catch(undefined),
  status: z.enum(["active", "archived"]).catch("active"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  sort: z.enum(SUPPLIER_SORTS).catch("name"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement", "analyst"]);
  const params = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { orgId } = current.membership;
  const [{ rows, total }, countries] = await Promise.all([
    listSuppliers(db, orgId, {
      q: params.q || undefined,
      country: params.country,
      criticality: params.criticality,
      relationship: params.relationship,
      tier: params.tier,
      hasFindings: params.findings === undefined ? undefined : params.findings === "yes",
      status: params.status,
      page: params.page,
      pageSize: PAGE_SIZE,
      sort: params.sort,
      direction: params.dir,
    }),
    listSupplierCountries(db, orgId),
  ]);
  return {
    rows,
    total,
    countries,
    params,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    canCreate: current.membership.role === "procurement",
  };
}

const COLUMNS: { key: (typeof SUPPLIER_SORTS)[number] | null; label: string; numeric?: boolean }[] = [
  { key: "external_id", label: "ID" },
  { key: "name", label: "Name" },
  { key: "country", label: "Country" },
  { key: "tier", label: "Tier", numeric: true },
  { key: "criticality", label: "Criticality" },
  { key: "declared_rto_min", label: "Declared RTO", numeric: true },
  { key: "effective_rto_min", label: "Effective RTO", numeric: true },
  { key: "risk_score", label: "Risk", numeric: true },
  { key: null, label: "Open findings", numeric: true },
];

export default function SuppliersPage() {
  const { rows, total, countries, params, pageCount, canCreate } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const linkWith = (changes: Record<string, string>) => {
    const next = new URLSearchParams(searchParams);
    for (const [k, v] of Object.entries(changes)) next.set(k, v);
    return `?${next}`;
  };
  return (
    <>
      <h1>Suppliers</h1>
      <p className="actions">
        {canCreate ? (
          <Link to="/suppliers/new" className="button">
            New supplier
          </Link>
        ) : null}
        <Link to={`/reports${filtersToSearch(parseSupplierFilters(Object.fromEntries(searchParams)))}`} className="button secondary">
          Export these suppliers (Excel)
        </Link>
      </p>
      <Form method="get" className="toolbar" role="search" aria-label="Search and filter suppliers">
        <div>
          <label htmlFor="supplier-search">Search by name or ID</label>
          <input id="supplier-search" type="search" name="q" defaultValue={params.q ?? ""} />
        </div>
        <div>
          <label htmlFor="country">Country</label>
          <select id="country" name="country" defaultValue={params.country ?? ""} className="compact">
            <option value="">Any</option>
            {countries.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="criticality">Criticality</label>
          <select id="criticality" name="criticality" defaultValue={params.criticality ?? ""} className="compact">
            <option value="">Any</option>
            <option value="critical">Critical</option>
            <option value="high">High</option>
            <option value="medium">Medium</option>
            <option value="low">Low</option>
          </select>
        </div>
        <div>
          <label htmlFor="relationship">Relationship</label>
          <select id="relationship" name="relationship" defaultValue={params.relationship ?? ""} className="compact">
            <option value="">Any</option>
            <option value="vendor">Vendors (tier 1)</option>
            <option value="sub">Sub-suppliers</option>
          </select>
        </div>
        <div>
          <label htmlFor="tier">Tier</label>
          <input id="tier" name="tier" type="number" min={1} max={100} defaultValue={params.tier ?? ""} style={{ width: "5rem" }} />
        </div>
        <div>
          <label htmlFor="findings">Findings</label>
          <select id="findings" name="findings" defaultValue={params.findings ?? ""} className="compact">
            <option value="">Any</option>
            <option value="yes">Has open findings</option>
            <option value="no">No open findings</option>
          </select>
        </div>
        <div>
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={params.status} className="compact">
            <option value="active">Active</option>
            <option value="archived">Archived</option>
          </select>
        </div>
        <input type="hidden" name="sort" value={params.sort} />
        <input type="hidden" name="dir" value={params.dir} />
        <button type="submit" className="button">
          Apply
        </button>
      </Form>
      {rows.length === 0 ? (
        <p className="card empty">{params.q ? `No supplier matches “${params.q}”.` : "No supplier matches these filters."}</p>
      ) : (
        <table>
          <caption>{`${total} supplier${total === 1 ? "" : "s"}, page ${params.page} of ${pageCount}`}</caption>
          <thead>
            <tr>
              {COLUMNS.map((col) => {
                const active = col.key === params.sort;
                const nextDir = active && params.dir === "asc" ? "desc" : "asc";
                return (
                  <th
                    key={col.label}
                    scope="col"
                    className={col.numeric ? "num" : undefined}
                    aria-sort={active ? (params.dir === "asc" ? "ascending" : "descending") : undefined}
                  >
                    {col.key ? (
                      <Link to={linkWith({ sort: col.key, dir: nextDir, page: "1" })}>
                        {col.label}
                        {active ? (params.dir === "asc" ? " ▲" : " ▼") : ""}
                      </Link>
                    ) : (
                      col.label
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.id}>
                <td>{s.external_id}</td>
                <td>
                  <Link to={`/suppliers/${s.id}`}>{s.name}</Link>
                </td>
                <td>{s.country ?? "—"}</td>
                <td className="num">{s.tier ?? "—"}</td>
                <td>{s.criticality}</td>
                <td className="num">{formatMinutes(s.declared_rto_min)}</td>
                <td className="num">{formatMinutes(s.effective_rto_min)}</td>
                <td className="num">{s.risk_score ?? "—"}</td>
                <td className="num">{s.open_findings ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pagination" aria-label="Pagination">
        <Link to={linkWith({ page: String(params.page - 1) })} aria-disabled={params.page <= 1}>
          ← Previous
        </Link>
        <span>{`Page ${params.page} of ${pageCount}`}</span>
        <Link to={linkWith({ page: String(params.page + 1) })} aria-disabled={params.page >= pageCount}>
          Next →
        </Link>
      </nav>
    </>
  );
}
