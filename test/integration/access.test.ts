import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed/demo-data";
import { hashPassword } from "../../app/password.server";
import { startTestApp } from "../support/app";
import { TestClient } from "../support/http-client";
import { rootDir } from "../support/server-process";

/*
 * Identity, tenancy and access control, tried the way an attacker would: other tenants' ids,
 * other vendors' ids, forged forms, replayed links, guessed passwords, deactivated accounts.
 */
let app: Awaited<ReturnType<typeof startTestApp>>;
const procurement = DEMO_USERS.find((u) => u.role === "procurement")!;
const analyst = DEMO_USERS.find((u) => u.role === "analyst")!;
const vendor = DEMO_USERS.find((u) => u.role === "vendor")!;
const ids = { demoOrg: "", ownSupplier: "", otherVendorSameOrg: "", otherTenantSupplier: "", otherTenantAdmin: "" };
const OTHER_ADMIN = { email: "admin@othertenant.example", password: "other-tenant-password-1" };

beforeAll(async () => {
  app = await startTestApp();
  const { db } = app;
  const org = await db.selectFrom("organisations").select("id").where("slug", "=", "demo").executeTakeFirstOrThrow();
  ids.demoOrg = org.id;
  const vendorMembership = await db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select("m.supplier_id")
    .where("u.email", "=", vendor.email)
    .executeTakeFirstOrThrow();
  ids.ownSupplier = vendorMembership.supplier_id!;
  const other = await db
    .selectFrom("suppliers")
    .select("id")
    .where("org_id", "=", org.id)
    .where("id", "<>", ids.ownSupplier)
    .where("is_vendor", "=", true)
    .executeTakeFirstOrThrow();
  ids.otherVendorSameOrg = other.id;

  // A second tenant with its own supplier and admin.
  const otherOrg = await db.insertInto("organisations").values({ slug: "other-tenant", name: "Other Tenant" }).returning("id").executeTakeFirstOrThrow();
  const otherSupplier = await db
    .insertInto("suppliers")
    .values({ org_id: otherOrg.id, external_id: "SUP-001", name: "Secret Supplier", normalized_name: "secret supplier", is_vendor: true })
    .returning("id")
    .executeTakeFirstOrThrow();
  ids.otherTenantSupplier = otherSupplier.id;
  const otherAdmin = await db
    .insertInto("users")
    .values({ email: OTHER_ADMIN.email, name: "Other Admin", password_hash: await hashPassword(OTHER_ADMIN.password) })
    .returning("id")
    .executeTakeFirstOrThrow();
  ids.otherTenantAdmin = otherAdmin.id;
  await db.insertInto("memberships").values({ org_id: otherOrg.id, user_id: otherAdmin.id, role: "procurement" }).execute();
});

afterAll(async () => {
  await app?.close();
});

async function loggedIn(email: string, password = DEMO_PASSWORD) {
  const client = new TestClient(app.baseUrl);
  const response = await client.login(email, password);
  expect(response.status, `login as ${email}`).toBe(302);
  return client;
}

async function deniedCount() {
  const rows = await app.db.selectFrom("audit_events").select("id").where("action", "=", "permission.denied").execute();
  return rows.length;
}

/** Every route that takes an object id, as a page and through the API. Extend it with each new route. */
const ID_ROUTES = [
  { name: "supplier page", path: (id: string) => `/suppliers/${id}` },
  { name: "supplier edit page", path: (id: string) => `/suppliers/${id}/edit`, procurementOnly: true },
  { name: "supplier evidence page", path: (id: string) => `/suppliers/${id}/evidence` },
  { name: "supplier evidence API", path: (id: string) => `/api/v1/suppliers/${id}/evidence` },
  { name: "supplier PDF", path: (id: string) => `/reports/suppliers/${id}.pdf` },
  { name: "supplier PDF API", path: (id: string) => `/api/v1/suppliers/${id}/report.pdf` },
  { name: "supplier API", path: (id: string) => `/api/v1/suppliers/${id}` },
  { name: "supplier dependencies page", path: (id: string) => `/suppliers/${id}/dependencies` },
];

