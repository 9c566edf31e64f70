import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { attemptLogin, createSession, getCurrentUser } from "~/auth.server";
import { CsrfInput } from "~/components/csrf-input";
import { FieldError, FormErrors } from "~/components/form";
import { validateCsrf } from "~/csrf.server";
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
  const result = await attemptLogin(request, email, password);
  if (result.kind === "throttled") {
    const minutes = Math.max(1, Math.ceil(result.status.retryAfterSeconds / 60));
    return data(
      submission.reply({
        formErrors: [`Too many failed attempts. Please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`],
        hideFields: ["password"],
      }),
      { status: 429, headers: { "Retry-After": String(result.status.retryAfterSeconds) } },
    );
  }
  if (result.kind === "invalid") {
    return data(submission.reply({ formErrors: ["Email or password is incorrect."], hideFields: ["password"] }), {
      status: 401,
    });
  }
  const setCookie = await createSession(result.userId, request);
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
        <FormErrors form={form} />
        <div className="field">
          <label htmlFor={fields.email.id}>Email</label>
          <input {...getInputProps(fields.email, { type: "email" })} autoComplete="username" autoFocus />
          <FieldError field={fields.email} />
        </div>
        <div className="field">
          <label htmlFor={fields.password.id}>Password</label>
          <input {...getInputProps(fields.password, { type: "password" })} autoComplete="current-password" />
          <FieldError field={fields.password} />
        </div>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Logging in…" : "Log in"}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
    </section>
  );
}
