import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { StatusBadge } from "~/components/status-badge";
import { RPO_STATUSES, RTO_STATUSES, listServices } from "~/data/services.server";
import { db } from "~/db.server";
import { requireRole } from "~/permissions.server";
import { formatMinutes } from "~/utils/misc";

export const meta: MetaFunction = () => [{ title: "Internal services · Resilience portal" }];

const QuerySchema = z.object({
  rto: z.enum(RTO_STATUSES).optional().catch(undefined),
  rpo: z.enum(RPO_STATUSES).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

const PAGE_SIZE = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement", "analyst"]);
  const filters = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { rows, total } = await listServices(db, current.membership.orgId, { ...filters, q: filters.q || undefined }, { page: filters.page, pageSize: PAGE_SIZE });
  return {
    services: rows,
    total,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    filters,
    canEdit: current.membership.role === "procurement",
  };
}

export default function ServicesPage() {
  const { services, total, pageCount, filters, canEdit } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const pageLink = (page: number) => {
    const next = new URLSearchParams(searchParams);
    next.set("page", String(page));
    return `?${next}`;
  };
  return (
    <>
      <h1>Internal services</h1>
      <p className="muted">Requirements from the business impact analysis, and how fast each service can really recover through its supply chain.</p>
      {canEdit ? (
        <p className="actions">
          <Link to="/services/new" className="button">
            New service
          </Link>
        </p>
      ) : null}
      <Form method="get" className="toolbar" aria-label="Filter services">
        <div>
          <label htmlFor="q">Name contains</label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} />
        </div>
        <div>
          <label htmlFor="rto">RTO status</label>
          <select id="rto" name="rto" defaultValue={filters.rto ?? ""}>
            <option value="">Any</option>
            <option value="meets">Meets</option>
            <option value="gap">Gap</option>
            <option value="beyond_mtpd">Beyond MTPD</option>
            <option value="unknown">Unknown</option>
          </select>
        </div>
        <div>
          <label htmlFor="rpo">RPO status</label>
          <select id="rpo" name="rpo" defaultValue={filters.rpo ?? ""}>
            <option value="">Any</option>
            <option value="meets">Meets</option>
            <option value="gap">Gap</option>
            <option value="unknown">Unknown</option>
          </select>
        </div>
        <button type="submit" className="button">
          Filter
        </button>
      </Form>
      {services.length === 0 ? (
        <p className="card empty">No service matches these filters.</p>
      ) : (
        <table>
          <caption>{`${total} service${total === 1 ? "" : "s"}, worst first${pageCount > 1 ? `, page ${filters.page} of ${pageCount}` : ""}`}</caption>
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Owner</th>
              <th scope="col" className="num">Required RTO</th>
              <th scope="col" className="num">Can recover in</th>
              <th scope="col">RTO status</th>
              <th scope="col" className="num">Required RPO</th>
              <th scope="col">RPO status</th>
              <th scope="col" className="num">MTPD</th>
              <th scope="col" className="num">Vendors</th>
            </tr>
          </thead>
          <tbody>
            {services.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/services/${s.id}`}>{s.name}</Link> <span className="muted">{s.external_id}</span>
                </td>
                <td>{s.owner ?? "—"}</td>
                <td className="num">{formatMinutes(s.required_rto_min)}</td>
                <td className="num">{formatMinutes(s.recovery_min)}</td>
                <td>
                  <StatusBadge status={s.rto_status} />
                </td>
                <td className="num">{formatMinutes(s.required_rpo_min)}</td>
                <td>
                  <StatusBadge status={s.rpo_status} />
                </td>
                <td className="num">{formatMinutes(s.mtpd_min)}</td>
                <td className="num">{s.supplier_count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pageCount > 1 ? (
        <nav className="pagination" aria-label="Pagination">
          {filters.page > 1 ? <Link to={pageLink(filters.page - 1)}>← Previous</Link> : null}
          <span>{`Page ${filters.page} of ${pageCount}`}</span>
          {filters.page < pageCount ? <Link to={pageLink(filters.page + 1)}>Next →</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