/** Pages a vendor user must never open (the registry and administration). */
const NON_VENDOR_PAGES = [
  "/reports",
  "/api/v1/reports/risk-register.xlsx",
  "/tasks/00000000-0000-0000-0000-000000000000",
  "/tasks/00000000-0000-0000-0000-000000000000/download",
  "/evidence", "/suppliers", "/suppliers/new", "/services", "/services/new", "/findings", "/api/v1/findings", "/scenarios", "/api/v1/scenarios", "/questionnaires", "/questionnaires/send", "/questionnaires/templates", "/questionnaires/schedule", "/portfolio", "/portfolio/export.xlsx", "/admin/users", "/admin/audit", "/admin/api-tokens", "/map", "/map/graph.json", "/concentration", "/resolution", "/api/v1/graph"];
const PROCUREMENT_ONLY_PAGES = ["/suppliers/new", "/services/new", "/resolution", "/questionnaires/send", "/questionnaires/templates", "/admin/users", "/admin/audit", "/admin/api-tokens"];

describe("route inventory", () => {
  it("classifies every route file, so new routes join these access tests", () => {
    const known = new Set([
      "_index.tsx",
      "$.tsx",
      "login.tsx",
      "logout.tsx",
      "healthz.ts",
      "forgot-password.tsx",
      "reset-password.$token.tsx",
      "invite.$token.tsx",
      "account.tsx",
      "colleagues.tsx",
      "suppliers._index.tsx",
      "suppliers.$supplierId._index.tsx",
      "suppliers.$supplierId.edit.tsx",
      "suppliers.new.tsx",
      "services._index.tsx",
      "services.$serviceId._index.tsx",
      "services.$serviceId.edit.tsx",
      "services.new.tsx",
      "findings._index.tsx",
      "findings.$findingId.tsx",
      "api.v1.findings.ts",
      "api.v1.scenarios.ts",
      "scenarios._index.tsx",
      "questionnaires._index.tsx",
      "questionnaires.send.tsx",
      "assessments.$assessmentId.tsx",
      "assessments.$assessmentId.offline[.]xlsx.ts",
      "assessments.$assessmentId_.offline.tsx",
      "questionnaires.templates.tsx",
      "questionnaires.templates_.$versionId.tsx",
      "questionnaires.templates_.$versionId_.preview.tsx",
      "questionnaires.schedule.tsx",
      "api.v1.assessments.ts",
      "api.v1.assessments.$assessmentId.ts",
      "portfolio._index.tsx",
      "portfolio.imports.$taskId.tsx",
      "portfolio.template[.]xlsx.ts",
      "portfolio.export[.]xlsx.ts",
      "api.v1.import.ts",
      "suppliers.$supplierId.evidence.tsx",
      "suppliers.$supplierId.evidence.upload.ts",
      "evidence._index.tsx",
      "evidence.$evidenceId.tsx",
      "evidence.$evidenceId.download.ts",
      "notifications.tsx",
      "reports._index.tsx",
      "reports.suppliers.$supplierId[.]pdf.ts",
      "tasks.$taskId.tsx",
      "tasks.$taskId.download.ts",
      "api.v1.reports.risk-register[.]xlsx.ts",
      "api.v1.suppliers.$supplierId.report[.]pdf.ts",
      "api.v1.suppliers.$supplierId.evidence.ts",
      "api.v1.suppliers.$supplierId.evidence.$evidenceId.ts",
      "scenarios.$scenarioId.tsx",
      "scenarios.compare.tsx",
      "api.v1.services.$serviceId.recovery.ts",
      "admin.users.tsx",
      "admin.audit.tsx",
      "admin.api-tokens.tsx",
      "api.v1.me.ts",
      "api.v1.openapi[.]json.ts",
      "api.v1.suppliers.$supplierId.ts",
      "suppliers.$supplierId.dependencies.tsx",
      "map.tsx",
      "map_.graph[.]json.ts",
      "concentration.tsx",
      "resolution.tsx",
      "api.v1.dependencies.ts",
      "api.v1.dependencies.$dependencyId.ts",
      "api.v1.alternates.ts",
      "api.v1.alternates.$alternateId.ts",
      "api.v1.graph.ts",
    ]);
    const files = readdirSync(path.join(rootDir, "app/routes")).filter((f) => !f.includes(".test."));
    expect(files.filter((f) => !known.has(f))).toEqual([]);
  });
});

