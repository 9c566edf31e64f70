import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { finished } from "node:stream/promises";
import { sql, type Kysely } from "kysely";
import { applyPortfolioImport } from "../../app/data/portfolio.server";
import type { DependencyRow, SupplierRow } from "../../app/domain/portfolio/format";
import { parsePortfolioUpload, writePortfolioWorkbook } from "../../app/domain/portfolio";
import type { Database } from "../../db/schema";
import { registerBenchmark } from "../lib/harness";
import { deleteOrganisation } from "../lib/org";
import { RssSampler } from "../lib/rss";
import { formatBytes, formatCount } from "../lib/stats";

/*
 * A portfolio import (the Excel workbook of docs/import-format.md) of NEW suppliers and dependencies
 * into an empty throw-away organisation: parse + validate + diff + write in one transaction
 * (applyPortfolioImport), against parsing the same file only (parsePortfolioUpload).
 *
 * Size: 2 × BENCH_SUPPLIERS rows, at most 100,000: half suppliers, half dependencies (one per
 * supplier). The workbook is written once, untimed, with exceljs' streaming writer (the app's own
 * writePortfolioWorkbook); the organisation's rows are deleted untimed before every import.
 */
const IMPORT_SLUG = "bench-import";

function* supplierRows(n: number): Generator<SupplierRow> {
  const countries = ["DE", "FR", "PL", "CN", "TW", "US", "JP", "IT"];
  for (let i = 0; i < n; i++) {
    yield {
      supplierId: `IMP-${String(i + 1).padStart(6, "0")}`,
      name: `Import Supplier ${i + 1} GmbH`,
      country: countries[i % countries.length]!,
      isVendor: i % 10 === 0,
      criticality: (["critical", "high", "medium", "low"] as const)[i % 4]!,
      contactEmail: i % 3 === 0 ? `bcm${i + 1}@supplier.example` : null,
      declaredRtoMin: i % 5 === 0 ? null : 60 * (1 + (i % 48)),
      declaredRpoMin: i % 5 === 0 ? null : 15 * (1 + (i % 8)),
      lei: null,
      duns: null,
      website: i % 7 === 0 ? `https://supplier${i + 1}.example` : null,
    };
  }
}

function* dependencyRows(n: number): Generator<DependencyRow> {
  for (let i = 0; i < n; i++) {
    const to = (i + 1 + ((i * 7_919) % (n - 1))) % n; // never i itself; one edge per supplier
    yield {
      supplierId: `IMP-${String(i + 1).padStart(6, "0")}`,
      dependsOnId: `IMP-${String(to + 1).padStart(6, "0")}`,
      supplies: i % 2 === 0 ? "Electronic components" : "Logistics",
      singleSource: i % 4 === 0,
      bufferMin: (i % 10) * 60 * 24,
    };
  }
}

async function isSuperuser(db: Kysely<Database>): Promise<boolean> {
  return (await sql<{ on: string }>`select current_setting('is_superuser') as on`.execute(db)).rows[0]?.on === "on";
}

/** Deletes what an import wrote into the organisation (nothing else references its rows). */
async function clearImportedRows(db: Kysely<Database>, orgId: string): Promise<void> {
  const superuser = await isSuperuser(db);
  await db.transaction().execute(async (trx) => {
    // Foreign-key triggers off: otherwise every deleted supplier checks unindexed referencing columns.
    if (superuser) await sql`set local session_replication_role = replica`.execute(trx);
    await trx.deleteFrom("dependencies").where("org_id", "=", orgId).execute();
    await trx.deleteFrom("suppliers").where("org_id", "=", orgId).execute();
  });
}

