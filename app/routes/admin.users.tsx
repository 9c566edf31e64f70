import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { clientIp, recordAudit } from "~/audit.server";
import { revokeUserSessions } from "~/auth.server";
import { ActionMessage } from "~/components/action-message";
import { CsrfInput } from "~/components/csrf-input";
import { InvitationActions } from "~/components/invitation-actions";
import { readValidatedForm } from "~/csrf.server";
import {
  createInvitation,
  listInvitations,
  resendInvitation,
  revokeInvitation,
} from "~/data/invitations.server";
import { countActiveProcurement, getMember, listMembers, updateMembership } from "~/data/members.server";
import { createPasswordReset } from "~/data/password-resets.server";
import { db } from "~/db.server";
import { absoluteUrl, deliverLink } from "~/mail.server";
import { ROLE_LABELS } from "~/navigation";
import { requireRole } from "~/permissions.server";
import { INVITES_SENT_PER_USER, consumeRateLimit } from "~/rate-limit.server";
import { parseForm, type ActionResult } from "~/utils/forms";
import { formatDateTime } from "~/utils/misc";

export const meta: MetaFunction = () => [{ title: "Users · Resilience portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireRole(request, ["procurement"]);
  const { orgId } = current.membership;
  const [members, invitations, vendors] = await Promise.all([
    listMembers(db, orgId),
    listInvitations(db, orgId),
    db
      .selectFrom("suppliers")
      .select(["id", "name", "external_id"])
      .where("org_id", "=", orgId)
      .where("is_vendor", "=", true)
      .where("status", "=", "active")
      .orderBy("name")
      .limit(2000)
      .execute(),
  ]);
  return { members, invitations, vendors, me: current.user.id };
}

const RoleSchema = z.enum(["procurement", "analyst", "vendor"]);
const Intent = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("invite"),
    email: z.string().trim().toLowerCase().email("Enter a valid email address").max(320),
    role: RoleSchema,
    supplierId: z.string().uuid().optional().or(z.literal("").transform(() => undefined)),
  }),
  z.object({ intent: z.literal("resend"), invitationId: z.string().uuid() }),
  z.object({ intent: z.literal("revoke-invite"), invitationId: z.string().uuid() }),
  z.object({ intent: z.literal("change-role"), membershipId: z.string().uuid(), role: RoleSchema, supplierId: z.string().uuid().optional().or(z.literal("").transform(() => undefined)) }),
  z.object({ intent: z.literal("deactivate"), membershipId: z.string().uuid() }),
  z.object({ intent: z.literal("reactivate"), membershipId: z.string().uuid() }),
  z.object({ intent: z.literal("reset-link"), membershipId: z.string().uuid() }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const current = await requireRole(request, ["procurement"]);
  const { orgId } = current.membership;
  const parsed = parseForm(Intent, await readValidatedForm(request));
  if (!parsed.success) return data(parsed.result, { status: 400 });
  const input = parsed.data;
  const audit = (action: string, entityType: string, entityId: string, summary: Record<string, unknown> = {}) =>
    recordAudit(db, { orgId, actorUserId: current.user.id, action, entityType, entityId, summary, ip: clientIp(request) });
  const fail = (message: string, status = 400) => data<ActionResult>({ ok: false, message }, { status });

  switch (input.intent) {
    case "invite": {
      if (input.role === "vendor" && !input.supplierId) return fail("Choose the vendor company this person works for.");
      if (input.supplierId) {
        const vendor = await db.selectFrom("suppliers").select("id").where("org_id", "=", orgId).where("id", "=", input.supplierId).executeTakeFirst();
        if (!vendor) return fail("That vendor does not exist in this organisation.", 404);
      }
      const limit = await consumeRateLimit(db, `invite:user:${current.user.id}`, INVITES_SENT_PER_USER);
      if (limit.limited) return fail("You have sent many invitations in the last hour. Please wait before sending more.", 429);
      const invitation = await createInvitation(db, {
        orgId,
        email: input.email,
        role: input.role,
        supplierId: input.supplierId ?? null,
        invitedBy: current.user.id,
      });
      const link = absoluteUrl(request, `/invite/${invitation.token}`);
      await deliverLink({ to: invitation.email, subject: "Invitation to the resilience portal", url: link });
      await audit("invitation.created", "invitation", invitation.id, { email: invitation.email, role: invitation.role });
      return { ok: true, message: `Invitation created for ${invitation.email}. It expires in 7 days.`, link } satisfies ActionResult;
    }
    case "resend": {
      const invitation = await resendInvitation(db, orgId, input.invitationId);
      if (!invitation) return fail("This invitation can no longer be resent.", 404);
      const link = absoluteUrl(request, `/invite/${invitation.token}`);
      await deliverLink({ to: invitation.email, subject: "Invitation to the resilience portal", url: link });
      await audit("invitation.resent", "invitation", invitation.id, { email: invitation.email });
      return { ok: true, message: `New link for ${invitation.email}; the previous link no longer works.`, link } satisfies ActionResult;
    }
    case "revoke-invite": {
      if (!(await revokeInvitation(db, orgId, input.invitationId))) return fail("This invitation is not pending.", 404);
      await audit("invitation.revoked", "invitation", input.invitationId);
      return { ok: true, message: "Invitation revoked." } satisfies ActionResult;
    }
    default: {
      const member = await getMember(db, orgId, input.membershipId);
      if (!member) return fail("No such member in this organisation.", 404);
      const removesAdmin =
        member.role === "procurement" &&
        member.is_active &&
        (input.intent === "deactivate" || (input.intent === "change-role" && input.role !== "procurement"));
      if (removesAdmin && (await countActiveProcurement(db, orgId)) <= 1) {
        return fail("This is the last active procurement user; make someone else procurement first.", 409);
      }
      if (input.intent === "change-role") {
        if (input.role === "vendor" && !input.supplierId) return fail("Choose the vendor company for a vendor user.");
        await updateMembership(db, orgId, member.id, { role: input.role, supplierId: input.role === "vendor" ? input.supplierId : null });
        await audit("membership.role_changed", "membership", member.id, { before: member.role, after: input.role });
        return { ok: true, message: `${member.name} is now ${ROLE_LABELS[input.role]}.` } satisfies ActionResult;
      }
      if (input.intent === "deactivate") {
        await updateMembership(db, orgId, member.id, { isActive: false });
        const revoked = await revokeUserSessions(member.user_id, { orgId });
        await audit("membership.deactivated", "membership", member.id, { email: member.email, sessionsRevoked: revoked });
        return { ok: true, message: `${member.name} can no longer sign in to this organisation.` } satisfies ActionResult;
      }
      if (input.intent === "reactivate") {
        await updateMembership(db, orgId, member.id, { isActive: true });
        await audit("membership.reactivated", "membership", member.id, { email: member.email });
        return { ok: true, message: `${member.name} is active again.` } satisfies ActionResult;
      }
      const reset = await createPasswordReset(db, member.user_id);
      const link = absoluteUrl(request, `/reset-password/${reset.token}`);
      await deliverLink({ to: member.email, subject: "Reset your password", url: link });
      await audit("password.reset_link_created", "user", member.user_id, { email: member.email });
      return { ok: true, message: `Password reset link for ${member.email} (valid for 1 hour).`, link } satisfies ActionResult;
    }
  }
}

