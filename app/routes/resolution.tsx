import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { clientIp, recordAudit } from "~/audit.server";
import { ActionMessage } from "~/components/action-message";
import { CsrfInput } from "~/components/csrf-input";
import { readValidatedForm } from "~/csrf.server";
import { listMergeCandidates, listMerges, markDistinct, mergeSuppliers, undoMerge } from "~/data/entity-resolution.server";
import { db } from "~/db.server";
import { MATCH_REASON_LABELS } from "~/domain/supply-map";
import { requireRole } from "~/permissions.server";
import { requestRecompute } from "~/resilience.server";
import { parseForm, type ActionResult } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Duplicate suppliers · Resilience portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement"]);
  const { orgId } = current.membership;
  const [candidates, merges] = await Promise.all([listMergeCandidates(db, orgId), listMerges(db, orgId)]);
  const pick = (s: (typeof candidates)[number]["a"]) => ({
    id: s.id,
    name: s.name,
    country: s.country,
    externalId: s.external_id,
    isVendor: s.is_vendor,
    lei: s.lei,
    duns: s.duns,
    website: s.website,
  });
  return {
    candidates: candidates.map((c) => ({ a: pick(c.a), b: pick(c.b), reasons: c.reasons.map((r) => MATCH_REASON_LABELS[r]) })),
    merges: merges.map((m) => ({
      id: m.id,
      keptId: m.kept_id,
      keptName: m.kept_name,
      mergedName: m.merged_name,
      reason: m.reason,
      mergedAt: m.merged_at,
      mergedBy: m.merged_by_name,
      undoneAt: m.undone_at,
      moved: m.moved,
    })),
  };
}

const Action = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("merge"), keepId: z.string().uuid(), mergeId: z.string().uuid(), reason: z.string().trim().max(500).default("") }),
  z.object({ intent: z.literal("distinct"), aId: z.string().uuid(), bId: z.string().uuid() }),
  z.object({ intent: z.literal("undo"), mergeRecordId: z.string().uuid() }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const current = await requireRole(request, ["procurement"]);
  const { orgId } = current.membership;
  const parsed = parseForm(Action, await readValidatedForm(request));
  if (!parsed.success) return data(parsed.result, { status: 400 });
  const actor = { userId: current.user.id, ip: clientIp(request) };
  const input = parsed.data;
  if (input.intent === "merge") {
    const result = await mergeSuppliers(db, orgId, input.keepId, input.mergeId, actor, input.reason);
    if (!result.ok) return data<ActionResult>({ ok: false, message: result.message }, { status: result.status });
    await requestRecompute(db, orgId, current.user.id);
    return { ok: true, message: "Merged. The merged supplier is archived; you can undo this below." } satisfies ActionResult;
  }
  if (input.intent === "distinct") {
    if (input.aId === input.bId) return data<ActionResult>({ ok: false, message: "Choose two suppliers." }, { status: 400 });
    const found = await db.selectFrom("suppliers").select("id").where("org_id", "=", orgId).where("id", "in", [input.aId, input.bId]).execute();
    if (found.length !== 2) throw new Response("Not found", { status: 404 });
    await markDistinct(db, orgId, input.aId, input.bId, current.user.id);
    await recordAudit(db, {
      orgId,
      actorUserId: current.user.id,
      action: "supplier.marked_distinct",
      entityType: "supplier",
      entityId: input.aId,
      summary: { a: input.aId, b: input.bId },
      ip: actor.ip,
    });
    return { ok: true, message: "Kept apart: this pair will not be proposed again." } satisfies ActionResult;
  }
  const result = await undoMerge(db, orgId, input.mergeRecordId, actor);
  if (!result.ok) return data<ActionResult>({ ok: false, message: result.message }, { status: result.status });
  await requestRecompute(db, orgId, current.user.id);
  return { ok: true, message: "Merge undone: both suppliers are back with their own links." } satisfies ActionResult;
}

