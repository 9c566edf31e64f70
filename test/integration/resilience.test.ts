import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed/demo-data";
import { recomputeOrganisation } from "../../app/resilience.server";
import { startTestApp } from "../support/app";
import { TestClient } from "../support/http-client";

/*
 * The engine wired to the database and the pages: results are stored, pages read them, changes
 * trigger a background recompute, and finding workflow survives recomputes.
 */
let app: Awaited<ReturnType<typeof startTestApp>>;
let analyst: TestClient;
let orgId: string;
beforeAll(async () => {
  app = await startTestApp();
  orgId = (await app.db.selectFrom("organisations").select("id").where("slug", "=", "demo").executeTakeFirstOrThrow()).id;
  analyst = new TestClient(app.baseUrl);
  await analyst.login(DEMO_USERS.find((u) => u.role === "analyst")!.email, DEMO_PASSWORD);
});
afterAll(async () => {
  await app?.close();
});

async function serviceByName(name: string) {
  return app.db
    .selectFrom("internal_services as s")
    .innerJoin("service_results as r", "r.service_id", "s.id")
    .select(["s.id", "r.rto_status", "r.recovery_min"])
    .where("s.org_id", "=", orgId)
    .where("s.name", "=", name)
    .executeTakeFirstOrThrow();
}

async function waitForRecompute(after: Date) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const org = await app.db.selectFrom("organisations").select("results_computed_at").where("id", "=", orgId).executeTakeFirstOrThrow();
    if (org.results_computed_at && org.results_computed_at > after) return;
    if (Date.now() > deadline) throw new Error("recompute did not run");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("stored results and the dashboard", () => {
  it("shows the demo story on the dashboard, each figure linking to its list", async () => {
    const { html } = await analyst.page("/");
    expect(html).toMatch(/<p class="figure">2<\/p><p class="figure-label">miss their RTO/);
    expect(html).toMatch(/<p class="figure">1<\/p><p class="figure-label">exceed their MTPD/);
    expect(html).toMatch(/<p class="figure">1<\/p><p class="figure-label">unknown/);
    expect(html).toContain('href="/services?rto=gap"');
    expect(html).toContain("Where services fall short");
  });

  it("counts accepted evidence expiring within 30, 60 and 90 days, and expired, as a plain count does", async () => {
    const supplier = await app.db.selectFrom("suppliers").select("id").where("org_id", "=", orgId).orderBy("external_id").executeTakeFirstOrThrow();
    // One certificate per bucket, one valid for longer and one that never expires: only some count.
    for (const [i, days] of [-5, 10, 45, 80, 400, null].entries()) {
      await app.db
        .insertInto("evidence")
        .values({
          org_id: orgId,
          supplier_id: supplier.id,
          kind: "iso22301",
          title: `Certificate ${i}`,
          file_name: "cert.pdf",
          content_type: "application/pdf",
          size_bytes: 0,
          sha256: "0".repeat(64),
          storage_key: `evidence:test:${i}`,
          status: "accepted",
          valid_to: days === null ? null : new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10),
        })
        .execute();
    }
    const expected = await sql<{ expired: number; in30: number; in60: number; in90: number }>`
      select count(*) filter (where valid_to < current_date)::int as expired,
             count(*) filter (where valid_to >= current_date and valid_to < current_date + 30)::int as in30,
             count(*) filter (where valid_to >= current_date and valid_to < current_date + 60)::int as in60,
             count(*) filter (where valid_to >= current_date and valid_to < current_date + 90)::int as in90
      from evidence where org_id = ${orgId} and status = 'accepted'`.execute(app.db);
    const { expired, in30, in60, in90 } = expected.rows[0]!;
    expect([expired, in30, in60, in90].every((n) => n > 0)).toBe(true);
    const { html } = await analyst.page("/");
    expect(html).toContain(`${expired} expired · ${in30} within 30 days · ${in60} within 60 days · ${in90} within 90 days`);
  });

  it("filters services by status and explains a failing one with its path", async () => {
    const beyond = await analyst.page("/services?rto=beyond_mtpd");
    expect(beyond.html).toContain("Raw-material supply for production lines");
    expect(beyond.html).not.toContain("Payroll");
    const service = await serviceByName("Order management");
    expect(service).toMatchObject({ rto_status: "gap", recovery_min: 2880 });
    const page = await analyst.page(`/services/${service.id}`);
    expect(page.html).toContain("Why: the chain that sets the recovery time");
    expect(page.html).toMatch(/Datavault/);
  });

  it("recomputes in the background after a supplier changes", async () => {
    // Make the slow tier-2 behind Order management fast: the service should then meet its RTO.
    const datavault = await app.db.selectFrom("suppliers").select(["id"]).where("org_id", "=", orgId).where("name", "like", "Datavault%").executeTakeFirstOrThrow();
    const procurement = new TestClient(app.baseUrl);
    await procurement.login(DEMO_USERS.find((u) => u.role === "procurement")!.email, DEMO_PASSWORD);
    const edit = await procurement.page(`/suppliers/${datavault.id}/edit`);
    const field = (name: string) => edit.html.match(new RegExp(`name="${name}"[^>]*value="([^"]*)"`))?.[1] ?? "";
    const before = new Date();
    const saved = await procurement.post(`/suppliers/${datavault.id}/edit`, {
      externalId: field("externalId"),
      name: field("name"),
      country: field("country"),
      criticality: "high",
      declaredRtoHours: "2",
      declaredRpoHours: "",
      confirmNotDuplicate: "yes",
    });
    expect(saved.status).toBe(302);
    // The tested figure (if any) wins over the declared one; clear it so the declared 2 h applies.
    await app.db.updateTable("suppliers").set({ tested_rto_min: null, tested_at: null }).where("id", "=", datavault.id).execute();
    await recomputeOrganisation(app.db, orgId);
    await waitForRecompute(before);
    const service = await serviceByName("Order management");
    expect(service.rto_status).toBe("meets");
  });
});

