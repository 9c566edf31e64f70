import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_SUPPLIERS, DEMO_USERS } from "../../db/seed/demo-data";
import { createEmptyPostgresDatabase } from "../support/database";
import { startServerProcess, type ServerProcess } from "../support/server-process";

/*
 * `npm start` as a user runs it: a real process on a real (file-backed or PostgreSQL) database.
 * Runs on PostgreSQL when TEST_DATABASE_URL is set, else on PGlite in a temporary directory.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function freshDatabaseEnv(prepare?: (query: (sql: string) => Promise<void>) => Promise<void>) {
  const postgres = await createEmptyPostgresDatabase();
  if (postgres) {
    cleanups.push(postgres.drop);
    if (prepare) {
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      await prepare(async (sql) => void (await client.query(sql)));
      await client.end();
    }
    return { DATABASE_URL: postgres.url, PGLITE_DIR: undefined };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "portal-pglite-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  if (prepare) {
    const pglite = await PGlite.create(dir);
    await prepare(async (sql) => void (await pglite.exec(sql)));
    await pglite.close();
  }
  return { DATABASE_URL: undefined, PGLITE_DIR: dir };
}

function track(server: ServerProcess) {
  cleanups.push(async () => {
    if (server.child.exitCode === null) {
      server.child.kill("SIGKILL");
      await server.exited;
    }
  });
  return server;
}

async function countSuppliersOverHttp(baseUrl: string) {
  // Log in as the demo procurement user and read the supplier count from the list page.
  const loginPage = await fetch(`${baseUrl}/login`);
  const csrfCookie = loginPage.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const token = (await loginPage.text()).match(/name="csrf" value="([^"]+)"/)![1]!;
  const procurement = DEMO_USERS.find((u) => u.role === "procurement")!;
  const login = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: csrfCookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: procurement.email, password: DEMO_PASSWORD, csrf: token }),
  });
  expect(login.status).toBe(302);
  const session = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const list = await fetch(`${baseUrl}/suppliers`, { headers: { Cookie: `${csrfCookie}; ${session}` } });
  return Number((await list.text()).match(/(\d+) suppliers, page 1/)![1]);
}

describe("npm start", () => {
  it("migrates, seeds, prints the demo logins and serves the portal", async () => {
    const env = await freshDatabaseEnv();
    const server = track(startServerProcess({ ...env, PORT: "0" }));
    const [, port] = await server.waitFor(/listening on http:\/\/localhost:(\d+)/);
    for (const user of DEMO_USERS) {
      const email = user.email.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      await server.waitFor(new RegExp(`${user.role}\\s+${email}`));
    }
    expect(await countSuppliersOverHttp(`http://127.0.0.1:${port}`)).toBe(DEMO_SUPPLIERS.length);
  });

  it("recovers a consistent, fully seeded database after being killed mid-seed", async () => {
    const env = await freshDatabaseEnv();
    const first = track(startServerProcess({ ...env, PORT: "0" }));
    await first.waitFor(/Seeding the demo organisation/);
    first.child.kill("SIGKILL");
    await first.exited;

    const second = track(startServerProcess({ ...env, PORT: "0" }));
    const [, port] = await second.waitFor(/listening on http:\/\/localhost:(\d+)/);
    expect(await countSuppliersOverHttp(`http://127.0.0.1:${port}`)).toBe(DEMO_SUPPLIERS.length);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });

  it("stops with a clear message when a migration fails", async () => {
    const env = await freshDatabaseEnv(async (query) => {
      await query("create table organisations (something_else int)");
    });
    const server = track(startServerProcess({ ...env, PORT: "0" }));
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/Database migration failed in migration 20261123T1000_initial_schema: .*organisations/);
    expect(server.output()).not.toContain("listening on");
  });
});
