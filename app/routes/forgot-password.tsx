import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { clientIp, recordAudit } from "~/audit.server";
import { ActionMessage } from "~/components/action-message";
import { CsrfInput } from "~/components/csrf-input";
import { readValidatedForm } from "~/csrf.server";
import { createPasswordReset } from "~/data/password-resets.server";
import { db } from "~/db.server";
import { absoluteUrl, deliverLink } from "~/mail.server";
import { RESET_REQUESTS_PER_IP, consumeRateLimit } from "~/rate-limit.server";
import { parseForm, type ActionResult } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Forgot password · Resilience portal" }];

const Schema = z.object({ email: z.string().trim().toLowerCase().email("Enter a valid email address").max(320) });

// The answer is the same whether or not the address has an account, so it cannot be used to probe.
const SENT = "If an account exists for that address, a reset link has been sent. Your administrator can also create one for you.";

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(Schema, await readValidatedForm(request));
  if (!parsed.success) return data(parsed.result, { status: 400 });
  const ip = clientIp(request) ?? "unknown";
  const limit = await consumeRateLimit(db, `reset:ip:${ip}`, RESET_REQUESTS_PER_IP);
  if (limit.limited) return data<ActionResult>({ ok: false, message: "Too many requests. Please wait a few minutes." }, { status: 429 });
  const user = await db.selectFrom("users").select("id").where("email", "=", parsed.data.email).where("is_active", "=", true).executeTakeFirst();
  if (user) {
    const reset = await createPasswordReset(db, user.id);
    await deliverLink({ to: parsed.data.email, subject: "Reset your password", url: absoluteUrl(request, `/reset-password/${reset.token}`) });
    await recordAudit(db, { orgId: null, actorUserId: user.id, action: "password.reset_requested", ip });
  }
  return { ok: true, message: SENT } satisfies ActionResult;
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  return (
    <section className="card login-card" aria-labelledby="forgot-title">
      <h1 id="forgot-title">Forgot your password?</h1>
      <ActionMessage result={result} />
      <Form method="post">
        <CsrfInput />
        <div className="field">
          <label htmlFor="email">Email</label>
          <input id="email" name="email" type="email" autoComplete="username" required />
        </div>
        <button type="submit" className="button">
          Send reset link
        </button>
      </Form>
      <p>
        <Link to="/login">Back to log in</Link>
      </p>
    </section>
  );
}
