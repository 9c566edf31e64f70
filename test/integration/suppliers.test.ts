import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed/demo-data";
import { startTestApp } from "../support/app";
import { TestClient } from "../support/http-client";

let app: Awaited<ReturnType<typeof startTestApp>>;
let admin: TestClient;
beforeAll(async () => {
  app = await startTestApp();
  admin = new TestClient(app.baseUrl);
  await admin.login(DEMO_USERS.find((u) => u.role === "procurement")!.email, DEMO_PASSWORD);
  await admin.page("/suppliers/new");
});
afterAll(async () => {
  await app?.close();
});

const valid = {
  externalId: "SUP-900",
  name: "Ελληνικά Logistics Α.Ε.",
  country: "gr",
  criticality: "high",
  isVendor: "on",
  contactEmail: "bcm@hellas.example",
  declaredRtoHours: "4",
  declaredRpoHours: "0.25",
  lei: "",
  duns: "",
  website: "https://www.hellas-logistics.example",
};

describe("creating and editing suppliers", () => {
  it("creates a supplier, storing hours as minutes and auditing it", async () => {
    const response = await admin.post("/suppliers/new", valid);
    expect(response.status).toBe(302);
    const id = response.headers.get("location")!.split("/").pop()!;
    const row = await app.db.selectFrom("suppliers").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: valid.name, country: "GR", declared_rto_min: 240, declared_rpo_min: 15, is_vendor: true });
    const audit = await app.db.selectFrom("audit_events").select("action").where("entity_id", "=", id).execute();
    expect(audit.map((a) => a.action)).toContain("supplier.created");
    const page = await admin.page(`/suppliers/${id}`);
    expect(page.html).toContain(valid.name);
  });

  it("explains each invalid field and saves nothing", async () => {
    const before = (await app.db.selectFrom("suppliers").select("id").execute()).length;
    const response = await admin.post("/suppliers/new", {
      ...valid,
      externalId: "SUP-901",
      country: "XX",
      declaredRtoHours: "-3",
      lei: "123",
      contactEmail: "not-an-email",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("two-letter ISO country code");
    expect(html).toContain("0 or more");
    expect(html).toContain("An LEI has 20 characters");
    expect(html).toContain("valid email address");
    expect((await app.db.selectFrom("suppliers").select("id").execute()).length).toBe(before);
  });

  it("refuses a taken supplier ID", async () => {
    const response = await admin.post("/suppliers/new", { ...valid, name: "Something else" });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("Another supplier already has this ID");
  });

  it("warns about a likely duplicate (same name and country, legal form aside) until confirmed", async () => {
    const lookalike = { ...valid, externalId: "SUP-902", name: "ΕΛΛΗΝΙΚΑ LOGISTICS", website: "" };
    const warned = await admin.post("/suppliers/new", lookalike);
    expect(warned.status).toBe(409);
    expect(await warned.text()).toContain("same name and country");
    const confirmed = await admin.post("/suppliers/new", { ...lookalike, confirmNotDuplicate: "yes" });
    expect(confirmed.status).toBe(302);
  });

  it("edits, archives and restores a supplier, keeping before/after in the audit log", async () => {
    const row = await app.db.selectFrom("suppliers").select("id").where("external_id", "=", "SUP-900").executeTakeFirstOrThrow();
    await admin.page(`/suppliers/${row.id}/edit`);
    const saved = await admin.post(`/suppliers/${row.id}/edit`, { ...valid, declaredRtoHours: "48", confirmNotDuplicate: "yes" });
    expect(saved.status).toBe(302);
    const updated = await app.db.selectFrom("suppliers").select(["declared_rto_min"]).where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(updated.declared_rto_min).toBe(2880);
    const audit = await app.db.selectFrom("audit_events").select("summary").where("entity_id", "=", row.id).where("action", "=", "supplier.updated").executeTakeFirstOrThrow();
    expect(audit.summary).toMatchObject({ before: { declared_rto_min: 240 }, after: { declaredRtoMin: 2880 } });

    expect((await admin.post(`/suppliers/${row.id}/edit`, { intent: "archive" })).status).toBe(302);
    const list = await admin.page(`/suppliers?q=SUP-900`);
    expect(list.html).toContain("No supplier matches");
    expect((await admin.post(`/suppliers/${row.id}/edit`, { intent: "restore" })).status).toBe(302);
    expect((await admin.page(`/suppliers?q=SUP-900`)).html).toContain(valid.name);
  });
});

describe("the supplier list", () => {
  it("filters by country, relationship, tier and findings, and sorts by risk", async () => {
    const de = await admin.page("/suppliers?country=DE&relationship=vendor");
    const countries = [...de.html.matchAll(/<td>([A-Z]{2}|—)<\/td>/g)].map((m) => m[1]);
    expect(countries.length).toBeGreaterThan(0);
    expect(new Set(countries)).toEqual(new Set(["DE"]));
    const tier2 = await admin.page("/suppliers?tier=2");
    expect(tier2.html).toMatch(/\d+ suppliers?, page 1/);
    expect(tier2.html).not.toContain("Vendor (tier 1)");
    const risky = await admin.page("/suppliers?findings=yes&sort=risk_score&dir=desc");
    const scores = [...risky.html.matchAll(/<td class="num">(\d+)<\/td><td class="num">\d+<\/td><\/tr>/g)].map((m) => Number(m[1]));
    expect(scores.length).toBeGreaterThan(1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("shows the risk score with its parts and the causing path on the supplier page", async () => {
    const kestrel = await app.db.selectFrom("suppliers").select("id").where("name", "like", "Kestrel%").executeTakeFirstOrThrow();
    const { html } = await admin.page(`/suppliers/${kestrel.id}`);
    expect(html).toContain("Risk score breakdown");
    expect(html).toContain("Recovery gap");
    expect(html).toMatch(/Why the effective RTO is 2 d/);
  });

  it("does not show a vendor user our risk assessment of their company", async () => {
    const vendorUser = DEMO_USERS.find((u) => u.role === "vendor")!;
    const client = new TestClient(app.baseUrl);
    await client.login(vendorUser.email, DEMO_PASSWORD);
    const own = await app.db
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select("m.supplier_id")
      .where("u.email", "=", vendorUser.email)
      .executeTakeFirstOrThrow();
    const { response, html } = await client.page(`/suppliers/${own.supplier_id}`);
    expect(response.status).toBe(200);
    // Checked against the whole document, hydration data included.
    expect(html).not.toContain("Risk score breakdown");
    expect(html).not.toContain("Relied on by");
    expect(html).not.toContain("Effective RTO");
  });
});
