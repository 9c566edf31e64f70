import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed/demo-data";
import { normalizeName } from "../../app/domain/names";
import { startTestApp } from "../support/app";
import { TestClient } from "../support/http-client";

/*
 * The supply-chain map over HTTP: declaring sub-suppliers and alternates (procurement and vendors,
 * each only what they may), tiers and cycles on the map and its table, entity resolution with
 * reversible merges, concentration, and the dependencies/alternates/graph API.
 */
let app: Awaited<ReturnType<typeof startTestApp>>;
let orgId: string;
let procurement: TestClient;
let analyst: TestClient;
let vendor: TestClient;
let otherVendor: TestClient;
const ids = { vendorSupplier: "", otherVendorSupplier: "" };
const vendorUser = DEMO_USERS.filter((u) => u.role === "vendor")[0]!;
const otherVendorUser = DEMO_USERS.filter((u) => u.role === "vendor")[1]!;

async function login(email: string) {
  const client = new TestClient(app.baseUrl);
  expect((await client.login(email, DEMO_PASSWORD)).status).toBe(302);
  return client;
}

async function supplierIdOf(externalId: string) {
  return (await app.db.selectFrom("suppliers").select("id").where("org_id", "=", orgId).where("external_id", "=", externalId).executeTakeFirstOrThrow()).id;
}

