import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { clientIp, recordAudit } from "~/audit.server";
import { createSession } from "~/auth.server";
import { ActionMessage } from "~/components/action-message";
import { CsrfInput } from "~/components/csrf-input";
import { readValidatedForm } from "~/csrf.server";
import { findInvitationByToken, invitationState } from "~/data/invitations.server";
import { db } from "~/db.server";
import { hashPassword, verifyPassword } from "~/password.server";
import { INVITE_ATTEMPTS_PER_IP, consumeRateLimit, tooManyRequests } from "~/rate-limit.server";
import { ROLE_LABELS } from "~/navigation";
import { parseForm, type ActionResult } from "~/utils/forms";
import { withConfirmation } from "~/utils/password-policy";

export const meta: MetaFunction = () => [{ title: "Accept invitation · Resilience portal" }];

const STATE_MESSAGES = {
  accepted: "This invitation has already been used. Log in with the account you created.",
  revoked: "This invitation was withdrawn. Ask the person who invited you for a new one.",
  expired: "This invitation has expired. Ask the person who invited you for a new link.",
} as const;

async function loadInvitation(token: string | undefined) {
  const invitation = token ? await findInvitationByToken(db, token) : undefined;
  if (!invitation) throw new Response("This invitation link is not valid. Check that you copied the whole link.", { status: 404 });
  const state = invitationState(invitation);
  if (state !== "pending") throw new Response(STATE_MESSAGES[state], { status: 410, statusText: "Invitation no longer valid" });
  const existingUser = await db
    .selectFrom("users")
    .select(["id", "password_hash"])
    .where("email", "=", invitation.email)
    .executeTakeFirst();
  return { invitation, existingUser };
}

export async function loader({ params }: LoaderFunctionArgs) {
  const { invitation, existingUser } = await loadInvitation(params.token);
  return {
    email: invitation.email,
    orgName: invitation.org_name,
    role: invitation.role,
    supplierName: invitation.supplier_name,
    hasAccount: Boolean(existingUser?.password_hash),
  };
}

const NewAccount = withConfirmation({ name: z.string().trim().min(1, "Enter your name").max(200) });
const ExistingAccount = z.object({ currentPassword: z.string().min(1, "Enter your current password").max(1024) });

export async function action({ request, params }: ActionFunctionArgs) {
  const limit = await consumeRateLimit(db, `invite:ip:${clientIp(request) ?? "unknown"}`, INVITE_ATTEMPTS_PER_IP);
  if (limit.limited) throw tooManyRequests(limit, "attempts from your network");
  const formData = await readValidatedForm(request);
  const { invitation, existingUser } = await loadInvitation(params.token);

  let userId: string;
  if (existingUser?.password_hash) {
    const parsed = parseForm(ExistingAccount, formData);
    if (!parsed.success) return data(parsed.result, { status: 400 });
    if (!(await verifyPassword(parsed.data.currentPassword, existingUser.password_hash))) {
      return data<ActionResult>({ ok: false, message: "That password is not correct for this account." }, { status: 401 });
    }
    userId = existingUser.id;
  } else {
    const parsed = parseForm(NewAccount, formData);
    if (!parsed.success) return data(parsed.result, { status: 400 });
    const passwordHash = await hashPassword(parsed.data.password);
    userId = existingUser
      ? (await db.updateTable("users").set({ name: parsed.data.name, password_hash: passwordHash }).where("id", "=", existingUser.id).returning("id").executeTakeFirstOrThrow()).id
      : (await db.insertInto("users").values({ email: invitation.email, name: parsed.data.name, password_hash: passwordHash }).returning("id").executeTakeFirstOrThrow()).id;
  }

  const accepted = await db.transaction().execute(async (trx) => {
    // Single use even under concurrent submissions: only the first update matches.
    const claimed = await trx
      .updateTable("invitations")
      .set({ accepted_at: new Date(), accepted_user_id: userId })
      .where("id", "=", invitation.id)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", new Date())
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return false;
    await trx
      .insertInto("memberships")
      .values({ org_id: invitation.org_id, user_id: userId, role: invitation.role, supplier_id: invitation.supplier_id })
      .onConflict((oc) =>
        oc.columns(["org_id", "user_id"]).doUpdateSet({ role: invitation.role, supplier_id: invitation.supplier_id, is_active: true }),
      )
      .execute();
    await recordAudit(trx, {
      orgId: invitation.org_id,
      actorUserId: userId,
      action: "invitation.accepted",
      entityType: "invitation",
      entityId: invitation.id,
      summary: { email: invitation.email, role: invitation.role },
      ip: clientIp(request),
    });
    return true;
  });
  if (!accepted) throw new Response(STATE_MESSAGES.accepted, { status: 410 });
  throw redirect("/", { headers: { "Set-Cookie": await createSession(userId, request, invitation.org_id) } });
}

export default function AcceptInvitation() {
  const invite = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="card login-card" aria-labelledby="invite-title">
      <h1 id="invite-title">{`Join ${invite.orgName}`}</h1>
      <p>
        You are invited as <strong>{ROLE_LABELS[invite.role]}</strong>
        {invite.supplierName ? (
          <>
            {" "}
            for <strong>{invite.supplierName}</strong>
          </>
        ) : null}
        , with the address <strong>{invite.email}</strong>.
      </p>
      <ActionMessage result={result} />
      <Form method="post">
        <CsrfInput />
        {invite.hasAccount ? (
          <div className="field">
            <label htmlFor="currentPassword">Your current password</label>
            <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required />
          </div>
        ) : (
          <>
            <div className="field">
              <label htmlFor="name">Your name</label>
              <input id="name" name="name" type="text" autoComplete="name" required />
            </div>
            <div className="field">
              <label htmlFor="password">Choose a password (at least 12 characters)</label>
              <input id="password" name="password" type="password" autoComplete="new-password" minLength={12} required />
            </div>
            <div className="field">
              <label htmlFor="confirm">Repeat the password</label>
              <input id="confirm" name="confirm" type="password" autoComplete="new-password" required />
            </div>
          </>
        )}
        <button type="submit" className="button">
          Accept invitation
        </button>
      </Form>
    </section>
  );
}
