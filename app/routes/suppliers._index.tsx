import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "~/permissions.server";
import { SUPPLIER_SORTS, listSuppliers } from "~/data/suppliers.server";
import { db } from "~/db.server";
import { formatMinutes } from "~/utils/misc";

export const meta: MetaFunction = () => [{ title: "Suppliers · Resilience portal" }];

const PAGE_SIZE = 50;

const QuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  sort: z.enum(SUPPLIER_SORTS).catch("name"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement", "analyst"]);
  const params = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { rows, total } = await listSuppliers(db, current.membership.orgId, {
    q: params.q || undefined,
    page: params.page,
    pageSize: PAGE_SIZE,
    sort: params.sort,
    direction: params.dir,
  });
  return { rows, total, page: params.page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)), params };
}

const COLUMNS: { key: (typeof SUPPLIER_SORTS)[number] | null; label: string; numeric?: boolean }[] = [
  { key: "external_id", label: "ID" },
  { key: "name", label: "Name" },
  { key: "country", label: "Country" },
  { key: null, label: "Relationship" },
  { key: "criticality", label: "Criticality" },
  { key: "declared_rto_min", label: "Declared RTO", numeric: true },
  { key: null, label: "Declared RPO", numeric: true },
];

export default function SuppliersPage() {
  const { rows, total, page, pageCount, params } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const linkWith = (changes: Record<string, string>) => {
    const next = new URLSearchParams(searchParams);
    for (const [k, v] of Object.entries(changes)) next.set(k, v);
    return `?${next}`;
  };
  return (
    <>
      <h1>Suppliers</h1>
      <Form method="get" className="toolbar" role="search">
        <div>
          <label htmlFor="supplier-search">Search by name or ID</label>
          <input id="supplier-search" type="search" name="q" defaultValue={params.q ?? ""} />
        </div>
        <input type="hidden" name="sort" value={params.sort} />
        <input type="hidden" name="dir" value={params.dir} />
        <button type="submit" className="button">
          Search
        </button>
      </Form>
      {rows.length === 0 ? (
        <p className="card empty">{params.q ? `No supplier matches “${params.q}”.` : "No suppliers yet."}</p>
      ) : (
        <table>
          <caption>
            {`${total} supplier${total === 1 ? "" : "s"}, page ${page} of ${pageCount}`}
          </caption>
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
                <td>{s.name}</td>
                <td>{s.country ?? "—"}</td>
                <td>{s.is_vendor ? "Vendor (tier 1)" : "Sub-supplier"}</td>
                <td>{s.criticality}</td>
                <td className="num">{formatMinutes(s.declared_rto_min)}</td>
                <td className="num">{formatMinutes(s.declared_rpo_min)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pagination" aria-label="Pagination">
        <Link to={linkWith({ page: String(page - 1) })} aria-disabled={page <= 1}>
          ← Previous
        </Link>
        <span>
          Page {page} of {pageCount}
        </span>
        <Link to={linkWith({ page: String(page + 1) })} aria-disabled={page >= pageCount}>
          Next →
        </Link>
      </nav>
    </>
  );
}
