import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed/demo-data";
import { startTestApp } from "../support/app";
import { TestClient } from "../support/http-client";

/*
 * Internal services (the BIA) kept in the portal: create, edit, delete, and the suppliers each one
 * needs; every change is reflected in the recovery figures by the background recompute.
 */
let app: Awaited<ReturnType<typeof startTestApp>>;
let admin: TestClient;
let orgId: string;
let slowSupplierId: string;
const SLOW_SUPPLIER = "株式会社テスト物流";
const ARABIC_NAME = "خدمة الرواتب";

beforeAll(async () => {
  app = await startTestApp();
  orgId = (await app.db.selectFrom("organisations").select("id").where("slug", "=", "demo").executeTakeFirstOrThrow()).id;
  // A vendor that needs two days to recover: linking it to a 4-hour service must show a gap.
  slowSupplierId = (
    await app.db
      .insertInto("suppliers")
      .values({ org_id: orgId, external_id: "SUP-JP-1", name: SLOW_SUPPLIER, normalized_name: SLOW_SUPPLIER, country: "JP", is_vendor: true, declared_rto_min: 2880, declared_rpo_min: 60 })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  admin = new TestClient(app.baseUrl);
  await admin.login(DEMO_USERS.find((u) => u.role === "procurement")!.email, DEMO_PASSWORD);
  await admin.page("/services/new");
});
afterAll(async () => {
  await app?.close();
});

const valid = {
  externalId: "SVC-AR-1",
  name: ARABIC_NAME,
  owner: "مدير الموارد البشرية",
  requiredRtoHours: "4",
  requiredRpoHours: "0.25",
  mtpdHours: "8",
  description: "",
};

async function serviceId(externalId: string) {
  return (await app.db.selectFrom("internal_services").select("id").where("org_id", "=", orgId).where("external_id", "=", externalId).executeTakeFirstOrThrow()).id;
}

/** Polls the recovery API until the background recompute shows what we expect (no manual recompute). */
async function recoveryUntil(id: string, expected: { recoveryMinutes: number; rtoStatus: string }) {
  const deadline = Date.now() + 30_000;
  let last: unknown;
  for (;;) {
    const response = await admin.request(`/api/v1/services/${id}/recovery`);
    last = await response.json();
    if (response.status === 200 && (last as { recoveryMinutes: number }).recoveryMinutes === expected.recoveryMinutes && (last as { rtoStatus: string }).rtoStatus === expected.rtoStatus) {
      return last as Record<string, unknown>;
    }
    if (Date.now() > deadline) throw new Error(`recovery never became ${JSON.stringify(expected)}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("creating a service", () => {
  it("links to the new-service page from the list for procurement", async () => {
    const { html } = await admin.page("/services");
    expect(html).toContain('href="/services/new"');
  });

  it("shows each problem next to its field and saves nothing", async () => {
    const count = async () => (await app.db.selectFrom("internal_services").select("id").where("org_id", "=", orgId).execute()).length;
    const before = await count();
    await admin.page("/services/new");

    const tooLong = await admin.post("/services/new", { ...valid, requiredRtoHours: "10", mtpdHours: "8" });
    expect(tooLong.status).toBe(400);
    const html = await tooLong.text();
    // The message sits in the RTO field's error element, which the input points at.
    const rtoError = html.match(/<p class="field-error" id="([^"]*requiredRtoHours[^"]*)">([^<]*)<\/p>/);
    expect(rtoError?.[2]).toContain("The required RTO (10 h) is longer than the MTPD (8 h)");
    expect(html).toMatch(new RegExp(`name="requiredRtoHours"[^>]*aria-describedby="[^"]*${rtoError![1]}`));
    // What the user typed is kept.
    expect(html).toContain(ARABIC_NAME);

    const negative = await admin.post("/services/new", { ...valid, requiredRpoHours: "-1", mtpdHours: "" });
    expect(negative.status).toBe(400);
    const negativeHtml = await negative.text();
    expect(negativeHtml).toMatch(/id="[^"]*requiredRpoHours[^"]*">Enter hours as a number of 0 or more/);
    expect(negativeHtml).toMatch(/id="[^"]*mtpdHours[^"]*">Enter the MTPD in hours/);

    const ambiguous = await admin.post("/services/new", { ...valid, mtpdHours: "1,500" });
    expect(ambiguous.status).toBe(400);
    expect(await ambiguous.text()).toContain("without thousands separators");

    const duplicate = await admin.post("/services/new", { ...valid, externalId: "SVC-01" });
    expect(duplicate.status).toBe(409);
    expect(await duplicate.text()).toMatch(/id="[^"]*externalId[^"]*">Another service already has this Service ID/);

    expect(await count()).toBe(before);
  });

  it("creates a service with an Arabic name, storing hours as whole minutes, and audits it", async () => {
    const response = await admin.post("/services/new", { ...valid, mtpdHours: "8,5" });
    expect(response.status).toBe(302);
    const id = response.headers.get("location")!.split("/").pop()!;
    const row = await app.db.selectFrom("internal_services").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ org_id: orgId, external_id: "SVC-AR-1", name: ARABIC_NAME, owner: valid.owner, required_rto_min: 240, required_rpo_min: 15, mtpd_min: 510 });
    const audit = await app.db.selectFrom("audit_events").select(["action", "summary"]).where("entity_id", "=", id).execute();
    expect(audit.map((a) => a.action)).toEqual(["service.created"]);

    const { html } = await admin.page(`/services/${id}`);
    expect(html).toContain(`<h1>${ARABIC_NAME}</h1>`);
    expect(html).toContain(valid.owner);
    expect(html).toContain("8 h 30 min");
    expect(html).toContain(`href="/services/${id}/edit"`);
    // No supplier yet: it recovers on its own (once the background recompute has run).
    await recoveryUntil(id, { recoveryMinutes: 0, rtoStatus: "meets" });
    expect((await admin.page("/services?q=" + encodeURIComponent("الرواتب"))).html).toContain(ARABIC_NAME);
  });
});

describe("editing a service and its suppliers", () => {
  it("edits the requirements, keeping before/after in the audit log", async () => {
    const id = await serviceId("SVC-AR-1");
    const page = await admin.page(`/services/${id}/edit`);
    expect(page.html).toMatch(/name="mtpdHours"[^>]*value="8.5"/);
    expect(page.html).toMatch(/name="requiredRpoHours"[^>]*value="0.25"/);

    const invalid = await admin.post(`/services/${id}/edit`, { ...valid, requiredRtoHours: "9", mtpdHours: "8" });
    expect(invalid.status).toBe(400);
    const taken = await admin.post(`/services/${id}/edit`, { ...valid, externalId: "SVC-02" });
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain("Another service already has this Service ID");

    const saved = await admin.post(`/services/${id}/edit`, { ...valid, name: `${ARABIC_NAME} 2`, requiredRtoHours: "6", mtpdHours: "12" });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe(`/services/${id}`);
    const row = await app.db.selectFrom("internal_services").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: `${ARABIC_NAME} 2`, required_rto_min: 360, mtpd_min: 720 });
    const audit = await app.db.selectFrom("audit_events").select("summary").where("entity_id", "=", id).where("action", "=", "service.updated").executeTakeFirstOrThrow();
    expect(audit.summary).toMatchObject({ before: { mtpd_min: 510, name: ARABIC_NAME }, after: { mtpdMin: 720, name: `${ARABIC_NAME} 2` } });
  });

  it("finds a supplier with the search form, adds it, and the recompute shows the gap; removing it clears it", async () => {
    const id = await serviceId("SVC-AR-1");
    const search = await admin.page(`/services/${id}/edit?q=${encodeURIComponent("テスト")}`);
    expect(search.html).toContain("1 match for");
    expect(search.html).toContain(`aria-label="Add ${SLOW_SUPPLIER}"`);
    // The search lists at most 20 suppliers and says when there are more.
    const broad = await admin.page(`/services/${id}/edit?q=SUP`);
    expect(broad.html).toContain("The first 20 matches for “SUP”: refine the search");
    expect([...broad.html.matchAll(/aria-label="Add /g)].length).toBe(20);

    const added = await admin.post(`/services/${id}/edit`, { intent: "add-supplier", supplierId: slowSupplierId, q: "テスト" });
    expect(added.status).toBe(302);
    const back = added.headers.get("location")!;
    expect(back).toContain(`/services/${id}/edit?`);
    const after = await admin.page(back);
    expect(after.html).toContain(`${SLOW_SUPPLIER} added.`);
    expect(after.html).toContain(`aria-label="Remove ${SLOW_SUPPLIER}"`);
    // Already linked: no longer offered.
    expect(after.html).not.toContain(`aria-label="Add ${SLOW_SUPPLIER}"`);
    const links = await app.db.selectFrom("service_suppliers").select("supplier_id").where("service_id", "=", id).execute();
    expect(links).toEqual([{ supplier_id: slowSupplierId }]);

    // Two days against a 6-hour RTO and a 12-hour MTPD.
    const recovery = await recoveryUntil(id, { recoveryMinutes: 2880, rtoStatus: "beyond_mtpd" });
    expect(recovery.path).toEqual(expect.arrayContaining([expect.objectContaining({ name: SLOW_SUPPLIER })]));
    const detail = await admin.page(`/services/${id}`);
    expect(detail.html).toContain("Beyond MTPD");
    expect(detail.html).toContain(SLOW_SUPPLIER);

    await admin.page(`/services/${id}/edit`);
    const removed = await admin.post(`/services/${id}/edit`, { intent: "remove-supplier", supplierId: slowSupplierId });
    expect(removed.status).toBe(302);
    expect((await admin.page(removed.headers.get("location")!)).html).toContain(`${SLOW_SUPPLIER} removed.`);
    await recoveryUntil(id, { recoveryMinutes: 0, rtoStatus: "meets" });
    const audit = await app.db.selectFrom("audit_events").select("action").where("entity_id", "=", id).orderBy("created_at").execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["service.supplier_added", "service.supplier_removed"]));
  });

  it("refuses to link another organisation's supplier", async () => {
    const id = await serviceId("SVC-AR-1");
    const other = await otherTenant();
    await admin.page(`/services/${id}/edit`);
    const response = await admin.post(`/services/${id}/edit`, { intent: "add-supplier", supplierId: other.supplierId });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("That supplier was not found");
    expect(await app.db.selectFrom("service_suppliers").select("supplier_id").where("service_id", "=", id).execute()).toEqual([]);
  });
});

let otherTenantIds: { serviceId: string; supplierId: string } | undefined;
async function otherTenant() {
  if (otherTenantIds) return otherTenantIds;
  const org = await app.db.insertInto("organisations").values({ slug: "other-services", name: "Other" }).returning("id").executeTakeFirstOrThrow();
  const service = await app.db
    .insertInto("internal_services")
    .values({ org_id: org.id, external_id: "SVC-X", name: "Secret Service", required_rto_min: 60, required_rpo_min: 0, mtpd_min: 120 })
    .returning("id")
    .executeTakeFirstOrThrow();
  const supplier = await app.db
    .insertInto("suppliers")
    .values({ org_id: org.id, external_id: "SUP-X", name: "Secret Supplier", normalized_name: "secret supplier", is_vendor: true })
    .returning("id")
    .executeTakeFirstOrThrow();
  otherTenantIds = { serviceId: service.id, supplierId: supplier.id };
  return otherTenantIds;
}

describe("who may change services", () => {
  it("refuses analysts and vendor users (403) and hides the links from them", async () => {
    const id = await serviceId("SVC-01");
    const analyst = new TestClient(app.baseUrl);
    await analyst.login(DEMO_USERS.find((u) => u.role === "analyst")!.email, DEMO_PASSWORD);
    const list = await analyst.page("/services");
    expect(list.html).not.toContain('href="/services/new"');
    expect((await analyst.page(`/services/${id}`)).html).not.toContain(`href="/services/${id}/edit"`);
    const vendor = new TestClient(app.baseUrl);
    await vendor.login(DEMO_USERS.find((u) => u.role === "vendor")!.email, DEMO_PASSWORD);
    for (const client of [analyst, vendor]) {
      await client.page("/account");
      expect((await client.request("/services/new")).status).toBe(403);
      expect((await client.request(`/services/${id}/edit`)).status).toBe(403);
      expect((await client.post("/services/new", { ...valid, externalId: "SVC-SNEAK" })).status).toBe(403);
      expect((await client.post(`/services/${id}/edit`, { ...valid, externalId: "SVC-01", name: "Hijacked" })).status).toBe(403);
      expect((await client.post(`/services/${id}/edit`, { intent: "delete", confirmDelete: "yes" })).status).toBe(403);
    }
    const row = await app.db.selectFrom("internal_services").select("name").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.name).toBe("Payroll");
    expect(await app.db.selectFrom("internal_services").select("id").where("external_id", "=", "SVC-SNEAK").execute()).toEqual([]);
  });

  it("answers 404 for another organisation's service, and changes nothing there", async () => {
    const other = await otherTenant();
    await admin.page("/services");
    for (const path of [`/services/${other.serviceId}`, `/services/${other.serviceId}/edit`, "/services/not-a-uuid/edit", `/services/${"-".repeat(36)}`]) {
      const response = await admin.request(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain("Secret Service");
    }
    const post = await admin.post(`/services/${other.serviceId}/edit`, { intent: "delete", confirmDelete: "yes" });
    expect(post.status).toBe(404);
    const rename = await admin.post(`/services/${other.serviceId}/edit`, { ...valid, externalId: "SVC-X", name: "Renamed" });
    expect(rename.status).toBe(404);
    const row = await app.db.selectFrom("internal_services").select("name").where("id", "=", other.serviceId).executeTakeFirstOrThrow();
    expect(row.name).toBe("Secret Service");
  });

  it("refuses a forged form without the CSRF token", async () => {
    const id = await serviceId("SVC-AR-1");
    const created = await admin.post("/services/new", { ...valid, externalId: "SVC-FORGED" }, { withCsrf: false });
    expect(created.status).toBe(403);
    const edited = await admin.post(`/services/${id}/edit`, { ...valid, name: "Forged" }, { withCsrf: false });
    expect(edited.status).toBe(403);
    const linked = await admin.post(`/services/${id}/edit`, { intent: "add-supplier", supplierId: slowSupplierId }, { withCsrf: false });
    expect(linked.status).toBe(403);
    const deleted = await admin.post(`/services/${id}/edit`, { intent: "delete", confirmDelete: "yes" }, { withCsrf: false });
    expect(deleted.status).toBe(403);
    expect(await app.db.selectFrom("internal_services").select("id").where("external_id", "=", "SVC-FORGED").execute()).toEqual([]);
    const row = await app.db.selectFrom("internal_services").select("name").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.name).toBe(`${ARABIC_NAME} 2`);
    expect(await app.db.selectFrom("service_suppliers").select("supplier_id").where("service_id", "=", id).execute()).toEqual([]);
  });
});

describe("deleting a service", () => {
  it("asks for confirmation, then deletes it with its links and resolves its findings", async () => {
    // Payroll of the demo: linked suppliers; give it a finding-producing gap first.
    const id = await serviceId("SVC-AR-1");
    await admin.page(`/services/${id}/edit`);
    await admin.post(`/services/${id}/edit`, { intent: "add-supplier", supplierId: slowSupplierId });
    await recoveryUntil(id, { recoveryMinutes: 2880, rtoStatus: "beyond_mtpd" });
    const findings = await app.db.selectFrom("findings").select(["id", "status"]).where("subject_id", "=", id).execute();
    expect(findings.length).toBeGreaterThan(0);

    await admin.page(`/services/${id}/edit`);
    const unconfirmed = await admin.post(`/services/${id}/edit`, { intent: "delete" });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain("Tick the box to confirm");
    expect(await app.db.selectFrom("internal_services").select("id").where("id", "=", id).execute()).toHaveLength(1);

    const confirmed = await admin.post(`/services/${id}/edit`, { intent: "delete", confirmDelete: "yes" });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe("/services");
    expect(await app.db.selectFrom("internal_services").select("id").where("id", "=", id).execute()).toEqual([]);
    expect(await app.db.selectFrom("service_suppliers").select("supplier_id").where("service_id", "=", id).execute()).toEqual([]);
    expect((await admin.request(`/services/${id}`)).status).toBe(404);
    const audit = await app.db.selectFrom("audit_events").select("summary").where("entity_id", "=", id).where("action", "=", "service.deleted").executeTakeFirstOrThrow();
    expect(audit.summary).toMatchObject({ before: { external_id: "SVC-AR-1", supplierIds: [slowSupplierId] } });
    // The background recompute resolves the findings about the deleted service.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const open = await app.db.selectFrom("findings").select("id").where("subject_id", "=", id).where("status", "<>", "resolved").execute();
      if (open.length === 0) break;
      if (Date.now() > deadline) throw new Error("findings of the deleted service were not resolved");
      await new Promise((r) => setTimeout(r, 200));
    }
  });
});
