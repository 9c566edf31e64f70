import { useRouteLoaderData } from "@remix-run/react";

/** The hidden CSRF field every POST form must carry (checked by validateCsrf on the server). */
export function CsrfInput() {
  const root = useRouteLoaderData<{ csrfToken: string }>("root");
  return <input type="hidden" name="csrf" value={root?.csrfToken ?? ""} />;
}
