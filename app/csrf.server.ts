import { randomBytes, timingSafeEqual } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { isSecureRequest, sessionSecret } from "./config.server";

/*
 * Double-submit token: a random value in a signed, HttpOnly, SameSite=Lax cookie that every form
 * repeats in a hidden field. A forged cross-site form cannot read the cookie, so cannot repeat it.
 */
const csrfCookie = createCookie("csrf", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secrets: [sessionSecret],
});

export const CSRF_FIELD = "csrf";

/** The request's token, plus a Set-Cookie header when a new one had to be issued. */
export async function getCsrfToken(request: Request): Promise<{ token: string; setCookie: string | null }> {
  const existing = await csrfCookie.parse(request.headers.get("Cookie"));
  if (typeof existing === "string" && existing.length > 0) return { token: existing, setCookie: null };
  const token = randomBytes(32).toString("base64url");
  return { token, setCookie: await csrfCookie.serialize(token, { secure: isSecureRequest(request) }) };
}

export class CsrfError extends Error {}

/** Throws a 403 Response unless the form repeats the cookie's token. */
export async function validateCsrf(formData: FormData, request: Request): Promise<void> {
  const cookieToken = await csrfCookie.parse(request.headers.get("Cookie"));
  const formToken = formData.get(CSRF_FIELD);
  const valid =
    typeof cookieToken === "string" &&
    typeof formToken === "string" &&
    cookieToken.length === formToken.length &&
    timingSafeEqual(Buffer.from(cookieToken), Buffer.from(formToken));
  if (!valid) {
    throw new Response("This form has expired or did not come from this site. Reload the page and try again.", {
      status: 403,
      statusText: "Invalid form token",
    });
  }
}

/** Reads a posted form and checks its CSRF token: the first line of every action. */
export async function readValidatedForm(request: Request): Promise<FormData> {
  const formData = await request.formData();
  await validateCsrf(formData, request);
  return formData;
}