function Company({ s }: { s: { id: string; name: string; country: string | null; externalId: string; isVendor: boolean; lei: string | null; duns: string | null; website: string | null } }) {
  return (
    <>
      <Link to={`/suppliers/${s.id}`}>{s.name}</Link>
      <br />
      <span className="muted">
        {[s.externalId, s.country, s.isVendor ? "vendor" : null, s.lei ? `LEI ${s.lei}` : null, s.duns ? `D-U-N-S ${s.duns}` : null, s.website]
          .filter(Boolean)
          .join(" · ")}
      </span>
    </>
  );
}

export default function ResolutionPage() {
  const { candidates, merges } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>Duplicate suppliers</h1>
      <p className="muted">
        The same company declared by several vendors, matched by LEI, D-U-N-S, website domain, or by name and country (legal forms such as
        GmbH, Ltd, Inc, S.A. or 有限公司 ignored, accents folded). Merge them so concentration counts are right, or keep them apart. Every
        merge is recorded and can be undone.
      </p>
      <ActionMessage result={result} />
      <h2>Candidates</h2>
      {candidates.length === 0 ? (
        <p className="card empty">No likely duplicates.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Supplier A</th>
              <th scope="col">Supplier B</th>
              <th scope="col">Why</th>
              <th scope="col">Decide</th>
            </tr>
          </thead>
          <tbody>
            {candidates.map((c) => (
              <tr key={`${c.a.id}|${c.b.id}`}>
                <td>
                  <Company s={c.a} />
                </td>
                <td>
                  <Company s={c.b} />
                </td>
                <td>{c.reasons.join(", ")}</td>
                <td>
                  {[
                    [c.a, c.b],
                    [c.b, c.a],
                  ].map(([keep, fold]) => (
                    <Form method="post" key={keep!.id} style={{ display: "inline" }}>
                      <CsrfInput />
                      <input type="hidden" name="intent" value="merge" />
                      <input type="hidden" name="keepId" value={keep!.id} />
                      <input type="hidden" name="mergeId" value={fold!.id} />
                      <input type="hidden" name="reason" value={c.reasons.join(", ")} />
                      <button type="submit" className="button small">{`Keep ${keep!.name}`}</button>{" "}
                    </Form>
                  ))}
                  <Form method="post" style={{ display: "inline" }}>
                    <CsrfInput />
                    <input type="hidden" name="intent" value="distinct" />
                    <input type="hidden" name="aId" value={c.a.id} />
                    <input type="hidden" name="bId" value={c.b.id} />
                    <button type="submit" className="button small secondary">
                      Different companies
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Merges</h2>
      {merges.length === 0 ? (
        <p className="card empty">No merges yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Kept</th>
              <th scope="col">Merged into it</th>
              <th scope="col">By</th>
              <th scope="col">What moved</th>
              <th scope="col">Undo</th>
            </tr>
          </thead>
          <tbody>
            {merges.map((m) => (
              <tr key={m.id}>
                <td>{new Date(m.mergedAt).toLocaleString("en-GB")}</td>
                <td>
                  <Link to={`/suppliers/${m.keptId}`}>{m.keptName}</Link>
                </td>
                <td>{m.mergedName}</td>
                <td>{m.mergedBy ?? "—"}</td>
                <td>{describeMoved(m.moved)}</td>
                <td>
                  {m.undoneAt ? (
                    `Undone ${new Date(m.undoneAt).toLocaleString("en-GB")}`
                  ) : (
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="undo" />
                      <input type="hidden" name="mergeRecordId" value={m.id} />
                      <button type="submit" className="button small secondary">{`Split ${m.mergedName} out again`}</button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function describeMoved(moved: unknown) {
  const record = moved as { repointed?: Record<string, Record<string, string[]>>; removed?: Record<string, unknown[]> };
  const parts: string[] = [];
  for (const [table, columns] of Object.entries(record.repointed ?? {})) {
    const count = Object.values(columns).reduce((sum, ids) => sum + ids.length, 0);
    if (count) parts.push(`${count} ${table.replace("_", " ")}`);
  }
  for (const [table, rows] of Object.entries(record.removed ?? {})) {
    if (rows.length && table !== "service_suppliers") parts.push(`${rows.length} duplicate ${table} removed`);
  }
  return parts.length ? parts.join(", ") : "nothing linked";
}
