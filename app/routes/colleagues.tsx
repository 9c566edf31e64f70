import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { clientIp, recordAudit } from "~/audit.server";
import { ActionMessage } from "~/components/action-message";
import { CsrfInput } from "~/components/csrf-input";
import { InvitationActions } from "~/components/invitation-actions";
import { readValidatedForm } from "~/csrf.server";
import { createInvitation, listInvitations, resendInvitation, revokeInvitation } from "~/data/invitations.server";
import { listSupplierMembers } from "~/data/members.server";
import { db } from "~/db.server";
import { absoluteUrl, deliverLink } from "~/mail.server";
import { requireRole } from "~/permissions.server";
import { INVITES_SENT_PER_USER, consumeRateLimit } from "~/rate-limit.server";
import { parseForm, type ActionResult } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Colleagues · Resilience portal" }];

/** Vendor users invite and manage colleagues of their own company only. */
async function requireVendor(request: Request) {
  const current = await requireRole(request, ["vendor"]);
  return { current, orgId: current.membership.orgId, supplierId: current.membership.supplierId! };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { orgId, supplierId, current } = await requireVendor(request);
  const [colleagues, invitations] = await Promise.all([
    listSupplierMembers(db, orgId, supplierId),
    listInvitations(db, orgId, { supplierId }),
  ]);
  return { colleagues, invitations, supplierName: current.membership.supplierName };
}

const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), email: z.string().trim().toLowerCase().email("Enter a valid email address").max(320) }),
  z.object({ intent: z.literal("resend"), invitationId: z.string().uuid() }),
  z.object({ intent: z.literal("revoke-invite"), invitationId: z.string().uuid() }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const { current, orgId, supplierId } = await requireVendor(request);
  const parsed = parseForm(Intent, await readValidatedForm(request));
  if (!parsed.success) return data(parsed.result, { status: 400 });
  const input = parsed.data;
  const audit = (action: string, entityId: string, summary: Record<string, unknown> = {}) =>
    recordAudit(db, { orgId, actorUserId: current.user.id, action, entityType: "invitation", entityId, summary, ip: clientIp(request) });
  const scope = { supplierId };
  if (input.intent === "invite") {
    const limit = await consumeRateLimit(db, `invite:user:${current.user.id}`, INVITES_SENT_PER_USER);
    if (limit.limited) return data<ActionResult>({ ok: false, message: "Too many invitations in the last hour." }, { status: 429 });
    const invitation = await createInvitation(db, { orgId, email: input.email, role: "vendor", supplierId, invitedBy: current.user.id });
    const link = absoluteUrl(request, `/invite/${invitation.token}`);
    await deliverLink({ to: invitation.email, subject: "Invitation to the resilience portal", url: link });
    await audit("invitation.created", invitation.id, { email: invitation.email, role: "vendor" });
    return { ok: true, message: `Invitation created for ${invitation.email}.`, link } satisfies ActionResult;
  }
  if (input.intent === "resend") {
    const invitation = await resendInvitation(db, orgId, input.invitationId, scope);
    if (!invitation) return data<ActionResult>({ ok: false, message: "This invitation can no longer be resent." }, { status: 404 });
    const link = absoluteUrl(request, `/invite/${invitation.token}`);
    await deliverLink({ to: invitation.email, subject: "Invitation to the resilience portal", url: link });
    await audit("invitation.resent", invitation.id);
    return { ok: true, message: `New link for ${invitation.email}.`, link } satisfies ActionResult;
  }
  if (!(await revokeInvitation(db, orgId, input.invitationId, scope))) {
    return data<ActionResult>({ ok: false, message: "This invitation is not pending." }, { status: 404 });
  }
  await audit("invitation.revoked", input.invitationId);
  return { ok: true, message: "Invitation revoked." } satisfies ActionResult;
}

export default function ColleaguesPage() {
  const { colleagues, invitations, supplierName } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>Colleagues at {supplierName}</h1>
      <ActionMessage result={result} />
      <Form method="post" className="toolbar card">
        <CsrfInput />
        <input type="hidden" name="intent" value="invite" />
        <div>
          <label htmlFor="email">Invite a colleague by email</label>
          <input id="email" name="email" type="email" required autoComplete="off" />
        </div>
        <button type="submit" className="button">
          Create invitation
        </button>
      </Form>
      <h2>People with access</h2>
      <ul>
        {colleagues.map((c) => (
          <li key={c.id}>
            {c.name} ({c.email}){c.is_active ? "" : " — deactivated"}
          </li>
        ))}
      </ul>
      <h2>Invitations</h2>
      {invitations.length === 0 ? (
        <p className="card empty">No invitations yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((i) => (
              <tr key={i.id}>
                <td>{i.email}</td>
                <td>{i.state}</td>
                <td>
                  <InvitationActions invitation={i} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