describe("findings workflow", () => {
  it("accepts a risk with a reason and expiry, keeps it through a recompute, and records history", async () => {
    const finding = await app.db
      .selectFrom("findings")
      .select(["id"])
      .where("org_id", "=", orgId)
      .where("status", "=", "open")
      .where("kind", "=", "single_source_no_alternate")
      .executeTakeFirstOrThrow();
    await analyst.page(`/findings/${finding.id}`);
    const past = await analyst.post(`/findings/${finding.id}`, { action: "accept", reason: "Vendor switch planned", until: "2001-01-01" });
    expect(past.status).toBe(400);
    expect(await past.text()).toContain("must end in the future");
    const ok = await analyst.post(`/findings/${finding.id}`, { action: "accept", reason: "Vendor switch planned", until: "2099-12-31" });
    expect(ok.status).toBe(200);
    await recomputeOrganisation(app.db, orgId);
    const after = await app.db.selectFrom("findings").select(["status", "accepted_reason"]).where("id", "=", finding.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ status: "accepted", accepted_reason: "Vendor switch planned" });
    const page = await analyst.page(`/findings/${finding.id}`);
    expect(page.html).toContain("Vendor switch planned");
    const open = await analyst.page("/findings");
    expect(open.html).not.toContain(`/findings/${finding.id}"`);
  });

  it("resolves a finding when its cause disappears", async () => {
    const finding = await app.db
      .selectFrom("findings")
      .select(["id", "subject_id"])
      .where("org_id", "=", orgId)
      .where("kind", "=", "rto_gap")
      .where("status", "=", "open")
      .executeTakeFirstOrThrow();
    const service = await app.db.selectFrom("internal_services").select(["id", "required_rto_min", "mtpd_min"]).where("id", "=", finding.subject_id).executeTakeFirstOrThrow();
    await app.db.updateTable("internal_services").set({ required_rto_min: service.mtpd_min }).where("id", "=", service.id).execute();
    await recomputeOrganisation(app.db, orgId);
    const after = await app.db.selectFrom("findings").select(["status"]).where("id", "=", finding.id).executeTakeFirstOrThrow();
    expect(after.status).toBe("resolved");
  });
});

