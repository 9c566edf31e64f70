import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { sql } from "kysely";
import { hashPassword } from "../../app/password.server";
import { createApp } from "../../server/app";
import { TestClient } from "../../test/support/http-client";
import { startServerProcess } from "../../test/support/server-process";
import { registerBenchmark, type BenchContext } from "../lib/harness";
import { treeCpuSeconds } from "../lib/proc";
import { ensureResultsComputed } from "../lib/results";
import { percentile } from "../lib/stats";

/*
 * Page latency under load: the real app over the Remix build in build/ (run `npm run build` first)
 * on the benchmark's database, a procurement user of the generated organisation logged in over HTTP,
 * and autocannon with 20 concurrent connections. On PostgreSQL the app runs as `npm start` runs it,
 * in server processes of its own (see pagesServer); on PGlite it runs in this process, sharing the
 * event loop with autocannon.
 *
 * Each page is a benchmark whose baseline is GET /healthz (a loader running `select 1`) on the same
 * server. The first (warm-up) call runs autocannon for 1 s to find the page's throughput; every
 * measured call then sends the same fixed number of requests (≈ BENCH_PAGE_SECONDS of the page,
 * default 3 s) to the page, and the baseline the same number to /healthz. The harness's ratio is thus
 * time(page) / time(/healthz) for the same number of requests = throughput(/healthz) / throughput(page);
 * the note gives latency p50 / p95 and requests/s of both and throughput(page) / throughput(/healthz).
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CONNECTIONS = 20;

export interface BenchServer {
  baseUrl: string;
  cookie: string;
  client: TestClient;
  userId: string;
  serverCpuSeconds?: () => number | null;
}

interface Running {
  baseUrl: string;
  stop(): Promise<void>;
  /** CPU seconds the server processes have used so far, when they are processes of their own. */
  serverCpuSeconds?: () => number | null;
}

let current: { kind: "in-process" | "processes"; ready: Promise<BenchServer & Running> } | null = null;

/**
 * The app in this process, listening on a free port, with a procurement user of the generated
 * organisation logged in. Started on first use; `stopBenchServer` closes it and removes the user.
 * The uploads suite uses it: its memory figures are this process's.
 */
export function benchServer(ctx: BenchContext): Promise<BenchServer> {
  return startOnce(ctx, "in-process");
}

/**
 * The server the pages are measured on. On PostgreSQL it is the app as `npm start` runs it, in its own
 * process, so the load generator does not share the server's event loop; BENCH_WEB_CONCURRENCY
 * (default 1, as npm start) sets WEB_CONCURRENCY. On the 2-core machine of docs/benchmarks.md two
 * processes were no faster: autocannon and PostgreSQL already use the second core.
 * Embedded PGlite is a database inside this process, so there the app runs in this process too.
 */
function pagesServer(ctx: BenchContext): Promise<BenchServer> {
  return startOnce(ctx, ctx.database.kind === "postgres" ? "processes" : "in-process");
}

const pagesServerProcesses = () => Number(process.env.BENCH_WEB_CONCURRENCY ?? 1);

function startOnce(ctx: BenchContext, kind: "in-process" | "processes"): Promise<BenchServer> {
  if (current) {
    if (current.kind !== kind) throw new Error(`a ${current.kind} bench server is running; stop it first`);
    return current.ready;
  }
  const ready = (async () => {
    if (!existsSync(path.join(ROOT, "build/index.js"))) throw new Error("build/index.js is missing: run `npm run build` first");
    // Pages are measured with the organisation's results in place (findings, risk scores), as users see them.
    await ensureResultsComputed(ctx);
    const running = kind === "processes" ? await startProcesses(pagesServerProcesses()) : await startInProcess();
    try {
      return { ...running, ...(await logInBenchUser(ctx, running.baseUrl)) };
    } catch (error) {
      await running.stop();
      throw error;
    }
  })();
  current = { kind, ready };
  return ready;
}

