import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rollbackOne, migrateToLatest } from "../../db/migrate";
import { createFreshDatabase } from "../support/database";

let database: Awaited<ReturnType<typeof createFreshDatabase>>;
beforeAll(async () => {
  database = await createFreshDatabase();
});
afterAll(async () => {
  await database?.cleanup();
});

// Tables that belong to no single tenant (or are keyed through their parent).
const GLOBAL_TABLES = new Set([
  "organisations",
  "users",
  "sessions",
  "blob_chunks",
  "audit_events",
  "password_resets",
  "rate_limits",
]);

async function makeOrg(slug: string) {
  const { db } = database;
  return db.insertInto("organisations").values({ slug, name: slug }).returning("id").executeTakeFirstOrThrow();
}

describe("schema", () => {
  it("gives every tenant-owned table a NOT NULL org_id", async () => {
    const tables = await sql<{ table_name: string; has_org: boolean; nullable: string | null }>`
      select t.table_name,
             c.column_name is not null as has_org,
             c.is_nullable as nullable
      from information_schema.tables t
      left join information_schema.columns c
        on c.table_name = t.table_name and c.table_schema = t.table_schema and c.column_name = 'org_id'
      where t.table_schema = 'public' and t.table_type = 'BASE TABLE' and t.table_name not like 'kysely_%'
      order by t.table_name`.execute(database.db);
    const tenantTables = tables.rows.filter((t) => !GLOBAL_TABLES.has(t.table_name));
    expect(tenantTables.length).toBeGreaterThanOrEqual(12);
    for (const table of tenantTables) {
      expect({ table: table.table_name, hasOrg: table.has_org, nullable: table.nullable }).toEqual({
        table: table.table_name,
        hasOrg: true,
        nullable: "NO",
      });
    }
  });

  it("returns counts and bigints as numbers on this driver", async () => {
    const row = await sql<{ c: unknown; b: unknown }>`select count(*) as c, 42::bigint as b`.execute(database.db);
    expect(row.rows[0]).toEqual({ c: 1, b: 42 });
  });

  it("refuses impossible data at the database level", async () => {
    const { db } = database;
    const org = await makeOrg("constraints");
    const base = { org_id: org.id, name: "Acme", normalized_name: "acme" };
    await expect(
      db.insertInto("suppliers").values({ ...base, external_id: "NEG", declared_rto_min: -1 }).execute(),
    ).rejects.toThrow(/suppliers_declared_rto/);
    await expect(
      db.insertInto("suppliers").values({ ...base, external_id: "CRIT", criticality: "extreme" as never }).execute(),
    ).rejects.toThrow(/suppliers_criticality/);
    await expect(
      db
        .insertInto("internal_services")
        .values({ org_id: org.id, external_id: "S", name: "S", required_rto_min: 600, required_rpo_min: 0, mtpd_min: 60 })
        .execute(),
    ).rejects.toThrow(/internal_services_rto_within_mtpd/);

    const a = await db.insertInto("suppliers").values({ ...base, external_id: "A" }).returning("id").executeTakeFirstOrThrow();
    await expect(
      db.insertInto("dependencies").values({ org_id: org.id, supplier_id: a.id, depends_on_id: a.id }).execute(),
    ).rejects.toThrow(/dependencies_no_self_loop/);
  });

  it("does not let a row point at another organisation's supplier", async () => {
    const { db } = database;
    const mine = await makeOrg("tenant-a");
    const theirs = await makeOrg("tenant-b");
    const a = await db
      .insertInto("suppliers")
      .values({ org_id: mine.id, external_id: "A", name: "A", normalized_name: "a" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const b = await db
      .insertInto("suppliers")
      .values({ org_id: theirs.id, external_id: "B", name: "B", normalized_name: "b" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await expect(
      db.insertInto("dependencies").values({ org_id: mine.id, supplier_id: a.id, depends_on_id: b.id }).execute(),
    ).rejects.toThrow(/dependencies_depends_on_fk/);
  });

  it("keeps the audit log append-only", async () => {
    const { db } = database;
    await db.insertInto("audit_events").values({ org_id: null, actor_user_id: null, action: "test", summary: "{}" }).execute();
    await expect(db.updateTable("audit_events").set({ action: "tampered" }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom("audit_events").execute()).rejects.toThrow(/append-only/);
  });

  it("migrates all the way down and up again cleanly", async () => {
    const { db } = database;
    let steps = 0;
    while ((await rollbackOne(db)).length > 0) steps++;
    expect(steps).toBeGreaterThanOrEqual(2);
    const tables = await sql<{ n: number }>`
      select count(*) as n from information_schema.tables where table_schema = 'public' and table_name = 'suppliers'`.execute(db);
    expect(tables.rows[0]!.n).toBe(0);
    const up = await migrateToLatest(db);
    expect(up.length).toBeGreaterThan(0);
  });
});
