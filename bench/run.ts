/**
 * `npm run bench`: generates an organisation of BENCH_SUPPLIERS suppliers (default 50,000) once, then
 * runs every registered benchmark BENCH_RUNS times (default 5) next to its baseline, and prints, for
 * each, the median and p95 of both and the ratio of the medians. A JSON copy (with the machine, the
 * database and every sample) goes to bench/out/results.json, a Markdown table to bench/out/results.md.
 *
 * Database: DATABASE_URL when set (the organisation "bench" is replaced there, and deleted at the end
 * unless BENCH_KEEP=1), else a fresh embedded PGlite in a temporary directory.
 *
 * Environment: BENCH_SUPPLIERS, BENCH_RUNS, BENCH_SERVICES (500), BENCH_SEED (1),
 * BENCH_GENERATE_RUNS (runs of the generation benchmark; default BENCH_RUNS),
 * BENCH_ONLY (only benchmarks whose name contains this text), BENCH_KEEP=1, BENCH_OUT (output dir).
 *
 * Extension points: see SUITES below and `registerBenchmark` in bench/lib/harness.ts.
 */
// First: the in-process app must run React's production build, as `npm start` does.
import "../server/node-env";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { sql, type Kysely } from "kysely";
import { closeDatabase, describeDatabase, getDatabaseHandle, readDatabaseConfig } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import type { Database } from "../db/schema";
import { generateOrganisation } from "./generate";
import {
  instantiateBenchmarks,
  measureBenchmark,
  registerBenchmark,
  type BenchContext,
  type BenchmarkFactory,
  type BenchmarkResult,
} from "./lib/harness";
import { deleteOrganisation } from "./lib/org";
import { maxRssBytes, RssSampler } from "./lib/rss";
import { formatBytes, formatCount, formatMs, formatRatio } from "./lib/stats";
import { renderMarkdownTable, renderTable, type Column } from "./lib/table";

export { registerBenchmark, type BenchContext, type BenchmarkFactory };

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

/**
 * Extension points. Each suite is a module in bench/suites/ that calls `registerBenchmark` when
 * imported (or default-exports a BenchmarkFactory). Every *.ts file in bench/suites/ is loaded, in
 * name order; the ones below are the planned ones, listed as "not yet present" until they exist.
 */
