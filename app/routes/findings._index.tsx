import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { StatusBadge } from "~/components/status-badge";
import { listFindingKinds, listFindings } from "~/data/findings.server";
import { FINDING_STATUSES, SEVERITIES } from "~/domain/finding-labels";
import { db } from "~/db.server";
import { requireRole } from "~/permissions.server";
import { kindLabel } from "~/utils/labels";

export const meta: MetaFunction = () => [{ title: "Findings · Resilience portal" }];

const PAGE_SIZE = 50;
const QuerySchema = z.object({
  status: z.enum(FINDING_STATUSES).optional().catch(undefined),
  severity: z.enum(SEVERITIES).optional().catch(undefined),
  kind: z.string().max(60).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  mine: z.literal("1").optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement", "analyst"]);
  const url = new URL(request.url);
  // Open findings by default; "status=" with no value means every status.
  const params = QuerySchema.parse({ status: url.searchParams.has("status") ? undefined : "open", ...Object.fromEntries(url.searchParams) });
  const [{ rows, total }, kinds] = await Promise.all([
    listFindings(db, current.membership.orgId, {
      status: params.status,
      severity: params.severity,
      kind: params.kind || undefined,
      q: params.q || undefined,
      ownerId: params.mine ? current.user.id : undefined,
      page: params.page,
      pageSize: PAGE_SIZE,
    }),
    listFindingKinds(db, current.membership.orgId),
  ]);
  return { rows, total, kinds, params, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

export default function FindingsPage() {
  const { rows, total, kinds, params, pageCount } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const pageLink = (page: number) => {
    const next = new URLSearchParams(searchParams);
    next.set("page", String(page));
    return `?${next}`;
  };
  return (
    <>
      <h1>Findings</h1>
      <Form method="get" className="toolbar" aria-label="Filter findings">
        <div>
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={params.status ?? ""}>
            <option value="">Any</option>
            {FINDING_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="severity">Severity</label>
          <select id="severity" name="severity" defaultValue={params.severity ?? ""}>
            <option value="">Any</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="kind">Kind</label>
          <select id="kind" name="kind" defaultValue={params.kind ?? ""}>
            <option value="">Any</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="q">Text contains</label>
          <input id="q" name="q" type="search" defaultValue={params.q ?? ""} />
        </div>
        <div>
          <label>
            <input type="checkbox" name="mine" value="1" defaultChecked={Boolean(params.mine)} /> Assigned to me
          </label>
        </div>
        <button type="submit" className="button">
          Filter
        </button>
      </Form>
      {rows.length === 0 ? (
        <p className="card empty">No finding matches these filters.</p>
      ) : (
        <table>
          <caption>{`${total} finding${total === 1 ? "" : "s"}, most severe first — page ${params.page} of ${pageCount}`}</caption>
          <thead>
            <tr>
              <th scope="col">Severity</th>
              <th scope="col">Finding</th>
              <th scope="col">About</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">Owner</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f) => (
              <tr key={f.id}>
                <td>
                  <StatusBadge status={f.severity} />
                </td>
                <td>
                  <Link to={`/findings/${f.id}`}>{f.reason}</Link>
                </td>
                <td>
                  {f.subject_type === "supplier" ? (
                    <Link to={`/suppliers/${f.subject_id}`}>{f.supplier_name}</Link>
                  ) : f.subject_type === "service" ? (
                    <Link to={`/services/${f.subject_id}`}>{f.service_name}</Link>
                  ) : (
                    `Country ${f.subject_id}`
                  )}
                </td>
                <td>{kindLabel(f.kind)}</td>
                <td>
                  <StatusBadge status={f.status} />
                </td>
                <td>{f.owner_name ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pagination" aria-label="Pagination">
        <Link to={pageLink(params.page - 1)} aria-disabled={params.page <= 1}>
          ← Previous
        </Link>
        <span>{`Page ${params.page} of ${pageCount}`}</span>
        <Link to={pageLink(params.page + 1)} aria-disabled={params.page >= pageCount}>
          Next →
        </Link>
      </nav>
    </>
  );
}
