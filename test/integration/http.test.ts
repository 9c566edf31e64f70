import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed/demo-data";
import { startTestApp } from "../support/app";
import { TestClient } from "../support/http-client";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const procurement = DEMO_USERS.find((u) => u.role === "procurement")!;
const analyst = DEMO_USERS.find((u) => u.role === "analyst")!;
const vendor = DEMO_USERS.find((u) => u.role === "vendor")!;

async function loggedIn(email: string) {
  const client = new TestClient(app.baseUrl);
  const response = await client.login(email, DEMO_PASSWORD);
  expect(response.status).toBe(302);
  return client;
}

describe("the app shell", () => {
  it("sends visitors to the login page, keeping where they were going", async () => {
    const client = new TestClient(app.baseUrl);
    const response = await client.request("/suppliers?page=2");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login?redirectTo=%2Fsuppliers%3Fpage%3D2");
  });

  it("logs a procurement user in and shows the organisation overview", async () => {
    const client = await loggedIn(procurement.email);
    const { response, html } = await client.page("/");
    expect(response.status).toBe(200);
    expect(html).toContain("Northwind");
    expect(html).toContain("meet their RTO");
    expect(html).toContain('href="/suppliers"');
  });

  it("lists, searches and pages suppliers for an analyst", async () => {
    const client = await loggedIn(analyst.email);
    const first = await client.page("/suppliers");
    expect(first.response.status).toBe(200);
    expect(first.html).toMatch(/\d+ suppliers, page 1 of \d+/);
    const search = await client.page(`/suppliers?q=${encodeURIComponent("有限公司")}`);
    expect(search.html).toContain("有限公司");
    const none = await client.page("/suppliers?q=zzzz-no-such-supplier");
    expect(none.html).toContain("No supplier matches");
    const nonsense = await client.page("/suppliers?page=-4&sort=password_hash&dir=sideways");
    expect(nonsense.response.status).toBe(200);
  });

  it("shows internal services with their requirements", async () => {
    const client = await loggedIn(analyst.email);
    const { html } = await client.page("/services");
    expect(html).toContain("Required RTO");
    expect(html).toMatch(/Payroll/i);
  });

  it("shows a vendor only its own company and refuses the registry (audited)", async () => {
    const client = await loggedIn(vendor.email);
    const home = await client.page("/");
    expect(home.response.status).toBe(200);
    expect(home.html).toContain("Your questionnaires");
    const registry = await client.page("/suppliers");
    expect(registry.response.status).toBe(403);
    expect(registry.html).toContain("Access denied");
    const denial = await app.db
      .selectFrom("audit_events")
      .select(["action", "summary"])
      .where("action", "=", "permission.denied")
      .execute();
    expect(denial.some((d) => (d.summary as { path?: string }).path === "/suppliers")).toBe(true);
  });

  it("renders a helpful 404 page", async () => {
    const client = await loggedIn(analyst.email);
    const { response, html } = await client.page("/no/such/page");
    expect(response.status).toBe(404);
    expect(html).toContain("Page not found");
    expect(html).toContain("Back to the home page");
  });
});

describe("security promises", () => {
  it("refuses a form post without a valid CSRF token", async () => {
    const client = new TestClient(app.baseUrl);
    await client.page("/login");
    const missing = await client.post("/login", { email: procurement.email, password: DEMO_PASSWORD }, { withCsrf: false });
    expect(missing.status).toBe(403);
    const forged = await client.post("/login", { email: procurement.email, password: DEMO_PASSWORD, csrf: "forged" });
    expect(forged.status).toBe(403);
    expect(client.cookies.has("session")).toBe(false);
  });

  it("rejects a wrong password, audits it, and never stores the password", async () => {
    const client = new TestClient(app.baseUrl);
    await client.page("/login");
    const secret = "Wrong-Horse-Battery-Staple-9";
    const response = await client.post("/login", { email: procurement.email, password: secret });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain("Email or password is incorrect");
    const events = await app.db.selectFrom("audit_events").selectAll().where("action", "=", "auth.login_failed").execute();
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toContain(secret);
  });

  it("does not follow an off-site redirect after login", async () => {
    const client = new TestClient(app.baseUrl);
    await client.page("/login");
    const response = await client.post("/login", {
      email: procurement.email,
      password: DEMO_PASSWORD,
      redirectTo: "//evil.example/phish",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/");
  });

  it("uses HttpOnly SameSite cookies and sets protective headers", async () => {
    const client = new TestClient(app.baseUrl);
    await client.page("/login");
    const response = await client.post("/login", { email: procurement.email, password: DEMO_PASSWORD });
    const sessionCookie = response.headers.getSetCookie().find((c) => c.startsWith("session="));
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Lax/i);
    const page = await client.request("/");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(page.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(page.headers.get("x-powered-by")).toBeNull();
  });

  it("logs out with a POST only, and the old session stops working", async () => {
    const client = await loggedIn(procurement.email);
    const stolen = client.cookies.get("session")!;
    const viaGet = await client.request("/logout");
    expect(viaGet.status).toBe(302);
    expect((await client.request("/")).status).toBe(200);
    await client.page("/");
    const out = await client.post("/logout", {});
    expect(out.status).toBe(302);
    const replay = new TestClient(app.baseUrl);
    replay.cookies.set("session", stolen);
    const response = await replay.request("/");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/login/);
  });

  it("answers the health check", async () => {
    const response = await fetch(`${app.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });
});
