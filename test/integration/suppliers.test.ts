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