describe("tenant and supplier isolation", () => {
  it.each(ID_ROUTES)("a vendor gets 403/404 for another tenant's and another vendor's $name, and it is audited", async (route) => {
    const client = await loggedIn(vendor.email);
    expect((await client.request(route.path(ids.ownSupplier))).status).toBe(route.procurementOnly ? 403 : 200);
    for (const foreign of [ids.otherTenantSupplier, ids.otherVendorSameOrg, "not-a-uuid", "-".repeat(36), "00000000-0000-0000-0000-000000000000"]) {
      const before = await deniedCount();
      const response = await client.request(route.path(foreign));
      expect(response.status, `${route.name} ${foreign}`).toBe(route.procurementOnly ? 403 : 404);
      expect(await response.text()).not.toContain("Secret Supplier");
      expect(await deniedCount()).toBe(before + 1);
    }
  });

  it.each(ID_ROUTES)("procurement of one tenant gets 404 for another tenant's $name", async (route) => {
    const client = await loggedIn(procurement.email);
    expect((await client.request(route.path(ids.otherVendorSameOrg))).status).toBe(200);
    const response = await client.request(route.path(ids.otherTenantSupplier));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("Secret Supplier");
  });

  it("answers 404, never a server error, for an id shaped like a uuid that is not one", async () => {
    const client = await loggedIn(procurement.email);
    const fake = "-".repeat(36);
    for (const route of [
      `/findings/${fake}`,
      `/scenarios/${fake}`,
      `/assessments/${fake}`,
      `/services/${fake}`,
      `/tasks/${fake}`,
      `/api/v1/assessments/${fake}`,
      `/api/v1/dependencies/${fake}`,
      `/api/v1/alternates/${fake}`,
    ]) {
      expect((await client.request(route)).status, route).toBe(404);
    }
  });

  it("an API token only reaches its own organisation", async () => {
    const admin = await loggedIn(OTHER_ADMIN.email, OTHER_ADMIN.password);
    const { html } = await admin.page("/admin/api-tokens");
    expect(html).toContain("API tokens");
    const token = await admin.createApiToken("sync", "analyst", 30);
    const auth = { headers: { Authorization: `Bearer ${token}` } };
    expect((await fetch(`${app.baseUrl}/api/v1/suppliers/${ids.otherTenantSupplier}`, auth)).status).toBe(200);
    for (const foreign of [ids.ownSupplier, ids.otherVendorSameOrg]) {
      expect((await fetch(`${app.baseUrl}/api/v1/suppliers/${foreign}`, auth)).status).toBe(404);
    }
    const me = await (await fetch(`${app.baseUrl}/api/v1/me`, auth)).json();
    expect(me).toMatchObject({ organisation: { slug: "other-tenant" }, role: "analyst", authenticatedWith: "token" });
    // The stored token is a hash, never the token itself.
    const stored = await app.db.selectFrom("api_tokens").select(["token_hash", "token_prefix"]).execute();
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it.each(NON_VENDOR_PAGES)("a vendor is refused %s with 403", async (page) => {
    const client = await loggedIn(vendor.email);
    expect((await client.request(page)).status).toBe(403);
  });

  it.each(PROCUREMENT_ONLY_PAGES)("an analyst is refused %s with 403", async (page) => {
    const client = await loggedIn(analyst.email);
    expect((await client.request(page)).status).toBe(403);
  });

  it("keeps services and findings of one tenant away from another tenant and from vendors", async () => {
    const service = await app.db.selectFrom("internal_services").select("id").where("org_id", "=", ids.demoOrg).executeTakeFirstOrThrow();
    const finding = await app.db.selectFrom("findings").select("id").where("org_id", "=", ids.demoOrg).executeTakeFirstOrThrow();
    const paths = [`/services/${service.id}`, `/findings/${finding.id}`, `/api/v1/services/${service.id}/recovery`];
    const outsider = await loggedIn(OTHER_ADMIN.email, OTHER_ADMIN.password);
    for (const path of paths) expect((await outsider.request(path)).status, path).toBe(404);
    const vendorClient = await loggedIn(vendor.email);
    for (const path of paths) expect((await vendorClient.request(path)).status, path).toBe(403);
    const insider = await loggedIn(analyst.email);
    for (const path of paths) expect((await insider.request(path)).status, path).toBe(200);
    // Editing a service is procurement's: 403 for analysts and vendors, 404 for another tenant.
    const edit = `/services/${service.id}/edit`;
    expect((await insider.request(edit)).status).toBe(403);
    expect((await vendorClient.request(edit)).status).toBe(403);
    expect((await outsider.request(edit)).status).toBe(404);
    expect((await (await loggedIn(procurement.email)).request(edit)).status).toBe(200);
  });

  it("the API answers 401 without credentials and for a made-up token", async () => {
    expect((await fetch(`${app.baseUrl}/api/v1/me`)).status).toBe(401);
    const bad = await fetch(`${app.baseUrl}/api/v1/me`, { headers: { Authorization: "Bearer rp_madeup" } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ error: { status: 401, message: expect.stringContaining("Invalid") } });
  });

  it("publishes an OpenAPI document listing every API route", async () => {
    const doc = await (await fetch(`${app.baseUrl}/api/v1/openapi.json`)).json();
    expect(doc.openapi).toBe("3.1.0");
    const apiFiles = readdirSync(path.join(rootDir, "app/routes")).filter((f) => f.startsWith("api.v1.") && !f.includes("openapi"));
    const documented = Object.keys(doc.paths);
    for (const file of apiFiles) {
      // The first path parameter is documented as {id}, later ones by name ({evidenceId}).
      let parameterIndex = 0;
      const route =
        "/" +
        file
          .replace(/^api\.v1\./, "")
          .replace(/\.tsx?$/, "")
          .replace(/\$(\w+)/g, (_match, name: string) => (parameterIndex++ === 0 ? "{id}" : `{${name}}`))
          .replaceAll("[.]", "\u0000")
          .replaceAll(".", "/")
          .replaceAll("\u0000", ".");
      expect(documented).toContain(route);
    }
  });
});

describe("one session lookup per request", () => {
  // Root and page loaders share the lookup while it is in flight (app/auth.server.ts); it must never
  // outlive the request or cross from one session to another.
  it("is shared by calls carrying the same request id and the same session, and by nothing else", async () => {
    const { getCurrentUser } = await import("../../app/auth.server");
    const cookieOf = (client: TestClient) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const buyer = cookieOf(await loggedIn(procurement.email));
    const other = cookieOf(await loggedIn(analyst.email));
    const request = (cookie: string, requestId: string) =>
      new Request("http://portal.test/", { headers: { cookie, "x-portal-request-id": requestId } });

    const [first, second] = await Promise.all([getCurrentUser(request(buyer, "1")), getCurrentUser(request(buyer, "1"))]);
    expect(first?.user.email).toBe(procurement.email);
    expect(second).toBe(first);

    const later = await getCurrentUser(request(buyer, "1"));
    expect(later?.user.email).toBe(procurement.email);
    expect(later).not.toBe(first);

    const [mine, theirs] = await Promise.all([getCurrentUser(request(buyer, "2")), getCurrentUser(request(other, "2"))]);
    expect(mine?.user.email).toBe(procurement.email);
    expect(theirs?.user.email).toBe(analyst.email);
  });
});

describe("forms and sessions", () => {
  it("refuses a state-changing post without the CSRF token on every admin form", async () => {
    const client = await loggedIn(procurement.email);
    for (const page of ["/admin/users", "/admin/api-tokens", "/account"]) {
      const response = await client.post(page, { intent: "invite", email: "x@example.com", role: "analyst" }, { withCsrf: false });
      expect(response.status, page).toBe(403);
    }
  });

  it("throttles 20 wrong passwords in a row, even when the right one follows", async () => {
    const client = new TestClient(app.baseUrl);
    await client.page("/login");
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const response = await client.post("/login", { email: analyst.email, password: `wrong-${i}` });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    const right = await client.post("/login", { email: analyst.email, password: DEMO_PASSWORD });
    expect(right.status).toBe(429);
    expect(await right.text()).toContain("Too many failed attempts");
    const throttled = await app.db.selectFrom("audit_events").select("id").where("action", "=", "auth.login_throttled").execute();
    expect(throttled.length).toBeGreaterThan(0);
  });

  it("logs out everywhere", async () => {
    const first = await loggedIn(procurement.email);
    const second = await loggedIn(procurement.email);
    await first.page("/account");
    const response = await first.post("/account", { intent: "logout-everywhere" });
    expect(response.status).toBe(302);
    expect((await second.request("/")).status).toBe(302);
    expect((await first.request("/")).status).toBe(302);
  });
});

describe("invitations", () => {
  it("invites a vendor user who sets a password and lands in their company; the link is single use", async () => {
    const admin = await loggedIn(procurement.email);
    await admin.page("/admin/users");
    const created = await admin.post("/admin/users", { intent: "invite", email: "New.Person@Vendor.example", role: "vendor", supplierId: ids.otherVendorSameOrg });
    const html = await created.text();
    const link = html.match(/value="(http[^"]*\/invite\/[^"]+)"/)![1]!;
    const stored = await app.db.selectFrom("invitations").selectAll().where("email", "=", "new.person@vendor.example").executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(link.split("/").pop()!);

    const invitee = new TestClient(app.baseUrl);
    const invitePath = new URL(link).pathname;
    const page = await invitee.page(invitePath);
    expect(page.html).toContain("Join Northwind");
    const password = "a-long-new-vendor-password";
    const weak = await invitee.post(invitePath, { name: "New Person", password: "short", confirm: "short" });
    expect(weak.status).toBe(400);
    // Nothing the server prints may contain the password.
    const printed: string[] = [];
    const spies = (["log", "info", "warn", "error"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(" "))),
    );
    const accepted = await invitee.post(invitePath, { name: "New Person", password, confirm: password });
    await invitee.login("new.person@vendor.example", password);
    for (const spy of spies) spy.mockRestore();
    expect(accepted.status).toBe(302);
    expect(printed.join("\n")).not.toContain(password);
    const home = await invitee.page("/");
    expect(home.html).toContain("Your questionnaires");
    expect((await invitee.request(`/suppliers/${ids.otherVendorSameOrg}`)).status).toBe(200);
    expect((await invitee.request(`/suppliers/${ids.ownSupplier}`)).status).toBe(404);

    const reuse = new TestClient(app.baseUrl);
    const again = await reuse.page(invitePath);
    expect(again.response.status).toBe(410);
    expect(again.html).toContain("already been used");
    const user = await app.db.selectFrom("users").select("password_hash").where("email", "=", "new.person@vendor.example").executeTakeFirstOrThrow();
    expect(user.password_hash).not.toContain(password);
  });

  it("refuses an expired invitation and a revoked one", async () => {
    const admin = await loggedIn(procurement.email);
    await admin.page("/admin/users");
    const linkFor = async (email: string) => {
      const response = await admin.post("/admin/users", { intent: "invite", email, role: "analyst" });
      return new URL((await response.text()).match(/value="(http[^"]*\/invite\/[^"]+)"/)![1]!).pathname;
    };
    const expiredPath = await linkFor("late@example.com");
    await app.db.updateTable("invitations").set({ expires_at: new Date(Date.now() - 1000) }).where("email", "=", "late@example.com").execute();
    const expired = await new TestClient(app.baseUrl).page(expiredPath);
    expect(expired.response.status).toBe(410);
    expect(expired.html).toContain("expired");

    const revokedPath = await linkFor("revoked@example.com");
    const invitation = await app.db.selectFrom("invitations").select("id").where("email", "=", "revoked@example.com").executeTakeFirstOrThrow();
    await admin.post("/admin/users", { intent: "revoke-invite", invitationId: invitation.id });
    const revoked = new TestClient(app.baseUrl);
    await revoked.page("/login");
    const attempt = await revoked.post(revokedPath, { name: "X", password: "long-enough-password", confirm: "long-enough-password" });
    expect(attempt.status).toBe(410);
  });

  it("lets a vendor invite colleagues of their own company only", async () => {
    const client = await loggedIn(vendor.email);
    await client.page("/colleagues");
    const response = await client.post("/colleagues", { intent: "invite", email: "colleague@vendor.example", role: "procurement", supplierId: ids.otherVendorSameOrg });
    expect(response.status).toBe(200);
    const invitation = await app.db.selectFrom("invitations").selectAll().where("email", "=", "colleague@vendor.example").executeTakeFirstOrThrow();
    expect(invitation).toMatchObject({ role: "vendor", supplier_id: ids.ownSupplier });
  });
});

describe("deactivation and password reset", () => {
  it("stops a deactivated member's sessions and API tokens on the next request", async () => {
    // A second procurement user with a token, then deactivated by the first.
    const email = "second.admin@northwind.example";
    const user = await app.db
      .insertInto("users")
      .values({ email, name: "Second Admin", password_hash: await hashPassword("second-admin-password") })
      .returning("id")
      .executeTakeFirstOrThrow();
    const membership = await app.db
      .insertInto("memberships")
      .values({ org_id: ids.demoOrg, user_id: user.id, role: "procurement" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const second = await loggedIn(email, "second-admin-password");
    const token = await second.createApiToken("ci", "procurement", 0);
    expect((await fetch(`${app.baseUrl}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);

    const admin = await loggedIn(procurement.email);
    await admin.page("/admin/users");
    await admin.post("/admin/users", { intent: "deactivate", membershipId: membership.id });

    const next = await second.request("/admin/users");
    expect(next.status).toBe(302);
    expect((await fetch(`${app.baseUrl}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
    const relogin = new TestClient(app.baseUrl);
    await relogin.login(email, "second-admin-password");
    expect((await relogin.request("/")).status).toBe(403);
  });

  it("will not deactivate the last procurement user", async () => {
    const admin = await loggedIn(procurement.email);
    const own = await app.db
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select("m.id")
      .where("u.email", "=", procurement.email)
      .executeTakeFirstOrThrow();
    await admin.page("/admin/users");
    const response = await admin.post("/admin/users", { intent: "change-role", membershipId: own.id, role: "analyst" });
    expect(response.status).toBe(409);
  });

  it("resets a password with a one-time link and signs out the old sessions", async () => {
    const email = DEMO_USERS.filter((u) => u.role === "vendor")[1]!.email;
    const old = await loggedIn(email);
    const admin = await loggedIn(procurement.email);
    const member = await app.db
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select("m.id")
      .where("u.email", "=", email)
      .executeTakeFirstOrThrow();
    await admin.page("/admin/users");
    const response = await admin.post("/admin/users", { intent: "reset-link", membershipId: member.id });
    const resetPath = new URL((await response.text()).match(/value="(http[^"]*\/reset-password\/[^"]+)"/)![1]!).pathname;
    const browser = new TestClient(app.baseUrl);
    await browser.page(resetPath);
    const done = await browser.post(resetPath, { password: "brand-new-password-123", confirm: "brand-new-password-123" });
    expect(done.status).toBe(302);
    expect((await old.request("/")).status).toBe(302);
    expect((await new TestClient(app.baseUrl).page(resetPath)).response.status).toBe(410);
    expect((await loggedIn(email, "brand-new-password-123")).cookies.has("session")).toBe(true);
  });
});