export const SUITES: readonly { file: string; what: string }[] = [
  { file: "engine.ts", what: "engine recompute: the full resilience model over the generated graph (baseline: read the graph)" },
  { file: "pages.ts", what: "page latency under load with autocannon against the built app (baseline: /healthz on the same server)" },
  { file: "exports.ts", what: "the risk register export to xlsx (baseline: the exceljs streaming writer, same cells, no database)" },
  { file: "imports.ts", what: "portfolio import of suppliers and dependencies (baseline: parsing the same file only)" },
  { file: "uploads.ts", what: "evidence upload into the blob store (baseline: the same bytes to a bare http server that discards them)" },
];

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw.replace(/[_,]/g, ""));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not "${raw}"`);
  return value;
}

// ------------------------------------------------------------------------------------------------
// The two built-in benchmarks
// ------------------------------------------------------------------------------------------------

const GENERATE_SLUG = "bench-gen";
const SCRATCH_TABLE = "bench_scratch";

type ScratchTables = {
  bench_scratch: { id: number; payload: string };
};

registerBenchmark((ctx) => {
  const scratch = ctx.db.withTables<ScratchTables>();
  const rows = ctx.org.rows;
  const batchRows = 5_000;
  return {
    name: `generate ${formatCount(ctx.suppliers)} suppliers`,
    baselineName: `insert ${formatCount(rows)} bare rows`,
    runs: envInt("BENCH_GENERATE_RUNS", ctx.runs),
    warmup: 0,
    note:
      `generate: a whole organisation (${formatCount(rows)} rows in 13 tables, one transaction, after deleting the previous one untimed); ` +
      `baseline: the same number of (bigint, text) rows into an unindexed table, ${formatCount(batchRows)} per INSERT, one transaction`,
    async beforeEach(phase) {
      if (phase === "run") await deleteOrganisation(ctx.db, GENERATE_SLUG);
      else {
        await sql`create table if not exists ${sql.table(SCRATCH_TABLE)} (id bigint not null, payload text not null)`.execute(ctx.db);
        await sql`truncate ${sql.table(SCRATCH_TABLE)}`.execute(ctx.db);
      }
    },
    async run() {
      await generateOrganisation(ctx.db, { slug: GENERATE_SLUG, suppliers: ctx.suppliers, services: ctx.services, seed: ctx.seed });
    },
    async baseline() {
      await scratch.transaction().execute(async (trx) => {
        for (let start = 0; start < rows; start += batchRows) {
          const values = [];
          for (let i = start; i < Math.min(rows, start + batchRows); i++) values.push({ id: i, payload: `row ${i} of the bare-insert baseline` });
          await trx.insertInto("bench_scratch").values(values).execute();
        }
      });
    },
    async teardown() {
      await deleteOrganisation(ctx.db, GENERATE_SLUG);
      await sql`drop table if exists ${sql.table(SCRATCH_TABLE)}`.execute(ctx.db);
    },
  };
});

registerBenchmark((ctx) => {
  const { db } = ctx;
  const orgId = ctx.org.orgId;
  const counted = ["suppliers", "dependencies", "alternates", "internal_services", "service_suppliers"] as const;
  return {
    name: "read the graph",
    baselineName: "count(*) of the same tables",
    note: "the engine's input for one organisation: suppliers, dependencies, alternates, services and service links (5 queries, in sequence)",
    async run() {
      await db
        .selectFrom("suppliers")
        .select(["id", "name", "country", "is_vendor", "criticality", "declared_rto_min", "declared_rpo_min", "tested_rto_min", "tested_rpo_min", "tested_at"])
        .where("org_id", "=", orgId)
        .execute();
      await db.selectFrom("dependencies").select(["supplier_id", "depends_on_id", "supplies", "single_source", "buffer_min"]).where("org_id", "=", orgId).execute();
      await db
        .selectFrom("alternates")
        .select(["replaces_id", "alternate_id", "for_supplier_id", "for_service_id", "status", "switchover_min", "capacity_pct"])
        .where("org_id", "=", orgId)
        .execute();
      await db.selectFrom("internal_services").select(["id", "name", "required_rto_min", "required_rpo_min", "mtpd_min"]).where("org_id", "=", orgId).execute();
      await db.selectFrom("service_suppliers").select(["service_id", "supplier_id"]).where("org_id", "=", orgId).execute();
    },
    async baseline() {
      for (const table of counted) {
        await db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).where("org_id", "=", orgId).executeTakeFirstOrThrow();
      }
    },
  };
});

// ------------------------------------------------------------------------------------------------
// The run
// ------------------------------------------------------------------------------------------------

/**
 * Untimed, after the bulk load and after every benchmark: VACUUM ANALYZE, so each benchmark starts
 * with fresh planner statistics and no dead rows left by the one before. PostgreSQL's autovacuum
 * would get there eventually; PGlite has no autovacuum at all.
 */
async function settle(db: Kysely<Database>, log: (line: string) => void) {
  const t0 = performance.now();
  await sql`vacuum analyze`.execute(db);
  log(`vacuum analyze: ${formatMs(performance.now() - t0)}`);
}

async function loadSuites(log: (line: string) => void) {
  const dir = path.join(BENCH_DIR, "suites");
  const files = existsSync(dir) ? (await readdir(dir)).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts")).sort() : [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default?: unknown };
    if (typeof mod.default === "function") registerBenchmark(mod.default as BenchmarkFactory);
    log(`suite ${file} loaded`);
  }
  for (const suite of SUITES) if (!files.includes(suite.file)) log(`suite ${suite.file} not yet present (${suite.what})`);
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

function tableRows(results: BenchmarkResult[]) {
  const fmt = (r: BenchmarkResult, v: number) => (r.measure === "rss" ? formatBytes(v) : formatMs(v));
  return results.map((r) => [
    r.name,
    r.measure,
    String(r.runs),
    fmt(r, r.run.median),
    fmt(r, r.run.p95),
    r.baseline.name,
    fmt(r, r.baseline.median),
    fmt(r, r.baseline.p95),
    r.error ? `error: ${r.error}` : formatRatio(r.ratio),
  ]);
}

const COLUMNS: Column[] = [
  { header: "benchmark" },
  { header: "measure" },
  { header: "runs", align: "right" },
  { header: "median", align: "right" },
  { header: "p95", align: "right" },
  { header: "baseline" },
  { header: "baseline median", align: "right" },
  { header: "baseline p95", align: "right" },
  { header: "ratio", align: "right" },
];

async function main() {
  const wallStart = performance.now();
  const suppliers = envInt("BENCH_SUPPLIERS", 50_000);
  const runs = envInt("BENCH_RUNS", 5);
  const services = envInt("BENCH_SERVICES", 500);
  const seed = envInt("BENCH_SEED", 1);
  const only = process.env.BENCH_ONLY;
  const keep = process.env.BENCH_KEEP === "1";
  const outDir = path.resolve(process.env.BENCH_OUT ?? path.join(BENCH_DIR, "out"));
  const log = (line: string) => console.log(`[${((performance.now() - wallStart) / 1000).toFixed(1).padStart(6)} s] ${line}`);

  const tmpDir = await mkdtemp(path.join(os.tmpdir(), "resilience-bench-"));
  if (!process.env.DATABASE_URL) process.env.PGLITE_DIR = path.join(tmpDir, "pglite");
  const config = readDatabaseConfig();
  const handle = getDatabaseHandle();
  const { db } = handle;
  const rss = new RssSampler().start(50);
  let failed = false;
  try {
    log(`database: ${describeDatabase(config)}`);
    await migrateToLatest(db);
    const version = (await sql<{ v: string }>`select version() as v`.execute(db)).rows[0]?.v ?? "?";

    log(`generating the organisation "bench" with ${formatCount(suppliers)} suppliers (seed ${seed})…`);
    const org = await generateOrganisation(db, { slug: "bench", suppliers, services, seed, replace: true, onProgress: (m) => log(`  ${m}`) });
    log(`generated ${formatCount(org.rows)} rows in ${formatMs(org.elapsedMs)}`);
    await settle(db, log);

    const ctx: BenchContext = {
      db,
      handle,
      database: { kind: config.kind, label: describeDatabase(config), version },
      org,
      suppliers,
      services,
      seed,
      runs,
      tmpDir,
    };
    await loadSuites(log);
    const benchmarks = (await instantiateBenchmarks(ctx)).filter((b) => !only || b.name.includes(only));

    const results: BenchmarkResult[] = [];
    for (const b of benchmarks) {
      log(`${b.name} (vs ${b.baselineName})…`);
      const result = await measureBenchmark(b, runs, log);
      if (result.error) {
        failed = true;
        log(`  ✖ ${result.error}`);
      }
      results.push(result);
      await settle(db, log);
    }

    const wallMs = performance.now() - wallStart;
    const { peakRss } = rss.stop();
    const peak = Math.max(peakRss, maxRssBytes());
    const when = new Date();
    const header =
      `${formatCount(suppliers)} suppliers, ${runs} runs, ${ctx.database.label} (${version.split(" on ")[0]}), ` +
      `${machine().cpu} × ${machine().cores}, Node ${process.version}, ${when.toISOString()}`;
    console.log(`\n${header}\n\n${renderTable(COLUMNS, tableRows(results))}\n`);
    for (const r of results) if (r.note) console.log(`  ${r.name}: ${r.note}`);
    console.log(`\nwall time ${formatMs(wallMs)}, peak RSS ${formatBytes(peak)}`);

    await mkdir(outDir, { recursive: true });
    const report = {
      date: when.toISOString(),
      machine: machine(),
      database: ctx.database,
      suppliers,
      services,
      seed,
      runs,
      generated: { slug: org.slug, rows: org.rows, counts: org.counts, maxTier: org.maxTier, elapsedMs: org.elapsedMs },
      wallMs,
      peakRssBytes: peak,
      results,
    };
    await writeFile(path.join(outDir, "results.json"), `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(path.join(outDir, "results.md"), `${header}\n\n${renderMarkdownTable(COLUMNS, tableRows(results))}\n`);
    log(`written ${path.relative(process.cwd(), path.join(outDir, "results.json"))}`);
    if (config.kind === "postgres" && !keep) await deleteOrganisation(db, "bench");
  } catch (error) {
    failed = true;
    console.error(`✖ ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    rss.stop();
    await closeDatabase();
    if (!keep) await rm(tmpDir, { recursive: true, force: true });
    else log(`kept ${tmpDir}`);
  }
  if (failed) process.exitCode = 1;
}

const invokedPath = process.argv[1] ? path.resolve(process.argv[1]) : "";
if (invokedPath === fileURLToPath(import.meta.url)) await main();
