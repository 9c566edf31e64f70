import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed/demo-data";
import { webConcurrency } from "../../server/web-concurrency";
import { createEmptyPostgresDatabase } from "../support/database";
import { TestClient } from "../support/http-client";
import { startServerProcess, type ServerProcess } from "../support/server-process";

/*
 * WEB_CONCURRENCY=2: `npm start` runs two server processes on one port (node:cluster). Requests are
 * dealt to them in turn, so a form rendered by one is often posted to the other: that only works if
 * they share the CSRF secret, which the primary makes up when SESSION_SECRET is not set.
 */
const procurement = DEMO_USERS.find((u) => u.role === "procurement")!;
const stops: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

async function stopServer(server: ServerProcess) {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill("SIGTERM");
    await server.exited;
  }
}

function childPids(pid: number): number[] {
  try {
    return execFileSync("pgrep", ["-P", String(pid)]).toString().trim().split("\n").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

describe("WEB_CONCURRENCY", () => {
  it("reads a whole number of processes, one by default, and only one on the embedded database", () => {
    expect(webConcurrency(undefined, "postgres")).toBe(1);
    expect(webConcurrency("", "postgres")).toBe(1);
    expect(webConcurrency("3", "postgres")).toBe(3);
    expect(webConcurrency("2", "pglite")).toBe(1);
    expect(() => webConcurrency("0", "postgres")).toThrow(/positive whole number/);
    expect(() => webConcurrency("two", "postgres")).toThrow(/positive whole number/);
  });

  it("refuses a bad value at start-up with a clear message", async () => {
    const server = startServerProcess({ DATABASE_URL: "postgres://nobody@127.0.0.1:1/none", WEB_CONCURRENCY: "many", PORT: "0" });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('WEB_CONCURRENCY must be a positive whole number, not "many"');
  });

  it.skipIf(Boolean(process.env.TEST_DATABASE_URL))("runs one process on PGlite and says why", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "portal-concurrency-"));
    const server = startServerProcess({ DATABASE_URL: undefined, PGLITE_DIR: dir, PORT: "0", WEB_CONCURRENCY: "2" });
    stops.push(async () => {
      await stopServer(server);
      rmSync(dir, { recursive: true, force: true });
    });
    const [, port] = await server.waitFor(/listening on http:\/\/localhost:(\d+)/, 120_000);
    expect(server.output()).toContain("WEB_CONCURRENCY is ignored with the embedded database");
    expect(server.output()).not.toContain("Starting 2 server processes");
    const client = new TestClient(`http://127.0.0.1:${port}`);
    expect((await client.login(procurement.email, DEMO_PASSWORD)).status).toBe(302);
  }, 180_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "on PostgreSQL serves from two processes that accept each other's forms, and replaces one that dies",
    async () => {
      const database = (await createEmptyPostgresDatabase())!;
      const server = startServerProcess({ DATABASE_URL: database.url, PORT: "0", WEB_CONCURRENCY: "2", PGLITE_DIR: undefined });
      stops.push(async () => {
        await stopServer(server);
        await database.drop();
      });
      const [, port] = await server.waitFor(/listening on http:\/\/localhost:(\d+)/, 120_000);
      const baseUrl = `http://127.0.0.1:${port}`;
      expect(server.output()).toContain("Starting 2 server processes");
      // The primary prepared the database once: one seed, one first computation.
      expect(server.output().match(/Demo organisation created/g)).toHaveLength(1);
      expect(childPids(server.child.pid!)).toHaveLength(2);

      // Each login is a GET of the form and a POST of it: with separate secrets about half would be 403.
      for (let i = 0; i < 8; i++) {
        const client = new TestClient(baseUrl);
        const login = await client.login(procurement.email, DEMO_PASSWORD);
        expect(login.status, `login ${i + 1}`).toBe(302);
        expect((await client.page("/suppliers")).response.status).toBe(200);
      }

      const [victim] = childPids(server.child.pid!);
      process.kill(victim!, "SIGKILL");
      await server.waitFor(/exited \(SIGKILL\); starting another/, 30_000);
      await expect.poll(() => childPids(server.child.pid!).filter((pid) => pid !== victim).length, { timeout: 60_000 }).toBe(2);
      const client = new TestClient(baseUrl);
      for (let i = 0; i < 4; i++) expect((await client.login(procurement.email, DEMO_PASSWORD)).status).toBe(302);
    },
    240_000,
  );
});
