import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { clientIp, recordAudit } from "~/audit.server";
import { authenticate, createSession, getCurrentUser } from "~/auth.server";
import { CsrfInput } from "~/components/csrf-input";
import { validateCsrf } from "~/csrf.server";
import { db } from "~/db.server";
import { safeRedirect } from "~/utils/misc";

export const meta: MetaFunction = () => [{ title: "Log in · Resilience portal" }];

const LoginSchema = z.object({
  email: z.string({ required_error: "Enter your email address" }).trim().email("Enter a valid email address").max(320),
  password: z.string({ required_error: "Enter your password" }).min(1, "Enter your password").max(1024),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getCurrentUser(request)) throw redirect("/");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  await validateCsrf(formData, request);
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return submission.reply({ hideFields: ["password"] });
  }
  const { email, password, redirectTo } = submission.value;
  const user = await authenticate(db, email, password);
  if (!user) {
    // The address is recorded, never the password.
    await recordAudit(db, {
      orgId: null,
      actorUserId: null,
      action: "auth.login_failed",
      summary: { email: email.toLowerCase() },
      ip: clientIp(request),
    });
    return submission.reply({ formErrors: ["Email or password is incorrect."], hideFields: ["password"] });
  }
  const setCookie = await createSession(user.id, request);
  await recordAudit(db, { orgId: null, actorUserId: user.id, action: "auth.login", ip: clientIp(request) });
  throw redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": setCookie } });
}

export default function LoginPage() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "login",
    lastResult,
    constraint: getZodConstraint(LoginSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });
  return (
    <section className="card login-card" aria-labelledby="login-title">
      <h1 id="login-title">Log in</h1>
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        {form.errors?.length ? (
          <div className="alert error" role="alert" id={form.errorId}>
            {form.errors.join(" ")}
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={fields.email.id}>Email</label>
          <input {...getInputProps(fields.email, { type: "email" })} autoComplete="username" autoFocus />
          {fields.email.errors ? (
            <p className="field-error" id={fields.email.errorId}>
              {fields.email.errors.join(" ")}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={fields.password.id}>Password</label>
          <input {...getInputProps(fields.password, { type: "password" })} autoComplete="current-password" />
          {fields.password.errors ? (
            <p className="field-error" id={fields.password.errorId}>
              {fields.password.errors.join(" ")}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Logging in…" : "Log in"}
        </button>
      </Form>
    </section>
  );
}
