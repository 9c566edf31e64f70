import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed/demo-data";
import { listFindingKinds, listFindings } from "../../app/data/findings.server";
import { SUPPLIER_SORTS, listSupplierCountries, listSuppliers, type SupplierListQuery } from "../../app/data/suppliers.server";
import { normalizeName } from "../../app/domain/names";
import { recomputeOrganisation } from "../../app/resilience.server";
import { startTestApp } from "../support/app";
import { TestClient } from "../support/http-client";

/*
 * The shortcuts that keep pages fast at 50,000 suppliers must never change what a user sees: the
 * trigger-kept counts equal a real count, the index-driven supplier list returns exactly what a
 * plain query would, and the cached map graph notices every change, however it was written.
 */
let app: Awaited<ReturnType<typeof startTestApp>>;
let orgId: string;
let analyst: TestClient;
let vendor: TestClient;

async function login(email: string) {
  const client = new TestClient(app.baseUrl);
  expect((await client.login(email, DEMO_PASSWORD)).status).toBe(302);
  return client;
}

let counter = 0;
async function insertSupplier(name: string, country: string | null, extra: { is_vendor?: boolean; criticality?: "critical" | "low" } = {}) {
  counter++;
  const row = await app.db
    .insertInto("suppliers")
    .values({ org_id: orgId, external_id: `PQ-${String(counter).padStart(3, "0")}`, name, normalized_name: normalizeName(name), country, ...extra })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  app = await startTestApp();
  orgId = (await app.db.selectFrom("organisations").select("id").where("slug", "=", "demo").executeTakeFirstOrThrow()).id;
  analyst = await login(DEMO_USERS.find((u) => u.role === "analyst")!.email);
  vendor = await login(DEMO_USERS.find((u) => u.role === "vendor")!.email);
});

afterAll(async () => {
  await app?.close();
});

async function realSupplierCounts() {
  const rows = await app.db.selectFrom("suppliers").select(["org_id", "status", sql<number>`count(*)::int`.as("count")]).groupBy(["org_id", "status"]).execute();
  return Object.fromEntries(rows.map((r) => [`${r.org_id}/${r.status}`, r.count]));
}
async function keptSupplierCounts() {
  const rows = await app.db.selectFrom("supplier_counts").select(["org_id", "status", "count"]).where("count", "<>", 0).execute();
  return Object.fromEntries(rows.map((r) => [`${r.org_id}/${r.status}`, r.count]));
}
async function realFindingCounts() {
  const rows = await app.db
    .selectFrom("findings")
    .select(["org_id", "status", "severity", sql<number>`count(*)::int`.as("count")])
    .groupBy(["org_id", "status", "severity"])
    .execute();
  return Object.fromEntries(rows.map((r) => [`${r.org_id}/${r.status}/${r.severity}`, r.count]));
}
async function keptFindingCounts() {
  const rows = await app.db.selectFrom("finding_counts").select(["org_id", "status", "severity", "count"]).where("count", "<>", 0).execute();
  return Object.fromEntries(rows.map((r) => [`${r.org_id}/${r.status}/${r.severity}`, r.count]));
}

describe("counts kept by triggers", () => {
  it("match a real count after inserts, archiving, deletes and finding changes", async () => {
    expect(await keptSupplierCounts()).toEqual(await realSupplierCounts());
    expect(Object.keys(await realFindingCounts()).length).toBeGreaterThan(0);
    expect(await keptFindingCounts()).toEqual(await realFindingCounts());

    const a = await insertSupplier("Count Alpha", "DE");
    await insertSupplier("Count Beta", "FR");
    await app.db.updateTable("suppliers").set({ status: "archived" }).where("id", "=", a).execute();
    await app.db.deleteFrom("suppliers").where("external_id", "=", "PQ-002").where("org_id", "=", orgId).execute();
    expect(await keptSupplierCounts()).toEqual(await realSupplierCounts());

    const open = await app.db.selectFrom("findings").select("id").where("org_id", "=", orgId).where("status", "=", "open").limit(2).execute();
    await app.db
      .updateTable("findings")
      .set({ status: "mitigated" })
      .where("id", "in", open.map((f) => f.id))
      .execute();
    await recomputeOrganisation(app.db, orgId);
    expect(await keptFindingCounts()).toEqual(await realFindingCounts());
  });

  it("let a whole organisation be deleted", async () => {
    const org = await app.db.insertInto("organisations").values({ name: "Short-lived", slug: "short-lived" }).returning("id").executeTakeFirstOrThrow();
    await app.db
      .insertInto("suppliers")
      .values([1, 2, 3].map((i) => ({ org_id: org.id, external_id: `X-${i}`, name: `Short ${i}`, normalized_name: `short ${i}`, country: "DE" })))
      .execute();
    await recomputeOrganisation(app.db, org.id);
    expect((await keptSupplierCounts())[`${org.id}/active`]).toBe(3);
    await app.db.deleteFrom("organisations").where("id", "=", org.id).execute();
    const left = await app.db.selectFrom("supplier_counts").select("org_id").where("org_id", "=", org.id).execute();
    expect(left).toEqual([]);
    expect(await app.db.selectFrom("graph_changes").select("id").where("org_id", "=", org.id).execute()).toEqual([]);
    expect(await keptSupplierCounts()).toEqual(await realSupplierCounts());
  });
});

