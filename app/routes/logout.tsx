import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { destroySession } from "~/auth.server";
import { validateCsrf } from "~/csrf.server";

// Logging out changes state, so it is POST-only (a GET here is a 404/405 from Remix).
export async function action({ request }: ActionFunctionArgs) {
  await validateCsrf(await request.formData(), request);
  throw redirect("/login", { headers: { "Set-Cookie": await destroySession(request) } });
}

export async function loader() {
  throw redirect("/");
}