describe("recompute writes only what changed", () => {
  it("leaves unchanged results alone, and a renamed supplier shows up in the findings that name it", async () => {
    await recomputeOrganisation(app.db, orgId);
    const snapshot = async () =>
      new Map(
        (await app.db.selectFrom("findings").select(["id", "last_seen_at", "reason"]).where("org_id", "=", orgId).execute()).map((f) => [f.id, f]),
      );
    const before = await snapshot();
    const resultsBefore = await app.db.selectFrom("supplier_results").select(["supplier_id", "computed_at"]).where("org_id", "=", orgId).execute();
    await recomputeOrganisation(app.db, orgId);
    const after = await snapshot();
    expect([...after.values()].map((f) => [f.id, f.last_seen_at.getTime()])).toEqual([...before.values()].map((f) => [f.id, f.last_seen_at.getTime()]));
    const resultsAfter = await app.db.selectFrom("supplier_results").select(["supplier_id", "computed_at"]).where("org_id", "=", orgId).execute();
    expect(new Map(resultsAfter.map((r) => [r.supplier_id, r.computed_at.getTime()]))).toEqual(new Map(resultsBefore.map((r) => [r.supplier_id, r.computed_at.getTime()])));

    // The input a single-source finding names: its reason is built from the name, not stored with it.
    const finding = await app.db
      .selectFrom("findings")
      .select(["id", "path"])
      .where("org_id", "=", orgId)
      .where("kind", "=", "single_source_no_alternate")
      .where("status", "<>", "resolved")
      .executeTakeFirstOrThrow();
    const inputId = (finding.path as { supplierId?: string }[])[1]!.supplierId!;
    const { name } = await app.db.selectFrom("suppliers").select("name").where("id", "=", inputId).executeTakeFirstOrThrow();
    expect((await app.db.selectFrom("findings").select("reason").where("id", "=", finding.id).executeTakeFirstOrThrow()).reason).toContain(name);
    await app.db.updateTable("suppliers").set({ name: "Renamed Input Works Ltd" }).where("id", "=", inputId).execute();
    await recomputeOrganisation(app.db, orgId);
    const renamed = await app.db.selectFrom("findings").select(["reason"]).where("id", "=", finding.id).executeTakeFirstOrThrow();
    expect(renamed.reason).toContain("relies on Renamed Input Works Ltd as its only source");
    const page = await analyst.page(`/findings/${finding.id}`);
    expect(page.html).toContain("Renamed Input Works Ltd");
    await app.db.updateTable("suppliers").set({ name }).where("id", "=", inputId).execute();
    await recomputeOrganisation(app.db, orgId);
  });

  it("two recomputes at once store the same results as one", async () => {
    // The second one reads the stored hashes before the first commits, then waits for its lock and
    // re-reads them: no error, no duplicate finding, the same figures.
    await app.db.updateTable("internal_services").set({ name: "Order management (renamed)" }).where("org_id", "=", orgId).where("name", "=", "Order management").execute();
    const [a, b] = await Promise.all([recomputeOrganisation(app.db, orgId), recomputeOrganisation(app.db, orgId)]);
    expect(b).toEqual(a);
    const open = await app.db.selectFrom("findings").select("fingerprint").where("org_id", "=", orgId).where("status", "<>", "resolved").execute();
    expect(open).toHaveLength(a.findings);
    const stored = await app.db
      .selectFrom("service_results as r")
      .innerJoin("internal_services as s", "s.id", "r.service_id")
      .select(["s.name", "r.path"])
      .where("r.org_id", "=", orgId)
      .where("s.name", "=", "Order management (renamed)")
      .executeTakeFirstOrThrow();
    expect(stored.path).toBeDefined();
    await app.db.updateTable("internal_services").set({ name: "Order management" }).where("org_id", "=", orgId).where("name", "=", "Order management (renamed)").execute();
    await recomputeOrganisation(app.db, orgId);
  });
});