describe("supplier list", () => {
  /** What the list must show, written the obvious (slow) way; numeric sorts only. */
  async function plainPage(query: SupplierListQuery) {
    const rows = await app.db
      .selectFrom("suppliers as s")
      .leftJoin("supplier_results as r", "r.supplier_id", "s.id")
      .select(["s.id", "s.name", "s.country", "s.external_id", "s.criticality", "s.declared_rto_min", "r.tier", "r.effective_rto_min", "r.risk_score", "r.open_findings"])
      .where("s.org_id", "=", orgId)
      .where("s.status", "=", query.status)
      .$if(Boolean(query.country), (qb) => qb.where("s.country", "=", query.country!))
      .$if(Boolean(query.criticality), (qb) => qb.where("s.criticality", "=", query.criticality!))
      .$if(query.hasFindings !== undefined, (qb) => qb.where("r.open_findings", query.hasFindings ? ">" : "=", 0))
      .execute();
    const key = (row: (typeof rows)[number]) => row[query.sort as keyof typeof row] as string | number | null;
    const sign = query.direction === "asc" ? 1 : -1;
    rows.sort((x, y) => {
      const a = key(x);
      const b = key(y);
      if (a !== b) {
        if (a === null) return 1;
        if (b === null) return -1;
        return ((a as number) - (b as number)) * sign;
      }
      return x.id < y.id ? -1 : 1;
    });
    return rows;
  }

  it("returns the same rows, order and total as a plain query, for every sort and direction", async () => {
    await insertSupplier("Null Country Ltd", null);
    for (let i = 0; i < 12; i++) await insertSupplier(`Same Name GmbH`, i % 2 ? "DE" : "PL", { criticality: i % 3 ? "low" : "critical" });
    const collated = await app.db.selectFrom("suppliers").select(["id"]).where("org_id", "=", orgId).where("status", "=", "active").orderBy("name").orderBy("id").execute();
    const total = collated.length;
    for (const sort of SUPPLIER_SORTS) {
      for (const direction of ["asc", "desc"] as const) {
        const query: SupplierListQuery = { status: "active", page: 1, pageSize: 500, sort, direction };
        const { rows, total: listed } = await listSuppliers(app.db, orgId, query);
        expect(listed, `${sort} ${direction}`).toBe(total);
        expect(new Set(rows.map((r) => r.id)).size).toBe(total);
        // Numbers are compared with the plain query's order; text columns with the database's own.
        if (["declared_rto_min", "effective_rto_min", "risk_score", "tier"].includes(sort)) {
          const plain = await plainPage(query);
          expect(rows.map((r) => r[sort as "tier"]), `${sort} ${direction}`).toEqual(plain.map((r) => r[sort as "tier"]));
        } else {
          const { rows: expected } = await sql<{ id: string }>`
            select id from suppliers where org_id = ${orgId} and status = 'active'
            order by ${sql.ref(sort)} ${sql.raw(direction)} nulls last, ${sort === "country" ? sql`name,` : sql``} id
          `.execute(app.db);
          expect(rows.map((r) => r.id), `${sort} ${direction}`).toEqual(expected.map((r) => r.id));
        }
        // Paging walks the same order without gaps or repeats.
        const pages = [];
        for (let page = 1; page <= Math.ceil(total / 7); page++) {
          pages.push(...(await listSuppliers(app.db, orgId, { ...query, page, pageSize: 7 })).rows.map((r) => r.id));
        }
        expect(pages, `${sort} ${direction} paged`).toEqual(rows.map((r) => r.id));
      }
    }
  });

  it("filters and counts by country, criticality and findings", async () => {
    for (const query of [
      { country: "DE" },
      { country: "PL", criticality: "critical" as const },
      { hasFindings: true },
      { hasFindings: false, sort: "risk_score" as const },
    ]) {
      const full: SupplierListQuery = { status: "active", page: 1, pageSize: 1000, sort: "name", direction: "asc", ...query };
      const { rows, total } = await listSuppliers(app.db, orgId, full);
      const plain = await plainPage(full);
      expect(total, JSON.stringify(query)).toBe(plain.length);
      expect(new Set(rows.map((r) => r.id))).toEqual(new Set(plain.map((r) => r.id)));
    }
    const { rows } = await listSuppliers(app.db, orgId, { status: "active", page: 2, pageSize: 5, sort: "name", direction: "asc", country: "DE" });
    expect(rows.every((r) => r.country === "DE")).toBe(true);
    const countries = await listSupplierCountries(app.db, orgId);
    const expected = await app.db.selectFrom("suppliers").select("country").distinct().where("org_id", "=", orgId).where("country", "is not", null).orderBy("country").execute();
    expect(countries).toEqual(expected.map((c) => c.country));
  });

  it("shows the total on the page", async () => {
    const total = (await realSupplierCounts())[`${orgId}/active`];
    const { html } = await analyst.page("/suppliers");
    expect(html).toContain(`${total} suppliers, page 1 of`);
  });
});

