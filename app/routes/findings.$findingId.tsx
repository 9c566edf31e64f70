import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { clientIp, recordAudit } from "~/audit.server";
import { ActionMessage } from "~/components/action-message";
import { CsrfInput } from "~/components/csrf-input";
import { PathView, pathIds, type StoredPathStep } from "~/components/path";
import { StatusBadge } from "~/components/status-badge";
import { readValidatedForm } from "~/csrf.server";
import { changeFinding, getFinding, getFindingHistory } from "~/data/findings.server";
import { listMembers } from "~/data/members.server";
import { namesForIds } from "~/data/services.server";
import { db } from "~/db.server";
import { requireRole } from "~/permissions.server";
import { parseForm, type ActionResult } from "~/utils/forms";
import { kindLabel } from "~/utils/labels";

export const meta: MetaFunction = () => [{ title: "Finding · Resilience portal" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement", "analyst"]);
  const { orgId } = current.membership;
  const finding = await getFinding(db, orgId, params.findingId ?? "");
  if (!finding) throw new Response("Not found", { status: 404 });
  const path = finding.path as StoredPathStep[];
  const [history, members, names] = await Promise.all([
    getFindingHistory(db, orgId, finding.id),
    listMembers(db, orgId),
    namesForIds(db, orgId, pathIds(path)),
  ]);
  return {
    finding,
    path,
    names,
    history,
    owners: members.filter((m) => m.is_active && m.role !== "vendor").map((m) => ({ id: m.user_id, name: m.name })),
  };
}

const Change = z.discriminatedUnion("action", [
  z.object({ action: z.literal("assign"), ownerUserId: z.union([z.string().uuid(), z.literal("").transform(() => null)]) }),
  z.object({
    action: z.literal("accept"),
    reason: z.string().trim().min(5, "Say why the risk is accepted").max(2000),
    until: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "Choose until when the risk is accepted")
      .refine((d) => new Date(`${d}T00:00:00Z`).getTime() > Date.now(), "The acceptance must end in the future"),
  }),
  z.object({ action: z.literal("mitigate"), note: z.string().trim().min(3, "Say what was done").max(2000) }),
  z.object({ action: z.literal("reopen"), note: z.string().trim().max(2000).default("") }),
  z.object({ action: z.literal("comment"), note: z.string().trim().min(1, "Write a comment").max(2000) }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const current = await requireRole(request, ["procurement", "analyst"]);
  const { orgId } = current.membership;
  const finding = await getFinding(db, orgId, params.findingId ?? "");
  if (!finding) throw new Response("Not found", { status: 404 });
  const parsed = parseForm(Change, await readValidatedForm(request));
  if (!parsed.success) return data(parsed.result, { status: 400 });
  const change = parsed.data;
  if (change.action === "assign" && change.ownerUserId) {
    const member = await db
      .selectFrom("memberships")
      .select("id")
      .where("org_id", "=", orgId)
      .where("user_id", "=", change.ownerUserId)
      .where("is_active", "=", true)
      .where("role", "<>", "vendor")
      .executeTakeFirst();
    if (!member) return data<ActionResult>({ ok: false, message: "Choose an active member of this organisation." }, { status: 400 });
  }
  await changeFinding(db, orgId, finding.id, current.user.id, change);
  await recordAudit(db, {
    orgId,
    actorUserId: current.user.id,
    action: `finding.${change.action}`,
    entityType: "finding",
    entityId: finding.id,
    summary: { before: { status: finding.status, owner: finding.owner_user_id }, change },
    ip: clientIp(request),
  });
  return { ok: true, message: "Saved." } satisfies ActionResult;
}

export default function FindingPage() {
  const { finding, path, names, history, owners } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/findings">← Findings</Link>
      </p>
      <h1>{finding.reason}</h1>
      <ActionMessage result={result} />
      <dl className="facts card">
        <dt>Severity</dt>
        <dd>
          <StatusBadge status={finding.severity} />
        </dd>
        <dt>Kind</dt>
        <dd>{kindLabel(finding.kind)}</dd>
        <dt>About</dt>
        <dd>
          {finding.subject_type === "supplier" ? (
            <Link to={`/suppliers/${finding.subject_id}`}>{finding.supplier_name}</Link>
          ) : finding.subject_type === "service" ? (
            <Link to={`/services/${finding.subject_id}`}>{finding.service_name}</Link>
          ) : (
            `Country ${finding.subject_id}`
          )}
        </dd>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={finding.status} />
          {finding.status === "accepted" && finding.accepted_until
            ? ` until ${new Date(finding.accepted_until).toLocaleDateString("en-GB")}: ${finding.accepted_reason}`
            : ""}
        </dd>
        <dt>Owner</dt>
        <dd>{finding.owner_name ?? "nobody"}</dd>
        <dt>First seen</dt>
        <dd>{new Date(finding.first_seen_at).toLocaleString("en-GB")}</dd>
      </dl>
      {path.length ? (
        <>
          <h2>Path</h2>
          <div className="card">
            <PathView steps={path} names={names} />
          </div>
        </>
      ) : null}

      <h2>Work on it</h2>
      <div className="two-col">
        <Form method="post" className="card">
          <CsrfInput />
          <input type="hidden" name="action" value="assign" />
          <label htmlFor="ownerUserId">Owner</label>
          <select id="ownerUserId" name="ownerUserId" defaultValue={finding.owner_user_id ?? ""}>
            <option value="">Nobody</option>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>{" "}
          <button type="submit" className="button small">
            Assign
          </button>
        </Form>
        {finding.status === "open" ? (
          <>
            <Form method="post" className="card">
              <CsrfInput />
              <input type="hidden" name="action" value="accept" />
              <div className="field">
                <label htmlFor="reason">Accept the risk: why</label>
                <input id="reason" name="reason" type="text" required minLength={5} />
              </div>
              <div className="field">
                <label htmlFor="until">Accepted until</label>
                <input id="until" name="until" type="date" required />
              </div>
              <button type="submit" className="button small">
                Accept risk
              </button>
            </Form>
            <Form method="post" className="card">
              <CsrfInput />
              <input type="hidden" name="action" value="mitigate" />
              <div className="field">
                <label htmlFor="mitigation">Mitigated: what was done</label>
                <input id="mitigation" name="note" type="text" required minLength={3} />
              </div>
              <button type="submit" className="button small">
                Mark mitigated
              </button>
            </Form>
          </>
        ) : finding.status !== "resolved" ? (
          <Form method="post" className="card">
            <CsrfInput />
            <input type="hidden" name="action" value="reopen" />
            <input type="hidden" name="note" value="" />
            <button type="submit" className="button small">
              Reopen
            </button>
          </Form>
        ) : null}
        <Form method="post" className="card">
          <CsrfInput />
          <input type="hidden" name="action" value="comment" />
          <div className="field">
            <label htmlFor="comment">Comment</label>
            <input id="comment" name="note" type="text" required />
          </div>
          <button type="submit" className="button small">
            Add comment
          </button>
        </Form>
      </div>

      <h2>History</h2>
      {history.length === 0 ? (
        <p className="card empty">No changes yet.</p>
      ) : (
        <ul className="card">
          {history.map((h) => (
            <li key={h.id}>
              {new Date(h.created_at).toLocaleString("en-GB")} — {h.actor_name ?? "system"}: {h.action}
              {h.note ? ` — ${h.note}` : ""}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