async function startInProcess(): Promise<Running> {
  const build = (await import(pathToFileURL(path.join(ROOT, "build/index.js")).href)) as Parameters<typeof createApp>[0]["build"];
  const app = createApp({ build, rootDir: ROOT, mode: "production" });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** server/index.ts on this run's DATABASE_URL: no demo data, no background workers. */
async function startProcesses(processes: number): Promise<Running> {
  const server = startServerProcess({
    DATABASE_URL: process.env.DATABASE_URL,
    PORT: "0",
    SEED_DEMO: "false",
    RUN_WORKERS: "false",
    WEB_CONCURRENCY: String(processes),
  });
  const stop = async () => {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  };
  try {
    const [, port] = await server.waitFor(/listening on http:\/\/localhost:(\d+)/, 120_000);
    console.log(`  (pages: the app in ${processes} server process${processes === 1 ? "" : "es"} of its own, WEB_CONCURRENCY=${processes})`);
    const pid = server.child.pid!;
    return { baseUrl: `http://127.0.0.1:${port}`, stop, serverCpuSeconds: () => treeCpuSeconds(pid) };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function logInBenchUser(ctx: BenchContext, baseUrl: string): Promise<BenchServer> {
  const email = `bench-${randomBytes(6).toString("hex")}@bench.example`;
  const password = randomBytes(18).toString("base64url");
  const user = await ctx.db
    .insertInto("users")
    .values({ email, name: "Benchmark buyer", password_hash: await hashPassword(password) })
    .returning("id")
    .executeTakeFirstOrThrow();
  await ctx.db.insertInto("memberships").values({ org_id: ctx.org.orgId, user_id: user.id, role: "procurement" }).execute();
  const client = new TestClient(baseUrl);
  const login = await client.login(email, password);
  if (login.status >= 400 || client.cookies.size === 0) throw new Error(`login failed: HTTP ${login.status}`);
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const home = await client.page("/");
  if (home.response.status !== 200) throw new Error(`GET / after login: HTTP ${home.response.status}`);
  return { baseUrl, cookie, client, userId: user.id };
}

/** Stops the server and removes the benchmark user with its sessions, audit events and uploads. */
export async function stopBenchServer(ctx: BenchContext): Promise<void> {
  if (!current) return;
  const { ready } = current;
  current = null;
  const info = await ready.catch(() => null);
  if (!info) return;
  await info.stop();
  const superuser = (await sql<{ on: string }>`select current_setting('is_superuser') as on`.execute(ctx.db)).rows[0]?.on === "on";
  try {
    await ctx.db.transaction().execute(async (trx) => {
      // audit_events is append-only (a trigger); with triggers off, as a superuser, the benchmark's own
      // events go too, so that the generated organisation can be deleted or replaced afterwards.
      if (superuser) await sql`set local session_replication_role = replica`.execute(trx);
      const uploads = trx.selectFrom("evidence").select("storage_key").where("uploaded_by", "=", info.userId);
      await trx.deleteFrom("blob_chunks").where("storage_key", "in", uploads).execute();
      await trx.deleteFrom("evidence").where("uploaded_by", "=", info.userId).execute();
      if (superuser) await trx.deleteFrom("audit_events").where("actor_user_id", "=", info.userId).execute();
      await trx.deleteFrom("sessions").where("user_id", "=", info.userId).execute();
      await trx.deleteFrom("memberships").where("user_id", "=", info.userId).execute();
      if (superuser) await trx.deleteFrom("users").where("id", "=", info.userId).execute();
    });
  } catch (error) {
    console.warn(`  (could not remove the benchmark user: ${error instanceof Error ? error.message : String(error)})`);
  }
}

interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  /** Server CPU per request (all its processes), NaN when the app runs in this process. */
  cpuMs: number;
}

/**
 * autocannon against one path, for a duration (seconds) or a number of requests. autocannon checks
 * for the end on its sampling tick (default 1 s, which would round every call up to whole seconds):
 * sampled every 25 ms instead. Every response must be 2xx. Throughput = responses / wall time.
 */
async function load(target: BenchServer, pathAndQuery: string, limit: { duration: number } | { amount: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  const cpu0 = target.serverCpuSeconds?.() ?? null;
  const t0 = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${target.baseUrl}${pathAndQuery}`,
        connections: CONNECTIONS,
        headers: { cookie: target.cookie, accept: "text/html" },
        timeout: 120,
        sampleInt: 25,
        ...limit,
      },
      (error, done) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done)),
    );
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  });
  const seconds = (performance.now() - t0) / 1000;
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) throw new Error(`${pathAndQuery}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts of ${result.requests.total}`);
  const cpu1 = target.serverCpuSeconds?.() ?? null;
  const cpuMs = cpu0 === null || cpu1 === null ? Number.NaN : ((cpu1 - cpu0) * 1000) / latencies.length;
  return { requests: latencies.length, seconds, rps: latencies.length / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95), cpuMs };
}

function medianOf(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : Number.NaN;
}

registerBenchmark(async (ctx) => {
  const seconds = Number(process.env.BENCH_PAGE_SECONDS ?? 3);
  const vendor = await ctx.db
    .selectFrom("suppliers")
    .select(["id", "external_id"])
    .where("org_id", "=", ctx.org.orgId)
    .where("is_vendor", "=", true)
    .orderBy("external_id")
    .executeTakeFirstOrThrow();
  const top = await ctx.db
    .selectFrom("suppliers")
    .select(["country", (eb) => eb.fn.countAll<number>().as("n")])
    .where("org_id", "=", ctx.org.orgId)
    .where("country", "is not", null)
    .groupBy("country")
    .orderBy("n", "desc")
    .executeTakeFirstOrThrow();
  // A deep page of the largest country's list (PAGE_SIZE 50 in app/routes/suppliers._index.tsx).
  const deepPage = Math.max(1, Math.floor((Number(top.n) / 50) * 0.9));
  const pages: { label: string; path: string }[] = [
    { label: "dashboard /", path: "/" },
    { label: "/suppliers", path: "/suppliers" },
    { label: `/suppliers?country=${top.country}&page=${deepPage}`, path: `/suppliers?country=${top.country}&page=${deepPage}` },
    { label: `supplier detail /suppliers/:id (${vendor.external_id})`, path: `/suppliers/${vendor.id}` },
    { label: "/map", path: "/map" },
    // The map page fetches its nodes and edges from here (the browser asks right after the page).
    { label: "/map/graph.json (the map's data)", path: "/map/graph.json" },
  ];

  return pages.map((page) => {
    let amount = 0;
    const measured = { run: [] as LoadResult[], baseline: [] as LoadResult[] };
    const bench = {
      name: `page ${page.label} (${CONNECTIONS} clients)`,
      baselineName: "/healthz, same number of requests",
      runs: Math.min(ctx.runs, 3),
      note: "",
      async run() {
        const target = await pagesServer(ctx);
        if (amount === 0) {
          // Warm-up: one request first (a page's first request may build a cache, e.g. the map's
          // graph, which would make the 1-second probe too short to count), then find the page's
          // throughput and size the measured runs to ≈ `seconds` each.
          const first = await fetch(`${target.baseUrl}${page.path}`, { headers: { cookie: target.cookie } });
          await first.arrayBuffer();
          if (!first.ok) throw new Error(`GET ${page.path}: HTTP ${first.status}`);
          const probe = await load(target, page.path, { duration: 1 });
          amount = Math.max(CONNECTIONS, Math.min(50_000, Math.round(probe.rps * seconds)));
          return;
        }
        measured.run.push(await load(target, page.path, { amount }));
      },
      async baseline() {
        const target = await pagesServer(ctx);
        if (amount === 0) throw new Error("run() must come first");
        measured.baseline.push(await load(target, "/healthz", { amount }));
      },
      async teardown() {
        await stopBenchServer(ctx);
        // The first baseline call is the warm-up.
        const runs = measured.run;
        const bases = measured.baseline.slice(1);
        const f = (xs: LoadResult[], k: keyof LoadResult) => medianOf(xs.map((x) => x[k]));
        if (runs.length && bases.length) {
          bench.note =
            `${amount} requests per call; page: p50 ${f(runs, "p50").toFixed(1)} ms, p95 ${f(runs, "p95").toFixed(1)} ms, ${f(runs, "rps").toFixed(0)} req/s; ` +
            `/healthz: p50 ${f(bases, "p50").toFixed(1)} ms, p95 ${f(bases, "p95").toFixed(1)} ms, ${f(bases, "rps").toFixed(0)} req/s; ` +
            `throughput page / healthz = ${(f(runs, "rps") / f(bases, "rps")).toFixed(3)}` +
            (Number.isNaN(f(runs, "cpuMs")) ? "" : `; server CPU per request: page ${f(runs, "cpuMs").toFixed(2)} ms, /healthz ${f(bases, "cpuMs").toFixed(2)} ms`);
          console.log(`  ${bench.name}: ${bench.note}`);
        }
      },
    };
    return bench;
  });
});
