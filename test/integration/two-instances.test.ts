import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed/demo-data";
import { FIXTURES } from "../unit/evidence/fixtures";
import { createEmptyPostgresDatabase } from "../support/database";
import { TestClient } from "../support/http-client";
import { startServerProcess, type ServerProcess } from "../support/server-process";

/*
 * Two instances of the portal (`server/index.ts` in two processes, as behind a load balancer) on ONE
 * PostgreSQL database with the same SESSION_SECRET: a session made on one is valid on the other,
 * a background export started on one is finished by the workers of either, and a file uploaded on
 * one downloads byte for byte from the other (blobs live in the database). See docs/scaling.md.
 *
 * PostgreSQL only (TEST_DATABASE_URL): embedded PGlite belongs to a single process.
 */
const enabled = Boolean(process.env.TEST_DATABASE_URL);
if (!enabled) console.log("two-instances.test.ts skipped: set TEST_DATABASE_URL (PGlite is single-process, two instances need PostgreSQL)");

const procurement = DEMO_USERS.find((u) => u.role === "procurement")!;

describe.skipIf(!enabled)("two instances on one PostgreSQL database", () => {
  let database: { url: string; drop: () => Promise<void> } | null = null;
  const servers: ServerProcess[] = [];
  const base = { a: "", b: "" };
  let sql: pg.Client;

  async function start(name: string): Promise<string> {
    const server = startServerProcess({
      DATABASE_URL: database!.url,
      PGLITE_DIR: undefined,
      PORT: "0",
      SESSION_SECRET: sharedSecret,
      PUBLIC_URL: undefined,
    });
    servers.push(server);
    const [, port] = await server.waitFor(/listening on http:\/\/localhost:(\d+)/, 90_000).catch((error: unknown) => {
      throw new Error(`instance ${name}: ${error instanceof Error ? error.message : String(error)}`);
    });
    return `http://127.0.0.1:${port}`;
  }
  const sharedSecret = randomBytes(32).toString("hex");

  beforeAll(async () => {
    database = await createEmptyPostgresDatabase();
    // A first (it migrates and seeds the empty database), then B on the same database.
    base.a = await start("A");
    base.b = await start("B");
    sql = new pg.Client({ connectionString: database!.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end().catch(() => {});
    for (const server of servers) {
      if (server.child.exitCode === null) {
        server.child.kill("SIGTERM");
        await server.exited;
      }
    }
    await database?.drop();
  });

  /** A client for instance B carrying the cookies (the session) that instance A set. */
  function sameSessionOn(baseUrl: string, from: TestClient): TestClient {
    const other = new TestClient(baseUrl);
    for (const [k, v] of from.cookies) other.cookies.set(k, v);
    return other;
  }

  it("accepts a session made on A on B, finishes an export started on A, and serves a file uploaded on A from B", async () => {
    const a = new TestClient(base.a);
    expect((await a.login(procurement.email, DEMO_PASSWORD)).status).toBe(302);
    expect((await a.page("/")).response.status).toBe(200);

    // 1. The session (a row in the database, signed with the shared secret) works on B.
    const b = sameSessionOn(base.b, a);
    const home = await b.page("/");
    expect(home.response.status).toBe(200);
    expect((await new TestClient(base.b).request("/")).status).toBe(302); // without the cookie: to the login page

    // 2. An export started on A: queued in pg-boss, run by the workers of either instance.
    await a.page("/reports");
    const started = await a.post("/reports", { report: "risk-register" });
    expect(started.status).toBe(302);
    const taskPath = started.headers.get("Location")!;
    const taskId = taskPath.match(/^\/tasks\/([0-9a-f-]{36})$/)![1]!;
    const deadline = Date.now() + 30_000;
    let status = "";
    while (Date.now() < deadline) {
      status = (await sql.query<{ status: string }>("select status from background_tasks where id = $1", [taskId])).rows[0]?.status ?? "";
      if (status === "succeeded" || status === "failed") break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe("succeeded");
    const exported = await b.request(`${taskPath}/download`); // and the file is in the shared blob store
    expect(exported.status).toBe(200);
    expect(Buffer.from(await exported.arrayBuffer()).subarray(0, 2).toString()).toBe("PK");

    // 3. Evidence uploaded on A, downloaded from B.
    const supplier = (
      await sql.query<{ id: string }>(
        "select s.id from suppliers s join organisations o on o.id = s.org_id where o.slug = 'demo' and s.is_vendor order by s.external_id limit 1",
      )
    ).rows[0]!;
    await a.page(`/suppliers/${supplier.id}/evidence`);
    const bytes = Buffer.concat([Buffer.from(FIXTURES.pdf), randomBytes(300_000)]);
    const form = new FormData();
    form.append("csrf", a.csrfToken!);
    form.append("kind", "other");
    form.append("file", new Blob([bytes], { type: "application/pdf" }), "two-instances.pdf");
    const uploaded = await a.request(`/suppliers/${supplier.id}/evidence/upload`, { method: "POST", body: form, headers: { Accept: "application/json" } });
    expect(uploaded.status).toBe(201);
    const { ids } = (await uploaded.json()) as { ids: string[] };
    expect(ids).toHaveLength(1);
    const download = await b.request(`/evidence/${ids[0]}/download`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });
});
