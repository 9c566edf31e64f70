import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { clientIp, recordAudit } from "~/audit.server";
import { createSession, revokeUserSessions, setPassword } from "~/auth.server";
import { ActionMessage } from "~/components/action-message";
import { CsrfInput } from "~/components/csrf-input";
import { readValidatedForm } from "~/csrf.server";
import { consumePasswordReset, findValidPasswordReset } from "~/data/password-resets.server";
import { db } from "~/db.server";
import { parseForm, type ActionResult } from "~/utils/forms";
import { withConfirmation } from "~/utils/password-policy";

export const meta: MetaFunction = () => [{ title: "Choose a new password · Resilience portal" }];

const INVALID = "This reset link is invalid, already used or expired. Ask for a new one.";

export async function loader({ params }: LoaderFunctionArgs) {
  if (!params.token || !(await findValidPasswordReset(db, params.token))) throw new Response(INVALID, { status: 410 });
  return null;
}

const Schema = withConfirmation({});

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readValidatedForm(request);
  const reset = params.token ? await findValidPasswordReset(db, params.token) : undefined;
  if (!reset) throw new Response(INVALID, { status: 410 });
  const parsed = parseForm(Schema, formData);
  if (!parsed.success) return data<ActionResult>(parsed.result, { status: 400 });
  if (!(await consumePasswordReset(db, reset.id))) throw new Response(INVALID, { status: 410 });
  await setPassword(reset.user_id, parsed.data.password);
  // Whoever knew the old password is signed out everywhere.
  await revokeUserSessions(reset.user_id);
  await recordAudit(db, { orgId: null, actorUserId: reset.user_id, action: "password.reset", ip: clientIp(request) });
  throw redirect("/", { headers: { "Set-Cookie": await createSession(reset.user_id, request) } });
}

export default function ResetPassword() {
  const result = useActionData<typeof action>();
  return (
    <section className="card login-card" aria-labelledby="reset-title">
      <h1 id="reset-title">Choose a new password</h1>
      <ActionMessage result={result} />
      <Form method="post">
        <CsrfInput />
        <div className="field">
          <label htmlFor="password">New password (at least 12 characters)</label>
          <input id="password" name="password" type="password" autoComplete="new-password" minLength={12} required />
        </div>
        <div className="field">
          <label htmlFor="confirm">Repeat the new password</label>
          <input id="confirm" name="confirm" type="password" autoComplete="new-password" required />
        </div>
        <button type="submit" className="button">
          Save password and log in
        </button>
      </Form>
    </section>
  );
}