describe("engine API", () => {
  it("answers recovery and findings over the API with a token", async () => {
    const admin = new TestClient(app.baseUrl);
    await admin.login(DEMO_USERS.find((u) => u.role === "procurement")!.email, DEMO_PASSWORD);
    const token = await admin.createApiToken("bi", "analyst", 1);
    const auth = { headers: { Authorization: `Bearer ${token}` } };
    const raw = await serviceByName("Raw-material supply for production lines");
    const recovery = await (await fetch(`${app.baseUrl}/api/v1/services/${raw.id}/recovery`, auth)).json();
    expect(recovery).toMatchObject({ rtoStatus: "beyond_mtpd", recoveryMinutes: raw.recovery_min });
    expect(recovery.path[0]).toMatchObject({ kind: "service", name: "Raw-material supply for production lines" });
    const findings = await (await fetch(`${app.baseUrl}/api/v1/findings?severity=critical`, auth)).json();
    expect(findings.total).toBeGreaterThan(0);
    expect(findings.items.every((f: { severity: string }) => f.severity === "critical")).toBe(true);
    const bad = await fetch(`${app.baseUrl}/api/v1/findings?severity=apocalyptic`, auth);
    expect(bad.status).toBe(400);
  });
});

describe("what-if scenarios", () => {
  it("runs a country outage, shows the services hit with timings, and compares two scenarios", async () => {
    const foundry = await app.db.selectFrom("suppliers").select(["external_id", "country"]).where("org_id", "=", orgId).where("name", "like", "%晶圓%").executeTakeFirstOrThrow();
    await analyst.page("/scenarios");
    const bad = await analyst.post("/scenarios", { name: "Nothing", suppliers: "", countries: "", hours: "24" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Name at least one supplier ID or country");
    const unknown = await analyst.post("/scenarios", { name: "Typo", suppliers: "SUP-NOPE", countries: "", hours: "24" });
    expect(await unknown.text()).toContain("No supplier with the ID SUP-NOPE");

    // Zakłady holds 7 days of stock: a 30-day foundry outage still stops production for 23 days.
    const week = await analyst.post("/scenarios", { name: "Foundry out a month", suppliers: foundry.external_id, countries: "", hours: "720" });
    expect(week.status).toBe(302);
    const page = await analyst.page(week.headers.get("location")!);
    expect(page.html).toContain("Raw-material supply for production lines");
    expect(page.html).toContain("Exceeds MTPD");
    expect(page.html).toMatch(/after (<!-- -->)?7 d/);
    const day = await analyst.post("/scenarios", { name: "Taiwan out a day", suppliers: "", countries: foundry.country!.toLowerCase(), hours: "24" });
    expect(day.status).toBe(302);
    const ids = [week, day].map((r) => r.headers.get("location")!.split("/").pop()!);
    const compare = await analyst.page(`/scenarios/compare?id=${ids[0]}&id=${ids[1]}`);
    expect(compare.response.status).toBe(200);
    expect(compare.html).toContain("Foundry out a month");
    expect(compare.html).toContain("Taiwan out a day");
  });

  it("runs a scenario over the API with a token, but not with a session cookie alone", async () => {
    const admin = new TestClient(app.baseUrl);
    await admin.login(DEMO_USERS.find((u) => u.role === "procurement")!.email, DEMO_PASSWORD);
    const token = await admin.createApiToken("what-if", "analyst", 1);
    const body = JSON.stringify({ name: "API run", countries: ["TW"], hours: 720 });
    const response = await fetch(`${app.baseUrl}/api/v1/scenarios`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body,
    });
    expect(response.status).toBe(201);
    const json = await response.json();
    expect(json.result.services.some((s: { status: string }) => s.status === "beyond_mtpd")).toBe(true);
    const withCookie = await admin.request("/api/v1/scenarios", { method: "POST", body, headers: { "Content-Type": "application/json" } });
    expect(withCookie.status).toBe(401);
    const listed = await (await fetch(`${app.baseUrl}/api/v1/scenarios`, { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(listed.items.some((s: { name: string }) => s.name === "API run")).toBe(true);
  });
});