describe("services list", () => {
  it("pages through every service, 100 at a time, worst first", async () => {
    await app.db
      .insertInto("internal_services")
      .values(Array.from({ length: 110 }, (_, i) => ({ org_id: orgId, external_id: `PQ-SVC-${i}`, name: `Paged service ${String(i).padStart(3, "0")}`, required_rto_min: 60, required_rpo_min: 60, mtpd_min: 120 })))
      .execute();
    const total = (await app.db.selectFrom("internal_services").select(sql<number>`count(*)::int`.as("n")).where("org_id", "=", orgId).executeTakeFirstOrThrow()).n;
    const first = await analyst.page("/services");
    expect(first.html).toContain(`${total} services, worst first, page 1 of 2`);
    const second = await analyst.page("/services?page=2");
    const links = (html: string) => [...html.matchAll(/href="\/services\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    const seen = [...links(first.html), ...links(second.html)];
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });
});

describe("findings list", () => {
  it("pages through open findings most severe first, with the right total and subject names", async () => {
    const { rows: expected } = await sql<{ id: string; name: string | null }>`
      select f.id, coalesce(s.name, svc.name) as name from findings f
      left join suppliers s on f.subject_type = 'supplier' and s.id::text = f.subject_id
      left join internal_services svc on f.subject_type = 'service' and svc.id::text = f.subject_id
      where f.org_id = ${orgId} and f.status = 'open'
      order by case f.severity when 'critical' then 4 when 'high' then 3 when 'medium' then 2 else 1 end desc, f.first_seen_at, f.id
    `.execute(app.db);
    expect(expected.length).toBeGreaterThan(7);
    const seen: { id: string; name: string | null }[] = [];
    for (let page = 1; page <= Math.ceil(expected.length / 7); page++) {
      const { rows, total } = await listFindings(app.db, orgId, { status: "open", page, pageSize: 7 });
      expect(total).toBe(expected.length);
      seen.push(...rows.map((r) => ({ id: r.id, name: r.supplier_name ?? r.service_name })));
    }
    expect(seen).toEqual(expected);
    const high = await listFindings(app.db, orgId, { status: "open", severity: "high", page: 1, pageSize: 500 });
    expect(high.total).toBe(high.rows.length);
    expect(high.rows.every((r) => r.severity === "high")).toBe(true);

    const kinds = await app.db.selectFrom("findings").select("kind").distinct().where("org_id", "=", orgId).orderBy("kind").execute();
    expect(kinds.length).toBeGreaterThan(1);
    expect(await listFindingKinds(app.db, orgId)).toEqual(kinds.map((k) => k.kind));
  });
});

describe("map graph data", () => {
  it("is for staff only, revalidates with an ETag and sees every change to the graph", async () => {
    expect((await vendor.request("/map/graph.json")).status).toBe(403);

    const first = await analyst.request("/map/graph.json");
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toContain("application/json");
    const etag = first.headers.get("etag");
    expect(etag).toBeTruthy();
    const graph = (await first.json()) as { nodes: { id: string; name: string }[]; edges: { source: string; target: string }[] };
    expect(graph.nodes.length).toBeGreaterThan(10);

    const again = await analyst.request("/map/graph.json", { headers: { "If-None-Match": etag! } });
    expect(again.status).toBe(304);

    // Written straight into the database, as an import or a DBA would: no recompute is asked for.
    const vendorId = (await app.db.selectFrom("suppliers").select("id").where("org_id", "=", orgId).where("is_vendor", "=", true).where("status", "=", "active").executeTakeFirstOrThrow()).id;
    const added = await insertSupplier("Freshly Added Sub-supplier 新しい", "JP");
    await app.db.insertInto("dependencies").values({ org_id: orgId, supplier_id: vendorId, depends_on_id: added }).execute();

    const changed = await analyst.request("/map/graph.json", { headers: { "If-None-Match": etag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    const after = (await changed.json()) as typeof graph;
    expect(after.nodes.find((n) => n.id === added)?.name).toBe("Freshly Added Sub-supplier 新しい");
    expect(after.edges.some((e) => e.source === vendorId && e.target === added)).toBe(true);

    // The page's table view reads the same cached graph.
    const { html } = await analyst.page(`/map?view=table&supplier=${vendorId}`);
    expect(html).toContain("Freshly Added Sub-supplier 新しい");
    const { html: mapHtml } = await analyst.page("/map");
    expect(mapHtml).toContain("/map/graph.json");
  });
});
