import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { getCurrentUser } from "./auth.server";
import { CsrfInput } from "./components/csrf-input";
import { getCsrfToken } from "./csrf.server";
import { navigationFor, ROLE_LABELS } from "./navigation";
import stylesheet from "./styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Resilience portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [current, csrf] = await Promise.all([getCurrentUser(request), getCsrfToken(request)]);
  return data(
    {
      csrfToken: csrf.token,
      user: current
        ? {
            name: current.user.name,
            email: current.user.email,
            role: current.membership?.role ?? null,
            supplierId: current.membership?.supplierId ?? null,
            orgName: current.membership?.orgName ?? null,
            supplierName: current.membership?.supplierName ?? null,
          }
        : null,
    },
    { headers: csrf.setCookie ? { "Set-Cookie": csrf.setCookie } : undefined },
  );
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

function Header() {
  const root = useRootData();
  const user = root?.user;
  const items = navigationFor(user?.role ?? null, user?.supplierId ?? null);
  return (
    <header className="site-header">
      <div className="inner">
        <Link to="/" className="brand">
          Resilience portal
        </Link>
        {items.length > 0 ? (
          <nav aria-label="Main" className="site-nav">
            <ul>
              {items.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.to === "/"}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        {user ? (
          <div className="account">
            <Link to="/account" className="account-link">
              {user.name}
              {user.role ? ` · ${ROLE_LABELS[user.role]}` : ""}
              {user.supplierName ? ` · ${user.supplierName}` : user.orgName ? ` · ${user.orgName}` : ""}
            </Link>
            <Form method="post" action="/logout">
              <CsrfInput />
              <button type="submit" className="link-button">
                Log out
              </button>
            </Form>
          </div>
        ) : null}
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <Header />
        <main id="main">{children}</main>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  let title = "Something went wrong";
  let message = "An unexpected error occurred. It has been logged; please try again in a moment.";
  let status = 500;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    if (status === 404) {
      title = "Page not found";
      message = "There is nothing at this address, or you do not have access to it.";
    } else if (status === 403) {
      title = "Access denied";
      message = typeof error.data === "string" && error.data ? error.data : "You do not have access to this page.";
    } else if (status < 500) {
      title = error.statusText || "Request not accepted";
      message = typeof error.data === "string" && error.data ? error.data : message;
    }
  }
  return (
    <section className="error-page card" aria-labelledby="error-title">
      <p className="muted">Error {status}</p>
      <h1 id="error-title">{title}</h1>
      <p>{message}</p>
      <p>
        <Link to="/">Back to the home page</Link>
      </p>
    </section>
  );
}
