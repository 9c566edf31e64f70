import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { clientIp, recordAudit } from "~/audit.server";
import { ActionMessage } from "~/components/action-message";
import { CsrfInput } from "~/components/csrf-input";
import { readValidatedForm } from "~/csrf.server";
import { createApiToken, listApiTokens, revokeApiToken } from "~/data/api-tokens.server";
import { db } from "~/db.server";
import { ROLE_LABELS } from "~/navigation";
import { requireRole } from "~/permissions.server";
import { parseForm, type ActionResult } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "API tokens · Resilience portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement"]);
  return { tokens: await listApiTokens(db, current.membership.orgId) };
}

const Intent = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    name: z.string().trim().min(1, "Give the token a name").max(100),
    role: z.enum(["analyst", "procurement"]),
    expiresInDays: z.coerce.number().int().min(0).max(3650),
  }),
  z.object({ intent: z.literal("revoke"), tokenId: z.string().uuid() }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const current = await requireRole(request, ["procurement"]);
  const { orgId } = current.membership;
  const parsed = parseForm(Intent, await readValidatedForm(request));
  if (!parsed.success) return data(parsed.result, { status: 400 });
  const input = parsed.data;
  if (input.intent === "create") {
    const token = await createApiToken(db, {
      orgId,
      name: input.name,
      role: input.role,
      createdBy: current.user.id,
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
    });
    await recordAudit(db, { orgId, actorUserId: current.user.id, action: "api_token.created", entityType: "api_token", entityId: token.id, summary: { name: token.name, role: input.role }, ip: clientIp(request) });
    return { ok: true, message: `Token “${token.name}” created. Copy it now: it will not be shown again.`, link: token.token } satisfies ActionResult;
  }
  if (!(await revokeApiToken(db, orgId, input.tokenId))) {
    return data<ActionResult>({ ok: false, message: "No such active token." }, { status: 404 });
  }
  await recordAudit(db, { orgId, actorUserId: current.user.id, action: "api_token.revoked", entityType: "api_token", entityId: input.tokenId, ip: clientIp(request) });
  return { ok: true, message: "Token revoked; it stops working immediately." } satisfies ActionResult;
}

function date(value: Date | string | null) {
  return value ? new Date(value).toLocaleDateString("en-GB") : "—";
}

export default function ApiTokensPage() {
  const { tokens } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>API tokens</h1>
      <p className="muted">
        Tokens let other systems use the <a href="/api/v1/openapi.json">JSON API</a> with <code>Authorization: Bearer …</code>. A token acts as
        the person who created it, within this organisation, with the role chosen here.
      </p>
      <ActionMessage result={result} />
      <Form method="post" className="toolbar card">
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <div>
          <label htmlFor="name">Name</label>
          <input id="name" name="name" type="text" required placeholder="e.g. GRC sync" />
        </div>
        <div>
          <label htmlFor="role">Access</label>
          <select id="role" name="role" defaultValue="analyst">
            <option value="analyst">Read and export ({ROLE_LABELS.analyst})</option>
            <option value="procurement">Read and write ({ROLE_LABELS.procurement})</option>
          </select>
        </div>
        <div>
          <label htmlFor="expiresInDays">Expires after (days, 0 = never)</label>
          <input id="expiresInDays" name="expiresInDays" type="number" min={0} max={3650} defaultValue={365} />
        </div>
        <button type="submit" className="button">
          Create token
        </button>
      </Form>
      {tokens.length === 0 ? (
        <p className="card empty">No API tokens yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Token</th>
              <th scope="col">Access</th>
              <th scope="col">Created by</th>
              <th scope="col">Last used</th>
              <th scope="col">Expires</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>
                  <code>{t.token_prefix}…</code>
                </td>
                <td>{ROLE_LABELS[t.role]}</td>
                <td>{t.created_by_name}</td>
                <td>{date(t.last_used_at)}</td>
                <td>{t.expires_at ? date(t.expires_at) : "Never"}</td>
                <td>
                  {t.revoked_at ? (
                    <span className="badge neutral">Revoked</span>
                  ) : (
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="tokenId" value={t.id} />
                      <button type="submit" className="button secondary small">
                        Revoke
                      </button>
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
