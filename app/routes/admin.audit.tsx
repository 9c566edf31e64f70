import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { listAuditActions, listAuditEvents } from "~/data/audit-log.server";
import { db } from "~/db.server";
import { requireRole } from "~/permissions.server";

export const meta: MetaFunction = () => [{ title: "Audit log · Resilience portal" }];

const PAGE_SIZE = 50;
const optionalText = z.string().trim().max(200).optional().transform((v) => v || undefined).catch(undefined);
const optionalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

const QuerySchema = z.object({
  action: optionalText,
  actor: optionalText,
  entity: optionalText,
  from: optionalDate,
  to: optionalDate,
  before: z.coerce.number().int().positive().optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement"]);
  const params = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const toExclusive = params.to ? new Date(new Date(`${params.to}T00:00:00Z`).getTime() + 86_400_000) : undefined;
  const [page, actions] = await Promise.all([
    listAuditEvents(db, current.membership.orgId, {
      action: params.action,
      actor: params.actor,
      entity: params.entity,
      from: params.from ? new Date(`${params.from}T00:00:00Z`) : undefined,
      to: toExclusive,
      before: params.before,
      pageSize: PAGE_SIZE,
    }),
    listAuditActions(db, current.membership.orgId),
  ]);
  return { ...page, actions, params };
}

export default function AuditLogPage() {
  const { rows, hasMore, actions, params } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const next = new URLSearchParams(searchParams);
  const last = rows.at(-1);
  if (last) next.set("before", String(last.id));
  const newest = new URLSearchParams(searchParams);
  newest.delete("before");
  return (
    <>
      <h1>Audit log</h1>
      <Form method="get" className="toolbar" aria-label="Filter the audit log">
        <div>
          <label htmlFor="action">Action</label>
          <select id="action" name="action" defaultValue={params.action ?? ""}>
            <option value="">All actions</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="actor">Actor email contains</label>
          <input id="actor" name="actor" type="search" defaultValue={params.actor ?? ""} />
        </div>
        <div>
          <label htmlFor="entity">Entity id or type</label>
          <input id="entity" name="entity" type="search" defaultValue={params.entity ?? ""} />
        </div>
        <div>
          <label htmlFor="from">From</label>
          <input id="from" name="from" type="date" defaultValue={params.from ?? ""} />
        </div>
        <div>
          <label htmlFor="to">To</label>
          <input id="to" name="to" type="date" defaultValue={params.to ?? ""} />
        </div>
        <button type="submit" className="button">
          Filter
        </button>
      </Form>
      {rows.length === 0 ? (
        <p className="card empty">No events match these filters.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Entity</th>
              <th scope="col">Details</th>
              <th scope="col">IP</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.id}>
                <td>{new Date(e.created_at).toISOString().replace("T", " ").slice(0, 19)}</td>
                <td>{e.actor_email ?? "system"}</td>
                <td>{e.action}</td>
                <td>{e.entity_type ? `${e.entity_type} ${e.entity_id ?? ""}` : "—"}</td>
                <td>
                  <code>{JSON.stringify(e.summary)}</code>
                </td>
                <td>{e.ip ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pagination" aria-label="Pagination">
        {params.before ? <Link to={`?${newest}`}>← Newest</Link> : null}
        {hasMore ? <Link to={`?${next}`}>Older events →</Link> : null}
      </nav>
    </>
  );
}