function Hidden({ name, value }: { name: string; value: string }) {
  return <input type="hidden" name={name} value={value} />;
}


export default function UsersPage() {
  const { members, invitations, vendors, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>Users and invitations</h1>
      <ActionMessage result={result} />

      <section className="card" aria-labelledby="invite-title">
        <h2 id="invite-title" style={{ marginTop: 0 }}>
          Invite someone
        </h2>
        <Form method="post" className="toolbar">
          <CsrfInput />
          <Hidden name="intent" value="invite" />
          <div>
            <label htmlFor="invite-email">Email</label>
            <input id="invite-email" name="email" type="email" required autoComplete="off" />
          </div>
          <div>
            <label htmlFor="invite-role">Role</label>
            <select id="invite-role" name="role" defaultValue="vendor">
              <option value="vendor">Vendor user</option>
              <option value="analyst">Supply-chain officer (analyst)</option>
              <option value="procurement">Procurement (admin)</option>
            </select>
          </div>
          <div>
            <label htmlFor="invite-supplier">Vendor company (for vendor users)</label>
            <select id="invite-supplier" name="supplierId" defaultValue="">
              <option value="">—</option>
              {vendors.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name} ({v.external_id})
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            Create invitation
          </button>
        </Form>
      </section>

      <h2>Members</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Last seen</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id}>
              <td>{m.name}</td>
              <td>{m.email}</td>
              <td>
                <Form method="post" className="inline-form">
                  <CsrfInput />
                  <Hidden name="intent" value="change-role" />
                  <Hidden name="membershipId" value={m.id} />
                  {m.supplier_id ? <Hidden name="supplierId" value={m.supplier_id} /> : null}
                  <label className="visually-hidden" htmlFor={`role-${m.id}`}>
                    Role of {m.name}
                  </label>
                  <select id={`role-${m.id}`} name="role" defaultValue={m.role}>
                    <option value="procurement">{ROLE_LABELS.procurement}</option>
                    <option value="analyst">{ROLE_LABELS.analyst}</option>
                    <option value="vendor" disabled={!m.supplier_id}>
                      {ROLE_LABELS.vendor}
                    </option>
                  </select>{" "}
                  <button type="submit" className="button secondary small">
                    Change
                  </button>
                </Form>
                {m.supplier_name ? <div className="muted">{m.supplier_name}</div> : null}
              </td>
              <td>{m.is_active ? <span className="badge ok">Active</span> : <span className="badge neutral">Deactivated</span>}</td>
              <td>{formatDateTime(m.last_seen_at)}</td>
              <td>
                {m.user_id === me ? (
                  <span className="muted">You</span>
                ) : (
                  <div className="actions">
                    <Form method="post">
                      <CsrfInput />
                      <Hidden name="intent" value={m.is_active ? "deactivate" : "reactivate"} />
                      <Hidden name="membershipId" value={m.id} />
                      <button type="submit" className="button secondary small">
                        {m.is_active ? "Deactivate" : "Reactivate"}
                      </button>
                    </Form>
                    <Form method="post">
                      <CsrfInput />
                      <Hidden name="intent" value="reset-link" />
                      <Hidden name="membershipId" value={m.id} />
                      <button type="submit" className="button secondary small">
                        Password reset link
                      </button>
                    </Form>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Invitations</h2>
      {invitations.length === 0 ? (
        <p className="card empty">No invitations yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">State</th>
              <th scope="col">Expires</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((i) => (
              <tr key={i.id}>
                <td>{i.email}</td>
                <td>
                  {ROLE_LABELS[i.role]}
                  {i.supplier_name ? ` · ${i.supplier_name}` : ""}
                </td>
                <td>{i.state}</td>
                <td>{formatDateTime(i.expires_at)}</td>
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
