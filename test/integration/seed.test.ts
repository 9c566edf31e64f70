import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_DEPENDENCIES, DEMO_SERVICES, DEMO_SUPPLIERS, DEMO_USERS } from "../../db/seed/demo-data";
import { seedDemo, seedDemoIfEmpty } from "../../db/seed/seed";
import { createFreshDatabase } from "../support/database";

let database: Awaited<ReturnType<typeof createFreshDatabase>>;
beforeAll(async () => {
  database = await createFreshDatabase();
});
afterAll(async () => {
  await database?.cleanup();
});

async function counts() {
  const { db } = database;
  const row = await sql<Record<string, number>>`
    select (select count(*) from organisations) as organisations,
           (select count(*) from suppliers) as suppliers,
           (select count(*) from internal_services) as services,
           (select count(*) from dependencies) as dependencies,
           (select count(*) from users) as users,
           (select count(*) from assessments) as assessments,
           (select count(*) from questions) as questions`.execute(db);
  return row.rows[0]!;
}

describe("demo seed", () => {
  it("leaves nothing behind when it fails part-way", async () => {
    await expect(
      seedDemo(database.db, {
        afterFirstInsert: async () => {
          throw new Error("simulated crash");
        },
      }),
    ).rejects.toThrow("simulated crash");
    expect((await counts()).organisations).toBe(0);
  });

  it("creates the whole demo organisation", async () => {
    expect(await seedDemo(database.db)).toBe("seeded");
    const c = await counts();
    expect(c).toMatchObject({
      organisations: 1,
      suppliers: DEMO_SUPPLIERS.length,
      services: DEMO_SERVICES.length,
      dependencies: DEMO_DEPENDENCIES.length,
      users: DEMO_USERS.length,
    });
    expect(c.questions).toBeGreaterThanOrEqual(40);
    const statuses = await database.db.selectFrom("assessments").select("status").distinct().execute();
    expect(statuses.map((s) => s.status).sort()).toEqual(
      ["approved", "changes_requested", "draft", "in_progress", "rejected", "sent", "submitted"].sort(),
    );
  });

  it("is idempotent", async () => {
    const before = await counts();
    expect(await seedDemo(database.db)).toBe("already-seeded");
    expect(await seedDemoIfEmpty(database.db)).toBe("already-seeded");
    expect(await counts()).toEqual(before);
  });

  it("keeps names in every script intact", async () => {
    const names = (await database.db.selectFrom("suppliers").select("name").execute()).map((r) => r.name);
    expect(names.some((n) => /[\u4e00-\u9fff]/.test(n))).toBe(true);
    expect(names.some((n) => /[\u0600-\u06ff]/.test(n))).toBe(true);
    expect(names).toEqual(expect.arrayContaining(DEMO_SUPPLIERS.map((s) => s.name)));
  });

  it("stores no clear-text password", async () => {
    const users = await database.db.selectFrom("users").select(["password_hash"]).execute();
    for (const u of users) expect(u.password_hash).toMatch(/^scrypt\$/);
  });
});