registerBenchmark((ctx) => {
  const totalRows = Math.min(2 * ctx.suppliers, 100_000);
  const n = Math.floor(totalRows / 2);
  const file = path.join(ctx.tmpDir, "portfolio-import.xlsx");
  let orgId: string | null = null;
  let written = false;
  const rss = { run: [] as number[], baseline: [] as number[] };
  const secs = { run: [] as number[], baseline: [] as number[] };
  let absolutePeak = 0;

  async function prepare() {
    if (!written) {
      const out = createWriteStream(file);
      const closed = finished(out);
      await writePortfolioWorkbook(out, { suppliers: supplierRows(n), dependencies: dependencyRows(n) });
      await closed;
      written = true;
    }
    if (!orgId) {
      const existing = await ctx.db.selectFrom("organisations").select("id").where("slug", "=", IMPORT_SLUG).executeTakeFirst();
      orgId =
        existing?.id ??
        (await ctx.db.insertInto("organisations").values({ slug: IMPORT_SLUG, name: "Benchmark import" }).returning("id").executeTakeFirstOrThrow()).id;
    }
  }

  async function measured(phase: "run" | "baseline", body: () => Promise<void>) {
    const sampler = new RssSampler().start(10);
    const t0 = performance.now();
    await body();
    secs[phase].push((performance.now() - t0) / 1000);
    const { startRss, peakRss } = sampler.stop();
    rss[phase].push(Math.max(0, peakRss - startRss));
    absolutePeak = Math.max(absolutePeak, peakRss);
  }

  async function parse() {
    const parsed = await parsePortfolioUpload({ path: file }, { fileName: "portfolio.xlsx" });
    if (parsed.status !== "parsed") throw new Error(`import file rejected: ${parsed.message}`);
    if (parsed.problemCount > 0) throw new Error(`import file has ${parsed.problemCount} problems: ${JSON.stringify(parsed.problems.slice(0, 3))}`);
    return parsed;
  }

  const bench = {
    name: `portfolio import of ${formatCount(2 * n)} rows (xlsx)`,
    baselineName: "parse the same file only",
    runs: Math.min(ctx.runs, 3),
    note: "",
    async beforeEach(phase: "run" | "baseline") {
      await prepare();
      if (phase === "run") await clearImportedRows(ctx.db, orgId!);
    },
    async run() {
      await measured("run", async () => {
        const outcome = await applyPortfolioImport(ctx.db, orgId!, null, await parse(), { fileName: "portfolio.xlsx" });
        if (outcome.status !== "applied") throw new Error(`import not applied: ${JSON.stringify(outcome).slice(0, 500)}`);
      });
    },
    async baseline() {
      await measured("baseline", async () => {
        await parse();
      });
    },
    async teardown() {
      const med = (xs: number[]) => {
        const s = xs.slice(1).sort((a, b) => a - b); // the first is the warm-up
        return s.length ? s[Math.floor((s.length - 1) / 2)]! : Number.NaN;
      };
      bench.note =
        `${formatCount(n)} suppliers + ${formatCount(n)} dependencies, new external ids, into an empty organisation; ` +
        `peak RSS growth: import first call ${formatBytes(rss.run[0] ?? 0)}, median ${formatBytes(med(rss.run))}; ` +
        `parse only first call ${formatBytes(rss.baseline[0] ?? 0)}, median ${formatBytes(med(rss.baseline))}; absolute peak RSS ${formatBytes(absolutePeak)}; ` +
        `import ${med(secs.run).toFixed(2)} s vs parse ${med(secs.baseline).toFixed(2)} s`;
      console.log(`  ${bench.name}: ${bench.note}`);
      await rm(file, { force: true });
      if (orgId) {
        await clearImportedRows(ctx.db, orgId);
        // The import's audit event keeps the organisation (audit_events is append-only); as a superuser,
        // with triggers off, remove it so the throw-away organisation can go.
        if (await isSuperuser(ctx.db)) {
          await ctx.db.transaction().execute(async (trx) => {
            await sql`set local session_replication_role = replica`.execute(trx);
            await trx.deleteFrom("audit_events").where("org_id", "=", orgId!).execute();
          });
          await deleteOrganisation(ctx.db, IMPORT_SLUG);
        }
      }
    },
  };
  return bench;
});