let counter = 0;
async function insertSupplier(name: string, country: string | null = "DE", extra: { is_vendor?: boolean; criticality?: "critical" | "medium" } = {}) {
  counter++;
  return (
    await app.db
      .insertInto("suppliers")
      .values({ org_id: orgId, external_id: `T-${counter}`, name, normalized_name: normalizeName(name), country, ...extra })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
}

async function apiToken(role: "procurement" | "analyst") {
  return procurement.createApiToken(`map-${role}`, role);
}

function api(path: string, token: string, init: { method?: string; body?: unknown } = {}) {
  return fetch(`${app.baseUrl}${path}`, {
    method: init.method ?? "GET",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

beforeAll(async () => {
  app = await startTestApp();
  orgId = (await app.db.selectFrom("organisations").select("id").where("slug", "=", "demo").executeTakeFirstOrThrow()).id;
  ids.vendorSupplier = await supplierIdOf(vendorUser.supplierId!);
  ids.otherVendorSupplier = await supplierIdOf(otherVendorUser.supplierId!);
  [procurement, analyst, vendor, otherVendor] = await Promise.all([
    login(DEMO_USERS.find((u) => u.role === "procurement")!.email),
    login(DEMO_USERS.find((u) => u.role === "analyst")!.email),
    login(vendorUser.email),
    login(otherVendorUser.email),
  ]);
});
afterAll(async () => {
  await app?.close();
});

describe("declaring dependencies", () => {
  it("refuses a self-dependency and a duplicate line with a clear message", async () => {
    const page = `/suppliers/${ids.vendorSupplier}/dependencies`;
    await procurement.page(page);
    const self = await procurement.post(page, { intent: "add-dependency", existingExternalId: vendorUser.supplierId!, supplies: "itself" });
    expect(self.status).toBe(400);
    expect(await self.text()).toContain("cannot depend on itself");
    // The same company under another spelling resolves to the vendor itself, and is refused too.
    const vendorRow = await app.db.selectFrom("suppliers").select(["name", "country"]).where("id", "=", ids.vendorSupplier).executeTakeFirstOrThrow();
    await vendor.page(page);
    const spelled = await vendor.post(page, { intent: "add-dependency", name: vendorRow.name.toUpperCase(), country: vendorRow.country! });
    expect(spelled.status).toBe(400);
    expect(await spelled.text()).toContain("cannot depend on itself");

    const first = await vendor.post(page, { intent: "add-dependency", name: "Łódź Packaging Sp. z o.o.", country: "PL", supplies: "cartons", bufferHours: "48" });
    expect(first.status).toBe(200);
    const again = await vendor.post(page, { intent: "add-dependency", name: "LODZ PACKAGING SP Z OO", country: "pl" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("already declares this sub-supplier");
  });

  it("lets a vendor add, edit and delete only its own declarations, marked as declared by vendor", async () => {
    const page = `/suppliers/${ids.vendorSupplier}/dependencies`;
    await vendor.page(page);
    const added = await vendor.post(page, { intent: "add-dependency", name: "Vistula Fuel S.A.", country: "PL", supplies: "diesel", singleSource: "on" });
    expect(added.status).toBe(200);
    const row = await app.db
      .selectFrom("dependencies as d")
      .innerJoin("suppliers as s", "s.id", "d.depends_on_id")
      .select(["d.id", "d.declared_by", "d.single_source", "s.is_vendor"])
      .where("d.supplier_id", "=", ids.vendorSupplier)
      .where("s.name", "=", "Vistula Fuel S.A.")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ declared_by: "vendor", single_source: true, is_vendor: false });
    const { html } = await vendor.page(page);
    expect(html).toContain("Declared by vendor");
    expect(html).toContain("Vistula Fuel S.A.");

    const edited = await vendor.post(page, { intent: "update-dependency", id: row.id, supplies: "diesel and AdBlue", bufferHours: "72" });
    expect(edited.status).toBe(200);
    const after = await app.db.selectFrom("dependencies").select(["supplies", "buffer_min", "single_source"]).where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ supplies: "diesel and AdBlue", buffer_min: 72 * 60, single_source: false });

    // Alternates for its own inputs.
    const alt = await vendor.post(page, {
      intent: "add-alternate",
      replacesId: (await app.db.selectFrom("dependencies").select("depends_on_id").where("id", "=", row.id).executeTakeFirstOrThrow()).depends_on_id,
      name: "Orlen Fuel",
      country: "PL",
      status: "qualified",
      switchoverHours: "12",
      capacityPct: "80",
    });
    expect(alt.status).toBe(200);
    const alternate = await app.db.selectFrom("alternates").select(["id", "declared_by", "switchover_min"]).where("for_supplier_id", "=", ids.vendorSupplier).executeTakeFirstOrThrow();
    expect(alternate).toMatchObject({ declared_by: "vendor", switchover_min: 720 });

    // Another vendor: its page is not found, and ids of this vendor's rows are not found through its own page.
    expect((await otherVendor.request(page)).status).toBe(404);
    const otherPage = `/suppliers/${ids.otherVendorSupplier}/dependencies`;
    await otherVendor.page(otherPage);
    for (const [intent, id] of [
      ["update-dependency", row.id],
      ["delete-dependency", row.id],
      ["delete-alternate", alternate.id],
    ] as const) {
      const response = await otherVendor.post(otherPage, { intent, id, supplies: "hijacked" });
      expect(response.status, intent).toBe(404);
    }
    expect((await otherVendor.post(page, { intent: "delete-dependency", id: row.id })).status).toBe(404);
    // An analyst reads but cannot change.
    expect((await analyst.request(page)).status).toBe(200);
    await analyst.page(page);
    expect((await analyst.post(page, { intent: "delete-dependency", id: row.id })).status).toBe(403);

    // The API with a vendor's session: only its own rows, others 404 by id.
    const mine = await (await vendor.request(`/api/v1/dependencies`)).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((d: { supplierId: string }) => d.supplierId === ids.vendorSupplier)).toBe(true);
    expect((await vendor.request(`/api/v1/dependencies/${row.id}`)).status).toBe(200);
    expect((await otherVendor.request(`/api/v1/dependencies/${row.id}`)).status).toBe(404);
    expect((await otherVendor.request(`/api/v1/alternates/${alternate.id}`)).status).toBe(404);
    expect((await otherVendor.request(`/api/v1/dependencies?supplierId=${ids.vendorSupplier}`)).status).toBe(404);
    // Writes through the API need a token; vendors have none.
    expect((await vendor.request(`/api/v1/dependencies/${row.id}`, { method: "DELETE" })).status).toBe(401);

    const deleted = await vendor.post(page, { intent: "delete-alternate", id: alternate.id });
    expect(deleted.status).toBe(200);
    expect((await vendor.post(page, { intent: "delete-dependency", id: row.id })).status).toBe(200);
    expect(await app.db.selectFrom("dependencies").select("id").where("id", "=", row.id).executeTakeFirst()).toBeUndefined();
    const audited = await app.db.selectFrom("audit_events").select("action").where("entity_id", "=", row.id).execute();
    expect(audited.map((a) => a.action).sort()).toEqual(["dependency.created", "dependency.deleted", "dependency.updated"]);
  });
});

describe("the map", () => {
  it("shows a 20-tier chain with tiers 1..20 on the table view and through the graph API", async () => {
    const chain: string[] = [];
    for (let i = 1; i <= 20; i++) chain.push(await insertSupplier(`Chain link ${String(i).padStart(2, "0")}`, "NL", { is_vendor: i === 1 }));
    await app.db
      .insertInto("dependencies")
      .values(chain.slice(1).map((id, i) => ({ org_id: orgId, supplier_id: chain[i]!, depends_on_id: id })))
      .execute();
    const service = await app.db
      .insertInto("internal_services")
      .values({ org_id: orgId, external_id: "SVC-CHAIN", name: "Deep chain service", required_rto_min: 240, required_rpo_min: 60, mtpd_min: 480 })
      .returning("id")
      .executeTakeFirstOrThrow();
    await app.db.insertInto("service_suppliers").values({ org_id: orgId, service_id: service.id, supplier_id: chain[0]! }).execute();

    const { response, html } = await analyst.page(`/map?view=table&service=${service.id}`);
    expect(response.status).toBe(200);
    const tiers = [...html.matchAll(/<tr data-tier="(\d+)">/g)].map((m) => Number(m[1]));
    expect(tiers).toEqual([0, ...Array.from({ length: 20 }, (_, i) => i + 1)]);
    expect(html).toContain("20 tiers deep");

    const token = await apiToken("analyst");
    const graph = await (await api(`/api/v1/graph?serviceId=${service.id}`, token)).json();
    expect(graph.deepestTier).toBe(20);
    const tierOf = Object.fromEntries(graph.nodes.map((n: { id: string; tier: number }) => [n.id, n.tier]));
    expect(chain.map((id) => tierOf[id])).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const limited = await (await api(`/api/v1/graph?serviceId=${service.id}&depth=3`, token)).json();
    expect(limited.nodes).toHaveLength(4);
    expect((await api(`/api/v1/graph`, token)).status).toBe(400);
  });

  it("accepts a cycle and shows it on the map and the table", async () => {
    const v = await insertSupplier("Cycle Vendor", "FR", { is_vendor: true });
    const a = await insertSupplier("Cycle Alpha", "FR");
    const b = await insertSupplier("Cycle Beta", "FR");
    await procurement.page(`/suppliers/${v}/dependencies`);
    const externalOf = async (id: string) => (await app.db.selectFrom("suppliers").select("external_id").where("id", "=", id).executeTakeFirstOrThrow()).external_id;
    expect((await procurement.post(`/suppliers/${v}/dependencies`, { intent: "add-dependency", existingExternalId: await externalOf(a) })).status).toBe(200);
    expect((await procurement.post(`/suppliers/${a}/dependencies`, { intent: "add-dependency", existingExternalId: await externalOf(b) })).status).toBe(200);
    const closing = await procurement.post(`/suppliers/${b}/dependencies`, { intent: "add-dependency", existingExternalId: await externalOf(a) });
    expect(closing.status).toBe(200);

    const { html } = await analyst.page(`/map?view=table&supplier=${v}`);
    const rows = [...html.matchAll(/<tr data-tier="(\d+)">(.*?)<\/tr>/g)].map((m) => ({ tier: Number(m[1]), html: m[2]! }));
    expect(rows.map((r) => [r.tier, r.html.includes("In a cycle")])).toEqual([
      [1, false],
      [2, true],
      [3, true],
    ]);
    const map = await analyst.page(`/map?supplier=${v}`);
    expect(map.response.status).toBe(200);
    expect(map.html).toContain("1 dependency cycle");
    expect(map.html).toContain("Table view of the same data");
  });

  it("keeps the map, concentration and resolution pages to staff", async () => {
    for (const path of ["/map", "/map?view=table", "/concentration", "/resolution", "/api/v1/graph"]) {
      expect((await vendor.request(path)).status, path).toBe(403);
    }
    expect((await analyst.request("/resolution")).status).toBe(403);
    const page = await analyst.page("/concentration");
    expect(page.response.status).toBe(200);
    expect(page.html).toContain("Single points of failure");
    expect(page.html).toContain("Suppliers behind many vendors or services");
  });
});

describe("entity resolution", () => {
  it("reuses an existing sub-supplier declared under another spelling by another vendor", async () => {
    const a = `/suppliers/${ids.vendorSupplier}/dependencies`;
    const b = `/suppliers/${ids.otherVendorSupplier}/dependencies`;
    await vendor.page(a);
    await otherVendor.page(b);
    expect((await vendor.post(a, { intent: "add-dependency", name: "Foxconn Technology Co., Ltd.", country: "TW", supplies: "boards" })).status).toBe(200);
    const second = await otherVendor.post(b, { intent: "add-dependency", name: "FOXCONN TECHNOLOGY CO LTD", country: "TW", supplies: "boards" });
    expect(await second.text()).toContain("matched to the existing supplier Foxconn Technology Co., Ltd.");
    const rows = await app.db.selectFrom("suppliers").select("id").where("org_id", "=", orgId).where("normalized_name", "=", "foxconn technology").execute();
    expect(rows).toHaveLength(1);
    // The same name in another country is another company.
    await otherVendor.post(b, { intent: "add-dependency", name: "Foxconn Technology Co., Ltd.", country: "CZ" });
    const all = await app.db.selectFrom("suppliers").select("country").where("org_id", "=", orgId).where("normalized_name", "=", "foxconn technology").orderBy("country").execute();
    expect(all.map((r) => r.country)).toEqual(["CZ", "TW"]);
  });

  it("proposes duplicates, merges them (moving links without duplicates) and undoes the merge", async () => {
    // Two spellings imported separately, each behind a vendor; one vendor relies on both.
    const kept = await insertSupplier("Hon Hai Precision Industry Co., Ltd.", "TW");
    const merged = await insertSupplier("HON HAI PRECISION INDUSTRY CO LTD", "TW");
    const abroad = await insertSupplier("Hon Hai Precision Industry Co., Ltd.", "US");
    const v1 = await insertSupplier("Merge Vendor One", "DE", { is_vendor: true });
    const v2 = await insertSupplier("Merge Vendor Two", "DE", { is_vendor: true });
    const deps = await app.db
      .insertInto("dependencies")
      .values([
        { org_id: orgId, supplier_id: v1, depends_on_id: kept, supplies: "boards" },
        { org_id: orgId, supplier_id: v1, depends_on_id: merged, supplies: "boards (dup)" },
        { org_id: orgId, supplier_id: v2, depends_on_id: merged, supplies: "chassis", declared_by: "vendor" },
      ])
      .returning(["id", "supplier_id"])
      .execute();

    const { html } = await procurement.page("/resolution");
    expect(html).toContain("HON HAI PRECISION INDUSTRY CO LTD");
    expect(html).toContain("same name and country");
    expect(html).not.toMatch(new RegExp(`name="keepId" value="${abroad}"`));
    const bad = await procurement.post("/resolution", { intent: "merge", keepId: kept, mergeId: kept });
    expect(bad.status).toBe(400);
    const response = await procurement.post("/resolution", { intent: "merge", keepId: kept, mergeId: merged, reason: "same name and country" });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Merged");

    const after = await app.db.selectFrom("dependencies").select(["supplier_id", "depends_on_id", "supplies"]).where("depends_on_id", "in", [kept, merged]).orderBy("supplies").execute();
    expect(after).toEqual([
      { supplier_id: v1, depends_on_id: kept, supplies: "boards" },
      { supplier_id: v2, depends_on_id: kept, supplies: "chassis" },
    ]);
    expect((await app.db.selectFrom("suppliers").select("status").where("id", "=", merged).executeTakeFirstOrThrow()).status).toBe("archived");
    const audit = await app.db.selectFrom("audit_events").select("entity_id").where("action", "=", "supplier.merged").execute();
    expect(audit.map((a) => a.entity_id).sort()).toEqual([kept, merged].sort());

    const record = await app.db.selectFrom("supplier_merges").select("id").where("merged_id", "=", merged).executeTakeFirstOrThrow();
    await procurement.page("/resolution");
    const undone = await procurement.post("/resolution", { intent: "undo", mergeRecordId: record.id });
    expect(undone.status).toBe(200);
    const restored = await app.db.selectFrom("dependencies").select(["id", "supplier_id", "depends_on_id", "declared_by"]).where("depends_on_id", "in", [kept, merged]).orderBy("supplies").execute();
    expect(restored.map((r) => [r.id, r.supplier_id, r.depends_on_id, r.declared_by]).sort()).toEqual(
      [
        [deps[0]!.id, v1, kept, "procurement"],
        [deps[1]!.id, v1, merged, "procurement"],
        [deps[2]!.id, v2, merged, "vendor"],
      ].sort(),
    );
    expect((await app.db.selectFrom("suppliers").select("status").where("id", "=", merged).executeTakeFirstOrThrow()).status).toBe("active");
    expect((await procurement.post("/resolution", { intent: "undo", mergeRecordId: record.id })).status).toBe(409);

    // "Different companies" keeps the pair out of the candidates.
    await procurement.post("/resolution", { intent: "distinct", aId: kept, bId: merged });
    const later = await procurement.page("/resolution");
    expect(later.html).not.toMatch(new RegExp(`name="mergeId" value="${merged}"`));
  });
});

describe("dependencies and alternates API", () => {
  it("reads and writes with a procurement token; an analyst token only reads", async () => {
    const token = await apiToken("procurement");
    const readOnly = await apiToken("analyst");
    const v = await insertSupplier("API Vendor", "SE", { is_vendor: true });
    const created = await api("/api/v1/dependencies", token, {
      method: "POST",
      body: { supplierId: v, dependsOn: { name: "Nordic Steel AB", country: "SE" }, supplies: "steel", singleSource: true, bufferMinutes: 600 },
    });
    expect(created.status).toBe(201);
    const dep = await created.json();
    expect(dep).toMatchObject({ supplierId: v, dependsOnName: "Nordic Steel AB", singleSource: true, bufferMinutes: 600, declaredBy: "procurement", createdSupplier: true });
    const self = await api("/api/v1/dependencies", token, { method: "POST", body: { supplierId: v, dependsOnId: v } });
    expect(self.status).toBe(400);
    expect((await self.json()).error.message).toContain("cannot depend on itself");
    const dup = await api("/api/v1/dependencies", token, { method: "POST", body: { supplierId: v, dependsOn: { name: "NORDIC STEEL", country: "se" } } });
    expect(dup.status).toBe(409);

    const patched = await api(`/api/v1/dependencies/${dep.id}`, token, { method: "PATCH", body: { bufferMinutes: 1440 } });
    expect(patched.status).toBe(200);
    expect((await patched.json()).bufferMinutes).toBe(1440);
    expect((await api(`/api/v1/dependencies/${dep.id}`, readOnly, { method: "PATCH", body: { bufferMinutes: 1 } })).status).toBe(403);
    const listed = await (await api(`/api/v1/dependencies?supplierId=${v}`, readOnly)).json();
    expect(listed).toMatchObject({ total: 1, items: [{ id: dep.id }] });

    const alt = await api("/api/v1/alternates", token, {
      method: "POST",
      body: { forSupplierId: v, replacesId: dep.dependsOnId, alternate: { name: "Baltic Steel Oy", country: "FI" }, status: "qualifying", switchoverMinutes: 2880, capacityPct: 50 },
    });
    expect(alt.status).toBe(201);
    const alternate = await alt.json();
    expect(alternate).toMatchObject({ forSupplierId: v, replacesId: dep.dependsOnId, alternateName: "Baltic Steel Oy", status: "qualifying" });
    const notAnInput = await api("/api/v1/alternates", token, {
      method: "POST",
      body: { forSupplierId: v, replacesId: v, alternate: { name: "Whoever", country: "FI" } },
    });
    expect(notAnInput.status).toBe(400);
    const qualified = await api(`/api/v1/alternates/${alternate.id}`, token, { method: "PATCH", body: { status: "qualified" } });
    expect((await qualified.json()).status).toBe("qualified");
    expect((await (await api(`/api/v1/alternates?forSupplierId=${v}`, readOnly)).json()).total).toBe(1);
    const graph = await (await api(`/api/v1/graph?supplierId=${v}`, readOnly)).json();
    expect(graph.nodes.map((n: { name: string }) => n.name).sort()).toEqual(["API Vendor", "Nordic Steel AB"]);

    expect((await api(`/api/v1/alternates/${alternate.id}`, token, { method: "DELETE" })).status).toBe(204);
    expect((await api(`/api/v1/dependencies/${dep.id}`, token, { method: "DELETE" })).status).toBe(204);
    expect((await api(`/api/v1/dependencies/${dep.id}`, token)).status).toBe(404);
    const queued = await app.db.selectFrom("background_tasks").select("id").where("org_id", "=", orgId).where("kind", "=", "recompute").execute();
    expect(queued.length).toBeGreaterThan(0);
  });
});
